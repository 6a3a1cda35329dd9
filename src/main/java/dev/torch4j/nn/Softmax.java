package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code exp(x) / sum(exp(x))} along {@code dim}: each slice along {@code dim} sums to 1, mirroring {@code nn.Softmax(dim=None)}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softmax.html">torch.nn.Softmax</a>
 */
public class Softmax extends Module implements TensorModule {
    private final Long dim;

    /**
     * Like {@code nn.Softmax()}: without a dimension, which PyTorch deprecates; the dimension is then chosen
     * from the input's rank as PyTorch chooses it (0 for 0-, 1- and 3-d input, else 1), with its warning.
     */
    public Softmax() {
        this.dim = null;
    }

    /**
     * Like {@code nn.Softmax(dim)}.
     *
     * @param dim the dimension along which it is computed (negative counts from the end)
     */
    public Softmax(long dim) {
        this.dim = dim;
    }

    /** Applies it, like {@code F.softmax(input, self.dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        long d = dim != null ? dim : Functional.implicitSoftmaxDim("softmax", input.dim());
        return observe(Functional.softmax(input, d));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
