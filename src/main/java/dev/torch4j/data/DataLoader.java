package dev.torch4j.data;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches of a dataset, mirroring {@code torch.utils.data.DataLoader}: {@code for (Batch b : loader)}
 * walks one epoch; each new iteration is a new epoch (a new order when shuffling).
 *
 * <p>Memory: each batch is closed when the next one is handed out and when the epoch ends, so a
 * training loop keeps native memory flat without closing anything; clone a field to keep it.
 * For a {@link TensorDataset} with the default collation, a batch is gathered with one
 * {@code index_select} per tensor instead of stacking rows.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final DataLoaderOptions options;
    private final SplittableRandom random;
    private Thread producer;

    /** Like {@code DataLoader(dataset)}: batches of one, in order. */
    public DataLoader(Dataset dataset) {
        this(dataset, DataLoaderOptions.defaults());
    }

    /** Like {@code DataLoader(dataset, **options)}. */
    public DataLoader(Dataset dataset, DataLoaderOptions options) {
        this.dataset = dataset;
        this.options = options;
        this.random = options.seed() == null ? null : new SplittableRandom(options.seed());
    }

    /** @return the number of batches per epoch, like {@code len(loader)} */
    public long size() {
        long n = dataset.size();
        long b = options.batchSize();
        return options.dropLast() ? n / b : (n + b - 1) / b;
    }

    /** @return the dataset */
    public Dataset dataset() {
        return dataset;
    }

    /** @return the options */
    public DataLoaderOptions options() {
        return options;
    }

    /** Starts a new epoch. A prefetching iterator still running from an earlier epoch is stopped. */
    @Override
    public Iterator<Batch> iterator() {
        long[] order = order();
        if (producer != null) {
            producer.interrupt();
            producer = null;
        }
        return options.prefetch() > 0 ? new Prefetching(order) : new Sequential(order);
    }

    /** The sample order of one epoch. */
    long[] order() {
        long n = dataset.size();
        if (!options.shuffle()) {
            long[] o = new long[(int) n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            return o;
        }
        if (random == null) {
            try (Tensor p = Tensor.randperm(n)) {
                return p.toLongArray();
            }
        }
        long[] o = new long[(int) n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        synchronized (random) {
            for (int i = o.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }

    /** Builds batch {@code b} of an epoch with this order, on the target device. */
    Batch load(long[] order, long b) {
        int from = (int) (b * options.batchSize());
        int to = (int) Math.min(order.length, from + options.batchSize());
        long[] idx = java.util.Arrays.copyOfRange(order, from, to);
        List<Tensor> fields;
        try (var scope = Torch.scope()) {
            if (options.collate() == null && dataset instanceof TensorDataset td) {
                fields = gather(td, idx);
            } else {
                List<List<Tensor>> samples = new ArrayList<>(idx.length);
                for (long i : idx) {
                    samples.add(dataset.get(i));
                }
                Collate c = options.collate() == null ? Collate.stack() : options.collate();
                fields = c.collate(samples);
            }
            List<Tensor> moved = new ArrayList<>(fields.size());
            for (Tensor f : fields) {
                Tensor t = options.device().isCuda() && f.device().isCpu()
                        ? f.pinMemory().to(options.device(), true)
                        : f.device().equals(options.device()) ? f : f.to(options.device());
                moved.add(scope.keep(t));
            }
            return new Batch(moved);
        }
    }

    private static List<Tensor> gather(TensorDataset td, long[] idx) {
        List<Tensor> out = new ArrayList<>();
        try (Tensor index = Tensor.of(idx)) {
            for (Tensor t : td.tensors()) {
                out.add(t.indexSelect(0, t.device().isCpu() ? index : index.to(t.device())));
            }
        }
        return out;
    }

    private final class Sequential implements Iterator<Batch> {
        private final long[] order;
        private long next;
        private Batch current;

        Sequential(long[] order) {
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            boolean more = next < size();
            if (!more && current != null) {
                current.close();
                current = null;
            }
            return more;
        }

        @Override
        public Batch next() {
            if (next >= size()) {
                throw new NoSuchElementException("the epoch has " + size() + " batches");
            }
            if (current != null) {
                current.close();
            }
            current = load(order, next++);
            return current;
        }
    }

    /** A daemon thread loads batches into a bounded queue; the loop takes them in order. */
    private final class Prefetching implements Iterator<Batch> {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(options.prefetch());
        private long taken;
        private Batch current;

        Prefetching(long[] order) {
            Thread t = new Thread(() -> {
                try {
                    for (long b = 0; b < size(); b++) {
                        Batch batch = load(order, b);
                        try {
                            queue.put(batch);
                        } catch (InterruptedException e) {
                            batch.close();
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    queue.offer(e);
                }
            }, "torch4j-dataloader");
            t.setDaemon(true);
            producer = t;
            t.start();
        }

        @Override
        public boolean hasNext() {
            boolean more = taken < size();
            if (!more && current != null) {
                current.close();
                current = null;
            }
            return more;
        }

        @Override
        public Batch next() {
            if (taken >= size()) {
                throw new NoSuchElementException("the epoch has " + size() + " batches");
            }
            if (current != null) {
                current.close();
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            taken++;
            current = (Batch) o;
            return current;
        }
    }
}
