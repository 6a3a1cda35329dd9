package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * Merges a list of samples into one {@link Batch}, mirroring the {@code collate_fn} argument of
 * {@code torch.utils.data.DataLoader}.
 *
 * <p>Contract: the result holds new tensors. The loader closes the sample tensors after
 * {@link #apply} returns (a sample tensor placed in the batch as is is left open).
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#dataloader-collate-fn">collate_fn</a>
 */
@FunctionalInterface
public interface Collate {
    /**
     * Collates samples, like {@code collate_fn(batch)}.
     *
     * @param samples the samples of one batch, in order, each a list of field tensors
     * @return the batch
     * @throws IllegalArgumentException when the samples cannot be merged
     */
    Batch apply(List<List<Tensor>> samples);

    /**
     * Stacks field {@code f} of every sample along a new dimension 0, like
     * {@code torch.utils.data.default_collate} for samples that are tuples of tensors: samples with
     * fields of shapes {@code (L)} and {@code ()} give a batch of shapes {@code (B, L)} and
     * {@code (B)}. This is the default of {@link DataLoaderOptions#collate(Collate)}.
     *
     * @return the shared default collate
     */
    static Collate defaultCollate() {
        return Collates.DEFAULT;
    }

    /**
     * Pads variable-length fields to the longest in the batch, like
     * {@code pad_sequence(field_tensors, batch_first=True, padding_value=paddingValue)} per field.
     *
     * <p>Shape contract: a field whose tensors have at least one dimension, {@code (L_i, *)} with
     * equal trailing dimensions, becomes {@code (B, max L_i, *)}, rows padded at the end; a
     * 0-dimensional field (e.g. a label) is stacked into {@code (B)}. The dtype is kept.
     *
     * @param paddingValue the value written after each shorter sequence ({@code 0} in PyTorch)
     * @return a collate that pads
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.rnn.pad_sequence.html">pad_sequence</a>
     */
    static Collate padSequences(double paddingValue) {
        return samples -> Collates.pad(samples, paddingValue);
    }
}
