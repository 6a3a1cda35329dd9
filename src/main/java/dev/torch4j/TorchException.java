package dev.torch4j;

/**
 * An error raised by libtorch itself, like Python's {@code RuntimeError} from torch: it carries
 * libtorch's whole message, without the C++ backtrace. Where Python raises {@code IndexError},
 * {@code ValueError}, {@code TypeError} or {@code NotImplementedError} instead, the subclass of that
 * name is thrown ({@link TorchIndexException}, {@link TorchValueException}, {@link TorchTypeException},
 * {@link TorchNotImplementedException}).
 */
public class TorchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message libtorch's message */
    public TorchException(String message) {
        super(message);
    }

    /**
     * @param message libtorch's message, without its C++ backtrace
     * @param cause   the exception the native layer threw
     */
    public TorchException(String message, Throwable cause) {
        super(message, cause);
    }
}
