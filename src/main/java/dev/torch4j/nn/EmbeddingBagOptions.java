package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.EmbeddingBag} and {@code F.embedding_bag}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code max_norm=None}, {@code norm_type=2.0}, {@code scale_grad_by_freq=False}, {@code mode='mean'}, {@code sparse=False}, {@code include_last_offset=False}, {@code padding_idx=None}.
 */
public final class EmbeddingBagOptions {
    private static final EmbeddingBagOptions DEFAULTS = new EmbeddingBagOptions(null, 2.0, false, EmbeddingBag.Mode.MEAN, false, false, null);

    private final Double maxNorm;
    private final double normType;
    private final boolean scaleGradByFreq;
    private final EmbeddingBag.Mode mode;
    private final boolean sparse;
    private final boolean includeLastOffset;
    private final Long paddingIdx;

    private EmbeddingBagOptions(Double maxNorm, double normType, boolean scaleGradByFreq, EmbeddingBag.Mode mode, boolean sparse, boolean includeLastOffset, Long paddingIdx) {
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        this.mode = mode;
        this.sparse = sparse;
        this.includeLastOffset = includeLastOffset;
        this.paddingIdx = paddingIdx;
    }

    /** @return PyTorch's defaults */
    public static EmbeddingBagOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Bags' rows looked up are renormalised in place to at most this norm.
     * Default: none.
     */
    public EmbeddingBagOptions maxNorm(double value) {
        return new EmbeddingBagOptions(value, normType, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx);
    }

    /**
     * The p of the p-norm for {@link #maxNorm}.
     * Default: 2.0.
     */
    public EmbeddingBagOptions normType(double value) {
        return new EmbeddingBagOptions(maxNorm, value, scaleGradByFreq, mode, sparse, includeLastOffset, paddingIdx);
    }

    /**
     * Scales gradients by the inverse frequency of the words in the mini-batch (not with {@code MAX}).
     * Default: false.
     */
    public EmbeddingBagOptions scaleGradByFreq(boolean value) {
        return new EmbeddingBagOptions(maxNorm, normType, value, mode, sparse, includeLastOffset, paddingIdx);
    }

    /**
     * How each bag is reduced.
     * Default: {@code MEAN}.
     */
    public EmbeddingBagOptions mode(EmbeddingBag.Mode value) {
        java.util.Objects.requireNonNull(value, "mode");
        return new EmbeddingBagOptions(maxNorm, normType, scaleGradByFreq, value, sparse, includeLastOffset, paddingIdx);
    }

    /**
     * Makes the weight's gradient a sparse tensor (not with {@code MAX}).
     * Default: false.
     */
    public EmbeddingBagOptions sparse(boolean value) {
        return new EmbeddingBagOptions(maxNorm, normType, scaleGradByFreq, mode, value, includeLastOffset, paddingIdx);
    }

    /**
     * Whether {@code offsets} has one more element, the end of the last bag (CSR format).
     * Default: false.
     */
    public EmbeddingBagOptions includeLastOffset(boolean value) {
        return new EmbeddingBagOptions(maxNorm, normType, scaleGradByFreq, mode, sparse, value, paddingIdx);
    }

    /**
     * A row that is excluded from the reductions, stays zero at init and gets no gradient; negative counts from the end.
     * Default: none.
     */
    public EmbeddingBagOptions paddingIdx(long value) {
        return new EmbeddingBagOptions(maxNorm, normType, scaleGradByFreq, mode, sparse, includeLastOffset, value);
    }

    /** @return the {@code max_norm} value (null for none) */
    public Double maxNorm() {
        return maxNorm;
    }

    /** @return the {@code norm_type} value */
    public double normType() {
        return normType;
    }

    /** @return the {@code scale_grad_by_freq} value */
    public boolean scaleGradByFreq() {
        return scaleGradByFreq;
    }

    /** @return the {@code mode} value */
    public EmbeddingBag.Mode mode() {
        return mode;
    }

    /** @return the {@code sparse} value */
    public boolean sparse() {
        return sparse;
    }

    /** @return the {@code include_last_offset} value */
    public boolean includeLastOffset() {
        return includeLastOffset;
    }

    /** @return the {@code padding_idx} value (null for none) */
    public Long paddingIdx() {
        return paddingIdx;
    }
}
