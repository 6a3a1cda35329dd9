package dev.torch4j.optim;

import java.util.Map;

/**
 * Keyword arguments of {@code torch.optim.NAdam}, as an immutable value; the optimizer checks them as PyTorch does.
 *
 * <p>Defaults, as in PyTorch 2: {@code lr=2e-3}, {@code betas=(0.9, 0.999)}, {@code eps=1e-8}, {@code weight_decay=0}, {@code momentum_decay=4e-3}, {@code decoupled_weight_decay=False}, {@code maximize=False}.
 * PyTorch's implementation switches ({@code foreach}, {@code capturable}, {@code differentiable},
 * {@code fused}) have no setter: torch4j picks the kernel itself; they appear in param groups and state
 * dicts with PyTorch's defaults.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.NAdam.html">torch.optim.NAdam</a>
 */
public final class NAdamOptions {
    private static final NAdamOptions DEFAULTS = new NAdamOptions(Hyper.of("lr", 2e-3, "betas", Hyper.pair(0.9, 0.999), "eps", 1e-8, "weight_decay", 0L, "momentum_decay", 4e-3, "decoupled_weight_decay", false, "maximize", false, "foreach", null, "capturable", false, "differentiable", false));

    private final Map<String, Object> values;

    private NAdamOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** @return PyTorch's defaults */
    public static NAdamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Learning rate. Default: 2e-3.
     *
     * @param value the value
     * @return a copy with {@code lr} set
     */
    public NAdamOptions lr(double value) {
        return new NAdamOptions(Hyper.with(values, "lr", value));
    }

    /** @return {@code lr} */
    public double lr() {
        return Hyper.num(values, "lr");
    }

    /**
     * Coefficients of the running averages of the gradient and its square. Default: (0.9, 0.999).
     *
     * @param beta1 the first moment coefficient
     * @param beta2 the second moment coefficient
     * @return a copy with {@code betas} set to {@code (beta1, beta2)}
     */
    public NAdamOptions betas(double beta1, double beta2) {
        return new NAdamOptions(Hyper.with(values, "betas", Hyper.pair(beta1, beta2)));
    }

    /** @return {@code betas[0]} */
    public double beta1() {
        return Hyper.at(values, "betas", 0);
    }

    /** @return {@code betas[1]} */
    public double beta2() {
        return Hyper.at(values, "betas", 1);
    }

    /**
     * Term added to the denominator for numerical stability. Default: 1e-8.
     *
     * @param value the value
     * @return a copy with {@code eps} set
     */
    public NAdamOptions eps(double value) {
        return new NAdamOptions(Hyper.with(values, "eps", value));
    }

    /** @return {@code eps} */
    public double eps() {
        return Hyper.num(values, "eps");
    }

    /**
     * Weight decay. Default: 0.
     *
     * @param value the value
     * @return a copy with {@code weight_decay} set
     */
    public NAdamOptions weightDecay(double value) {
        return new NAdamOptions(Hyper.with(values, "weight_decay", value));
    }

    /** @return {@code weight_decay} */
    public double weightDecay() {
        return Hyper.num(values, "weight_decay");
    }

    /**
     * Momentum decay. Default: 4e-3.
     *
     * @param value the value
     * @return a copy with {@code momentum_decay} set
     */
    public NAdamOptions momentumDecay(double value) {
        return new NAdamOptions(Hyper.with(values, "momentum_decay", value));
    }

    /** @return {@code momentum_decay} */
    public double momentumDecay() {
        return Hyper.num(values, "momentum_decay");
    }

    /**
     * Decay the weights directly, as AdamW does (NAdamW). Default: False.
     *
     * @param value the value
     * @return a copy with {@code decoupled_weight_decay} set
     */
    public NAdamOptions decoupledWeightDecay(boolean value) {
        return new NAdamOptions(Hyper.with(values, "decoupled_weight_decay", value));
    }

    /** @return {@code decoupled_weight_decay} */
    public boolean decoupledWeightDecay() {
        return Hyper.bool(values, "decoupled_weight_decay");
    }

    /**
     * Maximize the objective instead of minimizing it. Default: False.
     *
     * @param value the value
     * @return a copy with {@code maximize} set
     */
    public NAdamOptions maximize(boolean value) {
        return new NAdamOptions(Hyper.with(values, "maximize", value));
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
