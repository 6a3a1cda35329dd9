package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The hyperbolic tangent elementwise, mirroring {@code nn.Tanh}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Tanh.html">torch.nn.Tanh</a>
 */
public class Tanh extends Module implements TensorModule {
    /**
     * Like {@code nn.Tanh()}.
     */
    public Tanh() {
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(input.tanh());
    }
}
