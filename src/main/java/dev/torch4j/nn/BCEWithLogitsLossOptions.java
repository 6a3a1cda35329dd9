package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Keyword arguments of {@code nn.BCEWithLogitsLoss} and {@code F.binary_cross_entropy_with_logits}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code weight=None}, {@code reduction='mean'}, {@code pos_weight=None}.
 */
public final class BCEWithLogitsLossOptions {
    private static final BCEWithLogitsLossOptions DEFAULTS = new BCEWithLogitsLossOptions(null, Reduction.MEAN, null);

    private final Tensor weight;
    private final Reduction reduction;
    private final Tensor posWeight;

    private BCEWithLogitsLossOptions(Tensor weight, Reduction reduction, Tensor posWeight) {
        this.weight = weight;
        this.reduction = reduction;
        this.posWeight = posWeight;
    }

    /** @return PyTorch's defaults */
    public static BCEWithLogitsLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A manual rescaling weight per element, broadcast to the input.
     * Default: none.
     */
    public BCEWithLogitsLossOptions weight(Tensor value) {
        return new BCEWithLogitsLossOptions(value, reduction, posWeight);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public BCEWithLogitsLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new BCEWithLogitsLossOptions(weight, value, posWeight);
    }

    /**
     * A weight of positive examples per class, broadcast along the last dimension.
     * Default: none.
     */
    public BCEWithLogitsLossOptions posWeight(Tensor value) {
        return new BCEWithLogitsLossOptions(weight, reduction, value);
    }

    /** @return the {@code weight} value (null for none) */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }

    /** @return the {@code pos_weight} value (null for none) */
    public Tensor posWeight() {
        return posWeight;
    }
}
