package dev.torch4j.optim;

import java.util.Map;

/**
 * Keyword arguments of {@code torch.optim.RMSprop}, as an immutable value; the optimizer checks them as PyTorch does.
 *
 * <p>Defaults, as in PyTorch 2: {@code lr=1e-2}, {@code momentum=0}, {@code alpha=0.99}, {@code eps=1e-8}, {@code centered=False}, {@code weight_decay=0}, {@code maximize=False}.
 * PyTorch's implementation switches ({@code foreach}, {@code capturable}, {@code differentiable},
 * {@code fused}) have no setter: torch4j picks the kernel itself; they appear in param groups and state
 * dicts with PyTorch's defaults.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html">torch.optim.RMSprop</a>
 */
public final class RMSpropOptions {
    private static final RMSpropOptions DEFAULTS = new RMSpropOptions(Hyper.of("lr", 1e-2, "momentum", 0L, "alpha", 0.99, "eps", 1e-8, "centered", false, "weight_decay", 0L, "capturable", false, "foreach", null, "maximize", false, "differentiable", false));

    private final Map<String, Object> values;

    private RMSpropOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** @return PyTorch's defaults */
    public static RMSpropOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Learning rate. Default: 1e-2.
     *
     * @param value the value
     * @return a copy with {@code lr} set
     */
    public RMSpropOptions lr(double value) {
        return new RMSpropOptions(Hyper.with(values, "lr", value));
    }

    /** @return {@code lr} */
    public double lr() {
        return Hyper.num(values, "lr");
    }

    /**
     * Momentum factor. Default: 0.
     *
     * @param value the value
     * @return a copy with {@code momentum} set
     */
    public RMSpropOptions momentum(double value) {
        return new RMSpropOptions(Hyper.with(values, "momentum", value));
    }

    /** @return {@code momentum} */
    public double momentum() {
        return Hyper.num(values, "momentum");
    }

    /**
     * Smoothing constant. Default: 0.99.
     *
     * @param value the value
     * @return a copy with {@code alpha} set
     */
    public RMSpropOptions alpha(double value) {
        return new RMSpropOptions(Hyper.with(values, "alpha", value));
    }

    /** @return {@code alpha} */
    public double alpha() {
        return Hyper.num(values, "alpha");
    }

    /**
     * Term added to the denominator for numerical stability. Default: 1e-8.
     *
     * @param value the value
     * @return a copy with {@code eps} set
     */
    public RMSpropOptions eps(double value) {
        return new RMSpropOptions(Hyper.with(values, "eps", value));
    }

    /** @return {@code eps} */
    public double eps() {
        return Hyper.num(values, "eps");
    }

    /**
     * Normalize the gradient by an estimate of its variance. Default: False.
     *
     * @param value the value
     * @return a copy with {@code centered} set
     */
    public RMSpropOptions centered(boolean value) {
        return new RMSpropOptions(Hyper.with(values, "centered", value));
    }

    /** @return {@code centered} */
    public boolean centered() {
        return Hyper.bool(values, "centered");
    }

    /**
     * Weight decay (L2 penalty). Default: 0.
     *
     * @param value the value
     * @return a copy with {@code weight_decay} set
     */
    public RMSpropOptions weightDecay(double value) {
        return new RMSpropOptions(Hyper.with(values, "weight_decay", value));
    }

    /** @return {@code weight_decay} */
    public double weightDecay() {
        return Hyper.num(values, "weight_decay");
    }

    /**
     * Maximize the objective instead of minimizing it. Default: False.
     *
     * @param value the value
     * @return a copy with {@code maximize} set
     */
    public RMSpropOptions maximize(boolean value) {
        return new RMSpropOptions(Hyper.with(values, "maximize", value));
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
