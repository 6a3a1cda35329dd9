package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Decays each group's lr with a polynomial to 0 over {@code total_iters} epochs, mirroring
 * {@code torch.optim.lr_scheduler.PolynomialLR}: alone, {@code lr = base_lr * (1 - min(t, total_iters) /
 * total_iters) ** power}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html">PolynomialLR</a>
 */
public final class PolynomialLR extends LRScheduler {
    private long totalIters;
    private double power;

    /**
     * Like {@code PolynomialLR(optimizer)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer
     */
    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, PolynomialLROptions.defaults());
    }

    /**
     * Like {@code PolynomialLR(optimizer, **options)}.
     *
     * @param optimizer the optimizer
     * @param options   the keyword arguments
     */
    public PolynomialLR(Optimizer optimizer, PolynomialLROptions options) {
        super(optimizer, options.lastEpoch());
        this.totalIters = options.totalIters();
        this.power = options.power();
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (isInitial() || lastEpoch > totalIters) {
            return groupLrs();
        }
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters) / (1.0 - (double) (lastEpoch - 1) / totalIters),
                power);
        return groupLrsTimes(decay);
    }

    @Override
    protected List<Double> closedFormLr() {
        return baseLrsTimes(Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power));
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("total_iters", totalIters);
        out.put("power", power);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        totalIters = integer(in, "total_iters", totalIters);
        power = number(in, "power", power);
    }
}
