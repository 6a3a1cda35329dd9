package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Batch normalisation over {@code (N, C)} or {@code (N, C, L)} input, mirroring {@code nn.BatchNorm1d}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias} per channel, with the batch's statistics in
 * training (and the running averages updated with {@code momentum}) and the running ones in evaluation.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html">torch.nn.BatchNorm1d</a>
 */
public class BatchNorm1d extends BatchNormBase {
    /** Like {@code nn.BatchNorm1d(num_features)}. */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, BatchNormOptions.defaults());
    }

    /** Like {@code nn.BatchNorm1d(num_features, **options)}. */
    public BatchNorm1d(long numFeatures, BatchNormOptions options) {
        super(numFeatures, options);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + input.dim() + "D input)");
        }
    }
}
