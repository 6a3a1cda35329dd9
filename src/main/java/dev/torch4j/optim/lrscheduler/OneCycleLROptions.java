package dev.torch4j.optim.lrscheduler;

import java.util.List;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.OneCycleLR}, as an immutable value. Set either
 * {@link #totalSteps} or both {@link #epochs} and {@link #stepsPerEpoch}.
 *
 * <p>Defaults, as in PyTorch: {@code total_steps=None}, {@code epochs=None}, {@code steps_per_epoch=None},
 * {@code pct_start=0.3}, {@code anneal_strategy='cos'}, {@code cycle_momentum=True},
 * {@code base_momentum=0.85}, {@code max_momentum=0.95}, {@code div_factor=25.0},
 * {@code final_div_factor=1e4}, {@code three_phase=False}, {@code last_epoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html">OneCycleLR</a>
 */
public final class OneCycleLROptions {
    private static final OneCycleLROptions DEFAULTS = new OneCycleLROptions(null, null, null, 0.3,
            OneCycleLR.AnnealStrategy.COS, true, List.of(0.85), List.of(0.95), 25.0, 1e4, false, -1);

    final Long totalSteps;
    final Long epochs;
    final Long stepsPerEpoch;
    final double pctStart;
    final OneCycleLR.AnnealStrategy annealStrategy;
    final boolean cycleMomentum;
    final List<Double> baseMomentum;
    final List<Double> maxMomentum;
    final double divFactor;
    final double finalDivFactor;
    final boolean threePhase;
    final long lastEpoch;

    private OneCycleLROptions(Long totalSteps, Long epochs, Long stepsPerEpoch, double pctStart,
            OneCycleLR.AnnealStrategy annealStrategy, boolean cycleMomentum, List<Double> baseMomentum,
            List<Double> maxMomentum, double divFactor, double finalDivFactor, boolean threePhase, long lastEpoch) {
        this.totalSteps = totalSteps;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.pctStart = pctStart;
        this.annealStrategy = annealStrategy;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.threePhase = threePhase;
        this.lastEpoch = lastEpoch;
    }

    private OneCycleLROptions with(Long totalSteps, Long epochs, Long stepsPerEpoch, double pctStart,
            OneCycleLR.AnnealStrategy annealStrategy, boolean cycleMomentum, List<Double> baseMomentum,
            List<Double> maxMomentum, double divFactor, double finalDivFactor, boolean threePhase, long lastEpoch) {
        return new OneCycleLROptions(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum,
                baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /** @return PyTorch's defaults */
    public static OneCycleLROptions defaults() {
        return DEFAULTS;
    }

    /**
     * The number of steps of the cycle.
     *
     * @param value the steps
     * @return a copy with it set
     */
    public OneCycleLROptions totalSteps(long value) {
        return with(value, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * The number of epochs (with {@link #stepsPerEpoch}, when {@link #totalSteps} is not set).
     *
     * @param value the epochs
     * @return a copy with it set
     */
    public OneCycleLROptions epochs(long value) {
        return with(totalSteps, value, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * The number of steps per epoch (with {@link #epochs}).
     *
     * @param value the steps
     * @return a copy with it set
     */
    public OneCycleLROptions stepsPerEpoch(long value) {
        return with(totalSteps, epochs, value, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * The fraction of the cycle spent increasing the lr. Default: 0.3.
     *
     * @param value the fraction, in [0, 1]
     * @return a copy with it set
     */
    public OneCycleLROptions pctStart(double value) {
        return with(totalSteps, epochs, stepsPerEpoch, value, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * Cosine or linear annealing. Default: COS.
     *
     * @param value the strategy
     * @return a copy with it set
     */
    public OneCycleLROptions annealStrategy(OneCycleLR.AnnealStrategy value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, value, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * Cycle momentum (or Adam's beta1) inversely to the lr. Default: true.
     *
     * @param value whether to
     * @return a copy with it set
     */
    public OneCycleLROptions cycleMomentum(boolean value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, value, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * The lower momentum boundary. Default: 0.85.
     *
     * @param value the boundary for every group
     * @return a copy with it set
     */
    public OneCycleLROptions baseMomentum(double value) {
        return baseMomentum(List.of(value));
    }

    /**
     * The lower momentum boundary of each group.
     *
     * @param values one per group
     * @return a copy with them set
     */
    public OneCycleLROptions baseMomentum(List<Double> values) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, List.copyOf(values),
                maxMomentum, divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * The upper momentum boundary. Default: 0.95.
     *
     * @param value the boundary for every group
     * @return a copy with it set
     */
    public OneCycleLROptions maxMomentum(double value) {
        return maxMomentum(List.of(value));
    }

    /**
     * The upper momentum boundary of each group.
     *
     * @param values one per group
     * @return a copy with them set
     */
    public OneCycleLROptions maxMomentum(List<Double> values) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum,
                List.copyOf(values), divFactor, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * {@code initial_lr = max_lr / div_factor}. Default: 25.0.
     *
     * @param value the divisor
     * @return a copy with it set
     */
    public OneCycleLROptions divFactor(double value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                value, finalDivFactor, threePhase, lastEpoch);
    }

    /**
     * {@code min_lr = initial_lr / final_div_factor}. Default: 1e4.
     *
     * @param value the divisor
     * @return a copy with it set
     */
    public OneCycleLROptions finalDivFactor(double value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, value, threePhase, lastEpoch);
    }

    /**
     * Use a third phase that anneals to {@code min_lr} (the paper's schedule). Default: false.
     *
     * @param value whether to
     * @return a copy with it set
     */
    public OneCycleLROptions threePhase(boolean value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, value, lastEpoch);
    }

    /**
     * The index of the last batch (-1 starts the schedule). Default: -1.
     *
     * @param value the index
     * @return a copy with it set
     */
    public OneCycleLROptions lastEpoch(long value) {
        return with(totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                divFactor, finalDivFactor, threePhase, value);
    }
}
