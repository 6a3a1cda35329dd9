package dev.torch4j.data;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Given indices in random order, mirroring {@code torch.utils.data.SubsetRandomSampler}: each iteration
 * yields {@code indices[i]} for {@code i} in {@code torch.randperm(len(indices))}, drawn from the global
 * generator, or from a generator of its own when given a seed.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.SubsetRandomSampler">torch.utils.data.SubsetRandomSampler</a>
 */
public final class SubsetRandomSampler implements Sampler {
    private final long[] indices;
    private final Mt19937 generator;

    /** Like {@code SubsetRandomSampler(indices)}. */
    public SubsetRandomSampler(long[] indices) {
        this.indices = indices.clone();
        this.generator = null;
    }

    /** Like {@code SubsetRandomSampler(indices, generator=torch.Generator().manual_seed(seed))}. */
    public SubsetRandomSampler(long[] indices, long seed) {
        this.indices = indices.clone();
        this.generator = new Mt19937(seed);
    }

    @Override
    public long size() {
        return indices.length;
    }

    @Override
    public Iterator<Long> iterator() {
        long[] order;
        synchronized (this) {
            if (generator != null) {
                order = generator.randperm(indices.length);
            } else {
                try (Tensor perm = Torch.randperm(indices.length)) {
                    order = perm.toLongArray();
                }
            }
        }
        return Arrays.stream(order).map(i -> indices[(int) i]).iterator();
    }
}
