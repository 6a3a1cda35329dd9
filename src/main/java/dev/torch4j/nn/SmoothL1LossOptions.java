package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.SmoothL1Loss} and {@code F.smooth_l1_loss}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code reduction='mean'}, {@code beta=1.0}.
 */
public final class SmoothL1LossOptions {
    private static final SmoothL1LossOptions DEFAULTS = new SmoothL1LossOptions(Reduction.MEAN, 1.0);

    private final Reduction reduction;
    private final double beta;

    private SmoothL1LossOptions(Reduction reduction, double beta) {
        this.reduction = reduction;
        this.beta = beta;
    }

    /** @return PyTorch's defaults */
    public static SmoothL1LossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public SmoothL1LossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new SmoothL1LossOptions(value, beta);
    }

    /**
     * Where the loss changes from quadratic to linear; 0 gives the L1 loss.
     * Default: 1.0.
     */
    public SmoothL1LossOptions beta(double value) {
        return new SmoothL1LossOptions(reduction, value);
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }

    /** @return the {@code beta} value */
    public double beta() {
        return beta;
    }
}
