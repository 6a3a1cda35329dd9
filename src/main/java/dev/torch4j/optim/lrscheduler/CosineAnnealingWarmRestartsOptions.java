package dev.torch4j.optim.lrscheduler;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code tMult=1}, {@code etaMin=0.0}, {@code lastEpoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html">CosineAnnealingWarmRestarts</a>
 */
public final class CosineAnnealingWarmRestartsOptions {
    private static final CosineAnnealingWarmRestartsOptions DEFAULTS = new CosineAnnealingWarmRestartsOptions(1, 0.0, -1);

    private final long tMult;
    private final double etaMin;
    private final long lastEpoch;

    private CosineAnnealingWarmRestartsOptions(long tMult, double etaMin, long lastEpoch) {
        this.tMult = tMult;
        this.etaMin = etaMin;
        this.lastEpoch = lastEpoch;
    }

    /** @return PyTorch's defaults */
    public static CosineAnnealingWarmRestartsOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The factor by which the period grows after each restart ({@code T_mult}). Default: 1.
     *
     * @param value the value
     * @return a copy with it set
     */
    public CosineAnnealingWarmRestartsOptions tMult(long value) {
        return new CosineAnnealingWarmRestartsOptions(value, etaMin, lastEpoch);
    }

    /** @return {@code tMult} */
    public long tMult() {
        return tMult;
    }

    /**
     * The minimum lr. Default: 0.0.
     *
     * @param value the value
     * @return a copy with it set
     */
    public CosineAnnealingWarmRestartsOptions etaMin(double value) {
        return new CosineAnnealingWarmRestartsOptions(tMult, value, lastEpoch);
    }

    /** @return {@code etaMin} */
    public double etaMin() {
        return etaMin;
    }

    /**
     * The index of the last epoch (-1 starts the schedule). Default: -1.
     *
     * @param value the value
     * @return a copy with it set
     */
    public CosineAnnealingWarmRestartsOptions lastEpoch(long value) {
        return new CosineAnnealingWarmRestartsOptions(tMult, etaMin, value);
    }

    /** @return {@code lastEpoch} */
    public long lastEpoch() {
        return lastEpoch;
    }
}
