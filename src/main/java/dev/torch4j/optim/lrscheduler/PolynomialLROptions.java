package dev.torch4j.optim.lrscheduler;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.PolynomialLR}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code totalIters=5}, {@code power=1.0}, {@code lastEpoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html">PolynomialLR</a>
 */
public final class PolynomialLROptions {
    private static final PolynomialLROptions DEFAULTS = new PolynomialLROptions(5, 1.0, -1);

    private final long totalIters;
    private final double power;
    private final long lastEpoch;

    private PolynomialLROptions(long totalIters, double power, long lastEpoch) {
        this.totalIters = totalIters;
        this.power = power;
        this.lastEpoch = lastEpoch;
    }

    /** @return PyTorch's defaults */
    public static PolynomialLROptions defaults() {
        return DEFAULTS;
    }

    /**
     * The number of epochs of the decay. Default: 5.
     *
     * @param value the value
     * @return a copy with it set
     */
    public PolynomialLROptions totalIters(long value) {
        return new PolynomialLROptions(value, power, lastEpoch);
    }

    /** @return {@code totalIters} */
    public long totalIters() {
        return totalIters;
    }

    /**
     * The power of the polynomial. Default: 1.0.
     *
     * @param value the value
     * @return a copy with it set
     */
    public PolynomialLROptions power(double value) {
        return new PolynomialLROptions(totalIters, value, lastEpoch);
    }

    /** @return {@code power} */
    public double power() {
        return power;
    }

    /**
     * The index of the last epoch (-1 starts the schedule). Default: -1.
     *
     * @param value the value
     * @return a copy with it set
     */
    public PolynomialLROptions lastEpoch(long value) {
        return new PolynomialLROptions(totalIters, power, value);
    }

    /** @return {@code lastEpoch} */
    public long lastEpoch() {
        return lastEpoch;
    }
}
