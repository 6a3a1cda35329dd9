package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.KLDivLoss} and {@code F.kl_div}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code reduction='mean'}, {@code log_target=False}.
 */
public final class KLDivLossOptions {
    private static final KLDivLossOptions DEFAULTS = new KLDivLossOptions("mean", false);

    private final String reduction;
    private final boolean logTarget;

    private KLDivLossOptions(String reduction, boolean logTarget) {
        this.reduction = reduction;
        this.logTarget = logTarget;
    }

    /** @return PyTorch's defaults */
    public static KLDivLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code "none"}, {@code "batchmean"} (the sum divided by the batch size: the mathematical KL divergence), {@code "sum"} or {@code "mean"} (divides by the element count; PyTorch warns); the ones all losses share are also accepted as {@link Reduction}.
     * Default: {@code "mean"}.
     */
    public KLDivLossOptions reduction(String value) {
        if (!value.equals("none") && !value.equals("batchmean") && !value.equals("sum") && !value.equals("mean")) {
            throw new IllegalArgumentException(value + " is not a valid value for reduction");
        }
        return new KLDivLossOptions(value, logTarget);
    }

    /**
     * Whether the target is given as log-probabilities.
     * Default: false.
     */
    public KLDivLossOptions logTarget(boolean value) {
        return new KLDivLossOptions(reduction, value);
    }

    /** @return the {@code reduction} value */
    public String reduction() {
        return reduction;
    }

    /** @return the {@code log_target} value */
    public boolean logTarget() {
        return logTarget;
    }

    /**
     * {@code reduction} as one of the values shared by all losses.
     *
     * @return a copy with {@code reduction} set to its PyTorch spelling
     */
    public KLDivLossOptions reduction(Reduction value) {
        return new KLDivLossOptions(value.toString(), logTarget);
    }
}
