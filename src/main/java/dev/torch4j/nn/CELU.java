package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code max(0, x) + min(0, alpha * (exp(x / alpha) - 1))}, mirroring {@code nn.CELU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code alpha=1.0}, {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.CELU.html">torch.nn.CELU</a>
 */
public class CELU extends Module implements TensorModule {
    private final double alpha;
    private final boolean inplace;

    /**
     * Like {@code nn.CELU()} with the other arguments at their defaults.
     */
    public CELU() {
        this(1.0, false);
    }

    /**
     * Like {@code nn.CELU(alpha)} with the other arguments at their defaults.
     *
     * @param alpha the alpha of the formula
     */
    public CELU(double alpha) {
        this(alpha, false);
    }

    /**
     * Like {@code nn.CELU(alpha, inplace)}.
     *
     * @param alpha the alpha of the formula
     * @param inplace overwrite the input
     */
    public CELU(double alpha, boolean inplace) {
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
        return observe(Functional.celu(input, alpha, inplace));
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
