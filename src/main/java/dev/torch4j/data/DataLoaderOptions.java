package dev.torch4j.data;

import dev.torch4j.Device;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The keyword arguments of {@link DataLoader}, mirroring those of
 * {@code torch.utils.data.DataLoader}: an immutable value where each method named after a kwarg
 * returns a copy with that kwarg set, e.g.
 * {@code DataLoaderOptions.defaults().batchSize(2).shuffle(true)}.
 *
 * <p>Defaults (PyTorch's where PyTorch has the kwarg): {@code batchSize} 1, {@code shuffle} false,
 * {@code seed} none (the global generator), {@code dropLast} false, {@code collate}
 * {@link Collate#defaultCollate()}, {@code device} none (batches stay where the collate put them),
 * {@code prefetch} 0, {@code sampler} none.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>
 */
public final class DataLoaderOptions {
    private static final DataLoaderOptions DEFAULTS =
            new DataLoaderOptions(1, false, null, false, Collate.defaultCollate(), null, 0, null);

    private final int batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final boolean dropLast;
    private final Collate collate;
    private final Device device;
    private final int prefetch;
    private final Sampler sampler;

    private DataLoaderOptions(int batchSize, boolean shuffle, Long seed, boolean dropLast, Collate collate,
                              Device device, int prefetch, Sampler sampler) {
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.collate = collate;
        this.device = device;
        this.prefetch = prefetch;
        this.sampler = sampler;
    }

    /**
     * PyTorch's defaults, listed in the class comment.
     *
     * @return the default options
     */
    public static DataLoaderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many samples per batch, like {@code batch_size=}. Default 1.
     *
     * @param batchSize a positive count
     * @return a copy with this batch size
     * @throws IllegalArgumentException when {@code batchSize <= 0}
     */
    public DataLoaderOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException(
                    "batch_size should be a positive integer value, but got batch_size=" + batchSize);
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the batch size (default 1) */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Whether each iteration visits the samples in a new random order, like {@code shuffle=}.
     * Default false (sequential order).
     *
     * @param shuffle true to reshuffle at every iteration (epoch)
     * @return a copy with this flag
     */
    public DataLoaderOptions shuffle(boolean shuffle) {
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return whether the loader shuffles (default false) */
    public boolean shuffle() {
        return shuffle;
    }

    /**
     * Gives the loader its own random generator seeded with {@code seed}, like
     * {@code generator=torch.Generator().manual_seed(seed)}: two loaders with the same seed produce
     * the same sequence of orders, a new order at each epoch, equal to PyTorch's for that seed.
     * Default: none, in which case the loader draws from torch4j's global generator, so
     * {@code Torch.manualSeed} makes it reproducible (and equal to PyTorch after
     * {@code torch.manual_seed}).
     *
     * @param seed the generator seed (PyTorch's generator uses its low 32 bits)
     * @return a copy with this seed
     */
    public DataLoaderOptions seed(long seed) {
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the generator seed, empty (the default) for the global generator */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /**
     * Whether to drop the last batch when it is smaller than {@code batchSize}, like
     * {@code drop_last=}. Default false (the last batch may be smaller).
     *
     * @param dropLast true to drop an incomplete last batch
     * @return a copy with this flag
     */
    public DataLoaderOptions dropLast(boolean dropLast) {
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return whether an incomplete last batch is dropped (default false) */
    public boolean dropLast() {
        return dropLast;
    }

    /**
     * How samples are merged into a batch, like {@code collate_fn=}. Default
     * {@link Collate#defaultCollate()} (stack each field along a new dimension 0); see also
     * {@link Collate#padSequences(double)}.
     *
     * @param collate the collate function
     * @return a copy with this collate
     * @throws IllegalArgumentException when {@code collate} is null
     */
    public DataLoaderOptions collate(Collate collate) {
        if (collate == null) {
            throw new IllegalArgumentException("collate must not be null; the default is Collate.defaultCollate()");
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the collate function (default {@link Collate#defaultCollate()}) */
    public Collate collate() {
        return collate;
    }

    /**
     * Where batches arrive, a torch4j addition standing for the {@code batch.to(device)} that PyTorch
     * code writes in its loop. A CPU batch bound for CUDA is first pinned
     * ({@code pin_memory=True}) and then copied with {@code to(device, non_blocking=True)}. Default:
     * none, batches stay where the collate put them (where the data set's tensors are), as in
     * PyTorch.
     *
     * @param device the device every field is moved to
     * @return a copy with this device
     * @throws IllegalArgumentException when {@code device} is null
     */
    public DataLoaderOptions device(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null; leave it unset to keep batches in place");
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the target device, empty (the default) when batches are not moved */
    public Optional<Device> device() {
        return Optional.ofNullable(device);
    }

    /**
     * How many batches a background thread prepares ahead of the loop (reading samples,
     * collating, pinning, copying to the device), a torch4j stand-in for {@code num_workers} with
     * {@code prefetch_factor}. Default 0: batches are made on the iterating thread when asked for.
     *
     * @param prefetch the number of batches made ahead, {@code >= 0}
     * @return a copy with this count
     * @throws IllegalArgumentException when {@code prefetch < 0}
     */
    public DataLoaderOptions prefetch(int prefetch) {
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch should be a non-negative integer value, but got prefetch="
                    + prefetch);
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the number of batches prepared ahead (default 0) */
    public int prefetch() {
        return prefetch;
    }

    /**
     * The order of the samples, like {@code sampler=}: each iteration visits the indices the sampler
     * yields (e.g. a {@link DistributedSampler}'s share of the data set) instead of all samples in
     * order or shuffled. Excludes {@code shuffle(true)}, as in PyTorch. Default: none.
     *
     * @param sampler the sampler
     * @return a copy with this sampler
     * @throws IllegalArgumentException when {@code sampler} is null
     */
    public DataLoaderOptions sampler(Sampler sampler) {
        if (sampler == null) {
            throw new IllegalArgumentException("sampler must not be null; leave it unset for the default order");
        }
        return new DataLoaderOptions(batchSize, shuffle, seed, dropLast, collate, device, prefetch, sampler);
    }

    /** @return the sampler, empty (the default) for sequential or shuffled order */
    public Optional<Sampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "DataLoaderOptions(batch_size=" + batchSize + ", shuffle=" + (shuffle ? "True" : "False")
                + ", seed=" + (seed == null ? "None" : seed) + ", drop_last=" + (dropLast ? "True" : "False")
                + ", collate=" + (collate == Collate.defaultCollate() ? "default_collate" : collate)
                + ", device=" + (device == null ? "None" : device) + ", prefetch=" + prefetch
                + (sampler == null ? "" : ", sampler=" + sampler) + ")";
    }
}
