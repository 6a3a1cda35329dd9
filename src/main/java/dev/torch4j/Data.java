package dev.torch4j;

import dev.torch4j.data.Dataset;
import dev.torch4j.data.Subset;
import dev.torch4j.internal.CpuRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of {@code torch.utils.data} (its classes are in {@link dev.torch4j.data}).
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html">torch.utils.data</a>
 */
public final class Data {
    private Data() {
    }

    /**
     * Like {@code random_split(dataset, lengths)}: disjoint subsets of the given lengths, in an order drawn
     * from the global generator ({@code torch.randperm(len(dataset))}), so the same {@link Torch#manualSeed}
     * gives PyTorch's split.
     *
     * @param lengths the subsets' sizes, summing to {@code len(dataset)}
     * @throws IllegalArgumentException when they do not sum to the dataset's size (PyTorch's message)
     */
    public static List<Subset> randomSplit(Dataset dataset, long... lengths) {
        long[] order;
        try (Tensor perm = Torch.randperm(checkedTotal(dataset, lengths))) {
            order = perm.toLongArray();
        }
        return split(dataset, lengths, order);
    }

    /**
     * Like {@code random_split(dataset, lengths, generator=torch.Generator().manual_seed(seed))}: the order
     * comes from a generator of its own, leaving the global one untouched.
     */
    public static List<Subset> randomSplit(Dataset dataset, long[] lengths, long seed) {
        return split(dataset, lengths, CpuRandom.randperm(checkedTotal(dataset, lengths), seed));
    }

    /**
     * Like {@code random_split(dataset, fractions)} with fractions summing to 1: each subset gets
     * {@code floor(len(dataset) * fraction)} samples, and what remains is dealt one at a time to the subsets
     * in order, as PyTorch does.
     *
     * @throws IllegalArgumentException for a fraction outside [0, 1] or fractions not summing to 1
     */
    public static List<Subset> randomSplit(Dataset dataset, double... fractions) {
        return randomSplit(dataset, lengthsOf(dataset, fractions));
    }

    /** Like {@code random_split(dataset, fractions, generator=torch.Generator().manual_seed(seed))}. */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions, long seed) {
        return randomSplit(dataset, lengthsOf(dataset, fractions), seed);
    }

    private static long[] lengthsOf(Dataset dataset, double[] fractions) {
        double sum = 0;
        for (double f : fractions) {
            sum += f;
        }
        if (!(Math.abs(sum - 1) <= 1e-9 && sum <= 1)) {  // math.isclose(sum, 1) and sum <= 1
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        }
        long n = dataset.size();
        long[] lengths = new long[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (fractions[i] < 0 || fractions[i] > 1) {
                throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
            }
            lengths[i] = (long) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (long i = 0; i < n - assigned; i++) {
            lengths[(int) (i % lengths.length)]++;
        }
        return lengths;
    }

    private static long checkedTotal(Dataset dataset, long[] lengths) {
        long total = 0;
        for (long l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("random_split: length " + l + " is negative");
            }
            total += l;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        }
        return total;
    }

    private static List<Subset> split(Dataset dataset, long[] lengths, long[] order) {
        List<Subset> subsets = new ArrayList<>(lengths.length);
        int offset = 0;
        for (long length : lengths) {
            long[] indices = new long[(int) length];
            System.arraycopy(order, offset, indices, 0, indices.length);
            offset += indices.length;
            subsets.add(new Subset(dataset, indices));
        }
        return subsets;
    }
}
