package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.CosineEmbeddingLoss} and {@code F.cosine_embedding_loss}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code margin=0.0}, {@code reduction='mean'}.
 */
public final class CosineEmbeddingLossOptions {
    private static final CosineEmbeddingLossOptions DEFAULTS = new CosineEmbeddingLossOptions(0.0, Reduction.MEAN);

    private final double margin;
    private final Reduction reduction;

    private CosineEmbeddingLossOptions(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    /** @return PyTorch's defaults */
    public static CosineEmbeddingLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Dissimilar pairs (target -1) are penalised when their cosine similarity exceeds this, in [-1, 1].
     * Default: 0.0.
     */
    public CosineEmbeddingLossOptions margin(double value) {
        return new CosineEmbeddingLossOptions(value, reduction);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public CosineEmbeddingLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new CosineEmbeddingLossOptions(margin, value);
    }

    /** @return the {@code margin} value */
    public double margin() {
        return margin;
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }
}
