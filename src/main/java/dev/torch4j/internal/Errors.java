package dev.torch4j.internal;

import dev.torch4j.TorchException;
import dev.torch4j.TorchIndexException;
import dev.torch4j.TorchNotImplementedException;
import dev.torch4j.TorchTypeException;
import dev.torch4j.TorchValueException;
import java.util.regex.Pattern;

/**
 * Turns what JavaCPP throws for a C++ exception (a plain {@link RuntimeException} carrying
 * {@code what()}) into a {@link TorchException} with libtorch's whole message and no C++ backtrace.
 * Java's own exceptions (subclasses of RuntimeException: bugs, closed tensors, null arguments) pass
 * through unchanged.
 *
 * <p>Python raises IndexError, ValueError, TypeError or NotImplementedError where libtorch throws
 * {@code c10::IndexError} and its siblings; JavaCPP keeps only the text, so the kind is read back from
 * it: a plain {@code TORCH_CHECK} fails through {@code c10::detail::torchCheckFail} (a RuntimeError,
 * whatever its words) and an internal assert through {@code torchInternalAssertFail}; the typed checks
 * throw directly. Of those, libtorch's NotImplementedError, ValueError and TypeError messages have
 * known shapes; the rest are {@code TORCH_CHECK_INDEX}, the common one (IndexError).
 */
public final class Errors {
    private static final String BACKTRACE = "Exception raised from ";
    private static final Pattern NOT_IMPLEMENTED = Pattern.compile(
            "(?s)^(Could not run '|\"[^\"]+\" not implemented for '|.*\\bis not implemented\\b|NotImplementedError)");
    private static final Pattern VALUE = Pattern.compile(
            "(?s)^(ValueError|Expected input batch_size|.*expected a non-empty list of Tensors|step must be greater than zero)");
    private static final Pattern TYPE = Pattern.compile("(?s)^(TypeError|Expected a value of type)");
    /** c10d's communication failures, also when they surface inside backward() through DDP's hooks. */
    private static final Pattern DIST = Pattern.compile(
            "(?s)^\\[[^\\]]*(Gloo|gloo|NCCL|nccl)|Connection closed by peer|ProcessGroupGloo|ProcessGroupNCCL");

    private Errors() {
    }

    /** @return the exception to throw in place of {@code e} */
    public static RuntimeException translate(RuntimeException e) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        String what = e.getMessage() == null ? "" : e.getMessage();
        int cut = what.indexOf(BACKTRACE);
        String message = (cut < 0 ? what : what.substring(0, cut)).strip();
        String trace = cut < 0 ? "" : what.substring(cut);
        if (DIST.matcher(message).find()) {
            return new dev.torch4j.distributed.DistBackendError(message, e);
        }
        boolean plainCheck = trace.isEmpty() || trace.contains("torchCheckFail")
                || trace.contains("torchInternalAssertFail");
        if (plainCheck) {
            return new TorchException(message, e);
        }
        if (NOT_IMPLEMENTED.matcher(message).find()) {
            return new TorchNotImplementedException(message, e);
        }
        if (VALUE.matcher(message).find()) {
            return new TorchValueException(message, e);
        }
        if (TYPE.matcher(message).find()) {
            return new TorchTypeException(message, e);
        }
        return new TorchIndexException(message, e);
    }
}
