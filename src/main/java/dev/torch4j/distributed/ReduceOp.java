package dev.torch4j.distributed;

/**
 * How a reducing collective combines the ranks' values, mirroring {@code torch.distributed.ReduceOp}.
 * Element-wise over the tensors of every rank in the group.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.ReduceOp">torch.distributed.ReduceOp</a>
 */
public enum ReduceOp {
    /** The sum, {@code ReduceOp.SUM} (the default of every reducing collective). */
    SUM,
    /** The mean over the ranks, {@code ReduceOp.AVG}: the sum divided by the group size. */
    AVG,
    /** The product, {@code ReduceOp.PRODUCT}. */
    PRODUCT,
    /** The minimum, {@code ReduceOp.MIN}. */
    MIN,
    /** The maximum, {@code ReduceOp.MAX}. */
    MAX,
    /** Bitwise and of integer or bool tensors, {@code ReduceOp.BAND}. */
    BAND,
    /** Bitwise or of integer or bool tensors, {@code ReduceOp.BOR}. */
    BOR,
    /** Bitwise exclusive or of integer or bool tensors, {@code ReduceOp.BXOR}. */
    BXOR
}
