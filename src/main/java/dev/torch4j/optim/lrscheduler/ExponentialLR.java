package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Decays each group's lr by {@code gamma} every epoch, mirroring
 * {@code torch.optim.lr_scheduler.ExponentialLR}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html">ExponentialLR</a>
 */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    /**
     * Like {@code ExponentialLR(optimizer, gamma)}.
     *
     * @param optimizer the optimizer
     * @param gamma     the factor of decay
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        this(optimizer, gamma, -1);
    }

    /**
     * Like {@code ExponentialLR(optimizer, gamma, last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param gamma     the factor of decay
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     */
    public ExponentialLR(Optimizer optimizer, double gamma, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        // PyTorch 2: the initial step keeps the lr (1.13 tested last_epoch == 0: the same unless resuming)
        if (isInitial()) {
            return groupLrs();
        }
        return groupLrsTimes(gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        return baseLrsTimes(Math.pow(gamma, lastEpoch));
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        gamma = number(in, "gamma", gamma);
    }
}
