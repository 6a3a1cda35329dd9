package dev.torch4j.data;

import dev.torch4j.Device;

/**
 * Keyword arguments of {@code torch.utils.data.DataLoader}, as an immutable value. Each method
 * returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code batch_size=1}, {@code shuffle=False}, {@code drop_last=False},
 * default collation (stack), no generator (shuffling draws from the global generator, so
 * {@code Torch.manualSeed} makes it reproducible); torch4j's own: {@code device=cpu},
 * {@code prefetch=0} (no background thread).
 */
public final class DataLoaderOptions {
    private static final DataLoaderOptions DEFAULTS =
            new DataLoaderOptions(1, false, null, false, null, Device.cpu(), 0);

    private final long batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final boolean dropLast;
    private final Collate collate;
    private final Device device;
    private final int prefetch;

    private DataLoaderOptions(long batchSize, boolean shuffle, Long seed, boolean dropLast, Collate collate,
            Device device, int prefetch) {
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.collate = collate;
        this.device = device;
        this.prefetch = prefetch;
    }

    /** @return PyTorch's defaults */
    public static DataLoaderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Samples per batch. Default: 1.
     *
     * @throws IllegalArgumentException if not positive
     */
    public DataLoaderOptions batchSize(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + n);
        }
        return new DataLoaderOptions(n, shuffle, seed, dropLast, collate, device, prefetch);
    }

    /** A new random order every epoch. Default: false. */
    public DataLoaderOptions shuffle(boolean flag) {
        return new DataLoaderOptions(batchSize, flag, seed, dropLast, collate, device, prefetch);
    }

    /**
     * Seeds the loader's own shuffle generator, like passing {@code generator=torch.Generator().manual_seed(seed)}:
     * the same seed gives the same sequence of epoch orders. Default: none (the global generator).
     */
    public DataLoaderOptions seed(long value) {
        return new DataLoaderOptions(batchSize, shuffle, value, dropLast, collate, device, prefetch);
    }

    /** Drops the last batch when it is smaller than {@link #batchSize}. Default: false. */
    public DataLoaderOptions dropLast(boolean flag) {
        return new DataLoaderOptions(batchSize, shuffle, seed, flag, collate, device, prefetch);
    }

    /** How samples merge into a batch, like {@code collate_fn}. Default: {@link Collate#stack()}. */
    public DataLoaderOptions collate(Collate fn) {
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, fn, device, prefetch);
    }

    /**
     * Where batches arrive. On CUDA the batch is pinned and copied without blocking, like
     * {@code pin_memory=True} plus {@code .to(device, non_blocking=True)}. Default: cpu.
     */
    public DataLoaderOptions device(Device d) {
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, d, prefetch);
    }

    /**
     * Batches a background thread prepares ahead of the loop (0 = none). Default: 0.
     *
     * @throws IllegalArgumentException if negative
     */
    public DataLoaderOptions prefetch(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + batches);
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, batches);
    }

    /** @return the batch size */
    public long batchSize() {
        return batchSize;
    }

    /** @return whether to shuffle */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the shuffle seed, or null for the global generator */
    public Long seed() {
        return seed;
    }

    /** @return whether a short last batch is dropped */
    public boolean dropLast() {
        return dropLast;
    }

    /** @return the collate function, or null for the default */
    public Collate collate() {
        return collate;
    }

    /** @return the target device */
    public Device device() {
        return device;
    }

    /** @return how many batches are prepared ahead */
    public int prefetch() {
        return prefetch;
    }
}
