package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code relu6(x + 3) / 6}, mirroring {@code nn.Hardsigmoid}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Hardsigmoid.html">torch.nn.Hardsigmoid</a>
 */
public class Hardsigmoid extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.Hardsigmoid()} with the other arguments at their defaults.
     */
    public Hardsigmoid() {
        this(false);
    }

    /**
     * Like {@code nn.Hardsigmoid(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public Hardsigmoid(boolean inplace) {
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
        return observe(Functional.hardsigmoid(input, inplace));
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }
}
