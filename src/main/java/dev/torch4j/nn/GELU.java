package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The Gaussian error linear unit {@code x * Phi(x)}, mirroring {@code nn.GELU}. Input any shape {@code (*)}; output the same shape.
 * Defaults, as in PyTorch: {@code approximate='none'}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GELU.html">torch.nn.GELU</a>
 */
public class GELU extends Module implements TensorModule {
    private final String approximate;

    /**
     * Like {@code nn.GELU()} with the other arguments at their defaults.
     */
    public GELU() {
        this("none");
    }

    /**
     * Like {@code nn.GELU(approximate)}.
     *
     * @param approximate {@code "none"} (exact) or {@code "tanh"} (the tanh approximation)
     */
    public GELU(String approximate) {
        this.approximate = approximate;
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.gelu(input, approximate));
    }

    /** @return the {@code approximate} value */
    public String approximate() {
        return approximate;
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
