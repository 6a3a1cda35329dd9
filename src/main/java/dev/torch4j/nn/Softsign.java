package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code x / (1 + |x|)} elementwise, mirroring {@code nn.Softsign}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softsign.html">torch.nn.Softsign</a>
 */
public class Softsign extends Module implements TensorModule {
    /**
     * Like {@code nn.Softsign()}.
     */
    public Softsign() {
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.softsign(input));
    }
}
