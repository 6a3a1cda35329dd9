package dev.torch4j.optim.lrscheduler;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Keyword arguments of {@code torch.optim.lr_scheduler.CyclicLR}, as an immutable value.
 *
 * <p>Defaults, as in PyTorch: {@code step_size_up=2000}, {@code step_size_down=None} (the same as up),
 * {@code mode='triangular'}, {@code gamma=1.0}, {@code scale_fn=None}, {@code scale_mode='cycle'},
 * {@code cycle_momentum=True}, {@code base_momentum=0.8}, {@code max_momentum=0.9}, {@code last_epoch=-1}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html">CyclicLR</a>
 */
public final class CyclicLROptions {
    private static final CyclicLROptions DEFAULTS = new CyclicLROptions(2000, null, CyclicLR.Mode.TRIANGULAR, 1.0, null,
            CyclicLR.ScaleMode.CYCLE, true, List.of(0.8), List.of(0.9), -1);

    final long stepSizeUp;
    final Long stepSizeDown;
    final CyclicLR.Mode mode;
    final double gamma;
    final DoubleUnaryOperator scaleFn;
    final CyclicLR.ScaleMode scaleMode;
    final boolean cycleMomentum;
    /** One value for all groups (size 1) or one per group. */
    final List<Double> baseMomentum;
    final List<Double> maxMomentum;
    final long lastEpoch;

    private CyclicLROptions(long stepSizeUp, Long stepSizeDown, CyclicLR.Mode mode, double gamma,
            DoubleUnaryOperator scaleFn, CyclicLR.ScaleMode scaleMode, boolean cycleMomentum, List<Double> baseMomentum,
            List<Double> maxMomentum, long lastEpoch) {
        this.stepSizeUp = stepSizeUp;
        this.stepSizeDown = stepSizeDown;
        this.mode = mode;
        this.gamma = gamma;
        this.scaleFn = scaleFn;
        this.scaleMode = scaleMode;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        this.lastEpoch = lastEpoch;
    }

    /** @return PyTorch's defaults */
    public static CyclicLROptions defaults() {
        return DEFAULTS;
    }

    /**
     * Iterations in the increasing half of a cycle. Default: 2000.
     *
     * @param value the iterations
     * @return a copy with it set
     */
    public CyclicLROptions stepSizeUp(long value) {
        return new CyclicLROptions(value, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * Iterations in the decreasing half of a cycle. Default: {@code step_size_up}.
     *
     * @param value the iterations
     * @return a copy with it set
     */
    public CyclicLROptions stepSizeDown(long value) {
        return new CyclicLROptions(stepSizeUp, value, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * The cycle's policy (ignored with a {@link #scaleFn}). Default: TRIANGULAR.
     *
     * @param value the policy
     * @return a copy with it set
     */
    public CyclicLROptions mode(CyclicLR.Mode value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, value, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * The constant of {@code EXP_RANGE}: {@code gamma ** iterations}. Default: 1.0.
     *
     * @param value gamma
     * @return a copy with it set
     */
    public CyclicLROptions gamma(double value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, value, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * A custom scaling policy, {@code 0 <= scale_fn(x) <= 1}, evaluated on the cycle number or the
     * iteration as {@link #scaleMode} says; replaces {@link #mode}. Default: none.
     *
     * @param value the scaling function
     * @return a copy with it set
     */
    public CyclicLROptions scaleFn(DoubleUnaryOperator value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, value, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * What a custom {@link #scaleFn} is evaluated on. Default: CYCLE.
     *
     * @param value cycle number or iterations
     * @return a copy with it set
     */
    public CyclicLROptions scaleMode(CyclicLR.ScaleMode value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, scaleFn, value, cycleMomentum, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * Cycle momentum (or Adam's beta1) inversely to the lr. Default: true.
     *
     * @param value whether to
     * @return a copy with it set
     */
    public CyclicLROptions cycleMomentum(boolean value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, value, baseMomentum,
                maxMomentum, lastEpoch);
    }

    /**
     * The lower momentum boundary. Default: 0.8.
     *
     * @param value the boundary for every group
     * @return a copy with it set
     */
    public CyclicLROptions baseMomentum(double value) {
        return baseMomentum(List.of(value));
    }

    /**
     * The lower momentum boundary of each group.
     *
     * @param values one boundary per group
     * @return a copy with them set
     */
    public CyclicLROptions baseMomentum(List<Double> values) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum,
                List.copyOf(values), maxMomentum, lastEpoch);
    }

    /**
     * The upper momentum boundary. Default: 0.9.
     *
     * @param value the boundary for every group
     * @return a copy with it set
     */
    public CyclicLROptions maxMomentum(double value) {
        return maxMomentum(List.of(value));
    }

    /**
     * The upper momentum boundary of each group.
     *
     * @param values one boundary per group
     * @return a copy with them set
     */
    public CyclicLROptions maxMomentum(List<Double> values) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                List.copyOf(values), lastEpoch);
    }

    /**
     * The index of the last batch (-1 starts the schedule). Default: -1.
     *
     * @param value the index
     * @return a copy with it set
     */
    public CyclicLROptions lastEpoch(long value) {
        return new CyclicLROptions(stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum,
                maxMomentum, value);
    }
}
