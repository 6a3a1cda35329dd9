package dev.torch4j.optim.lrscheduler;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.ConstantLR}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code factor=1/3}, {@code totalIters=5}, {@code lastEpoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ConstantLR.html">ConstantLR</a>
 */
public final class ConstantLROptions {
    private static final ConstantLROptions DEFAULTS = new ConstantLROptions(1.0 / 3, 5, -1);

    private final double factor;
    private final long totalIters;
    private final long lastEpoch;

    private ConstantLROptions(double factor, long totalIters, long lastEpoch) {
        this.factor = factor;
        this.totalIters = totalIters;
        this.lastEpoch = lastEpoch;
    }

    /** @return PyTorch's defaults */
    public static ConstantLROptions defaults() {
        return DEFAULTS;
    }

    /**
     * The factor the lr is multiplied by until {@code total_iters}. Default: 1/3.
     *
     * @param value the value
     * @return a copy with it set
     */
    public ConstantLROptions factor(double value) {
        return new ConstantLROptions(value, totalIters, lastEpoch);
    }

    /** @return {@code factor} */
    public double factor() {
        return factor;
    }

    /**
     * The number of epochs the factor applies. Default: 5.
     *
     * @param value the value
     * @return a copy with it set
     */
    public ConstantLROptions totalIters(long value) {
        return new ConstantLROptions(factor, value, lastEpoch);
    }

    /** @return {@code totalIters} */
    public long totalIters() {
        return totalIters;
    }

    /**
     * The index of the last epoch (-1 starts the schedule). Default: -1.
     *
     * @param value the value
     * @return a copy with it set
     */
    public ConstantLROptions lastEpoch(long value) {
        return new ConstantLROptions(factor, totalIters, value);
    }

    /** @return {@code lastEpoch} */
    public long lastEpoch() {
        return lastEpoch;
    }
}
