package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.HuberLoss} and {@code F.huber_loss}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code reduction='mean'}, {@code delta=1.0}.
 */
public final class HuberLossOptions {
    private static final HuberLossOptions DEFAULTS = new HuberLossOptions(Reduction.MEAN, 1.0);

    private final Reduction reduction;
    private final double delta;

    private HuberLossOptions(Reduction reduction, double delta) {
        this.reduction = reduction;
        this.delta = delta;
    }

    /** @return PyTorch's defaults */
    public static HuberLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public HuberLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new HuberLossOptions(value, delta);
    }

    /**
     * Where the loss changes from quadratic to linear; must be positive.
     * Default: 1.0.
     */
    public HuberLossOptions delta(double value) {
        return new HuberLossOptions(reduction, value);
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }

    /** @return the {@code delta} value */
    public double delta() {
        return delta;
    }
}
