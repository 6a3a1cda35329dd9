package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The mean absolute error {@code |x - y|}, mirroring {@code nn.L1Loss}. Input and target of the same shape {@code (*)} (a different but
 * broadcastable shape is accepted with PyTorch's warning); output a scalar for {@code MEAN} and
 * {@code SUM}, {@code (*)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html">torch.nn.L1Loss</a>
 */
public class L1Loss extends Module {
    private final Reduction reduction;

    /** Like {@code nn.L1Loss()}: reduction {@code MEAN}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** Like {@code nn.L1Loss(reduction=...)}. */
    public L1Loss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** The loss, like {@code F.l1_loss(input, target, reduction=)}. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.l1Loss(input, target, reduction);
    }

    /** @return the reduction */
    public Reduction reduction() {
        return reduction;
    }
}
