package dev.torch4j.optim.lrscheduler;

import dev.torch4j.Tensor;
import dev.torch4j.internal.PyValues;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces each group's lr by {@code factor} when a metric has stopped improving for {@code patience}
 * epochs, mirroring {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: call {@link #step(double)} with
 * the validation loss (or accuracy, with {@link Mode#MAX}) after each epoch.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">ReduceLROnPlateau</a>
 */
public final class ReduceLROnPlateau extends LRScheduler {
    /** Whether the metric should go down ({@code 'min'}) or up ({@code 'max'}). */
    public enum Mode {
        /** {@code 'min'}: a lower metric is better (a loss). */
        MIN("min"),
        /** {@code 'max'}: a higher metric is better (an accuracy). */
        MAX("max");

        private final String python;

        Mode(String python) {
            this.python = python;
        }

        /** @return PyTorch's name, as in the state dict */
        public String pythonName() {
            return python;
        }
    }

    /** How the threshold of a significant improvement is applied. */
    public enum ThresholdMode {
        /** {@code 'rel'}: {@code best * (1 -+ threshold)}. */
        REL("rel"),
        /** {@code 'abs'}: {@code best -+ threshold}. */
        ABS("abs");

        private final String python;

        ThresholdMode(String python) {
            this.python = python;
        }

        /** @return PyTorch's name, as in the state dict */
        public String pythonName() {
            return python;
        }
    }

    private double factor;
    private Double defaultMinLr;
    private List<Double> minLrs;
    private long patience;
    private long cooldown;
    private double eps;
    private Mode mode;
    private double threshold;
    private ThresholdMode thresholdMode;
    private double modeWorse;
    private double best;
    private long cooldownCounter;
    private long numBadEpochs;

    /**
     * Like {@code ReduceLROnPlateau(optimizer)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, ReduceLROnPlateauOptions.defaults());
    }

    /**
     * Like {@code ReduceLROnPlateau(optimizer, **options)}.
     *
     * @param optimizer the optimizer
     * @param options   the keyword arguments
     * @throws IllegalArgumentException when {@code factor >= 1} or the per-group {@code min_lr} list does not
     *                                  have one value per group (PyTorch's messages)
     */
    public ReduceLROnPlateau(Optimizer optimizer, ReduceLROnPlateauOptions options) {
        super(optimizer);
        if (options.factor() >= 1.0) {
            throw new IllegalArgumentException("Factor should be < 1.0.");
        }
        this.factor = options.factor();
        int n = optimizer.paramGroups().size();
        if (options.minLrs() != null) {
            if (options.minLrs().size() != n) {
                throw new IllegalArgumentException("expected " + n + " min_lrs, got " + options.minLrs().size());
            }
            this.defaultMinLr = null;
            this.minLrs = new ArrayList<>(options.minLrs());
        } else {
            this.defaultMinLr = options.minLr();
            this.minLrs = new ArrayList<>(Collections.nCopies(n, options.minLr()));
        }
        this.patience = options.patience();
        this.cooldown = options.cooldown();
        this.eps = options.eps();
        this.lastEpoch = 0;
        recordLastLr();
        initIsBetter(options.mode(), options.threshold(), options.thresholdMode());
        reset();
    }

    private void initIsBetter(Mode mode, double threshold, ThresholdMode thresholdMode) {
        this.modeWorse = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.mode = mode;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
    }

    private void reset() {
        best = modeWorse;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /**
     * Records one epoch's metric and reduces the lrs when it has not improved for {@code patience}
     * epochs, like {@code step(metrics)}.
     *
     * @param metrics the epoch's metric (e.g. the validation loss)
     */
    public void step(double metrics) {
        double current = metrics;
        long epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(current, best)) {
            best = current;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        recordLastLr();
    }

    /**
     * Like {@code step(metrics)} with a one-element tensor, e.g. the loss.
     *
     * @param metrics the epoch's metric
     */
    public void step(Tensor metrics) {
        step(metrics.item());
    }

    /**
     * Not available: ReduceLROnPlateau steps on a metric.
     *
     * @throws UnsupportedOperationException always; call {@link #step(double)}
     */
    @Override
    public void step() {
        throw new UnsupportedOperationException("ReduceLROnPlateau.step needs the metric: call step(metrics)");
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != minLrs.size()) {
            if (defaultMinLr == null) {
                throw new IllegalStateException("The number of param groups in the `optimizer` (" + groups.size()
                        + ") differs from when `ReduceLROnPlateau` was initialized (" + minLrs.size() + "), usually due "
                        + "to a new param group being added to the optimizer. Please modify the `min_lrs` field to match "
                        + "the length of the `optimizer` param groups.");
            }
            minLrs = new ArrayList<>(Collections.nCopies(groups.size(), defaultMinLr));
        }
        for (int i = 0; i < groups.size(); i++) {
            double oldLr = groups.get(i).lr();
            double newLr = Math.max(oldLr * factor, minLrs.get(i));
            if (oldLr - newLr > eps) {
                groups.get(i).lr(newLr);
            }
        }
    }

    private boolean isBetter(double a, double best) {
        if (mode == Mode.MIN && thresholdMode == ThresholdMode.REL) {
            return a < best * (1.0 - threshold);
        } else if (mode == Mode.MIN) {
            return a < best - threshold;
        } else if (thresholdMode == ThresholdMode.REL) {
            return a > best * (threshold + 1.0);
        }
        return a > best + threshold;
    }

    /** @return whether a cooldown is running, like {@code in_cooldown} */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** @return the best metric so far, like {@code best} */
    public double best() {
        return best;
    }

    /** @return the epochs without improvement counted, like {@code num_bad_epochs} */
    public long numBadEpochs() {
        return numBadEpochs;
    }

    @Override
    protected List<Double> getLr() {
        return groupLrs();
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("default_min_lr", defaultMinLr);
        out.put("min_lrs", new ArrayList<Object>(minLrs));
        out.put("patience", patience);
        out.put("cooldown", cooldown);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", new ArrayList<Object>(getLastLr()));
        out.put("mode_worse", modeWorse);
        out.put("mode", mode.pythonName());
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode.pythonName());
        out.put("best", best);
        out.put("cooldown_counter", cooldownCounter);
        out.put("num_bad_epochs", numBadEpochs);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> in) {
        factor = number(in, "factor", factor);
        if (in.containsKey("default_min_lr")) {
            Object d = in.get("default_min_lr");
            defaultMinLr = d == null ? null : PyValues.number("state_dict['default_min_lr']", d);
        }
        if (in.containsKey("min_lrs")) {
            minLrs = doubles(in, "min_lrs");
        }
        patience = integer(in, "patience", patience);
        cooldown = integer(in, "cooldown", cooldown);
        eps = number(in, "eps", eps);
        lastEpoch = integer(in, "last_epoch", lastEpoch);
        if (in.containsKey("_last_lr")) {
            setLastLr(doubles(in, "_last_lr"));
        }
        threshold = number(in, "threshold", threshold);
        if (in.get("mode") instanceof String m) {
            mode = m.equals("max") ? Mode.MAX : Mode.MIN;
        }
        if (in.get("threshold_mode") instanceof String t) {
            thresholdMode = t.equals("abs") ? ThresholdMode.ABS : ThresholdMode.REL;
        }
        best = number(in, "best", best);
        cooldownCounter = integer(in, "cooldown_counter", cooldownCounter);
        numBadEpochs = integer(in, "num_bad_epochs", numBadEpochs);
        // as PyTorch: the comparison is set up again from the loaded mode and threshold
        initIsBetter(mode, threshold, thresholdMode);
    }
}
