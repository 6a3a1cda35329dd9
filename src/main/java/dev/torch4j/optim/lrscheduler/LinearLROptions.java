package dev.torch4j.optim.lrscheduler;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.LinearLR}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code startFactor=1/3}, {@code endFactor=1.0}, {@code totalIters=5}, {@code lastEpoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html">LinearLR</a>
 */
public final class LinearLROptions {
    private static final LinearLROptions DEFAULTS = new LinearLROptions(1.0 / 3, 1.0, 5, -1);

    private final double startFactor;
    private final double endFactor;
    private final long totalIters;
    private final long lastEpoch;

    private LinearLROptions(double startFactor, double endFactor, long totalIters, long lastEpoch) {
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        this.lastEpoch = lastEpoch;
    }

    /** @return PyTorch's defaults */
    public static LinearLROptions defaults() {
        return DEFAULTS;
    }

    /**
     * The factor of the first epoch. Default: 1/3.
     *
     * @param value the value
     * @return a copy with it set
     */
    public LinearLROptions startFactor(double value) {
        return new LinearLROptions(value, endFactor, totalIters, lastEpoch);
    }

    /** @return {@code startFactor} */
    public double startFactor() {
        return startFactor;
    }

    /**
     * The factor reached after {@code total_iters} epochs. Default: 1.0.
     *
     * @param value the value
     * @return a copy with it set
     */
    public LinearLROptions endFactor(double value) {
        return new LinearLROptions(startFactor, value, totalIters, lastEpoch);
    }

    /** @return {@code endFactor} */
    public double endFactor() {
        return endFactor;
    }

    /**
     * The number of epochs of the change. Default: 5.
     *
     * @param value the value
     * @return a copy with it set
     */
    public LinearLROptions totalIters(long value) {
        return new LinearLROptions(startFactor, endFactor, value, lastEpoch);
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
    public LinearLROptions lastEpoch(long value) {
        return new LinearLROptions(startFactor, endFactor, totalIters, value);
    }

    /** @return {@code lastEpoch} */
    public long lastEpoch() {
        return lastEpoch;
    }
}
