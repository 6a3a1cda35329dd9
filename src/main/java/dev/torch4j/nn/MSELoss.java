package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The mean squared error {@code (x - y)^2}, mirroring {@code nn.MSELoss}. Input and target of the same shape {@code (*)} (a different but
 * broadcastable shape is accepted with PyTorch's warning); output a scalar for {@code MEAN} and
 * {@code SUM}, {@code (*)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html">torch.nn.MSELoss</a>
 */
public class MSELoss extends Module {
    private final Reduction reduction;

    /** Like {@code nn.MSELoss()}: reduction {@code MEAN}. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** Like {@code nn.MSELoss(reduction=...)}. */
    public MSELoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** The loss, like {@code F.mse_loss(input, target, reduction=)}. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction);
    }

    /** @return the reduction */
    public Reduction reduction() {
        return reduction;
    }
}
