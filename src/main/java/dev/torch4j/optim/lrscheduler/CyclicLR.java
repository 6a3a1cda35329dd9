package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import dev.torch4j.serialization.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Cycles each group's lr between {@code base_lr} and {@code max_lr} (and, optionally, the momentum or
 * Adam's beta1 inversely), mirroring {@code torch.optim.lr_scheduler.CyclicLR} (PyTorch 2, which cycles
 * beta1 for optimizers with {@code betas}). Step it after every batch.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html">CyclicLR</a>
 */
public final class CyclicLR extends LRScheduler {
    /** The built-in policies. */
    public enum Mode {
        /** A triangle of constant amplitude. */
        TRIANGULAR("triangular"),
        /** A triangle whose amplitude halves every cycle. */
        TRIANGULAR2("triangular2"),
        /** A triangle scaled by {@code gamma ** iterations}. */
        EXP_RANGE("exp_range");

        private final String python;

        Mode(String python) {
            this.python = python;
        }

        /** @return PyTorch's name, as in the state dict */
        public String pythonName() {
            return python;
        }
    }

    /** What the scaling function is evaluated on. */
    public enum ScaleMode {
        /** The cycle number. */
        CYCLE("cycle"),
        /** The iterations since the start. */
        ITERATIONS("iterations");

        private final String python;

        ScaleMode(String python) {
            this.python = python;
        }

        /** @return PyTorch's name, as in the state dict */
        public String pythonName() {
            return python;
        }
    }

    private List<Double> maxLrs;
    private double totalSize;
    private double stepRatio;
    private final Mode mode;
    private double gamma;
    private final DoubleUnaryOperator scaleFnCustom;
    private ScaleMode scaleMode;
    private final boolean cycleMomentum;
    private boolean useBeta1;
    private List<Double> baseMomentums;
    private List<Double> maxMomentums;

    /**
     * Like {@code CyclicLR(optimizer, base_lr, max_lr)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer (with momentum or betas, unless {@code cycle_momentum} is off)
     * @param baseLr    the lower lr boundary
     * @param maxLr     the upper lr boundary
     */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr) {
        this(optimizer, baseLr, maxLr, CyclicLROptions.defaults());
    }

    /**
     * Like {@code CyclicLR(optimizer, base_lr, max_lr, **options)}.
     *
     * @param optimizer the optimizer
     * @param baseLr    the lower lr boundary of every group
     * @param maxLr     the upper lr boundary of every group
     * @param options   the keyword arguments
     * @throws IllegalArgumentException when momentum is cycled and the optimizer has neither momentum nor
     *                                  betas, or a per-group list has the wrong length (PyTorch's messages)
     */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr, CyclicLROptions options) {
        this(optimizer, perGroup(optimizer, baseLr), perGroup(optimizer, maxLr), options);
    }

    /**
     * Like {@code CyclicLR(optimizer, [base_lr...], [max_lr...], **options)}: boundaries per group.
     *
     * @param optimizer the optimizer
     * @param baseLrs   the lower lr boundary of each group
     * @param maxLrs    the upper lr boundary of each group
     * @param options   the keyword arguments
     * @throws IllegalArgumentException as PyTorch's checks
     */
    public CyclicLR(Optimizer optimizer, List<Double> baseLrs, List<Double> maxLrs, CyclicLROptions options) {
        super(prepare(optimizer, baseLrs, options), options.lastEpoch);
        List<Double> base = perGroup("base_lr", optimizer, baseLrs);
        this.maxLrs = perGroup("max_lr", optimizer, maxLrs);
        double up = options.stepSizeUp;
        double down = options.stepSizeDown != null ? options.stepSizeDown : up;
        this.totalSize = up + down;
        this.stepRatio = up / totalSize;
        this.mode = options.mode;
        this.gamma = options.gamma;
        this.scaleFnCustom = options.scaleFn;
        this.scaleMode = options.scaleFn != null ? options.scaleMode
                : mode == Mode.EXP_RANGE ? ScaleMode.ITERATIONS : ScaleMode.CYCLE;
        this.cycleMomentum = options.cycleMomentum;
        if (cycleMomentum) {
            this.useBeta1 = optimizer.defaults().containsKey("betas");
            this.baseMomentums = perGroupList("base_momentum", optimizer, options.baseMomentum);
            this.maxMomentums = perGroupList("max_momentum", optimizer, options.maxMomentum);
            if (options.lastEpoch == -1) {
                List<ParamGroup> groups = optimizer.paramGroups();
                for (int i = 0; i < groups.size(); i++) {
                    setMomentum(groups.get(i), useBeta1, maxMomentums.get(i));
                    groups.get(i).set("max_momentum", maxMomentums.get(i));
                    groups.get(i).set("base_momentum", baseMomentums.get(i));
                }
            }
        }
        initialStep();
        this.baseLrs = base;
    }

    /** Sets the groups' lr to {@code base_lr} before the base constructor reads it, as PyTorch does first. */
    private static Optimizer prepare(Optimizer optimizer, List<Double> baseLrs, CyclicLROptions options) {
        List<Double> base = perGroup("base_lr", optimizer, baseLrs);
        if (options.lastEpoch == -1) {
            for (int i = 0; i < base.size(); i++) {
                optimizer.paramGroups().get(i).lr(base.get(i));
            }
        }
        if (options.cycleMomentum && !optimizer.defaults().containsKey("momentum")
                && !optimizer.defaults().containsKey("betas")) {
            throw new IllegalArgumentException("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
        }
        return optimizer;
    }

    static List<Double> perGroupList(String name, Optimizer optimizer, List<Double> values) {
        return values.size() == 1 ? perGroup(optimizer, values.get(0)) : perGroup(name, optimizer, values);
    }

    /** {@code group['momentum'] = m}, or {@code group['betas'] = (m, *group['betas'][1:])}. */
    static void setMomentum(ParamGroup group, boolean useBeta1, double m) {
        if (useBeta1) {
            Object betas = group.get("betas");
            double beta2 = dev.torch4j.internal.PyValues.number("betas[1]", ((List<?>) betas).get(1));
            group.set("betas", Tuple.of(m, beta2));
        } else {
            group.set("momentum", m);
        }
    }

    private double scaleFn(double x) {
        if (scaleFnCustom != null) {
            return scaleFnCustom.applyAsDouble(x);
        }
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, x - 1);
            case EXP_RANGE -> Math.pow(gamma, x);
        };
    }

    @Override
    protected List<Double> getLr() {
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1.0 + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scaleAt = scaleMode == ScaleMode.CYCLE ? cycle : lastEpoch;
        List<Double> lrs = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) {
            double baseHeight = (maxLrs.get(i) - baseLrs.get(i)) * scaleFactor;
            lrs.add(baseLrs.get(i) + baseHeight * scaleFn(scaleAt));
        }
        if (cycleMomentum) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < baseMomentums.size(); i++) {
                double baseHeight = (maxMomentums.get(i) - baseMomentums.get(i)) * scaleFactor;
                setMomentum(groups.get(i), useBeta1, maxMomentums.get(i) - baseHeight * scaleFn(scaleAt));
            }
        }
        return lrs;
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("max_lrs", new ArrayList<Object>(maxLrs));
        out.put("total_size", totalSize);
        out.put("step_ratio", stepRatio);
        out.put("mode", mode.pythonName());
        out.put("gamma", gamma);
        out.put("scale_mode", scaleMode.pythonName());
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("use_beta1", useBeta1);
            out.put("base_momentums", new ArrayList<Object>(baseMomentums));
            out.put("max_momentums", new ArrayList<Object>(maxMomentums));
        }
        out.put("_scale_fn_custom", null);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        if (in.containsKey("max_lrs")) {
            maxLrs = doubles(in, "max_lrs");
        }
        totalSize = number(in, "total_size", totalSize);
        stepRatio = number(in, "step_ratio", stepRatio);
        gamma = number(in, "gamma", gamma);
        useBeta1 = bool(in, "use_beta1", useBeta1);
        if (in.containsKey("base_momentums")) {
            baseMomentums = doubles(in, "base_momentums");
        }
        if (in.containsKey("max_momentums")) {
            maxMomentums = doubles(in, "max_momentums");
        }
    }
}
