package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.internal.Functional;
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
        long[] is = input.shape();
        long[] ts = target.shape();
        if (!Arrays.equals(is, ts)) {
            throw new IllegalArgumentException("Target size (torch.Size(" + Tensor.shapeString(ts)
                    + ")) must be the same as input size (torch.Size(" + Tensor.shapeString(is) + "))");
        }
        if (!input.dtype().isFloatingPoint() || !target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("BCEWithLogitsLoss expects floating point input and target, got "
                    + input.dtype() + " and " + target.dtype());
        }
        for (Tensor t : new Tensor[] {target, weight, posWeight}) {
            if (t != null && !t.device().equals(input.device())) {
                throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at "
                        + "least two devices, " + input.device() + " and " + t.device() + "! (BCEWithLogitsLoss)");
            }
        }
        int r = switch (reduction) {
            case "none" -> Functional.REDUCTION_NONE;
            case "sum" -> Functional.REDUCTION_SUM;
            default -> Functional.REDUCTION_MEAN;
        };
        return Tensor.wrap(Functional.bceWithLogits(input.handle(), target.handle(),
                weight == null ? null : weight.handle(), posWeight == null ? null : posWeight.handle(), r));
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
