package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Changes each group's lr by a factor going linearly from {@code start_factor} to {@code end_factor}
 * over {@code total_iters} epochs, mirroring {@code torch.optim.lr_scheduler.LinearLR} (PyTorch 2's
 * check: {@code start_factor} must be above 0; 1.13 allowed 0).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html">LinearLR</a>
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private long totalIters;

    /**
     * Like {@code LinearLR(optimizer)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer
     */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, LinearLROptions.defaults());
    }

    /**
     * Like {@code LinearLR(optimizer, **options)}.
     *
     * @param optimizer the optimizer
     * @param options   the keyword arguments
     * @throws IllegalArgumentException when a factor is out of range (PyTorch's messages)
     */
    public LinearLR(Optimizer optimizer, LinearLROptions options) {
        super(optimizer, checked(options).lastEpoch());
        this.startFactor = options.startFactor();
        this.endFactor = options.endFactor();
        this.totalIters = options.totalIters();
        initialStep();
    }

    private static LinearLROptions checked(LinearLROptions o) {
        if (o.startFactor() > 1.0 || o.startFactor() <= 0) {
            throw new IllegalArgumentException(
                    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }
        if (o.endFactor() > 1.0 || o.endFactor() < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        return o;
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0) {
            return groupLrsTimes(startFactor);
        }
        if (isInitial() || lastEpoch > totalIters) {
            return groupLrs();
        }
        return groupLrsTimes(1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected List<Double> closedFormLr() {
        return baseLrsTimes(startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        startFactor = number(in, "start_factor", startFactor);
        endFactor = number(in, "end_factor", endFactor);
        totalIters = integer(in, "total_iters", totalIters);
    }
}
