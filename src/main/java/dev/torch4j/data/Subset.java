package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * The samples of a dataset at given indices, mirroring {@code torch.utils.data.Subset}: sample {@code i} of
 * the subset is sample {@code indices[i]} of the dataset. {@link dev.torch4j.Data#randomSplit} returns these.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Subset">torch.utils.data.Subset</a>
 */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final long[] indices;

    /**
     * Like {@code Subset(dataset, indices)}.
     *
     * @param dataset the whole dataset
     * @param indices positions in {@code dataset}, in the subset's order
     * @throws IllegalArgumentException for a null dataset or an index outside {@code [0, len(dataset))}
     */
    public Subset(Dataset dataset, long[] indices) {
        if (dataset == null) {
            throw new IllegalArgumentException("Subset: the dataset is null");
        }
        long n = dataset.size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IllegalArgumentException("Subset: index " + indices[i] + " at position " + i
                        + " is out of range for a dataset of " + n + " samples");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** @return the whole dataset, like {@code subset.dataset} */
    public Dataset dataset() {
        return dataset;
    }

    /** @return the positions in {@link #dataset()}, like {@code subset.indices} */
    public long[] indices() {
        return indices.clone();
    }

    @Override
    public long size() {
        return indices.length;
    }

    @Override
    public List<Tensor> get(long index) {
        if (index < 0 || index >= indices.length) {
            throw new IllegalArgumentException("index " + index + " is out of range for a Subset of "
                    + indices.length + " samples");
        }
        return dataset.get(indices[(int) index]);
    }
}
