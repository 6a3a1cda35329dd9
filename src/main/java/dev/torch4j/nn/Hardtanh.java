package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x} clamped to {@code [minVal, maxVal]}, mirroring {@code nn.Hardtanh}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code min_val=-1.0}, {@code max_val=1.0}, {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Hardtanh.html">torch.nn.Hardtanh</a>
 */
public class Hardtanh extends Module implements TensorModule {
    private final double minVal;
    private final double maxVal;
    private final boolean inplace;

    /**
     * Like {@code nn.Hardtanh()} with the other arguments at their defaults.
     */
    public Hardtanh() {
        this(-1.0, 1.0, false);
    }

    /**
     * Like {@code nn.Hardtanh(min_val)} with the other arguments at their defaults.
     *
     * @param minVal the lower bound
     * @throws IllegalArgumentException unless {@code maxVal > minVal} (Python's AssertionError)
     */
    public Hardtanh(double minVal) {
        this(minVal, 1.0, false);
    }

    /**
     * Like {@code nn.Hardtanh(min_val, max_val)} with the other arguments at their defaults.
     *
     * @param minVal the lower bound
     * @param maxVal the upper bound
     * @throws IllegalArgumentException unless {@code maxVal > minVal} (Python's AssertionError)
     */
    public Hardtanh(double minVal, double maxVal) {
        this(minVal, maxVal, false);
    }

    /**
     * Like {@code nn.Hardtanh(min_val, max_val, inplace)}.
     *
     * @param minVal the lower bound
     * @param maxVal the upper bound
     * @param inplace overwrite the input
     * @throws IllegalArgumentException unless {@code maxVal > minVal} (Python's AssertionError)
     */
    public Hardtanh(double minVal, double maxVal, boolean inplace) {
        if (!(maxVal > minVal)) {
            throw new IllegalArgumentException("max_val must be greater than min_val");
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.hardtanh(input, minVal, maxVal, inplace));
    }

    /** @return the {@code min_val} value */
    public double minVal() {
        return minVal;
    }

    /** @return the {@code max_val} value */
    public double maxVal() {
        return maxVal;
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + PyRepr.of(minVal) + ", max_val=" + PyRepr.of(maxVal) + (inplace ? ", inplace=True" : "");
    }
}
