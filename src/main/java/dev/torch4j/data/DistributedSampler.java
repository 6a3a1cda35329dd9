package dev.torch4j.data;

import dev.torch4j.Distributed;
import dev.torch4j.internal.CpuRandom;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Gives each process of a distributed run its own part of a data set, mirroring
 * {@code torch.utils.data.distributed.DistributedSampler}, index for index: for the same size,
 * seed, epoch, shuffle and {@code dropLast} every rank gets exactly PyTorch's indices (the shuffle is
 * libtorch's own {@code randperm} on a CPU generator seeded with {@code seed + epoch}; the padding
 * and the strided split by rank are Python's).
 *
 * <pre>{@code
 * DistributedSampler sampler = new DistributedSampler(dataset);
 * DataLoader loader = new DataLoader(dataset, DataLoaderOptions.defaults().batchSize(32).sampler(sampler));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     sampler.setEpoch(epoch);          // a new order each epoch, the same on every rank
 *     for (Batch batch : loader) { ... }
 * }
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.distributed.DistributedSampler">DistributedSampler</a>
 */
public final class DistributedSampler implements Sampler {
    private final Dataset dataset;
    private final int numReplicas;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final long numSamples;
    private final long totalSize;
    private volatile long epoch;

    /**
     * A sampler over {@code dataset} for this process of the default group, like
     * {@code DistributedSampler(dataset)}: shuffled, seed 0.
     *
     * @throws IllegalStateException when the default process group is not initialized
     */
    public DistributedSampler(Dataset dataset) {
        this(dataset, DistributedSamplerOptions.defaults());
    }

    /**
     * Like {@code DistributedSampler(dataset, **options)}.
     *
     * @throws IllegalStateException    when {@code numReplicas} or {@code rank} is left to the default process
     *                                  group and none is initialized
     * @throws IllegalArgumentException when the rank is outside {@code [0, numReplicas)} (PyTorch's "Invalid
     *                                  rank ..."), or an argument is null
     */
    public DistributedSampler(Dataset dataset, DistributedSamplerOptions options) {
        if (dataset == null || options == null) {
            throw new IllegalArgumentException("DistributedSampler: dataset and options must not be null");
        }
        int replicas = options.numReplicas().isPresent() ? options.numReplicas().getAsInt() : Distributed.getWorldSize();
        int r = options.rank().isPresent() ? options.rank().getAsInt() : Distributed.getRank();
        if (r >= replicas || r < 0) {
            throw new IllegalArgumentException("Invalid rank " + r + ", rank should be in the interval [0, "
                    + (replicas - 1) + "]");
        }
        this.dataset = dataset;
        this.numReplicas = replicas;
        this.rank = r;
        this.shuffle = options.shuffle();
        this.seed = options.seed();
        this.dropLast = options.dropLast();
        long n = dataset.size();
        if (dropLast && n % replicas != 0) {
            numSamples = ceilDiv(n - replicas, replicas);
        } else {
            numSamples = ceilDiv(n, replicas);
        }
        totalSize = numSamples * replicas;
    }

    /** Python's {@code math.ceil(a / b)} for a positive {@code b}, also for a negative {@code a}. */
    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Sets the epoch, which with the seed picks the next iterations' order, like {@code set_epoch(epoch)}.
     * Call it at the start of each epoch, before iterating, on every rank.
     */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** @return the epoch set last (0 at first) */
    public long epoch() {
        return epoch;
    }

    /** @return this rank's number of indices per epoch, like {@code len(sampler)} ({@code num_samples}) */
    @Override
    public long size() {
        return numSamples;
    }

    /** @return the number of replicas, like {@code sampler.num_replicas} */
    public int numReplicas() {
        return numReplicas;
    }

    /** @return this sampler's rank, like {@code sampler.rank} */
    public int rank() {
        return rank;
    }

    /** @return this epoch's indices for this rank, like {@code iter(sampler)} */
    @Override
    public Iterator<Long> iterator() {
        long[] mine = indices();
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < mine.length;
            }

            @Override
            public Long next() {
                if (i >= mine.length) {
                    throw new NoSuchElementException();
                }
                return mine[i++];
            }
        };
    }

    /** This epoch's indices for this rank, as PyTorch's {@code __iter__} computes them. */
    long[] indices() {
        long n = dataset.size();
        if (n > Integer.MAX_VALUE - 8 || totalSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("DistributedSampler: a data set of " + n + " samples is too large");
        }
        long[] all = shuffle ? CpuRandom.randperm(n, seed + epoch) : identity((int) n);
        long[] padded = new long[(int) totalSize];
        if (!dropLast) {
            for (int i = 0; i < totalSize; i++) {
                padded[i] = all[(int) (i % n)];   // indices += (indices * ceil(pad / n))[:pad]
            }
        } else {
            System.arraycopy(all, 0, padded, 0, (int) totalSize);
        }
        long[] mine = new long[(int) numSamples];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = padded[rank + i * numReplicas];
        }
        return mine;
    }

    private static long[] identity(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** @return e.g. {@code DistributedSampler(num_replicas=2, rank=0, shuffle=True, seed=0, drop_last=False, epoch=0)} */
    @Override
    public String toString() {
        return "DistributedSampler(num_replicas=" + numReplicas + ", rank=" + rank + ", shuffle="
                + (shuffle ? "True" : "False") + ", seed=" + seed + ", drop_last=" + (dropLast ? "True" : "False")
                + ", epoch=" + epoch + ")";
    }
}
