package dev.torch4j.data;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Dataset indices in random order, mirroring {@code torch.utils.data.RandomSampler} draw for draw: without
 * a seed each iteration seeds a generator of its own from the global one (so {@link dev.torch4j.Torch#manualSeed}
 * gives PyTorch's orders), with one the draws continue across iterations. Without replacement it yields
 * whole permutations ({@code randperm}); with replacement uniform draws in chunks of 32, as PyTorch does.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.RandomSampler">torch.utils.data.RandomSampler</a>
 */
public final class RandomSampler implements Sampler {
    private final Dataset dataSource;
    private final RandomSamplerOptions options;
    private final Mt19937 generator;

    /** Like {@code RandomSampler(data_source)}. */
    public RandomSampler(Dataset dataSource) {
        this(dataSource, RandomSamplerOptions.defaults());
    }

    /**
     * Like {@code RandomSampler(data_source, **options)}.
     *
     * @throws IllegalArgumentException for an empty dataset without {@code numSamples} (PyTorch's message)
     */
    public RandomSampler(Dataset dataSource, RandomSamplerOptions options) {
        this.dataSource = dataSource;
        this.options = options;
        this.generator = options.seed() == null ? null : new Mt19937(options.seed());
        if (size() <= 0) {
            throw new IllegalArgumentException("num_samples should be a positive integer value, but got num_samples="
                    + size());
        }
    }

    /** @return {@code num_samples}: the option, else the dataset's size */
    @Override
    public long size() {
        return options.numSamples() != null ? options.numSamples() : dataSource.size();
    }

    /** Draws this iteration's indices now, like the first {@code next()} of PyTorch's generator function. */
    @Override
    public Iterator<Long> iterator() {
        return Arrays.stream(draw()).iterator();
    }

    private synchronized long[] draw() {
        int n = Math.toIntExact(dataSource.size());
        int count = Math.toIntExact(size());
        Mt19937 g = generator != null ? generator : new Mt19937(DataLoader.drawGlobalLow32());
        long[] out = new long[count];
        if (options.replacement()) {
            for (int i = 0; i < count; i++) {
                out[i] = Integer.toUnsignedLong(g.next()) % n;  // randint(high=n) on the CPU: random() % n
            }
            return out;
        }
        int filled = 0;
        for (int round = 0; round < count / n; round++) {
            System.arraycopy(g.randperm(n), 0, out, filled, n);
            filled += n;
        }
        long[] last = g.randperm(n);  // PyTorch draws the last permutation whole and keeps a prefix
        System.arraycopy(last, 0, out, filled, count - filled);
        return out;
    }
}
