package dev.torch4j.internal;

import java.time.Duration;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Work;

/** One issued c10d collective ({@code c10d::Work}); the tensors it works on are kept alive by C++. */
public final class C10dWork implements AutoCloseable {
    private Work work;
    private final int sourceRank;

    C10dWork(Work work) {
        this(work, -1);
    }

    C10dWork(Work work, int sourceRank) {
        this.work = work;
        this.sourceRank = sourceRank;
    }

    private synchronized Work work() {
        if (work == null) {
            throw new IllegalStateException("the Work was closed");
        }
        return work;
    }

    /**
     * Blocks until done, like {@code work.wait(timeout)}; {@code null} waits as long as the collective's
     * own timeout allows.
     *
     * @return true
     * @throws dev.torch4j.distributed.DistBackendError when the collective failed or timed out
     */
    public boolean await(Duration timeout) {
        Work w = work();
        try {
            if (timeout == null) {
                return w._wait();
            }
            try (Milliseconds ms = C10dStore.millis(timeout)) {
                return w._wait(ms);
            }
        } catch (RuntimeException e) {
            throw C10dErrors.backend(e);
        }
    }

    public boolean isCompleted() {
        return work().isCompleted();
    }

    /** The rank a receive from any source got its data from; -1 for other operations. */
    public int sourceRank() {
        if (sourceRank == Integer.MIN_VALUE) {
            try {
                return work().sourceRank();
            } catch (RuntimeException e) {
                throw C10dErrors.backend(e);
            }
        }
        return sourceRank;
    }

    /** Waits, then drops the handle; for the blocking collectives. */
    void awaitAndClose() {
        try {
            await(null);
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() {
        Work w = work;
        work = null;
        if (w != null) {
            w.close();
        }
    }
}
