package dev.torch4j.optim.lrscheduler;

import dev.torch4j.internal.PyValues;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the learning rate schedulers, mirroring {@code torch.optim.lr_scheduler.LRScheduler}: each
 * {@link #step()} (called after {@code optimizer.step()}, once per epoch or per batch as the schedule
 * intends) advances {@code last_epoch} and writes each param group's new {@code lr}, which the
 * optimizer reads at its next step.
 *
 * <p>Schedules are computed as PyTorch computes them: the chainable (recursive) form from the groups'
 * current {@code lr} at each step, so that several schedulers can act on one optimizer; the closed form
 * only where PyTorch uses it ({@link #step(long)}, a SequentialLR milestone). The constructor makes
 * PyTorch's initial step: it records {@code initial_lr} in each group (or, with {@code last_epoch != -1},
 * requires it) and sets the lr for epoch 0.
 *
 * <p>A subclass sets its own fields, then calls {@link #initialStep()} at the end of its constructor
 * (Python's subclasses set their attributes before {@code super().__init__}, which Java can't).
 *
 * @see <a href="https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate">How to adjust learning rate</a>
 */
public abstract class LRScheduler {
    /** The optimizer whose param groups this scheduler sets. */
    protected final Optimizer optimizer;
    /** Each group's {@code initial_lr}, like {@code self.base_lrs}. */
    protected List<Double> baseLrs;
    /** The index of the last epoch (or batch), like {@code self.last_epoch}. */
    protected long lastEpoch;
    /** Steps taken, like {@code self._step_count} (the constructor's initial step is the first). */
    protected long stepCount;
    private List<Double> lastLr = List.of();
    private boolean getLrCalledWithinStep;
    private boolean isInitial;

    /**
     * Like {@code LRScheduler.__init__(optimizer, last_epoch)}, without the initial step.
     *
     * @param optimizer the optimizer to schedule
     * @param lastEpoch the index of the last epoch; -1 starts the schedule
     * @throws IllegalArgumentException with {@code lastEpoch != -1}, when a group has no {@code initial_lr}
     *                                  (PyTorch's KeyError text)
     */
    protected LRScheduler(Optimizer optimizer, long lastEpoch) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) {
                g.setDefault("initial_lr", g.get("lr"));
            }
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).containsKey("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming an optimizer");
                }
            }
        }
        List<Double> base = new ArrayList<>();
        for (ParamGroup g : groups) {
            base.add(g.getDouble("initial_lr"));
        }
        this.baseLrs = base;
        this.lastEpoch = lastEpoch;
    }

    /** For the schedulers that wrap others (SequentialLR, ChainedScheduler) or read a metric (ReduceLROnPlateau). */
    LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** Like {@code _initial_step()}: the step that sets the lr for the first epoch. Subclasses call it last. */
    protected final void initialStep() {
        stepCount = 0;
        isInitial = true;
        try {
            step();
        } finally {
            isInitial = false;
        }
    }

    /** @return whether the constructor's initial step is running (PyTorch's {@code _is_initial}) */
    protected final boolean isInitial() {
        return isInitial;
    }

    /**
     * Advances the schedule by one epoch (or batch) and sets each group's lr, like {@code step()}.
     */
    public void step() {
        stepCount++;
        updateLr(null);
    }

    /**
     * Like the deprecated {@code step(epoch)}: jumps to {@code epoch}, using the closed form where the
     * scheduler has one (else the chainable form at that epoch).
     *
     * @param epoch the epoch to set
     * @deprecated as in PyTorch: call {@link #step()} once per epoch instead
     */
    @Deprecated
    public void step(long epoch) {
        stepCount++;
        updateLr(epoch);
    }

    /** Like {@code _update_lr(epoch)}: next epoch (null) or a given one, then writes the groups' lrs. */
    void updateLr(Long epoch) {
        List<Double> values;
        getLrCalledWithinStep = true;
        try {
            if (epoch == null) {
                lastEpoch++;
                values = getLr();
            } else {
                lastEpoch = epoch;
                values = closedFormLr();
                if (values == null) {
                    values = getLr();
                }
            }
        } finally {
            getLrCalledWithinStep = false;
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size() && i < values.size(); i++) {
            groups.get(i).lr(values.get(i));
        }
        recordLastLr();
    }

    final void setLastLr(List<Double> lrs) {
        lastLr = Collections.unmodifiableList(new ArrayList<>(lrs));
    }

    /** Sets {@code _last_lr} to the groups' current lrs. */
    final void recordLastLr() {
        List<Double> lrs = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            lrs.add(g.lr());
        }
        lastLr = Collections.unmodifiableList(lrs);
    }

    /**
     * The learning rates for {@link #lastEpoch}, in the chainable form, like {@code get_lr()} (called by
     * {@link #step()}; read the result with {@link #getLastLr()}).
     *
     * @return one lr per param group
     */
    protected abstract List<Double> getLr();

    /**
     * The closed form for {@link #lastEpoch}, like {@code _get_closed_form_lr()}, or null where the
     * scheduler has none.
     *
     * @return one lr per param group, or null
     */
    protected List<Double> closedFormLr() {
        return null;
    }

    /** @return the lrs the last step set, like {@code get_last_lr()} (one per param group) */
    public List<Double> getLastLr() {
        return lastLr;
    }

    /** @return the optimizer this scheduler sets */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the index of the last epoch, like {@code last_epoch} */
    public long lastEpoch() {
        return lastEpoch;
    }

    /** @return each group's initial lr, like {@code base_lrs} */
    public List<Double> baseLrs() {
        return Collections.unmodifiableList(baseLrs);
    }

    /**
     * The scheduler's state as PyTorch's {@code state_dict()} has it: its attributes but the optimizer,
     * under PyTorch's names ({@code last_epoch}, {@code base_lrs}, {@code _step_count}, {@code _last_lr},
     * and the scheduler's own, e.g. {@code T_max}), so that {@code Torch.save} writes what
     * {@code scheduler.load_state_dict} in Python reads.
     *
     * @return a new map
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        ownState(out);
        out.put("base_lrs", new ArrayList<Object>(baseLrs));
        out.put("last_epoch", lastEpoch);
        out.put("_step_count", stepCount);
        out.put("_is_initial", isInitial);
        out.put("_get_lr_called_within_step", getLrCalledWithinStep);
        out.put("_last_lr", new ArrayList<Object>(lastLr));
        return out;
    }

    /**
     * Loads a state dict, like {@code load_state_dict(state_dict)}: what {@link #stateDict()} returned or
     * what {@code Torch.load} read from PyTorch's {@code scheduler.state_dict()} (keys this class does not
     * know, such as PyTorch 1.x's {@code verbose}, are ignored; ints and floats are both accepted).
     *
     * @param stateDict the state
     * @throws IllegalArgumentException when a known key has a value of the wrong kind
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        if (stateDict.containsKey("base_lrs")) {
            baseLrs = doubles(stateDict, "base_lrs");
        }
        if (stateDict.containsKey("last_epoch")) {
            lastEpoch = PyValues.integer("state_dict['last_epoch']", stateDict.get("last_epoch"));
        }
        if (stateDict.containsKey("_step_count")) {
            stepCount = PyValues.integer("state_dict['_step_count']", stateDict.get("_step_count"));
        }
        if (stateDict.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(doubles(stateDict, "_last_lr"));
        }
        loadOwnState(stateDict);
    }

    /**
     * Puts the subclass's own attributes into a state dict, under PyTorch's names (those Python sets
     * before {@code super().__init__} come first). Does nothing by default.
     *
     * @param out the state dict being made
     */
    protected void ownState(Map<String, Object> out) {
    }

    /**
     * Reads the subclass's own attributes from a state dict (absent keys leave them as they are). Does
     * nothing by default.
     *
     * @param in the state dict being loaded
     */
    protected void loadOwnState(Map<String, ?> in) {
    }

    /** @return {@code in[key]} as a list of doubles */
    static List<Double> doubles(Map<String, ?> in, String key) {
        Object v = in.get(key);
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("state_dict['" + key + "'] must be a list, got " + PyValues.describe(v));
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(PyValues.number("state_dict['" + key + "'][" + i + "]", l.get(i)));
        }
        return out;
    }

    static double number(Map<String, ?> in, String key, double fallback) {
        return in.containsKey(key) ? PyValues.number("state_dict['" + key + "']", in.get(key)) : fallback;
    }

    static long integer(Map<String, ?> in, String key, long fallback) {
        return in.containsKey(key) ? PyValues.integer("state_dict['" + key + "']", in.get(key)) : fallback;
    }

    static boolean bool(Map<String, ?> in, String key, boolean fallback) {
        return in.containsKey(key) ? PyValues.bool("state_dict['" + key + "']", in.get(key)) : fallback;
    }

    /** The groups' current lrs. */
    final List<Double> groupLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            out.add(g.lr());
        }
        return out;
    }

    /** Each group's {@code base_lr} times {@code factor} (the closed forms). */
    final List<Double> baseLrsTimes(double factor) {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) {
            out.add(base * factor);
        }
        return out;
    }

    /**
     * PyTorch's checks of the schedulers SequentialLR and ChainedScheduler wrap: none is a
     * ReduceLROnPlateau, all set {@code optimizer}.
     */
    static void checkWrapped(String who, List<? extends LRScheduler> schedulers, Optimizer optimizer) {
        for (int i = 0; i < schedulers.size(); i++) {
            LRScheduler s = schedulers.get(i);
            if (s instanceof ReduceLROnPlateau) {
                throw new IllegalArgumentException(who + " does not support `ReduceLROnPlateau` scheduler as it "
                        + "requires additional kwargs to be specified when calling `step`, but got one at index " + i
                        + " in the given schedulers sequence.");
            }
            if (s.optimizer() != optimizer) {
                throw new IllegalArgumentException(who + " expects all schedulers to belong to the same optimizer, but "
                        + "got scheduler " + s.getClass().getSimpleName() + " at index " + i + " has "
                        + s.optimizer().getClass().getSimpleName() + ", which is different from "
                        + optimizer.getClass().getSimpleName() + ".");
            }
        }
    }

    /** The groups' current lrs times {@code factor}. */
    final List<Double> groupLrsTimes(double factor) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            out.add(g.lr() * factor);
        }
        return out;
    }

    /**
     * Like {@code _format_param(name, optimizer, param)}: one value for every group, or a list of one per group.
     *
     * @throws IllegalArgumentException when a list's length is not the group count (PyTorch's message)
     */
    static List<Double> perGroup(String name, Optimizer optimizer, List<Double> values) {
        int n = optimizer.paramGroups().size();
        if (values.size() != n) {
            throw new IllegalArgumentException(name + " must have the same length as optimizer.param_groups. " + name
                    + " has " + values.size() + " values, param_groups has " + n + ".");
        }
        return new ArrayList<>(values);
    }

    static List<Double> perGroup(Optimizer optimizer, double value) {
        return new ArrayList<>(Collections.nCopies(optimizer.paramGroups().size(), value));
    }

    /** Python's {@code float.__repr__}, for messages. */
    static String repr(double v) {
        return PyValues.repr(v);
    }
}
