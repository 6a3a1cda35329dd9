package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Steps several schedulers together, each acting on the lr the previous one left, mirroring
 * {@code torch.optim.lr_scheduler.ChainedScheduler}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ChainedScheduler.html">ChainedScheduler</a>
 */
public final class ChainedScheduler extends LRScheduler {
    private final List<LRScheduler> schedulers;

    /**
     * Like {@code ChainedScheduler(schedulers)}.
     *
     * @param schedulers the chainable schedulers, all of one optimizer
     * @throws IllegalArgumentException as PyTorch's checks (none given, a ReduceLROnPlateau, another optimizer)
     */
    public ChainedScheduler(List<? extends LRScheduler> schedulers) {
        this(schedulers, schedulers.isEmpty() ? null : schedulers.get(0).optimizer());
    }

    /**
     * Like {@code ChainedScheduler(schedulers, optimizer)}.
     *
     * @param schedulers the chainable schedulers
     * @param optimizer  the optimizer they must all set
     * @throws IllegalArgumentException as PyTorch's checks
     */
    public ChainedScheduler(List<? extends LRScheduler> schedulers, Optimizer optimizer) {
        super(checked(schedulers, optimizer));
        this.schedulers = List.copyOf(schedulers);
        recordLastLr();
    }

    private static Optimizer checked(List<? extends LRScheduler> schedulers, Optimizer optimizer) {
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException(
                    "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
        }
        checkWrapped("ChainedScheduler", schedulers, optimizer);
        return optimizer;
    }

    @Override
    public void step() {
        for (LRScheduler s : schedulers) {
            s.step();
        }
        recordLastLr();
    }

    @Override
    protected List<Double> getLr() {
        return groupLrs();
    }

    /** @return the chained schedulers */
    public List<LRScheduler> schedulers() {
        return Collections.unmodifiableList(schedulers);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("_last_lr", new ArrayList<Object>(getLastLr()));
        out.put("_schedulers", SequentialLR.wrappedStates(schedulers));
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> stateDict) {
        if (stateDict.containsKey("_last_lr")) {
            setLastLr(doubles(stateDict, "_last_lr"));
        }
        SequentialLR.loadWrapped(schedulers, stateDict.get("_schedulers"));
    }
}
