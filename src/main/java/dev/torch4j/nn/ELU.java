package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x} for positive {@code x}, {@code alpha * (exp(x) - 1)} otherwise, mirroring {@code nn.ELU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code alpha=1.0}, {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.ELU.html">torch.nn.ELU</a>
 */
public class ELU extends Module implements TensorModule {
    private final double alpha;
    private final boolean inplace;

    /**
     * Like {@code nn.ELU()} with the other arguments at their defaults.
     */
    public ELU() {
        this(1.0, false);
    }

    /**
     * Like {@code nn.ELU(alpha)} with the other arguments at their defaults.
     *
     * @param alpha the saturation value for negative inputs
     */
    public ELU(double alpha) {
        this(alpha, false);
    }

    /**
     * Like {@code nn.ELU(alpha, inplace)}.
     *
     * @param alpha the saturation value for negative inputs
     * @param inplace overwrite the input
     */
    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
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
        return observe(Functional.elu(input, alpha, inplace));
    }

    /** @return the {@code alpha} value */
    public double alpha() {
        return alpha;
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + PyRepr.of(alpha) + (inplace ? ", inplace=True" : "");
    }
}
