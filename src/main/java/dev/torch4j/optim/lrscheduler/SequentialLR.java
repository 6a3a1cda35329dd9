package dev.torch4j.optim.lrscheduler;

import dev.torch4j.internal.PyValues;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another, switching at the milestone epochs, mirroring
 * {@code torch.optim.lr_scheduler.SequentialLR} (PyTorch 2: at a milestone the next scheduler restarts
 * from epoch 0 in its closed form, where it has one).
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, LinearLROptions.defaults().startFactor(0.1).totalIters(5));
 * var decay = new CosineAnnealingLR(opt, 45);
 * var schedule = new SequentialLR(opt, List.of(warmup, decay), List.of(5L));
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.SequentialLR.html">SequentialLR</a>
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private List<Long> milestones;

    /**
     * Like {@code SequentialLR(optimizer, schedulers, milestones)}.
     *
     * @param optimizer  the optimizer all schedulers set
     * @param schedulers the schedulers, in order
     * @param milestones the epochs at which the next scheduler takes over (one fewer than schedulers)
     * @throws IllegalArgumentException as PyTorch's checks (no scheduler, a ReduceLROnPlateau, another
     *                                  optimizer, the wrong number of milestones)
     */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<? extends Number> milestones) {
        this(optimizer, schedulers, milestones, -1);
    }

    /**
     * Like {@code SequentialLR(optimizer, schedulers, milestones, last_epoch)}.
     *
     * @param optimizer  the optimizer all schedulers set
     * @param schedulers the schedulers, in order
     * @param milestones the epochs at which the next scheduler takes over (one fewer than schedulers)
     * @param lastEpoch  the index of the last epoch (-1 starts the schedule)
     * @throws IllegalArgumentException as PyTorch's checks
     */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<? extends Number> milestones,
            long lastEpoch) {
        super(optimizer);
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("SequentialLR expects at least one scheduler, but got no scheduler.");
        }
        checkWrapped("SequentialLR", schedulers, optimizer);
        if (milestones.size() != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more "
                    + "than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.size());
        }
        this.schedulers = List.copyOf(schedulers);
        List<Long> ms = new ArrayList<>();
        for (Number m : milestones) {
            ms.add(m.longValue());
        }
        this.milestones = ms;
        this.lastEpoch = lastEpoch + 1;
        for (ParamGroup g : optimizer.paramGroups()) {
            g.lr(g.getDouble("initial_lr"));
        }
        undo(this.schedulers);
        this.schedulers.get(0).initialStep();
        setLastLr(this.schedulers.get(0).getLastLr());
    }

    /** Like {@code recursive_undo}: takes back the initial step the wrapped schedulers made. */
    private static void undo(List<LRScheduler> schedulers) {
        for (LRScheduler s : schedulers) {
            if (s instanceof SequentialLR q) {
                undo(q.schedulers);
            } else if (s instanceof ChainedScheduler c) {
                undo(c.schedulers());
            } else {
                s.lastEpoch -= 1;
            }
        }
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones.get(idx - 1) == lastEpoch) {
            s.updateLr(0L);
        } else {
            s.step();
        }
        setLastLr(s.getLastLr());
    }

    static int bisectRight(List<Long> sorted, long x) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < sorted.get(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    protected List<Double> getLr() {
        return schedulers.get(bisectRight(milestones, lastEpoch)).getLr();
    }

    /** @return the wrapped schedulers */
    public List<LRScheduler> schedulers() {
        return Collections.unmodifiableList(schedulers);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("_milestones", new ArrayList<Object>(milestones));
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", new ArrayList<Object>(getLastLr()));
        out.put("_schedulers", wrappedStates(schedulers));
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> stateDict) {
        if (stateDict.get("_milestones") instanceof List<?> l) {
            List<Long> ms = new ArrayList<>();
            for (Object o : l) {
                ms.add(PyValues.integer("state_dict['_milestones']", o));
            }
            milestones = ms;
        }
        lastEpoch = integer(stateDict, "last_epoch", lastEpoch);
        if (stateDict.containsKey("_last_lr")) {
            setLastLr(doubles(stateDict, "_last_lr"));
        }
        loadWrapped(schedulers, stateDict.get("_schedulers"));
    }

    /** The wrapped schedulers' state dicts, PyTorch's {@code _schedulers} entry. */
    static List<Object> wrappedStates(List<LRScheduler> schedulers) {
        List<Object> subs = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            subs.add(s.stateDict());
        }
        return subs;
    }

    /** Loads each wrapped scheduler's state from the list under {@code _schedulers}. */
    static void loadWrapped(List<LRScheduler> schedulers, Object states) {
        if (states == null) {
            return;
        }
        if (!(states instanceof List<?> l) || l.size() != schedulers.size()) {
            throw new IllegalArgumentException("state_dict['_schedulers'] must be a list of " + schedulers.size()
                    + " state dicts, got " + PyValues.describe(states));
        }
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("state_dict['_schedulers'][" + i + "] must be a dict, got "
                        + PyValues.describe(l.get(i)));
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> sm = (Map<String, ?>) m;
            schedulers.get(i).loadStateDict(sm);
        }
    }
}
