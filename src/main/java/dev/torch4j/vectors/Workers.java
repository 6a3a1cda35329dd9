package dev.torch4j.vectors;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The readers' worker threads: their pools, and waiting for what they do. */
final class Workers {
    private Workers() {
    }

    /** A pool of {@code n} daemon threads named {@code name}, so that a forgotten load never keeps the JVM up. */
    static ExecutorService pool(int n, String name) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return what {@code task} returned; its failure rethrown as it was (an unchecked one unchanged) */
    static <T> T await(Future<T> task, Path file) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + file);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** @return {@code t} as the IOException to throw, or throws it when it is unchecked */
    static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IOException(t);
    }

    /**
     * Waits until {@code task} has finished, ignoring its failure (a load that is already failing
     * reports its own) and keeping an interrupt for later: used before freeing what the task touches.
     */
    static void awaitQuietly(Future<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
