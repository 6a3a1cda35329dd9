package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x - lambd} above {@code lambd}, {@code x + lambd} below {@code -lambd}, 0 between, mirroring {@code nn.Softshrink}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code lambd=0.5}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softshrink.html">torch.nn.Softshrink</a>
 */
public class Softshrink extends Module implements TensorModule {
    private final double lambd;

    /**
     * Like {@code nn.Softshrink()} with the other arguments at their defaults.
     */
    public Softshrink() {
        this(0.5);
    }

    /**
     * Like {@code nn.Softshrink(lambd)}.
     *
     * @param lambd the threshold
     */
    public Softshrink(double lambd) {
        this.lambd = lambd;
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.softshrink(input, lambd));
    }

    /** @return the {@code lambd} value */
    public double lambd() {
        return lambd;
    }

    @Override
    protected String extraRepr() {
        return PyRepr.of(lambd);
    }
}
