package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * A map-style dataset, mirroring {@code torch.utils.data.Dataset}: a size and a sample per index.
 * A sample is a list of tensors (its fields, e.g. input and label).
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Dataset">torch.utils.data.Dataset</a>
 */
public interface Dataset {
    /** @return the number of samples, like {@code len(dataset)} */
    long size();

    /**
     * @param index {@code 0 <= index < size()}
     * @return the sample's fields, like {@code dataset[index]}
     */
    List<Tensor> get(long index);
}
