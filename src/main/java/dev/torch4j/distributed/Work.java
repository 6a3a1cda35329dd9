package dev.torch4j.distributed;

import dev.torch4j.internal.C10dWork;
import java.time.Duration;

/**
 * A collective issued asynchronously (the {@code ...Async} methods of {@code dev.torch4j.Distributed}),
 * mirroring {@code torch.distributed.Work}: the tensors it writes hold their results once
 * {@link #await()} returns. Python's {@code wait()} is {@code await()} here ({@code Object.wait} is taken).
 * Closing releases the native handle early; an unclosed one is released by the garbage collector.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.Work">torch.distributed.Work</a>
 */
public final class Work implements AutoCloseable {
    static {
        Bridge.install();
    }

    private final C10dWork work;

    Work(C10dWork work) {
        this.work = work;
    }

    /**
     * Blocks until the collective completed, like {@code work.wait()}.
     *
     * @return true
     * @throws DistBackendError when the collective failed (a peer died) or exceeded the group's timeout
     */
    public boolean await() {
        return work.await(null);
    }

    /**
     * Blocks until the collective completed or {@code timeout} passed, like {@code work.wait(timeout)}.
     *
     * @param timeout the longest wait
     * @return true
     * @throws DistBackendError when the collective failed, or did not complete within {@code timeout}
     *                          (libtorch's "Operation timed out!")
     */
    public boolean await(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null; use await() to wait without one");
        }
        return work.await(timeout);
    }

    /** @return whether the collective completed (successfully or not), like {@code work.is_completed()} */
    public boolean isCompleted() {
        return work.isCompleted();
    }

    /** Releases the native handle; the collective itself runs on. Closing twice is harmless. */
    @Override
    public void close() {
        work.close();
    }
}
