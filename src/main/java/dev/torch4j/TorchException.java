package dev.torch4j;

/**
 * An error raised by libtorch itself, carrying the first line of the C++ message.
 *
 * <p>Arguments that torch4j can check in Java are rejected earlier with an
 * {@link IllegalArgumentException}; this exception is for what only libtorch can see.
 */
public class TorchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the first line of the native error message */
    public TorchException(String message) {
        super(message);
    }

    /**
     * @param message the first line of the native error message
     * @param cause   the exception the native layer threw
     */
    public TorchException(String message, Throwable cause) {
        super(message, cause);
    }
}
