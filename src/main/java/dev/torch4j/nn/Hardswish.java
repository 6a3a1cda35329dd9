package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x * relu6(x + 3) / 6}, mirroring {@code nn.Hardswish}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code inplace=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Hardswish.html">torch.nn.Hardswish</a>
 */
public class Hardswish extends Module implements TensorModule {
    private final boolean inplace;

    /**
     * Like {@code nn.Hardswish()} with the other arguments at their defaults.
     */
    public Hardswish() {
        this(false);
    }

    /**
     * Like {@code nn.Hardswish(inplace)}.
     *
     * @param inplace overwrite the input
     */
    public Hardswish(boolean inplace) {
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
        return observe(Functional.hardswish(input, inplace));
    }

    /** @return the {@code inplace} value */
    public boolean inplace() {
        return inplace;
    }
}
