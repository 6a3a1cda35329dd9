package dev.torch4j.optim;

import java.util.Map;

/**
 * Keyword arguments of {@code torch.optim.Adadelta}, as an immutable value; the optimizer checks them as PyTorch does.
 *
 * <p>Defaults, as in PyTorch 2: {@code lr=1.0}, {@code rho=0.9}, {@code eps=1e-6}, {@code weight_decay=0}, {@code maximize=False}.
 * PyTorch's implementation switches ({@code foreach}, {@code capturable}, {@code differentiable},
 * {@code fused}) have no setter: torch4j picks the kernel itself; they appear in param groups and state
 * dicts with PyTorch's defaults.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adadelta.html">torch.optim.Adadelta</a>
 */
public final class AdadeltaOptions {
    private static final AdadeltaOptions DEFAULTS = new AdadeltaOptions(Hyper.of("lr", 1.0, "rho", 0.9, "eps", 1e-6, "weight_decay", 0L, "maximize", false, "capturable", false, "foreach", null, "differentiable", false));

    private final Map<String, Object> values;

    private AdadeltaOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** @return PyTorch's defaults */
    public static AdadeltaOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Coefficient that scales the delta before it is applied. Default: 1.0.
     *
     * @param value the value
     * @return a copy with {@code lr} set
     */
    public AdadeltaOptions lr(double value) {
        return new AdadeltaOptions(Hyper.with(values, "lr", value));
    }

    /** @return {@code lr} */
    public double lr() {
        return Hyper.num(values, "lr");
    }

    /**
     * Coefficient of the running average of squared gradients. Default: 0.9.
     *
     * @param value the value
     * @return a copy with {@code rho} set
     */
    public AdadeltaOptions rho(double value) {
        return new AdadeltaOptions(Hyper.with(values, "rho", value));
    }

    /** @return {@code rho} */
    public double rho() {
        return Hyper.num(values, "rho");
    }

    /**
     * Term added to the denominator for numerical stability. Default: 1e-6.
     *
     * @param value the value
     * @return a copy with {@code eps} set
     */
    public AdadeltaOptions eps(double value) {
        return new AdadeltaOptions(Hyper.with(values, "eps", value));
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
    public AdadeltaOptions weightDecay(double value) {
        return new AdadeltaOptions(Hyper.with(values, "weight_decay", value));
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
    public AdadeltaOptions maximize(boolean value) {
        return new AdadeltaOptions(Hyper.with(values, "maximize", value));
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
