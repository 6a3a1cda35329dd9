package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Keyword arguments of {@code nn.CrossEntropyLoss} and {@code F.cross_entropy}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code weight=None}, {@code ignore_index=-100}, {@code reduction='mean'}, {@code label_smoothing=0.0}.
 */
public final class CrossEntropyLossOptions {
    private static final CrossEntropyLossOptions DEFAULTS = new CrossEntropyLossOptions(null, -100, Reduction.MEAN, 0.0);

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    private CrossEntropyLossOptions(Tensor weight, long ignoreIndex, Reduction reduction, double labelSmoothing) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
        this.labelSmoothing = labelSmoothing;
    }

    /** @return PyTorch's defaults */
    public static CrossEntropyLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A manual rescaling weight per class, of size {@code C}.
     * Default: none.
     */
    public CrossEntropyLossOptions weight(Tensor value) {
        return new CrossEntropyLossOptions(value, ignoreIndex, reduction, labelSmoothing);
    }

    /**
     * A target class index that contributes neither loss nor gradient (class-index targets only).
     * Default: -100.
     */
    public CrossEntropyLossOptions ignoreIndex(long value) {
        return new CrossEntropyLossOptions(weight, value, reduction, labelSmoothing);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public CrossEntropyLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new CrossEntropyLossOptions(weight, ignoreIndex, value, labelSmoothing);
    }

    /**
     * Smoothing in [0, 1]: the target becomes a mix of the original and a uniform distribution.
     * Default: 0.0.
     */
    public CrossEntropyLossOptions labelSmoothing(double value) {
        return new CrossEntropyLossOptions(weight, ignoreIndex, reduction, value);
    }

    /** @return the {@code weight} value (null for none) */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code ignore_index} value */
    public long ignoreIndex() {
        return ignoreIndex;
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }

    /** @return the {@code label_smoothing} value */
    public double labelSmoothing() {
        return labelSmoothing;
    }
}
