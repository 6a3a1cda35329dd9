package dev.torch4j.optim.lrscheduler;

import dev.torch4j.internal.PyValues;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy, mirroring {@code torch.optim.lr_scheduler.OneCycleLR}: the lr rises from
 * {@code max_lr / div_factor} to {@code max_lr} over {@code pct_start} of the steps, then anneals to
 * {@code initial_lr / final_div_factor}; momentum (or Adam's beta1) moves the other way. Step it after
 * every batch; stepping past {@code total_steps} fails as in PyTorch.
 *
 * <p>As in PyTorch, the groups get the keys {@code initial_lr}, {@code max_lr}, {@code min_lr}, and with
 * cycled momentum {@code max_momentum} and {@code base_momentum}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html">OneCycleLR</a>
 */
public final class OneCycleLR extends LRScheduler {
    /** How the lr moves between a phase's ends. */
    public enum AnnealStrategy {
        /** Cosine annealing. */
        COS("cos"),
        /** Linear annealing. */
        LINEAR("linear");

        private final String python;

        AnnealStrategy(String python) {
            this.python = python;
        }

        /** @return PyTorch's name, as in the state dict */
        public String pythonName() {
            return python;
        }
    }

    /** One phase: where it ends, and the group keys of its start and end lr and momentum. */
    private record Phase(Number endStep, String startLr, String endLr, String startMomentum, String endMomentum) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end_step", endStep);
            m.put("start_lr", startLr);
            m.put("end_lr", endLr);
            m.put("start_momentum", startMomentum);
            m.put("end_momentum", endMomentum);
            return m;
        }
    }

    private long totalSteps;
    private List<Phase> phases;
    private AnnealStrategy annealStrategy;
    private boolean cycleMomentum;
    private boolean useBeta1;

    /**
     * Like {@code OneCycleLR(optimizer, max_lr, **options)}.
     *
     * @param optimizer the optimizer
     * @param maxLr     the peak lr of every group
     * @param options   the keyword arguments (with {@code total_steps}, or {@code epochs} and {@code steps_per_epoch})
     * @throws IllegalArgumentException as PyTorch's checks (no step count, non-positive counts, {@code pct_start}
     *                                  outside [0, 1], no momentum to cycle)
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, OneCycleLROptions options) {
        this(optimizer, perGroup(optimizer, maxLr), options);
    }

    /**
     * Like {@code OneCycleLR(optimizer, [max_lr...], **options)}: a peak per group.
     *
     * @param optimizer the optimizer
     * @param maxLrs    the peak lr of each group
     * @param options   the keyword arguments
     * @throws IllegalArgumentException as PyTorch's checks
     */
    public OneCycleLR(Optimizer optimizer, List<Double> maxLrs, OneCycleLROptions options) {
        super(prepare(optimizer, maxLrs, options), options.lastEpoch);
        this.totalSteps = totalSteps(options);
        this.phases = phases(options.threePhase, options.pctStart, totalSteps);
        this.annealStrategy = options.annealStrategy;
        this.cycleMomentum = options.cycleMomentum;
        this.useBeta1 = cycleMomentum && optimizer.defaults().containsKey("betas");
        initialStep();
    }

    private static long totalSteps(OneCycleLROptions o) {
        if (o.totalSteps != null) {
            if (o.totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got " + o.totalSteps);
            }
            return o.totalSteps;
        } else if (o.epochs != null && o.stepsPerEpoch != null) {
            if (o.epochs <= 0) {
                throw new IllegalArgumentException("Expected positive integer epochs, but got " + o.epochs);
            }
            if (o.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + o.stepsPerEpoch);
            }
            return o.epochs * o.stepsPerEpoch;
        }
        throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
    }

    private static List<Phase> phases(boolean three, double pct, long total) {
        if (three) {
            return List.of(new Phase(pct * total - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(2 * pct * total - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new Phase(total - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        }
        return List.of(new Phase(pct * total - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(total - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
    }

    /** PyTorch's checks and group set-up, which precede the base constructor. */
    private static Optimizer prepare(Optimizer optimizer, List<Double> maxLrs, OneCycleLROptions o) {
        totalSteps(o);
        if (o.pctStart < 0 || o.pctStart > 1) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + repr(o.pctStart));
        }
        List<Double> max = perGroup("max_lr", optimizer, maxLrs);
        List<ParamGroup> groups = optimizer.paramGroups();
        if (o.lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                g.set("initial_lr", max.get(i) / o.divFactor);
                g.set("max_lr", max.get(i));
                g.set("min_lr", g.getDouble("initial_lr") / o.finalDivFactor);
            }
        }
        if (o.cycleMomentum) {
            if (!optimizer.defaults().containsKey("momentum") && !optimizer.defaults().containsKey("betas")) {
                throw new IllegalArgumentException(
                        "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
            }
            boolean beta1 = optimizer.defaults().containsKey("betas");
            List<Double> maxMomentums = CyclicLR.perGroupList("max_momentum", optimizer, o.maxMomentum);
            List<Double> baseMomentums = CyclicLR.perGroupList("base_momentum", optimizer, o.baseMomentum);
            if (o.lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    CyclicLR.setMomentum(groups.get(i), beta1, maxMomentums.get(i));
                    groups.get(i).set("max_momentum", maxMomentums.get(i));
                    groups.get(i).set("base_momentum", baseMomentums.get(i));
                }
            }
        }
        return optimizer;
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy == AnnealStrategy.COS) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    /**
     * @throws IllegalStateException when stepped past {@code total_steps} (PyTorch's message)
     */
    @Override
    protected List<Double> getLr() {
        long stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + stepNum + " times. The specified number of total steps is "
                    + totalSteps);
        }
        List<Double> lrs = new ArrayList<>();
        for (ParamGroup group : optimizer.paramGroups()) {
            double startStep = 0.0;
            double computedLr = 0;
            double computedMomentum = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                double endStep = phase.endStep().doubleValue();
                if (stepNum <= endStep || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    computedLr = anneal(group.getDouble(phase.startLr()), group.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        computedMomentum = anneal(group.getDouble(phase.startMomentum()),
                                group.getDouble(phase.endMomentum()), pct);
                    }
                    break;
                }
                startStep = endStep;
            }
            lrs.add(computedLr);
            if (cycleMomentum) {
                CyclicLR.setMomentum(group, useBeta1, computedMomentum);
            }
        }
        return lrs;
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        List<Object> ps = new ArrayList<>();
        for (Phase p : phases) {
            ps.add(p.asMap());
        }
        out.put("_schedule_phases", ps);
        out.put("_anneal_func_type", annealStrategy.pythonName());
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("use_beta1", useBeta1);
        }
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        totalSteps = integer(in, "total_steps", totalSteps);
        if (in.get("_anneal_func_type") instanceof String s) {
            annealStrategy = s.equals("linear") ? AnnealStrategy.LINEAR : AnnealStrategy.COS;
        }
        cycleMomentum = bool(in, "cycle_momentum", cycleMomentum);
        useBeta1 = bool(in, "use_beta1", useBeta1);
        if (in.get("_schedule_phases") instanceof List<?> l) {
            List<Phase> loaded = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    loaded.add(new Phase(PyValues.number("end_step", m.get("end_step")), String.valueOf(m.get("start_lr")),
                            String.valueOf(m.get("end_lr")), String.valueOf(m.get("start_momentum")),
                            String.valueOf(m.get("end_momentum"))));
                }
            }
            phases = loaded;
        }
    }
}
