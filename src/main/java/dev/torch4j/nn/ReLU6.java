package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code min(max(0, x), 6)} elementwise, mirroring {@code nn.ReLU6}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.ReLU6.html">torch.nn.ReLU6</a>
 */
public class ReLU6 extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.ReLU6()} with the other arguments at their defaults.
     */
    public ReLU6() {
        this(false);
    }

    /**
     * Like {@code nn.ReLU6(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public ReLU6(boolean inplace) {
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
        return observe(Functional.relu6(input, inplace));
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
