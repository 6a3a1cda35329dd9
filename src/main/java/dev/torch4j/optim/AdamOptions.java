package dev.torch4j.optim;

/**
 * Keyword arguments of {@code torch.optim.Adam}, as an immutable value, validated as PyTorch does.
 *
 * <p>Defaults, as in PyTorch: {@code lr=1e-3}, {@code betas=(0.9, 0.999)}, {@code eps=1e-8},
 * {@code weight_decay=0}, {@code amsgrad=False}.
 */
public final class AdamOptions {
    private static final AdamOptions DEFAULTS = new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0, false);

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;

    private AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
    }

    /** @return PyTorch's defaults */
    public static AdamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Learning rate. Default: 1e-3.
     *
     * @throws IllegalArgumentException if negative or NaN ({@code Invalid learning rate})
     */
    public AdamOptions lr(double value) {
        if (!(value >= 0.0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + value + " (expected lr >= 0.0)");
        }
        return new AdamOptions(value, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /**
     * Decay rates of the first and second moment estimates. Default: (0.9, 0.999).
     *
     * @throws IllegalArgumentException if either is outside [0, 1)
     */
    public AdamOptions betas(double b1, double b2) {
        if (!(b1 >= 0.0 && b1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + b1 + " (expected 0.0 <= beta < 1.0)");
        }
        if (!(b2 >= 0.0 && b2 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + b2 + " (expected 0.0 <= beta < 1.0)");
        }
        return new AdamOptions(lr, b1, b2, eps, weightDecay, amsgrad);
    }

    /**
     * Term added to the denominator. Default: 1e-8.
     *
     * @throws IllegalArgumentException if negative or NaN
     */
    public AdamOptions eps(double value) {
        if (!(value >= 0.0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + value + " (expected eps >= 0.0)");
        }
        return new AdamOptions(lr, beta1, beta2, value, weightDecay, amsgrad);
    }

    /**
     * L2 penalty added to the gradient. Default: 0.
     *
     * @throws IllegalArgumentException if negative or NaN
     */
    public AdamOptions weightDecay(double value) {
        if (!(value >= 0.0)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + value + " (expected >= 0.0)");
        }
        return new AdamOptions(lr, beta1, beta2, eps, value, amsgrad);
    }

    /** Use the AMSGrad variant. Default: false. */
    public AdamOptions amsgrad(boolean flag) {
        return new AdamOptions(lr, beta1, beta2, eps, weightDecay, flag);
    }

    /** @return the learning rate */
    public double lr() {
        return lr;
    }

    /** @return beta1 */
    public double beta1() {
        return beta1;
    }

    /** @return beta2 */
    public double beta2() {
        return beta2;
    }

    /** @return eps */
    public double eps() {
        return eps;
    }

    /** @return the weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return whether AMSGrad is used */
    public boolean amsgrad() {
        return amsgrad;
    }
}
