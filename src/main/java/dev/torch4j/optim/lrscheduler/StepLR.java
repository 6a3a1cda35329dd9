package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Decays each group's lr by {@code gamma} every {@code step_size} epochs, mirroring
 * {@code torch.optim.lr_scheduler.StepLR}: {@code lr = base_lr * gamma ** (epoch // step_size)} when
 * nothing else changes the lr (the schedule is computed from the current lr, so other changes compose).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html">StepLR</a>
 */
public final class StepLR extends LRScheduler {
    private long stepSize;
    private double gamma;

    /**
     * Like {@code StepLR(optimizer, step_size)} ({@code gamma=0.1}).
     *
     * @param optimizer the optimizer
     * @param stepSize  the period of decay, in epochs
     */
    public StepLR(Optimizer optimizer, long stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * Like {@code StepLR(optimizer, step_size, gamma)}.
     *
     * @param optimizer the optimizer
     * @param stepSize  the period of decay, in epochs
     * @param gamma     the factor of decay
     */
    public StepLR(Optimizer optimizer, long stepSize, double gamma) {
        this(optimizer, stepSize, gamma, -1);
    }

    /**
     * Like {@code StepLR(optimizer, step_size, gamma, last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param stepSize  the period of decay, in epochs
     * @param gamma     the factor of decay
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     * @throws IllegalArgumentException with {@code lastEpoch != -1} and no {@code initial_lr} in a group
     */
    public StepLR(Optimizer optimizer, long stepSize, double gamma, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return groupLrs();
        }
        return groupLrsTimes(gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        return baseLrsTimes(Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        stepSize = integer(in, "step_size", stepSize);
        gamma = number(in, "gamma", gamma);
    }
}
