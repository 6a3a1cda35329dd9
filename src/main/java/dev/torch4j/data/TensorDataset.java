package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples are rows of tensors that share their first dimension, mirroring
 * {@code torch.utils.data.TensorDataset}: sample {@code i} is {@code (t[i] for t in tensors)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.TensorDataset">torch.utils.data.TensorDataset</a>
 */
public final class TensorDataset implements Dataset {
    private final List<Tensor> tensors;
    private final long size;

    /**
     * @param tensors one or more tensors with the same size in dimension 0
     * @throws IllegalArgumentException for no tensors, a 0-dimensional tensor, or differing first sizes
     */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        }
        long first = -1;
        for (int i = 0; i < tensors.length; i++) {
            long[] s = tensors[i].shape();
            if (s.length == 0) {
                throw new IllegalArgumentException("TensorDataset: tensor " + i + " is 0-dimensional; every tensor "
                        + "needs a first dimension to index samples by");
            }
            if (i == 0) {
                first = s[0];
            } else if (s[0] != first) {
                throw new IllegalArgumentException("Size mismatch between tensors: tensor 0 has " + first
                        + " samples (shape " + Tensor.shapeString(tensors[0].shape()) + ") but tensor " + i + " has "
                        + s[0] + " (shape " + Tensor.shapeString(s) + ")");
            }
        }
        this.tensors = List.of(tensors);
        this.size = first;
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * @throws IndexOutOfBoundsException outside {@code [0, size())}
     */
    @Override
    public List<Tensor> get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a TensorDataset of "
                    + size + " samples");
        }
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.select(0, index));
        }
        return out;
    }

    /** @return the tensors, in the order given */
    public List<Tensor> tensors() {
        return tensors;
    }
}
