package dev.torch4j;

/**
 * What Python raises as {@code TypeError} for a libtorch error: a {@link TorchException} carrying
 * libtorch's message.
 */
public class TorchTypeException extends TorchException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message libtorch's message, without its C++ backtrace
     * @param cause   the exception the native layer threw
     */
    public TorchTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
