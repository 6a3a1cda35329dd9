package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Sigmoid plus binary cross entropy in one numerically stable step, mirroring
 * {@code nn.BCEWithLogitsLoss}. Input (logits) and target have the same shape {@code (*)}; the output
 * is a scalar for {@code MEAN} and {@code SUM}, {@code (*)} for {@code NONE}. {@code weight} and
 * {@code pos_weight} are buffers, moved by {@link #to}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html">torch.nn.BCEWithLogitsLoss</a>
 */
public class BCEWithLogitsLoss extends Module {
    private final Reduction reduction;
    private final Tensor weight;
    private final Tensor posWeight;

    /** Like {@code nn.BCEWithLogitsLoss()}: mean reduction, no weights. */
    public BCEWithLogitsLoss() {
        this(BCEWithLogitsLossOptions.defaults());
    }

    /** Like {@code nn.BCEWithLogitsLoss(**options)}; the weight tensors are copied. */
    public BCEWithLogitsLoss(BCEWithLogitsLossOptions options) {
        reduction = options.reduction();
        weight = registerBuffer("weight", options.weight() == null ? null : options.weight().detach());
        posWeight = registerBuffer("pos_weight", options.posWeight() == null ? null : options.posWeight().detach());
    }

    /**
     * The loss of {@code input} logits against {@code target} probabilities, like
     * {@code F.binary_cross_entropy_with_logits(input, target, weight, pos_weight=, reduction=)}.
     *
     * @throws IllegalArgumentException if the shapes differ (Python's ValueError, with its message)
     * @throws dev.torch4j.TorchException if libtorch rejects the tensors (e.g. an integer target)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.bceWithLogits(input, target, weight, posWeight, reduction);
    }
}
