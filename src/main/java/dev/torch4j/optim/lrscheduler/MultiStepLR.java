package dev.torch4j.optim.lrscheduler;

import dev.torch4j.internal.PyValues;
import dev.torch4j.optim.Optimizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decays each group's lr by {@code gamma} at each milestone epoch, mirroring
 * {@code torch.optim.lr_scheduler.MultiStepLR} (a milestone given twice decays twice, as PyTorch's
 * {@code Counter} does).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html">MultiStepLR</a>
 */
public final class MultiStepLR extends LRScheduler {
    /** Milestone to how many times it was given, in the order given (Python's {@code Counter}). */
    private Map<Long, Long> milestones;
    private double gamma;

    /**
     * Like {@code MultiStepLR(optimizer, milestones)} ({@code gamma=0.1}).
     *
     * @param optimizer  the optimizer
     * @param milestones epoch indices, increasing
     */
    public MultiStepLR(Optimizer optimizer, Collection<? extends Number> milestones) {
        this(optimizer, milestones, 0.1);
    }

    /**
     * Like {@code MultiStepLR(optimizer, milestones, gamma)}.
     *
     * @param optimizer  the optimizer
     * @param milestones epoch indices, increasing
     * @param gamma      the factor of decay
     */
    public MultiStepLR(Optimizer optimizer, Collection<? extends Number> milestones, double gamma) {
        this(optimizer, milestones, gamma, -1);
    }

    /**
     * Like {@code MultiStepLR(optimizer, milestones, gamma, last_epoch)}.
     *
     * @param optimizer  the optimizer
     * @param milestones epoch indices, increasing
     * @param gamma      the factor of decay
     * @param lastEpoch  the index of the last epoch (-1 starts the schedule)
     */
    public MultiStepLR(Optimizer optimizer, Collection<? extends Number> milestones, double gamma, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.milestones = new LinkedHashMap<>();
        for (Number m : milestones) {
            this.milestones.merge(m.longValue(), 1L, Long::sum);
        }
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        Long count = milestones.get(lastEpoch);
        if (count == null) {
            return groupLrs();
        }
        return groupLrsTimes(Math.pow(gamma, count));
    }

    @Override
    protected List<Double> closedFormLr() {
        long passed = 0;
        for (Map.Entry<Long, Long> e : milestones.entrySet()) {
            if (e.getKey() <= lastEpoch) {
                passed += e.getValue();
            }
        }
        return baseLrsTimes(Math.pow(gamma, passed));
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("milestones", new LinkedHashMap<Object, Object>(milestones));
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        if (in.get("milestones") instanceof Map<?, ?> m) {
            Map<Long, Long> loaded = new LinkedHashMap<>();
            m.forEach((k, v) -> loaded.put(PyValues.integer("state_dict['milestones'] key", k),
                    PyValues.integer("state_dict['milestones'] count", v)));
            milestones = loaded;
        }
        gamma = number(in, "gamma", gamma);
    }
}
