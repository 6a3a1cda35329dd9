package dev.torch4j.distributed;

/**
 * Raised when a store could not be reached or served: the server did not answer in time, the port could not be bound, or the connection broke, mirroring {@code torch.distributed.DistNetworkError}. The message is libtorch's first line.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.DistNetworkError">torch.distributed.DistNetworkError</a>
 */
public class DistNetworkError extends DistError {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, libtorch's message
     * @param cause   the native exception, or null
     */
    public DistNetworkError(String message, Throwable cause) {
        super(message, cause);
    }
}
