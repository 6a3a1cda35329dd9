package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code log(1 + exp(beta * x)) / beta}, linear above {@code threshold}, mirroring {@code nn.Softplus}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code beta=1.0}, {@code threshold=20.0}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softplus.html">torch.nn.Softplus</a>
 */
public class Softplus extends Module implements TensorModule {
    private final double beta;
    private final double threshold;

    /**
     * Like {@code nn.Softplus()} with the other arguments at their defaults.
     */
    public Softplus() {
        this(1.0, 20.0);
    }

    /**
     * Like {@code nn.Softplus(beta)} with the other arguments at their defaults.
     *
     * @param beta the beta of the formula
     */
    public Softplus(double beta) {
        this(beta, 20.0);
    }

    /**
     * Like {@code nn.Softplus(beta, threshold)}.
     *
     * @param beta the beta of the formula
     * @param threshold above {@code beta * x > threshold} the function is the identity
     */
    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.softplus(input, beta, threshold));
    }

    /** @return the {@code beta} value */
    public double beta() {
        return beta;
    }

    /** @return the {@code threshold} value */
    public double threshold() {
        return threshold;
    }

    @Override
    protected String extraRepr() {
        return "beta=" + PyRepr.of(beta) + ", threshold=" + PyRepr.of(threshold);
    }
}
