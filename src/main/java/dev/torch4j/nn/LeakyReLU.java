package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x} for positive {@code x}, {@code negativeSlope * x} otherwise, mirroring {@code nn.LeakyReLU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code negative_slope=0.01}, {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html">torch.nn.LeakyReLU</a>
 */
public class LeakyReLU extends Module implements TensorModule {
    private final double negativeSlope;
    private final boolean inplace;

    /**
     * Like {@code nn.LeakyReLU()} with the other arguments at their defaults.
     */
    public LeakyReLU() {
        this(0.01, false);
    }

    /**
     * Like {@code nn.LeakyReLU(negative_slope)} with the other arguments at their defaults.
     *
     * @param negativeSlope the slope for negative inputs
     */
    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, false);
    }

    /**
     * Like {@code nn.LeakyReLU(negative_slope, inplace)}.
     *
     * @param negativeSlope the slope for negative inputs
     * @param inplace overwrite the input
     */
    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
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
        return observe(Functional.leakyRelu(input, negativeSlope, inplace));
    }

    /** @return the {@code negative_slope} value */
    public double negativeSlope() {
        return negativeSlope;
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + PyRepr.of(negativeSlope) + (inplace ? ", inplace=True" : "");
    }
}
