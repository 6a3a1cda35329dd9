package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.LayerNorm}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code eps=1e-5}, {@code elementwise_affine=True}, {@code bias=True}.
 */
public final class LayerNormOptions {
    private static final LayerNormOptions DEFAULTS = new LayerNormOptions(1e-5, true, true);

    private final double eps;
    private final boolean elementwiseAffine;
    private final boolean bias;

    private LayerNormOptions(double eps, boolean elementwiseAffine, boolean bias) {
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.bias = bias;
    }

    /** @return PyTorch's defaults */
    public static LayerNormOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Added to the variance for numerical stability.
     * Default: 1e-5.
     */
    public LayerNormOptions eps(double value) {
        return new LayerNormOptions(value, elementwiseAffine, bias);
    }

    /**
     * Whether to learn a per-element scale ({@code weight}, initially ones) and shift ({@code bias}, initially zeros).
     * Default: true.
     */
    public LayerNormOptions elementwiseAffine(boolean value) {
        return new LayerNormOptions(eps, value, bias);
    }

    /**
     * Whether to learn the shift too (only with {@code elementwiseAffine}); PyTorch 2.1 added it.
     * Default: true.
     */
    public LayerNormOptions bias(boolean value) {
        return new LayerNormOptions(eps, elementwiseAffine, value);
    }

    /** @return the {@code eps} value */
    public double eps() {
        return eps;
    }

    /** @return the {@code elementwise_affine} value */
    public boolean elementwiseAffine() {
        return elementwiseAffine;
    }

    /** @return the {@code bias} value */
    public boolean bias() {
        return bias;
    }
}
