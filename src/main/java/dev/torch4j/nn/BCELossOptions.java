package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Keyword arguments of {@code nn.BCELoss} and {@code F.binary_cross_entropy}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code weight=None}, {@code reduction='mean'}.
 */
public final class BCELossOptions {
    private static final BCELossOptions DEFAULTS = new BCELossOptions(null, Reduction.MEAN);

    private final Tensor weight;
    private final Reduction reduction;

    private BCELossOptions(Tensor weight, Reduction reduction) {
        this.weight = weight;
        this.reduction = reduction;
    }

    /** @return PyTorch's defaults */
    public static BCELossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A manual rescaling weight per element, broadcast to the target's shape.
     * Default: none.
     */
    public BCELossOptions weight(Tensor value) {
        return new BCELossOptions(value, reduction);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public BCELossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new BCELossOptions(weight, value);
    }

    /** @return the {@code weight} value (null for none) */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }
}
