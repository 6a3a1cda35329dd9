package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The mean over {@code outputSize} adaptive windows of {@code (N, C, L)} or {@code (C, L)} input,
 * mirroring {@code nn.AdaptiveAvgPool1d}: output {@code (N, C, outputSize)} whatever {@code L}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.AdaptiveAvgPool1d.html">torch.nn.AdaptiveAvgPool1d</a>
 */
public class AdaptiveAvgPool1d extends Module implements TensorModule {
    private final long outputSize;

    /** Like {@code nn.AdaptiveAvgPool1d(output_size)}. */
    public AdaptiveAvgPool1d(long outputSize) {
        this.outputSize = outputSize;
    }

    /** Pools, like {@code F.adaptive_avg_pool1d(input, output_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.adaptiveAvgPool1d(input, outputSize));
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
