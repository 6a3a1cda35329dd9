package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code scale * (max(0, x) + min(0, alpha * (exp(x) - 1)))} with the self-normalising constants, mirroring {@code nn.SELU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.SELU.html">torch.nn.SELU</a>
 */
public class SELU extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.SELU()} with the other arguments at their defaults.
     */
    public SELU() {
        this(false);
    }

    /**
     * Like {@code nn.SELU(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public SELU(boolean inplace) {
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
        return observe(Functional.selu(input, inplace));
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
