package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.Embedding}, as an immutable value. Each method returns a copy with
 * one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code padding_idx=None}, {@code max_norm=None}, {@code norm_type=2.0},
 * {@code scale_grad_by_freq=False}, {@code sparse=False}.
 */
public final class EmbeddingOptions {
    private static final EmbeddingOptions DEFAULTS = new EmbeddingOptions(null, null, 2.0, false, false);

    private final Long paddingIdx;
    private final Double maxNorm;
    private final double normType;
    private final boolean scaleGradByFreq;
    private final boolean sparse;

    private EmbeddingOptions(Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
            boolean sparse) {
        this.paddingIdx = paddingIdx;
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        this.sparse = sparse;
    }

    /** @return PyTorch's defaults */
    public static EmbeddingOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Row whose vector stays fixed (zero at init) and gets no gradient; negative counts from the end.
     * Default: none.
     */
    public EmbeddingOptions paddingIdx(long index) {
        return new EmbeddingOptions(index, maxNorm, normType, scaleGradByFreq, sparse);
    }

    /** Rows looked up are renormalised in place to at most this norm. Default: none. */
    public EmbeddingOptions maxNorm(double norm) {
        return new EmbeddingOptions(paddingIdx, norm, normType, scaleGradByFreq, sparse);
    }

    /** The p of the p-norm for {@link #maxNorm}. Default: 2.0. */
    public EmbeddingOptions normType(double p) {
        return new EmbeddingOptions(paddingIdx, maxNorm, p, scaleGradByFreq, sparse);
    }

    /** Scales gradients by the inverse frequency of words in the mini-batch. Default: false. */
    public EmbeddingOptions scaleGradByFreq(boolean flag) {
        return new EmbeddingOptions(paddingIdx, maxNorm, normType, flag, sparse);
    }

    /** Makes the weight's gradient a sparse tensor. Default: false. */
    public EmbeddingOptions sparse(boolean flag) {
        return new EmbeddingOptions(paddingIdx, maxNorm, normType, scaleGradByFreq, flag);
    }

    /** @return the padding index as given, or null */
    public Long paddingIdx() {
        return paddingIdx;
    }

    /** @return the max norm, or null */
    public Double maxNorm() {
        return maxNorm;
    }

    /** @return the norm type */
    public double normType() {
        return normType;
    }

    /** @return whether gradients are scaled by frequency */
    public boolean scaleGradByFreq() {
        return scaleGradByFreq;
    }

    /** @return whether the gradient is sparse */
    public boolean sparse() {
        return sparse;
    }
}
