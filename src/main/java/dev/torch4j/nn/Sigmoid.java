package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code 1 / (1 + exp(-x))} elementwise, mirroring {@code nn.Sigmoid}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Sigmoid.html">torch.nn.Sigmoid</a>
 */
public class Sigmoid extends Module implements TensorModule {
    /**
     * Like {@code nn.Sigmoid()}.
     */
    public Sigmoid() {
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(input.sigmoid());
    }
}
