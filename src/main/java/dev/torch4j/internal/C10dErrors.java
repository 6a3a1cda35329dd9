package dev.torch4j.internal;

import dev.torch4j.TorchException;
import dev.torch4j.distributed.DistBackendError;
import dev.torch4j.distributed.DistNetworkError;
import dev.torch4j.distributed.DistStoreError;
import java.util.Locale;

/**
 * Turns what c10d throws into torch4j's {@code Dist*Error}s, carrying the first line of libtorch's
 * message (the rest is a C++ backtrace). The binding loses the C++ type (c10d's own
 * {@code DistNetworkError}, {@code DistStoreError}, {@code DistBackendError}), so the kind comes from
 * where the error happened: a store operation, a rendezvous, a collective.
 */
final class C10dErrors {
    private C10dErrors() {
    }

    /** A failure of a collective, of waiting on one, or of a backend's construction. */
    static RuntimeException backend(RuntimeException e) {
        if (e instanceof TorchException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e;
        }
        return new DistBackendError(firstLine(e), e);
    }

    /** A failure of a store operation: a network error when the connection is the problem. */
    static RuntimeException store(RuntimeException e) {
        if (e instanceof TorchException || e instanceof IllegalStateException) {
            return e;
        }
        String m = firstLine(e);
        return isNetwork(m) ? new DistNetworkError(m, e) : new DistStoreError(m, e);
    }

    /** A failure while making a TCP store: binding, connecting, or waiting for the clients. */
    static RuntimeException rendezvous(RuntimeException e) {
        String m = firstLine(e);
        return m.toLowerCase(Locale.ROOT).contains("waiting for clients") ? new DistStoreError(m, e)
                : new DistNetworkError(m, e);
    }

    /**
     * A failure inside DDP's reducer: libtorch's explanation (often several lines, naming the unused
     * parameters) as a {@link TorchException}, or a {@link DistBackendError} when communication failed.
     */
    static RuntimeException reducer(RuntimeException e) {
        if (e instanceof TorchException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e;
        }
        RuntimeException t = Errors.translate(e);
        String l = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (l.contains("gloo") || l.contains("nccl") || l.contains("connection") || l.contains("timed out")) {
            return new DistBackendError(t.getMessage(), e);
        }
        return t;
    }

    private static boolean isNetwork(String m) {
        String l = m.toLowerCase(Locale.ROOT);
        return l.contains("socket") || l.contains("connect") || l.contains("broken pipe") || l.contains("address");
    }

    /** The first line of libtorch's message (c10d's own errors are one line; the rest is a backtrace). */
    static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** libtorch's whole message without the C++ backtrace, as {@link Errors} reads it. */
    static String message(RuntimeException e) {
        return Errors.translate(e).getMessage();
    }
}
