package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Keyword arguments of {@code nn.NLLLoss} and {@code F.nll_loss}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code weight=None}, {@code ignore_index=-100}, {@code reduction='mean'}.
 */
public final class NLLLossOptions {
    private static final NLLLossOptions DEFAULTS = new NLLLossOptions(null, -100, Reduction.MEAN);

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;

    private NLLLossOptions(Tensor weight, long ignoreIndex, Reduction reduction) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** @return PyTorch's defaults */
    public static NLLLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A manual rescaling weight per class, of size {@code C}.
     * Default: none.
     */
    public NLLLossOptions weight(Tensor value) {
        return new NLLLossOptions(value, ignoreIndex, reduction);
    }

    /**
     * A target class index that contributes neither loss nor gradient.
     * Default: -100.
     */
    public NLLLossOptions ignoreIndex(long value) {
        return new NLLLossOptions(weight, value, reduction);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public NLLLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new NLLLossOptions(weight, ignoreIndex, value);
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
}
