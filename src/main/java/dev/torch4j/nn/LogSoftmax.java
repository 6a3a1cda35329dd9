package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code log(softmax(x))} along {@code dim}, computed stably in one kernel, mirroring {@code nn.LogSoftmax(dim=None)}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LogSoftmax.html">torch.nn.LogSoftmax</a>
 */
public class LogSoftmax extends Module implements TensorModule {
    private final Long dim;

    /**
     * Like {@code nn.LogSoftmax()}: without a dimension, which PyTorch deprecates; the dimension is then chosen
     * from the input's rank as PyTorch chooses it (0 for 0-, 1- and 3-d input, else 1), with its warning.
     */
    public LogSoftmax() {
        this.dim = null;
    }

    /**
     * Like {@code nn.LogSoftmax(dim)}.
     *
     * @param dim the dimension along which it is computed (negative counts from the end)
     */
    public LogSoftmax(long dim) {
        this.dim = dim;
    }

    /** Applies it, like {@code F.log_softmax(input, self.dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        long d = dim != null ? dim : Functional.implicitSoftmaxDim("log_softmax", input.dim());
        return observe(Functional.logSoftmax(input, d));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
