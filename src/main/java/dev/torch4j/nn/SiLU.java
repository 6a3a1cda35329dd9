package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The sigmoid linear unit {@code x * sigmoid(x)} (swish), mirroring {@code nn.SiLU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.SiLU.html">torch.nn.SiLU</a>
 */
public class SiLU extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.SiLU()} with the other arguments at their defaults.
     */
    public SiLU() {
        this(false);
    }

    /**
     * Like {@code nn.SiLU(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public SiLU(boolean inplace) {
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
        return observe(Functional.silu(input, inplace));
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
