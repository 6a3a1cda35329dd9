package dev.torch4j.data;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several threads draining one {@link DataLoader} iterator, as issue 14 item 3 did; run by
 * {@link DataLoaderTest} in a child JVM, since before the fix this crashed the JVM (SIGSEGV): a
 * thread's {@code next()} closed the batch another thread was computing on. Each thread runs
 * native ops on every batch it gets and records its sample indices; at the end of each epoch every
 * sample must have been delivered exactly once. Prints {@code OK <epochs> <batches>} or throws.
 *
 * <p>Arguments: threads, epochs, prefetch, style ({@code hasNext}: {@code while (it.hasNext())
 * it.next()}, tolerating the {@link NoSuchElementException} another thread's last {@code next()}
 * causes; {@code nextOrNull}: the atomic {@link DataLoader.BatchIterator#nextOrNull()}).
 */
final class SharedIteratorStress {
    private static final int SAMPLES = 512;

    private SharedIteratorStress() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int prefetch = Integer.parseInt(args[2]);
        boolean atomic = args[3].equals("nextOrNull");
        long batches = 0;
        try (Tensor ids = Torch.arange(SAMPLES).toFloat().unsqueeze(1); Tensor ones = Torch.ones(1, 64);
                Tensor x = ids.matmul(ones); Tensor y = Torch.arange(SAMPLES)) {
            DataLoader loader = new DataLoader(new TensorDataset(x, y),
                    DataLoaderOptions.defaults().batchSize(4).shuffle(true).prefetch(prefetch));
            for (int e = 0; e < epochs; e++) {
                int[] seen = new int[SAMPLES];
                AtomicReference<Throwable> failure = new AtomicReference<>();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Thread> workers = new ArrayList<>();
                long[] counts = new long[threads];
                try (DataLoader.BatchIterator it = loader.iterator()) {
                    for (int t = 0; t < threads; t++) {
                        int id = t;
                        Thread w = new Thread(() -> {
                            try {
                                start.await();
                                counts[id] = drain(it, atomic, seen, failure);
                            } catch (Throwable ex) {
                                failure.compareAndSet(null, ex);
                            }
                        }, "stress-" + t);
                        workers.add(w);
                        w.start();
                    }
                    for (Thread w : workers) {
                        w.join();
                    }
                }
                if (failure.get() != null) {
                    throw new AssertionError("epoch " + e + ": a worker failed", failure.get());
                }
                for (int i = 0; i < SAMPLES; i++) {
                    if (seen[i] != 1) {
                        throw new AssertionError("epoch " + e + ": sample " + i + " delivered " + seen[i] + " times");
                    }
                }
                for (long c : counts) {
                    batches += c;
                }
            }
        }
        System.out.println("OK " + epochs + " " + batches);
    }

    /**
     * One thread's loop: native work on each batch, then the check that it still holds this batch's
     * values. A failure on one batch is recorded and the loop goes on, so that a broken iterator
     * shows all its faults (before the fix: closed batches, NULL pointers, then a SIGSEGV).
     */
    private static long drain(DataLoader.BatchIterator it, boolean atomic, int[] seen,
            AtomicReference<Throwable> failure) {
        long n = 0;
        while (true) {
            Batch b;
            if (atomic) {
                b = it.nextOrNull();
                if (b == null) {
                    return n;
                }
            } else {
                if (!it.hasNext()) {
                    return n;
                }
                try {
                    b = it.next();
                } catch (NoSuchElementException lostTheRace) {
                    continue;   // another thread took the last batch between our hasNext() and next()
                }
            }
            try {
                long[] ids = b.get(1).toLongArray();
                Tensor xb = b.get(0);   // held across the steps, as a training step holds its input
                for (int k = 0; k < 50; k++) {
                    try (Tensor s = xb.mul(2.0).sum(1, false)) {
                        float[] sums = s.toFloatArray();
                        for (int r = 0; r < ids.length; r++) {
                            if (sums[r] != 2.0f * 64 * ids[r]) {
                                throw new AssertionError("batch row " + r + " of sample " + ids[r] + " summed to "
                                        + sums[r] + ": its memory changed under the thread using it");
                            }
                        }
                    }
                }
                synchronized (seen) {
                    for (long id : ids) {
                        seen[(int) id]++;
                    }
                }
                n++;
            } catch (RuntimeException | AssertionError e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
