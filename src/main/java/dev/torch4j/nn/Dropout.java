package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)} during training; the identity in evaluation mode. Any shape {@code (*)}; output of the same shape. The mask is drawn from the global generator exactly as PyTorch draws it (same seed, same mask). Mirrors {@code nn.Dropout(p=0.5, inplace=False)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html">torch.nn.Dropout</a>
 */
public class Dropout extends DropoutBase {
    /** Like {@code nn.Dropout()}: {@code p=0.5}. */
    public Dropout() {
        this(0.5, false);
    }

    /**
     * Like {@code nn.Dropout(p)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout(double p) {
        this(p, false);
    }

    /**
     * Like {@code nn.Dropout(p, inplace)}.
     *
     * @param inplace overwrite the input instead of allocating the output (PyTorch's default: false)
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout(double p, boolean inplace) {
        super(p, inplace);
    }

    /** Applies it, like {@code F.dropout(input, p, self.training, inplace)}; see the class comment for shapes. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.dropout(input, p, isTraining(), inplace));
    }
}
