package dev.torch4j.optim;

import java.util.Map;

/**
 * Keyword arguments of {@code torch.optim.Adagrad}, as an immutable value; the optimizer checks them as PyTorch does.
 *
 * <p>Defaults, as in PyTorch 2: {@code lr=1e-2}, {@code lr_decay=0}, {@code eps=1e-10}, {@code weight_decay=0}, {@code initial_accumulator_value=0}, {@code maximize=False}.
 * PyTorch's implementation switches ({@code foreach}, {@code capturable}, {@code differentiable},
 * {@code fused}) have no setter: torch4j picks the kernel itself; they appear in param groups and state
 * dicts with PyTorch's defaults.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html">torch.optim.Adagrad</a>
 */
public final class AdagradOptions {
    private static final AdagradOptions DEFAULTS = new AdagradOptions(Hyper.of("lr", 1e-2, "lr_decay", 0L, "eps", 1e-10, "weight_decay", 0L, "initial_accumulator_value", 0L, "foreach", null, "maximize", false, "differentiable", false, "fused", null));

    private final Map<String, Object> values;

    private AdagradOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** @return PyTorch's defaults */
    public static AdagradOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Learning rate. Default: 1e-2.
     *
     * @param value the value
     * @return a copy with {@code lr} set
     */
    public AdagradOptions lr(double value) {
        return new AdagradOptions(Hyper.with(values, "lr", value));
    }

    /** @return {@code lr} */
    public double lr() {
        return Hyper.num(values, "lr");
    }

    /**
     * Learning rate decay. Default: 0.
     *
     * @param value the value
     * @return a copy with {@code lr_decay} set
     */
    public AdagradOptions lrDecay(double value) {
        return new AdagradOptions(Hyper.with(values, "lr_decay", value));
    }

    /** @return {@code lr_decay} */
    public double lrDecay() {
        return Hyper.num(values, "lr_decay");
    }

    /**
     * Term added to the denominator for numerical stability. Default: 1e-10.
     *
     * @param value the value
     * @return a copy with {@code eps} set
     */
    public AdagradOptions eps(double value) {
        return new AdagradOptions(Hyper.with(values, "eps", value));
    }

    /** @return {@code eps} */
    public double eps() {
        return Hyper.num(values, "eps");
    }

    /**
     * Weight decay (L2 penalty). Default: 0.
     *
     * @param value the value
     * @return a copy with {@code weight_decay} set
     */
    public AdagradOptions weightDecay(double value) {
        return new AdagradOptions(Hyper.with(values, "weight_decay", value));
    }

    /** @return {@code weight_decay} */
    public double weightDecay() {
        return Hyper.num(values, "weight_decay");
    }

    /**
     * Initial value of the sum of squared gradients. Default: 0.
     *
     * @param value the value
     * @return a copy with {@code initial_accumulator_value} set
     */
    public AdagradOptions initialAccumulatorValue(double value) {
        return new AdagradOptions(Hyper.with(values, "initial_accumulator_value", value));
    }

    /** @return {@code initial_accumulator_value} */
    public double initialAccumulatorValue() {
        return Hyper.num(values, "initial_accumulator_value");
    }

    /**
     * Maximize the objective instead of minimizing it. Default: False.
     *
     * @param value the value
     * @return a copy with {@code maximize} set
     */
    public AdagradOptions maximize(boolean value) {
        return new AdagradOptions(Hyper.with(values, "maximize", value));
    }

    /** @return {@code maximize} */
    public boolean maximize() {
        return Hyper.bool(values, "maximize");
    }

    /** The options as the optimizer's {@code defaults}, PyTorch's keys in PyTorch's order. */
    Map<String, Object> asMap() {
        return values;
    }
}
