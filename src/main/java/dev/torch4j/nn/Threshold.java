package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x} where {@code x > threshold}, else {@code value}, mirroring {@code nn.Threshold}. Input any
 * shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Threshold.html">torch.nn.Threshold</a>
 */
public class Threshold extends Module implements TensorModule {
    private final double threshold;
    private final double value;
    private final boolean inplace;

    /** Like {@code nn.Threshold(threshold, value)}. */
    public Threshold(double threshold, double value) {
        this(threshold, value, false);
    }

    /**
     * Like {@code nn.Threshold(threshold, value, inplace)}.
     *
     * @param inplace overwrite the input (PyTorch's default: false)
     */
    public Threshold(double threshold, double value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    /** Applies it elementwise; the same shape out (the input itself when in place). */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.threshold(input, threshold, value, inplace));
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + PyRepr.of(threshold) + ", value=" + PyRepr.of(value) + (inplace ? ", inplace=True" : "");
    }
}
