package dev.torch4j.distributed;

/**
 * Raised when a key-value store operation failed, typically a wait or a rendezvous that timed out, mirroring {@code torch.distributed.DistStoreError}. The message is libtorch's first line.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.DistStoreError">torch.distributed.DistStoreError</a>
 */
public class DistStoreError extends DistError {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, libtorch's message
     * @param cause   the native exception, or null
     */
    public DistStoreError(String message, Throwable cause) {
        super(message, cause);
    }
}
