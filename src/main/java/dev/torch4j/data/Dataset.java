package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * A map-style data set: a fixed number of samples, each a list of tensors (its fields, e.g.
 * {@code x} and {@code y}), mirroring {@code torch.utils.data.Dataset}.
 *
 * <p>Ownership: {@link #get(long)} returns new {@link Tensor} objects that the caller closes
 * ({@link DataLoader} does so after collating). A data set that stores tensors returns views of
 * them (e.g. {@code stored.detach()} or {@code stored.select(0, i)}), never the stored objects
 * themselves; closing a view never frees the memory it shares.
 *
 * <p>{@link DataLoader} with {@link DataLoaderOptions#prefetch(int) prefetch} calls {@link #get(long)}
 * on a background thread.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Dataset">torch.utils.data.Dataset</a>
 */
public interface Dataset {
    /**
     * The number of samples, like {@code len(dataset)}.
     *
     * @return a count {@code >= 0}
     */
    long size();

    /**
     * One sample, like {@code dataset[index]}.
     *
     * @param index {@code 0 <= index < size()}
     * @return the sample's fields, as new tensors the caller closes
     * @throws IllegalArgumentException when the index is out of range
     */
    List<Tensor> get(long index);
}
