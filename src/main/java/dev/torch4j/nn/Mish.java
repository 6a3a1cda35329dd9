package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x * tanh(softplus(x))}, mirroring {@code nn.Mish}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Mish.html">torch.nn.Mish</a>
 */
public class Mish extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.Mish()} with the other arguments at their defaults.
     */
    public Mish() {
        this(false);
    }

    /**
     * Like {@code nn.Mish(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public Mish(boolean inplace) {
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
        return observe(Functional.mish(input, inplace));
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
