package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The maximum over {@code outputSize} adaptive windows of {@code (N, C, L)} or {@code (C, L)} input,
 * mirroring {@code nn.AdaptiveMaxPool1d}: output {@code (N, C, outputSize)} whatever {@code L}. With
 * {@code outputSize} 1 this is the max-over-time pooling of text CNNs. PyTorch's
 * {@code return_indices=True} is {@link #forwardWithIndices}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.AdaptiveMaxPool1d.html">torch.nn.AdaptiveMaxPool1d</a>
 */
public class AdaptiveMaxPool1d extends Module implements TensorModule {
    private final long outputSize;

    /** Like {@code nn.AdaptiveMaxPool1d(output_size)}. */
    public AdaptiveMaxPool1d(long outputSize) {
        this.outputSize = outputSize;
    }

    /** Pools, like {@code F.adaptive_max_pool1d(input, output_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.adaptiveMaxPool1d(input, outputSize));
    }

    /** Pools and returns the argmax positions too, like PyTorch's {@code return_indices=True}. */
    public dev.torch4j.returntypes.AdaptiveMaxPool1d forwardWithIndices(Tensor input) {
        return Functional.adaptiveMaxPool1dWithIndices(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
