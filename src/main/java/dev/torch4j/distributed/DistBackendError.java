package dev.torch4j.distributed;

/**
 * Raised when a collective or its process group failed: a peer closed the connection (it died), a collective timed out, or the backend refused the call, mirroring {@code torch.distributed.DistBackendError}. The message is libtorch's first line.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.DistBackendError">torch.distributed.DistBackendError</a>
 */
public class DistBackendError extends DistError {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, libtorch's message
     * @param cause   the native exception, or null
     */
    public DistBackendError(String message, Throwable cause) {
        super(message, cause);
    }
}
