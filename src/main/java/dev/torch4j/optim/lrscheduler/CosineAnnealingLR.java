package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing of each group's lr from its initial value to {@code eta_min} over {@code T_max}
 * epochs (and back, past {@code T_max}), mirroring {@code torch.optim.lr_scheduler.CosineAnnealingLR}.
 * As in PyTorch the schedule is recursive ({@code lr_t} from {@code lr_(t-1)}); alone it equals the closed
 * form {@code eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2} up to rounding.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html">CosineAnnealingLR</a>
 */
public final class CosineAnnealingLR extends LRScheduler {
    private long tMax;
    private double etaMin;

    /**
     * Like {@code CosineAnnealingLR(optimizer, T_max)} ({@code eta_min=0.0}).
     *
     * @param optimizer the optimizer
     * @param tMax      the number of epochs of a half cosine
     */
    public CosineAnnealingLR(Optimizer optimizer, long tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * Like {@code CosineAnnealingLR(optimizer, T_max, eta_min)}.
     *
     * @param optimizer the optimizer
     * @param tMax      the number of epochs of a half cosine
     * @param etaMin    the minimum lr
     */
    public CosineAnnealingLR(Optimizer optimizer, long tMax, double etaMin) {
        this(optimizer, tMax, etaMin, -1);
    }

    /**
     * Like {@code CosineAnnealingLR(optimizer, T_max, eta_min, last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param tMax      the number of epochs of a half cosine
     * @param etaMin    the minimum lr
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     */
    public CosineAnnealingLR(Optimizer optimizer, long tMax, double etaMin, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> out = new ArrayList<>();
        if (isInitial()) {
            return groupLrs();
        } else if (stepCount == 1 && lastEpoch > 0) {
            for (double base : baseLrs) {
                out.add(etaMin + (base - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2);
            }
        } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            for (int i = 0; i < groups.size(); i++) {
                out.add(groups.get(i).lr() + (baseLrs.get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
            }
        } else {
            for (ParamGroup g : groups) {
                out.add((1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (g.lr() - etaMin) + etaMin);
            }
        }
        return out;
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) {
            out.add(etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2);
        }
        return out;
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        tMax = integer(in, "T_max", tMax);
        etaMin = number(in, "eta_min", etaMin);
    }
}
