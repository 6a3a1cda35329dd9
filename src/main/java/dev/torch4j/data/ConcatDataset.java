package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * Datasets one after another, mirroring {@code torch.utils.data.ConcatDataset}: the samples of the first,
 * then those of the second, and so on.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.ConcatDataset">torch.utils.data.ConcatDataset</a>
 */
public final class ConcatDataset implements Dataset {
    private final List<Dataset> datasets;
    private final long[] cumulativeSizes;

    /**
     * Like {@code ConcatDataset(datasets)}.
     *
     * @throws IllegalArgumentException for no datasets (PyTorch's message) or a null one
     */
    public ConcatDataset(List<? extends Dataset> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets should not be an empty iterable");
        }
        this.datasets = List.copyOf(datasets);
        cumulativeSizes = new long[datasets.size()];
        long total = 0;
        for (int i = 0; i < datasets.size(); i++) {
            total += this.datasets.get(i).size();
            cumulativeSizes[i] = total;
        }
    }

    /** Like {@code ConcatDataset([a, b, ...])}. */
    public ConcatDataset(Dataset... datasets) {
        this(List.of(datasets));
    }

    /** @return the datasets, like {@code .datasets} */
    public List<Dataset> datasets() {
        return datasets;
    }

    /** @return the running totals of their sizes, like {@code .cumulative_sizes} */
    public long[] cumulativeSizes() {
        return cumulativeSizes.clone();
    }

    @Override
    public long size() {
        return cumulativeSizes[cumulativeSizes.length - 1];
    }

    /** Sample {@code index}; a negative index counts from the end, as in Python. */
    @Override
    public List<Tensor> get(long index) {
        long n = size();
        if (index < 0) {
            if (-index > n) {
                throw new IllegalArgumentException("absolute value of index should not exceed dataset length");
            }
            index += n;
        }
        if (index >= n) {
            throw new IllegalArgumentException("index " + index + " is out of range for a ConcatDataset of " + n
                    + " samples");
        }
        int d = 0;
        while (cumulativeSizes[d] <= index) {
            d++;
        }
        return datasets.get(d).get(d == 0 ? index : index - cumulativeSizes[d - 1]);
    }
}
