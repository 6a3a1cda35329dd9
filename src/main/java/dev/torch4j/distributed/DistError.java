package dev.torch4j.distributed;

import dev.torch4j.TorchException;

/**
 * The base of the errors of {@code torch.distributed}, mirroring {@code torch.distributed.DistError}:
 * {@link DistBackendError}, {@link DistStoreError} and {@link DistNetworkError}. A peer that dies or
 * never starts surfaces as one of these within the timeout, never as a hang or a crash.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.DistError">torch.distributed.DistError</a>
 */
public class DistError extends TorchException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, libtorch's message
     * @param cause   the native exception, or null
     */
    public DistError(String message, Throwable cause) {
        super(message, cause);
    }
}
