package dev.torch4j.data;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.internal.TensorMemory;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Iterates over a {@link Dataset} in batches, mirroring {@code torch.utils.data.DataLoader} with
 * a batch sampler over a sequential or random sampler:
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(new TensorDataset(x, y),
 *         DataLoaderOptions.defaults().batchSize(2).shuffle(true).device(device));
 * for (int epoch = 0; epoch < 20; epoch++) {
 *     for (Batch batch : loader) {
 *         Tensor xb = batch.get(0), yb = batch.get(1);   // (2, L) and (2, 1)
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each iteration (epoch) visits every sample once, in order or, with {@code shuffle}, in a new
 * random order drawn exactly as PyTorch draws it (see {@link DataLoaderOptions#seed(long)}); as in
 * PyTorch, each iteration also draws one 64-bit value (PyTorch's worker base seed) from the
 * generator, so the global random stream advances as it does in PyTorch. Samples are grouped into
 * batches of {@code batchSize}, the last one smaller unless {@code dropLast}. A
 * {@link TensorDataset} with the default collate is batched by gathering rows with
 * {@link Tensor#indexSelect} on each whole tensor (same result as stacking rows, faster).
 *
 * <p>Memory: the iterator owns the batch it delivers and closes it when it delivers the next
 * one, when {@link BatchIterator#hasNext()} first answers false, and when it is
 * {@link BatchIterator#close() closed}. A loop over any number of epochs therefore keeps native
 * memory flat without closing anything. What must outlive the step is copied ({@code clone()}),
 * or the batch is {@link Batch#keep() kept} and closed by the caller. Don't ask
 * {@code hasNext()} before you are done with the last batch: answering false closes it. A loop
 * left early ({@code break}, exception) leaves its current batch open until its iterator is
 * closed; use {@code try (var it = loader.iterator())} where that matters. Prefetched batches
 * and the prefetch thread of an abandoned iterator are released once it is unreachable.
 *
 * <p>Threads: a loader may be iterated by several threads at once, each with its own iterator.
 * One iterator may also be shared: it then works like a synchronized iterator (see
 * {@link BatchIterator}), handing each batch to exactly one thread. With {@code prefetch}, the
 * prefetch thread of a {@link TensorDataset} loader reads its own aliases of the data tensors,
 * so closing them after leaving a loop early is safe; a {@link Dataset} of your own is read by
 * its {@code get} on that thread while your loop runs, so close the iterator (try-with-resources)
 * before closing what {@code get} reads from.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;          // null for a loader over a list of samples
    private final List<?> samples;          // null for a loader over a Dataset
    private final Function<List<Object>, Batch> collateFn;
    private final DataLoaderOptions options;
    private final Mt19937 generator;
    /** Reseeded for each unseeded shuffled epoch, instead of a new generator (and state array) per epoch. */
    private final Mt19937 epochGenerator = new Mt19937(0);

    /**
     * A loader with {@link DataLoaderOptions#defaults()}: batches of 1, in order.
     *
     * @param dataset the samples
     * @throws IllegalArgumentException as {@link #DataLoader(Dataset, DataLoaderOptions)}
     */
    public DataLoader(Dataset dataset) {
        this(dataset, DataLoaderOptions.defaults());
    }

    /**
     * A loader over {@code dataset}, like {@code DataLoader(dataset, **options)}.
     *
     * @param dataset the samples
     * @param options batch size, shuffling, seed, dropLast, collate, device, prefetch
     * @throws IllegalArgumentException when an argument is null, when shuffling an empty data set
     *                                  ("num_samples should be a positive integer value"), when the
     *                                  data set has more than {@code Integer.MAX_VALUE - 8}
     *                                  samples, or when the device is a CUDA device this machine lacks
     */
    public DataLoader(Dataset dataset, DataLoaderOptions options) {
        this(dataset, null, null, options);
    }

    /**
     * A loader over samples of any type with the function that turns a batch of them into tensors, like
     * {@code DataLoader(samples, collate_fn=collate_batch, **options)} over a list (or a map-style dataset:
     * in Java an {@link java.util.AbstractList} with {@code size()} and {@code get(i)}): e.g. samples of
     * {@code (text, label)} whose collate tokenizes, pads and stacks. Shuffling, samplers, seeds, dropLast
     * and the device work as for a {@link Dataset}; {@link DataLoaderOptions#collate} is not used.
     *
     * @param samples   the samples, read with {@code get(i)} (on the prefetch thread too, with {@code prefetch})
     * @param collateFn makes one batch from the samples of a batch, in order; the batch holds new tensors
     * @param options   batch size, shuffling, seed, dropLast, device, prefetch, sampler
     * @throws IllegalArgumentException as {@link #DataLoader(Dataset, DataLoaderOptions)}, or for a null
     *                                  collate function
     */
    @SuppressWarnings("unchecked")
    public <T> DataLoader(List<T> samples, Function<? super List<T>, Batch> collateFn, DataLoaderOptions options) {
        this(null, requireSamples(samples), (Function<List<Object>, Batch>) (Function<?, Batch>) requireCollate(collateFn),
                options);
    }

    private static <T> List<T> requireSamples(List<T> samples) {
        if (samples == null) {
            throw new IllegalArgumentException("DataLoader: samples must not be null");
        }
        return samples;
    }

    private static <F> F requireCollate(F collateFn) {
        if (collateFn == null) {
            throw new IllegalArgumentException("DataLoader: collate_fn must not be null");
        }
        return collateFn;
    }

    private DataLoader(Dataset dataset, List<?> samples, Function<List<Object>, Batch> collateFn,
            DataLoaderOptions options) {
        if (dataset == null && samples == null) {
            throw new IllegalArgumentException("DataLoader: dataset must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("DataLoader: options must not be null; use DataLoaderOptions.defaults()");
        }
        long n = dataset != null ? dataset.size() : samples.size();
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("DataLoader: expected a dataset size in [0, " + (Integer.MAX_VALUE - 8)
                    + "], got len(dataset)=" + n);
        }
        if (options.sampler().isPresent() && options.shuffle()) {
            throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
        }
        if (options.shuffle() && n == 0) {
            throw new IllegalArgumentException(
                    "num_samples should be a positive integer value, but got num_samples=" + n);
        }
        Device device = options.device().orElse(null);
        if (device != null && device.isCuda()) {
            int count = Device.cudaDeviceCount();
            if (device.index() >= count) {
                throw new IllegalArgumentException("CUDA error: invalid device ordinal: DataLoader device " + device
                        + " requested, but " + count + " CUDA devices are available");
            }
        }
        this.dataset = dataset;
        this.samples = samples;
        this.collateFn = collateFn;
        this.options = options;
        this.generator = options.seed().isPresent() ? new Mt19937(options.seed().getAsLong()) : null;
    }

    /** @return the data set, like {@code loader.dataset}; null for a loader over a list of samples */
    public Dataset dataset() {
        return dataset;
    }

    /** The number of samples, {@code len(loader.dataset)}. */
    private long datasetSize() {
        return dataset != null ? dataset.size() : samples.size();
    }

    /** @return the options this loader was built with */
    public DataLoaderOptions options() {
        return options;
    }

    /**
     * The number of batches per iteration, like {@code len(loader)}: {@code ceil(n / batchSize)},
     * or {@code floor(n / batchSize)} with {@code dropLast}, for {@code n = dataset.size()}.
     *
     * @return the batch count
     */
    public long size() {
        return batchCount(options.sampler().isPresent() ? options.sampler().get().size() : datasetSize());
    }

    private long batchCount(long n) {
        int bs = options.batchSize();
        return options.dropLast() ? n / bs : (n + bs - 1) / bs;
    }

    /**
     * Starts an iteration (an epoch), like {@code iter(loader)}: draws this epoch's order now and,
     * with {@code prefetch > 0}, starts the thread that prepares batches.
     *
     * @return an iterator over this epoch's batches; close it when leaving the loop early
     */
    @Override
    public BatchIterator iterator() {
        return new BatchIterator(this);
    }

    // ------------------------------------------------------------------ sampling

    /** This epoch's sample order: PyTorch's _base_seed draw, then the sampler, SequentialSampler or RandomSampler. */
    private synchronized long[] nextOrder(int n) {
        if (generator != null) {
            generator.next64();
            return options.sampler().isPresent() ? fromSampler(options.sampler().get())
                    : options.shuffle() ? generator.randperm(n) : identity(n);
        }
        drawGlobalLow32();
        if (options.sampler().isPresent()) {
            return fromSampler(options.sampler().get());
        }
        if (!options.shuffle()) {
            return identity(n);
        }
        return epochGenerator.seed(drawGlobalLow32()).randperm(n);
    }

    /**
     * PyTorch's RandomSampler draws one more permutation when an epoch runs to its end (its
     * trailing {@code randperm(n)[:num_samples % n]}); a seeded loader does the same, so that its
     * later epochs stay equal to PyTorch's.
     */
    private synchronized void endEpoch(int n) {
        if (generator != null && options.shuffle()) {
            generator.randperm(n);
        }
    }

    /**
     * Draws like {@code torch.empty((), dtype=torch.int64).random_()} on the global generator: one
     * {@code random64()}. PyTorch keeps {@code random64() % 2^63}; {@code randint(MIN, MAX)} gives
     * {@code random64() % (2^64 - 1) - 2^63}, equal in its low 63 bits (except once in 2^64 draws).
     * Only the low 32 bits are returned, read from the tensor's memory (a double from
     * {@code item()} would round the 64-bit value): they are all that seeding a generator with the
     * value uses.
     *
     * @return the low 32 bits of the drawn value, unsigned
     */
    static long drawGlobalLow32() {
        try (Tensor t = Torch.randint(Long.MIN_VALUE, Long.MAX_VALUE, new long[0])) {
            return TensorMemory.buffer(t).getLong(0) & 0xFFFFFFFFL;
        }
    }

    private static long[] fromSampler(Sampler sampler) {
        List<Long> indices = new ArrayList<>();
        sampler.forEach(indices::add);
        long[] order = new long[indices.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = indices.get(i);
        }
        return order;
    }

    private static long[] identity(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // ------------------------------------------------------------------ making batches

    /**
     * The tensors a batch is gathered from on the fast path (a {@link TensorDataset} with the
     * default collate), with their devices read once per iteration rather than per batch, and
     * whether they already sit on the loader's device (then batches are not moved).
     */
    private record Columns(List<Tensor> tensors, Device[] devices, boolean onTarget) {
    }

    /** The fast path's columns over {@code tensors} (the data set's own, or a prefetch thread's aliases). */
    private Columns columns(List<Tensor> tensors) {
        Device target = options.device().orElse(null);
        Device[] devices = new Device[tensors.size()];
        boolean onTarget = true;
        for (int i = 0; i < devices.length; i++) {
            devices[i] = tensors.get(i).device();
            onTarget &= target == null || devices[i].equals(target);
        }
        return new Columns(tensors, devices, onTarget);
    }

    /** The data set's tensors when batches are gathered from them (a TensorDataset, default collate), else null. */
    private List<Tensor> gatherTensors() {
        return dataset instanceof TensorDataset td && options.collate() == Collate.defaultCollate()
                ? td.tensors() : null;
    }

    /**
     * Makes batch {@code b} of an epoch with the given order; runs on the iterating or the prefetch
     * thread.
     *
     * @param columns the tensors to gather rows from on the fast path, or null for the data set's
     *                {@code get} and the collate function
     */
    Batch produce(Columns columns, long[] order, long b) {
        int bs = options.batchSize();
        int start = (int) (b * bs);
        long[] indices = Arrays.copyOfRange(order, start, (int) Math.min((long) start + bs, order.length));
        if (columns != null) {
            Batch batch = gather(columns, indices);
            return columns.onTarget() ? batch : moveTo(batch, options.device().get());
        }
        Batch batch = collateSamples(indices);
        Device device = options.device().orElse(null);
        return device == null ? batch : moveTo(batch, device);
    }

    private static Batch gather(Columns columns, long[] indices) {
        List<Tensor> tensors = columns.tensors();
        List<Tensor> fields = new ArrayList<>(tensors.size());
        Tensor cpuIndex = Tensor.of(indices);
        Map<Device, Tensor> other = null;   // the index on other devices; none when the data is on the CPU
        try {
            for (int i = 0; i < tensors.size(); i++) {
                Tensor ix = cpuIndex;
                Device d = columns.devices()[i];
                if (!d.isCpu()) {
                    if (other == null) {
                        other = new HashMap<>();
                    }
                    ix = other.computeIfAbsent(d, cpuIndex::to);
                }
                fields.add(tensors.get(i).indexSelect(0, ix));
            }
            return new Batch(fields);
        } catch (RuntimeException | Error e) {
            fields.forEach(Tensor::close);
            throw e;
        } finally {
            cpuIndex.close();
            if (other != null) {
                other.values().forEach(Tensor::close);
            }
        }
    }

    private Batch collateSamples(long[] indices) {
        if (collateFn != null) {
            List<Object> picked = new ArrayList<>(indices.length);
            for (long i : indices) {
                picked.add(samples.get((int) i));
            }
            Batch batch = collateFn.apply(Collections.unmodifiableList(picked));
            if (batch == null) {
                throw new IllegalStateException("collate_fn returned null; it must return a Batch");
            }
            return batch;
        }
        List<List<Tensor>> fields = new ArrayList<>(indices.length);
        Batch batch = null;
        try {
            for (long i : indices) {
                fields.add(dataset.get(i));
            }
            batch = options.collate().apply(Collections.unmodifiableList(fields));
            if (batch == null) {
                throw new IllegalStateException("collate returned null; it must return a Batch");
            }
            return batch;
        } finally {
            Set<Tensor> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            if (batch != null) {
                keep.addAll(batch.fields());
            }
            for (List<Tensor> sample : fields) {
                for (Tensor t : sample) {
                    if (!keep.contains(t)) {
                        t.close();
                    }
                }
            }
        }
    }

    /** Moves every field to {@code device}, pinning CPU memory first when bound for CUDA. */
    private static Batch moveTo(Batch batch, Device device) {
        List<Tensor> from = batch.fields();
        List<Tensor> moved = new ArrayList<>(from.size());
        try {
            for (Tensor t : from) {
                Device d = t.device();
                if (d.equals(device)) {
                    moved.add(t);
                } else if (device.isCuda() && d.isCpu()) {
                    try (Tensor pinned = t.pinMemory()) {
                        moved.add(pinned.to(device, true));
                    }
                } else {
                    moved.add(t.to(device));
                }
            }
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < moved.size(); i++) {
                if (moved.get(i) != from.get(i)) {
                    moved.get(i).close();
                }
            }
            batch.close();
            throw e;
        }
        for (int i = 0; i < from.size(); i++) {
            if (moved.get(i) != from.get(i)) {
                from.get(i).close();
            }
        }
        return new Batch(moved);
    }

    // ------------------------------------------------------------------ iteration

    /**
     * One iteration (epoch) over a {@link DataLoader}, like PyTorch's {@code _DataLoaderIter}. It
     * owns the batches it delivered: see the memory rules on {@link DataLoader}.
     *
     * <p><b>Shared between threads</b>, it works like a synchronized iterator, as PyTorch's does
     * under the GIL: calls are serialized, and each batch is delivered exactly once, to one
     * thread. A delivered batch belongs to the thread that took it: the iterator closes it when
     * <em>that</em> thread asks for another batch ({@link #next()}, {@link #nextOrNull()},
     * {@link #hasNext()} answering false) or when the iterator is {@link #close() closed}, never
     * when another thread moves on, so no thread's batch is freed under it. As with any
     * synchronized iterator, {@code hasNext()} then {@code next()} is not atomic: another thread
     * may take the last batch in between, and {@code next()} throws
     * {@link NoSuchElementException}. Threads that share an iterator therefore loop on
     * {@link #nextOrNull()}, which is atomic:
     *
     * <pre>{@code
     * try (DataLoader.BatchIterator it = loader.iterator()) {
     *     // in each of several threads:
     *     for (Batch b; (b = it.nextOrNull()) != null; ) { ... }
     *     // after joining them, the try closes what they still hold
     * }
     * }</pre>
     *
     * Closing the iterator closes every batch it still owns, those other threads hold included:
     * close it once the threads are done with their batches.
     */
    public static final class BatchIterator implements Iterator<Batch>, AutoCloseable {
        private final DataLoader loader;
        private final long[] order;
        private final long total;
        private final Prefetcher prefetcher;
        private final Cleaner.Cleanable cleanable;
        private final Columns columns;   // the fast path's, without prefetch; else null
        /** Guards everything below; calls are serialized, the batches' users run outside it. */
        private final Object lock = new Object();
        /** The batch each thread took last; replaced in place, so a one-thread loop allocates no node per step. */
        private final Map<Thread, Batch> held = new HashMap<>(4);
        private long delivered;
        private boolean finished;

        BatchIterator(DataLoader loader) {
            this.loader = loader;
            long n = loader.datasetSize();
            if (n < 0 || n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("DataLoader: expected a dataset size in [0, "
                        + (Integer.MAX_VALUE - 8) + "], got len(dataset)=" + n);
            }
            this.order = loader.nextOrder((int) n);
            this.total = loader.batchCount(order.length);
            int ahead = loader.options.prefetch();
            if (ahead > 0 && total > 0) {
                prefetcher = new Prefetcher(loader, order, total, ahead);
                cleanable = CleanerHolder.CLEANER.register(this, prefetcher::shutdown);
                columns = null;
            } else {
                prefetcher = null;
                cleanable = null;
                List<Tensor> tensors = loader.gatherTensors();
                columns = tensors == null ? null : loader.columns(tensors);
            }
        }

        /**
         * Whether another batch follows, like catching {@code StopIteration}. Answering false ends
         * the iteration and closes the last batch this thread took (unless kept). With several
         * threads, another one may take that batch before this thread's {@link #next()}; use
         * {@link #nextOrNull()} there.
         *
         * @return true while batches remain
         */
        @Override
        public boolean hasNext() {
            synchronized (lock) {
                if (!finished && delivered < total) {
                    return true;
                }
                endIteration();
                return false;
            }
        }

        /**
         * The next batch, like {@code next(it)}; closes the batch this thread took before, unless
         * it was kept.
         *
         * @return a batch owned by this iterator until this thread's next call
         * @throws NoSuchElementException when the iteration is over (also when another thread
         *                                took the last batch after this thread's {@code hasNext()})
         */
        @Override
        public Batch next() {
            Batch b = nextOrNull();
            if (b == null) {
                throw new NoSuchElementException("DataLoader iteration is over after " + deliveredSoFar() + " of " + total
                        + " batches");
            }
            return b;
        }

        /**
         * The next batch, or {@code null} when the iteration is over, in one atomic step: Python's
         * {@code next(it, None)}, and the loop to use when threads share this iterator. Closes
         * the batch this thread took before (unless kept); answering {@code null} ends the
         * iteration as {@link #hasNext()} answering false does.
         *
         * @return a batch owned by this iterator until this thread's next call, or {@code null}
         */
        public Batch nextOrNull() {
            synchronized (lock) {
                if (finished || delivered >= total) {
                    endIteration();
                    return null;
                }
                Thread me = Thread.currentThread();
                release(held.get(me));
                Batch b;
                try {
                    b = prefetcher == null ? loader.produce(columns, order, delivered) : prefetcher.take();
                } catch (RuntimeException | Error e) {
                    held.remove(me);
                    close();
                    throw e;
                }
                held.put(me, b);
                delivered++;
                return b;
            }
        }

        /** The end, seen by the calling thread: draws PyTorch's trailing permutation once, frees this thread's batch. */
        private void endIteration() {
            if (!finished) {
                finished = true;
                if (delivered >= total) {
                    loader.endEpoch(order.length);
                }
            }
            release(held.remove(Thread.currentThread()));
            stopPrefetch();
        }

        /**
         * Ends the iteration early: closes every batch this iterator still owns, whichever thread
         * took it (unless kept), stops the prefetch thread and closes the batches it had prepared.
         * Closing twice is harmless.
         */
        @Override
        public void close() {
            synchronized (lock) {
                finished = true;
                for (Batch b : held.values()) {
                    release(b);
                }
                held.clear();
                stopPrefetch();
            }
        }

        private long deliveredSoFar() {
            synchronized (lock) {
                return delivered;
            }
        }

        private void stopPrefetch() {
            if (cleanable != null) {
                cleanable.clean();
            }
        }

        private static void release(Batch b) {
            if (b != null && !b.isKept()) {
                b.close();
            }
        }
    }

    /** Created on first use, so that loaders without prefetch start no cleaner thread. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** A failure of the prefetch thread, handed to the iterating thread. */
    private record Failure(Throwable error) {
    }

    /**
     * The background thread of one iteration: makes batches in order into a bounded queue. Holds no
     * reference to its iterator, so that an abandoned iterator can be cleaned.
     *
     * <p>It gathers from its own aliases of a {@link TensorDataset}'s tensors (views sharing their
     * storage), taken on the thread that starts the iteration: a caller that leaves its loop with
     * {@code break} and closes its data tensors while this thread is still filling the queue
     * closes only its own handles, and the storage lives until this thread is done with it.
     */
    private static final class Prefetcher implements Runnable {
        private final DataLoader loader;
        private final long[] order;
        private final long total;
        private final Columns columns;   // over this thread's aliases, or null
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private volatile boolean stopped;

        Prefetcher(DataLoader loader, long[] order, long total, int ahead) {
            this.loader = loader;
            this.order = order;
            this.total = total;
            List<Tensor> aliases = aliases(loader.gatherTensors());
            this.columns = aliases == null ? null : loader.columns(aliases);
            this.queue = new ArrayBlockingQueue<>(ahead);
            this.thread = new Thread(this, "torch4j-dataloader-prefetch");
            thread.setDaemon(true);
            thread.start();
        }

        /** Views of {@code tensors} that share their storage and belong to no scope; null for null. */
        private static List<Tensor> aliases(List<Tensor> tensors) {
            if (tensors == null) {
                return null;
            }
            List<Tensor> out = new ArrayList<>(tensors.size());
            try {
                for (Tensor t : tensors) {
                    out.add(t.view(t.shape()).unscoped());
                }
            } catch (RuntimeException | Error e) {
                out.forEach(Tensor::close);
                throw e;
            }
            return out;
        }

        @Override
        public void run() {
            try {
                for (long b = 0; b < total && !stopped; b++) {
                    Object item;
                    try {
                        item = loader.produce(columns, order, b);
                    } catch (Throwable t) {
                        item = new Failure(t);
                    }
                    if (!hand(item) || item instanceof Failure) {
                        return;
                    }
                }
            } finally {
                if (columns != null) {
                    columns.tensors().forEach(Tensor::close);
                }
                if (stopped) {
                    closeQueued();   // nobody takes them any more; done here, so that join() means released
                }
            }
        }

        private void closeQueued() {
            for (Object item; (item = queue.poll()) != null; ) {
                if (item instanceof Batch batch) {
                    batch.close();
                }
            }
        }

        /** Puts {@code item} in the queue, waiting for room; closes it instead once stopped. */
        private boolean hand(Object item) {
            try {
                while (!stopped) {
                    if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (item instanceof Batch batch) {
                batch.close();
            }
            return false;
        }

        Batch take() {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the DataLoader prefetch thread", e);
            }
            if (item instanceof Failure f) {
                Throwable t = f.error();
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                if (t instanceof Error er) {
                    throw er;
                }
                throw new IllegalStateException("DataLoader prefetch thread failed", t);
            }
            return (Batch) item;
        }

        /** Stops the thread and closes the batches it prepared; from the iterator or the cleaner. */
        void shutdown() {
            stopped = true;
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            closeQueued();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
