package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A data set whose sample {@code i} is row {@code i} (index {@code i} of dimension 0) of each of
 * its tensors, mirroring {@code torch.utils.data.TensorDataset}.
 *
 * <p>Shape contract: every tensor has at least one dimension and the same size of dimension 0,
 * which is the number of samples. The tensors stay owned by the caller: this class never closes
 * them, and they must stay open as long as the data set is used. {@link DataLoader} batches a
 * TensorDataset by gathering rows with {@link Tensor#indexSelect} on each whole tensor.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.TensorDataset">torch.utils.data.TensorDataset</a>
 */
public final class TensorDataset implements Dataset {
    private final List<Tensor> tensors;
    private final long size;

    /**
     * Wraps tensors sharing their first dimension, like {@code TensorDataset(*tensors)}.
     *
     * @param tensors one or more tensors, each with at least one dimension, all of the same
     *                {@code size(0)}; e.g. {@code x} of shape (N, L) and {@code y} of shape (N, 1)
     * @throws IllegalArgumentException when no tensor is given, a tensor is 0-dimensional, or the
     *                                  first dimensions differ ("Size mismatch between tensors")
     */
    public TensorDataset(Tensor... tensors) {
        if (tensors == null || tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset needs at least one tensor, got 0");
        }
        long[] sizes = new long[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] == null) {
                throw new IllegalArgumentException("TensorDataset: tensor " + i + " is null");
            }
            long[] shape = tensors[i].shape();
            if (shape.length == 0) {
                throw new IllegalArgumentException("dimension specified as 0 but tensor has no dimensions: tensor "
                        + i + " of TensorDataset has shape []");
            }
            sizes[i] = shape[0];
        }
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] != sizes[0]) {
                throw new IllegalArgumentException("Size mismatch between tensors: expected size(0) = " + sizes[0]
                        + " as tensor 0 has, but tensor " + i + " has size(0) = " + sizes[i]
                        + " (sizes of dimension 0: " + Arrays.toString(sizes) + ")");
            }
        }
        this.tensors = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(tensors)));
        this.size = sizes[0];
    }

    /**
     * The wrapped tensors, like {@code dataset.tensors}.
     *
     * @return an unmodifiable list of the tensors given to the constructor, in order
     */
    public List<Tensor> tensors() {
        return tensors;
    }

    /**
     * The number of samples: {@code size(0)} of the tensors, like {@code len(dataset)}.
     *
     * @return the shared size of dimension 0
     */
    @Override
    public long size() {
        return size;
    }

    /**
     * Row {@code index} of every tensor, like {@code dataset[index]}.
     *
     * @param index {@code 0 <= index < size()}
     * @return one view per tensor (shape of the tensor without dimension 0), for the caller to close
     * @throws IllegalArgumentException when the index is out of range
     */
    @Override
    public List<Tensor> get(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is out of bounds for dimension 0 with size "
                    + size);
        }
        List<Tensor> row = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            row.add(t.select(0, index));
        }
        return row;
    }
}
