package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Expands dimension {@code dim} into {@code unflattenedSize}, mirroring
 * {@code nn.Unflatten(dim, unflattened_size)}: {@code (N, 12)} with {@code (3, 4)} becomes {@code (N, 3, 4)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Unflatten.html">torch.nn.Unflatten</a>
 */
public class Unflatten extends Module implements TensorModule {
    private final long dim;
    private final long[] unflattenedSize;

    /**
     * Like {@code nn.Unflatten(dim, unflattened_size)}.
     *
     * @param unflattenedSize the new sizes, whose product is the size of {@code dim} (one may be -1)
     */
    public Unflatten(long dim, long... unflattenedSize) {
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    /** Unflattens, like {@code input.unflatten(dim, unflattened_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(input.unflatten(dim, unflattenedSize));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + PyRepr.tuple(unflattenedSize);
    }
}
