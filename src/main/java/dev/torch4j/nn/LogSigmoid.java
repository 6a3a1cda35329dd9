package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code log(sigmoid(x))} elementwise, mirroring {@code nn.LogSigmoid}. Input any shape {@code (*)}; output the same shape.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LogSigmoid.html">torch.nn.LogSigmoid</a>
 */
public class LogSigmoid extends Module implements TensorModule {
    /**
     * Like {@code nn.LogSigmoid()}.
     */
    public LogSigmoid() {
    }

    /**
     * Applies it elementwise.
     *
     * @param input any shape
     * @return the same shape (the input itself when in place)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.logSigmoid(input));
    }
}
