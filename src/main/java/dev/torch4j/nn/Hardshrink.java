package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x} where {@code |x| > lambd}, 0 elsewhere, mirroring {@code nn.Hardshrink}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code lambd=0.5}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Hardshrink.html">torch.nn.Hardshrink</a>
 */
public class Hardshrink extends Module implements TensorModule {
    private final double lambd;

    /**
     * Like {@code nn.Hardshrink()} with the other arguments at their defaults.
     */
    public Hardshrink() {
        this(0.5);
    }

    /**
     * Like {@code nn.Hardshrink(lambd)}.
     *
     * @param lambd the threshold
     */
    public Hardshrink(double lambd) {
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
        return observe(Functional.hardshrink(input, lambd));
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
