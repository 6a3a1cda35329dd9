package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Multiplies each group's lr by a constant factor until epoch {@code total_iters}, mirroring
 * {@code torch.optim.lr_scheduler.ConstantLR}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ConstantLR.html">ConstantLR</a>
 */
public final class ConstantLR extends LRScheduler {
    private double factor;
    private long totalIters;

    /**
     * Like {@code ConstantLR(optimizer)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer
     */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, ConstantLROptions.defaults());
    }

    /**
     * Like {@code ConstantLR(optimizer, **options)}.
     *
     * @param optimizer the optimizer
     * @param options   the keyword arguments
     * @throws IllegalArgumentException when {@code factor} is outside [0, 1] (PyTorch's message)
     */
    public ConstantLR(Optimizer optimizer, ConstantLROptions options) {
        super(optimizer, checked(options).lastEpoch());
        this.factor = options.factor();
        this.totalIters = options.totalIters();
        initialStep();
    }

    private static ConstantLROptions checked(ConstantLROptions o) {
        if (o.factor() > 1.0 || o.factor() < 0) {
            throw new IllegalArgumentException("Constant multiplicative factor expected to be between 0 and 1.");
        }
        return o;
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0) {
            return groupLrsTimes(factor);
        }
        if (lastEpoch != totalIters) {
            return groupLrs();
        }
        return groupLrsTimes(1.0 / factor);
    }

    @Override
    protected List<Double> closedFormLr() {
        return baseLrsTimes(factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor));
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("factor", factor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        factor = number(in, "factor", factor);
        totalIters = integer(in, "total_iters", totalIters);
    }
}
