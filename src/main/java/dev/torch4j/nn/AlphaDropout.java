package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Dropout that keeps the self-normalising property of SELU networks (zero mean, unit variance) during training. Any shape {@code (*)}; output of the same shape. Mirrors {@code nn.AlphaDropout(p=0.5, inplace=False)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.AlphaDropout.html">torch.nn.AlphaDropout</a>
 */
public class AlphaDropout extends DropoutBase {
    /** Like {@code nn.AlphaDropout()}: {@code p=0.5}. */
    public AlphaDropout() {
        this(0.5, false);
    }

    /**
     * Like {@code nn.AlphaDropout(p)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public AlphaDropout(double p) {
        this(p, false);
    }

    /**
     * Like {@code nn.AlphaDropout(p, inplace)}.
     *
     * @param inplace overwrite the input instead of allocating the output (PyTorch's default: false)
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public AlphaDropout(double p, boolean inplace) {
        super(p, inplace);
    }

    /** Applies it, like {@code F.alpha_dropout(input, p, self.training, inplace)}; see the class comment for shapes. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.alphaDropout(input, p, isTraining(), inplace));
    }
}
