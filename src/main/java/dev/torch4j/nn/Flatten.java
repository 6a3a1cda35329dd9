package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Flattens the dimensions {@code startDim..endDim} into one, mirroring
 * {@code nn.Flatten(start_dim=1, end_dim=-1)}: {@code (N, C, L)} becomes {@code (N, C*L)} by default.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Flatten.html">torch.nn.Flatten</a>
 */
public class Flatten extends Module implements TensorModule {
    private final long startDim;
    private final long endDim;

    /** Like {@code nn.Flatten()}: all but the batch dimension. */
    public Flatten() {
        this(1, -1);
    }

    /** Like {@code nn.Flatten(start_dim)}. */
    public Flatten(long startDim) {
        this(startDim, -1);
    }

    /**
     * Like {@code nn.Flatten(start_dim, end_dim)}.
     *
     * @param startDim first dimension to flatten (PyTorch's default: 1)
     * @param endDim   last dimension to flatten, negative from the end (PyTorch's default: -1)
     */
    public Flatten(long startDim, long endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Flattens, like {@code input.flatten(start_dim, end_dim)} (a view where possible). */
    @Override
    public Tensor forward(Tensor input) {
        return observe(input.flatten(startDim, endDim));
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
