package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code max(0, x)} elementwise, mirroring {@code nn.ReLU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.ReLU.html">torch.nn.ReLU</a>
 */
public class ReLU extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.ReLU()} with the other arguments at their defaults.
     */
    public ReLU() {
        this(false);
    }

    /**
     * Like {@code nn.ReLU(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public ReLU(boolean inplace) {
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
        return observe(Functional.relu(input, inplace));
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
