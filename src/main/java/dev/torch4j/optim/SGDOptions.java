package dev.torch4j.optim;

import java.util.Map;

/**
 * Keyword arguments of {@code torch.optim.SGD}, as an immutable value; the optimizer checks them as PyTorch does.
 *
 * <p>Defaults, as in PyTorch 2: {@code lr=1e-3}, {@code momentum=0}, {@code dampening=0}, {@code weight_decay=0}, {@code nesterov=False}, {@code maximize=False}.
 * PyTorch's implementation switches ({@code foreach}, {@code capturable}, {@code differentiable},
 * {@code fused}) have no setter: torch4j picks the kernel itself; they appear in param groups and state
 * dicts with PyTorch's defaults.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.SGD.html">torch.optim.SGD</a>
 */
public final class SGDOptions {
    private static final SGDOptions DEFAULTS = new SGDOptions(Hyper.of("lr", 1e-3, "momentum", 0L, "dampening", 0L, "weight_decay", 0L, "nesterov", false, "maximize", false, "foreach", null, "differentiable", false, "fused", null));

    private final Map<String, Object> values;

    private SGDOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** @return PyTorch's defaults */
    public static SGDOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Learning rate. Default: 1e-3.
     *
     * @param value the value
     * @return a copy with {@code lr} set
     */
    public SGDOptions lr(double value) {
        return new SGDOptions(Hyper.with(values, "lr", value));
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
    public SGDOptions momentum(double value) {
        return new SGDOptions(Hyper.with(values, "momentum", value));
    }

    /** @return {@code momentum} */
    public double momentum() {
        return Hyper.num(values, "momentum");
    }

    /**
     * Dampening for momentum. Default: 0.
     *
     * @param value the value
     * @return a copy with {@code dampening} set
     */
    public SGDOptions dampening(double value) {
        return new SGDOptions(Hyper.with(values, "dampening", value));
    }

    /** @return {@code dampening} */
    public double dampening() {
        return Hyper.num(values, "dampening");
    }

    /**
     * Weight decay (L2 penalty). Default: 0.
     *
     * @param value the value
     * @return a copy with {@code weight_decay} set
     */
    public SGDOptions weightDecay(double value) {
        return new SGDOptions(Hyper.with(values, "weight_decay", value));
    }

    /** @return {@code weight_decay} */
    public double weightDecay() {
        return Hyper.num(values, "weight_decay");
    }

    /**
     * Use Nesterov momentum (needs a momentum and zero dampening). Default: False.
     *
     * @param value the value
     * @return a copy with {@code nesterov} set
     */
    public SGDOptions nesterov(boolean value) {
        return new SGDOptions(Hyper.with(values, "nesterov", value));
    }

    /** @return {@code nesterov} */
    public boolean nesterov() {
        return Hyper.bool(values, "nesterov");
    }

    /**
     * Maximize the objective instead of minimizing it. Default: False.
     *
     * @param value the value
     * @return a copy with {@code maximize} set
     */
    public SGDOptions maximize(boolean value) {
        return new SGDOptions(Hyper.with(values, "maximize", value));
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
