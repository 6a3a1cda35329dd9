package dev.torch4j.data;

import java.util.OptionalInt;

/**
 * The keyword arguments of {@link DistributedSampler}, mirroring those of
 * {@code torch.utils.data.distributed.DistributedSampler}: an immutable value, each method returning a
 * copy with one argument set.
 *
 * <p>Defaults (PyTorch's): {@code numReplicas} and {@code rank} none (the default process group's
 * world size and this process's rank), {@code shuffle} true, {@code seed} 0, {@code dropLast} false.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.distributed.DistributedSampler">DistributedSampler</a>
 */
public final class DistributedSamplerOptions {
    private static final DistributedSamplerOptions DEFAULTS = new DistributedSamplerOptions(null, null, true, 0, false);

    private final Integer numReplicas;
    private final Integer rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;

    private DistributedSamplerOptions(Integer numReplicas, Integer rank, boolean shuffle, long seed, boolean dropLast) {
        this.numReplicas = numReplicas;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** @return PyTorch's defaults, listed in the class comment */
    public static DistributedSamplerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many processes share the data set, like {@code num_replicas=}. Default: the default group's world size.
     *
     * @throws IllegalArgumentException unless positive
     */
    public DistributedSamplerOptions numReplicas(int numReplicas) {
        if (numReplicas <= 0) {
            throw new IllegalArgumentException("num_replicas should be a positive integer value, but got num_replicas="
                    + numReplicas);
        }
        return new DistributedSamplerOptions(numReplicas, rank, shuffle, seed, dropLast);
    }

    /** @return the number of replicas, empty (the default) for the default group's world size */
    public OptionalInt numReplicas() {
        return numReplicas == null ? OptionalInt.empty() : OptionalInt.of(numReplicas);
    }

    /**
     * This process's rank among the replicas, like {@code rank=}. Default: its rank in the default group.
     * Checked against {@code numReplicas} by the sampler, as in PyTorch.
     */
    public DistributedSamplerOptions rank(int rank) {
        return new DistributedSamplerOptions(numReplicas, rank, shuffle, seed, dropLast);
    }

    /** @return the rank, empty (the default) for this process's rank in the default group */
    public OptionalInt rank() {
        return rank == null ? OptionalInt.empty() : OptionalInt.of(rank);
    }

    /** Whether each epoch visits the samples in a new random order, like {@code shuffle=}. Default true. */
    public DistributedSamplerOptions shuffle(boolean shuffle) {
        return new DistributedSamplerOptions(numReplicas, rank, shuffle, seed, dropLast);
    }

    /** @return whether the sampler shuffles (default true) */
    public boolean shuffle() {
        return shuffle;
    }

    /**
     * The shuffle's seed, the same on every process, like {@code seed=}: epoch {@code e}'s order is
     * {@code torch.randperm(n)} from a generator seeded with {@code seed + e}. Default 0.
     */
    public DistributedSamplerOptions seed(long seed) {
        return new DistributedSamplerOptions(numReplicas, rank, shuffle, seed, dropLast);
    }

    /** @return the seed (default 0) */
    public long seed() {
        return seed;
    }

    /**
     * Whether to drop the tail that does not divide evenly among the replicas, like {@code drop_last=};
     * otherwise the first indices are repeated to fill it. Default false.
     */
    public DistributedSamplerOptions dropLast(boolean dropLast) {
        return new DistributedSamplerOptions(numReplicas, rank, shuffle, seed, dropLast);
    }

    /** @return whether the uneven tail is dropped (default false) */
    public boolean dropLast() {
        return dropLast;
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "DistributedSamplerOptions(num_replicas=" + (numReplicas == null ? "None" : numReplicas) + ", rank="
                + (rank == null ? "None" : rank) + ", shuffle=" + (shuffle ? "True" : "False") + ", seed=" + seed
                + ", drop_last=" + (dropLast ? "True" : "False") + ")";
    }
}
