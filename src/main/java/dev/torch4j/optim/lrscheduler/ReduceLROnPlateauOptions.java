package dev.torch4j.optim.lrscheduler;

import java.util.List;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.ReduceLROnPlateau}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code mode='min'}, {@code factor=0.1}, {@code patience=10},
 * {@code threshold=1e-4}, {@code threshold_mode='rel'}, {@code cooldown=0}, {@code min_lr=0},
 * {@code eps=1e-8}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">ReduceLROnPlateau</a>
 */
public final class ReduceLROnPlateauOptions {
    private static final ReduceLROnPlateauOptions DEFAULTS = new ReduceLROnPlateauOptions(ReduceLROnPlateau.Mode.MIN,
            0.1, 10, 1e-4, ReduceLROnPlateau.ThresholdMode.REL, 0, null, 0.0, 1e-8);

    private final ReduceLROnPlateau.Mode mode;
    private final double factor;
    private final long patience;
    private final double threshold;
    private final ReduceLROnPlateau.ThresholdMode thresholdMode;
    private final long cooldown;
    private final List<Double> minLrs;
    private final double minLr;
    private final double eps;

    private ReduceLROnPlateauOptions(ReduceLROnPlateau.Mode mode, double factor, long patience, double threshold,
            ReduceLROnPlateau.ThresholdMode thresholdMode, long cooldown, List<Double> minLrs, double minLr, double eps) {
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
        this.cooldown = cooldown;
        this.minLrs = minLrs;
        this.minLr = minLr;
        this.eps = eps;
    }

    /** @return PyTorch's defaults */
    public static ReduceLROnPlateauOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reduce when the metric stops decreasing ({@code MIN}) or increasing ({@code MAX}). Default: MIN.
     *
     * @param value the mode
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions mode(ReduceLROnPlateau.Mode value) {
        return new ReduceLROnPlateauOptions(value, factor, patience, threshold, thresholdMode, cooldown, minLrs, minLr, eps);
    }

    /**
     * The factor of each reduction: {@code new_lr = lr * factor}. Default: 0.1.
     *
     * @param value the factor, below 1
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions factor(double value) {
        return new ReduceLROnPlateauOptions(mode, value, patience, threshold, thresholdMode, cooldown, minLrs, minLr, eps);
    }

    /**
     * The number of epochs without improvement tolerated before a reduction. Default: 10.
     *
     * @param value the patience
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions patience(long value) {
        return new ReduceLROnPlateauOptions(mode, factor, value, threshold, thresholdMode, cooldown, minLrs, minLr, eps);
    }

    /**
     * The threshold of a significant improvement. Default: 1e-4.
     *
     * @param value the threshold
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions threshold(double value) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, value, thresholdMode, cooldown, minLrs, minLr, eps);
    }

    /**
     * Whether the threshold is relative to the best value ({@code REL}) or absolute ({@code ABS}). Default: REL.
     *
     * @param value the threshold mode
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions thresholdMode(ReduceLROnPlateau.ThresholdMode value) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, threshold, value, cooldown, minLrs, minLr, eps);
    }

    /**
     * Epochs to wait after a reduction before counting bad epochs again. Default: 0.
     *
     * @param value the cooldown
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions cooldown(long value) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, threshold, thresholdMode, value, minLrs, minLr, eps);
    }

    /**
     * The lower bound of every group's lr. Default: 0.
     *
     * @param value the bound
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions minLr(double value) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, threshold, thresholdMode, cooldown, null, value, eps);
    }

    /**
     * A lower bound per param group.
     *
     * @param values one bound per group
     * @return a copy with them set
     */
    public ReduceLROnPlateauOptions minLr(List<Double> values) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, threshold, thresholdMode, cooldown, List.copyOf(values),
                minLr, eps);
    }

    /**
     * The smallest change of lr applied; smaller reductions are skipped. Default: 1e-8.
     *
     * @param value eps
     * @return a copy with it set
     */
    public ReduceLROnPlateauOptions eps(double value) {
        return new ReduceLROnPlateauOptions(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, minLr, value);
    }

    /** @return the mode */
    public ReduceLROnPlateau.Mode mode() {
        return mode;
    }

    /** @return the factor */
    public double factor() {
        return factor;
    }

    /** @return the patience */
    public long patience() {
        return patience;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    /** @return the threshold mode */
    public ReduceLROnPlateau.ThresholdMode thresholdMode() {
        return thresholdMode;
    }

    /** @return the cooldown */
    public long cooldown() {
        return cooldown;
    }

    /** @return the per-group lower bounds, or null when one bound ({@link #minLr()}) applies to all */
    public List<Double> minLrs() {
        return minLrs;
    }

    /** @return the lower bound of every group (when no per-group list is set) */
    public double minLr() {
        return minLr;
    }

    /** @return eps */
    public double eps() {
        return eps;
    }
}
