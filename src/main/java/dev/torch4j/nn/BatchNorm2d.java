package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Batch normalisation over {@code (N, C, H, W)} input, mirroring {@code nn.BatchNorm2d}: per channel, with
 * the batch's statistics in training (and the running averages updated with {@code momentum}) and the
 * running ones in evaluation.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html">torch.nn.BatchNorm2d</a>
 */
public class BatchNorm2d extends BatchNormBase {
    /** Like {@code nn.BatchNorm2d(num_features)}. */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, BatchNormOptions.defaults());
    }

    /** Like {@code nn.BatchNorm2d(num_features, **options)}. */
    public BatchNorm2d(long numFeatures, BatchNormOptions options) {
        super(numFeatures, options);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("expected 4D input (got " + input.dim() + "D input)");
        }
    }
}
