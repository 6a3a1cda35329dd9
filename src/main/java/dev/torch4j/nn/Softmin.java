package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code softmax(-x)} along {@code dim}, mirroring {@code nn.Softmin(dim=None)}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softmin.html">torch.nn.Softmin</a>
 */
public class Softmin extends Module implements TensorModule {
    private final Long dim;

    /**
     * Like {@code nn.Softmin()}: without a dimension, which PyTorch deprecates; the dimension is then chosen
     * from the input's rank as PyTorch chooses it (0 for 0-, 1- and 3-d input, else 1), with its warning.
     */
    public Softmin() {
        this.dim = null;
    }

    /**
     * Like {@code nn.Softmin(dim)}.
     *
     * @param dim the dimension along which it is computed (negative counts from the end)
     */
    public Softmin(long dim) {
        this.dim = dim;
    }

    /** Applies it, like {@code F.softmin(input, self.dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        long d = dim != null ? dim : Functional.implicitSoftmaxDim("softmin", input.dim());
        return observe(Functional.softmin(input, d));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
