package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x - tanh(x)} elementwise, mirroring {@code nn.Tanhshrink}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Tanhshrink.html">torch.nn.Tanhshrink</a>
 */
public class Tanhshrink extends Module implements TensorModule {
    /**
     * Like {@code nn.Tanhshrink()}.
     */
    public Tanhshrink() {
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.tanhshrink(input));
    }
}
