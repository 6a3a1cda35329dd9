package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.BatchNorm1d} and {@code nn.BatchNorm2d}, as an immutable value: each method
 * returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code eps=1e-5}, {@code momentum=0.1}, {@code affine=True},
 * {@code track_running_stats=True}.
 */
public final class BatchNormOptions {
    private static final BatchNormOptions DEFAULTS = new BatchNormOptions(1e-5, 0.1, true, true);

    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    private BatchNormOptions(double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
    }

    /** @return PyTorch's defaults */
    public static BatchNormOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Added to the variance for numerical stability.
     * Default: 1e-5.
     */
    public BatchNormOptions eps(double value) {
        return new BatchNormOptions(value, momentum, affine, trackRunningStats);
    }

    /**
     * The weight of the new batch in the running statistics; null for a cumulative average
     * ({@code momentum=None}).
     * Default: 0.1.
     */
    public BatchNormOptions momentum(Double value) {
        return new BatchNormOptions(eps, value, affine, trackRunningStats);
    }

    /**
     * Whether to learn a per-channel scale ({@code weight}) and shift ({@code bias}).
     * Default: true.
     */
    public BatchNormOptions affine(boolean value) {
        return new BatchNormOptions(eps, momentum, value, trackRunningStats);
    }

    /**
     * Whether to keep running statistics for evaluation; without them every mode normalises with the batch's.
     * Default: true.
     */
    public BatchNormOptions trackRunningStats(boolean value) {
        return new BatchNormOptions(eps, momentum, affine, value);
    }

    /** @return the {@code eps} value */
    public double eps() {
        return eps;
    }

    /** @return the {@code momentum} value, or null for a cumulative average */
    public Double momentum() {
        return momentum;
    }

    /** @return the {@code affine} value */
    public boolean affine() {
        return affine;
    }

    /** @return the {@code track_running_stats} value */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }
}
