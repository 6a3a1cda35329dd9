package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The gated linear unit: the first half of {@code dim} times the sigmoid of the second half, mirroring {@code nn.GLU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code dim=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GLU.html">torch.nn.GLU</a>
 */
public class GLU extends Module implements TensorModule {
    private final long dim;

    /**
     * Like {@code nn.GLU()} with the other arguments at their defaults.
     */
    public GLU() {
        this(-1);
    }

    /**
     * Like {@code nn.GLU(dim)}.
     *
     * @param dim the dimension to halve
     */
    public GLU(long dim) {
        this.dim = dim;
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.glu(input, dim));
    }

    /** @return the {@code dim} value */
    public long dim() {
        return dim;
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
