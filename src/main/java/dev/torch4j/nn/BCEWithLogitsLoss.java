package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.Arrays;

/**
 * Sigmoid plus binary cross entropy in one numerically stable step, mirroring
 * {@code nn.BCEWithLogitsLoss}. Input (logits) and target have the same shape {@code (*)}; the output
 * is a scalar for {@code mean} and {@code sum}, {@code (*)} for {@code none}. {@code weight} and
 * {@code pos_weight} are buffers, moved by {@link #to}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html">torch.nn.BCEWithLogitsLoss</a>
 */
public final class BCEWithLogitsLoss extends Module {
    private final String reduction;
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
     * The loss of {@code input} logits against {@code target} probabilities.
     *
     * @throws IllegalArgumentException if the shapes differ, the target is not floating point, or
     *         tensors are on different devices
     */
    public Tensor forward(Tensor input, Tensor target) {
        // Python's functional checks this before libtorch does
        long[] is = input.shape();
        long[] ts = target.shape();
        if (!Arrays.equals(is, ts)) {
            throw new IllegalArgumentException("Target size (torch.Size(" + Tensor.shapeString(ts)
                    + ")) must be the same as input size (torch.Size(" + Tensor.shapeString(is) + "))");
        }
        Reduction r = switch (reduction) {
            case "none" -> Reduction.NONE;
            case "sum" -> Reduction.SUM;
            default -> Reduction.MEAN;
        };
        return Torch.binaryCrossEntropyWithLogits(input, target, weight, posWeight, r);
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
