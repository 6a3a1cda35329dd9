package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Zeroes whole channels with probability {@code p} (scaling the rest by {@code 1/(1-p)}) during training. Input {@code (N, C, H, W)}, or (as PyTorch still does, with a warning) {@code (N, C, L)} treated as 1-D channels; output of the same shape. Mirrors {@code nn.Dropout2d(p=0.5, inplace=False)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Dropout2d.html">torch.nn.Dropout2d</a>
 */
public class Dropout2d extends DropoutBase {
    /** Like {@code nn.Dropout2d()}: {@code p=0.5}. */
    public Dropout2d() {
        this(0.5, false);
    }

    /**
     * Like {@code nn.Dropout2d(p)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout2d(double p) {
        this(p, false);
    }

    /**
     * Like {@code nn.Dropout2d(p, inplace)}.
     *
     * @param inplace overwrite the input instead of allocating the output (PyTorch's default: false)
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout2d(double p, boolean inplace) {
        super(p, inplace);
    }

    /** Applies it, like {@code F.dropout2d(input, p, self.training, inplace)}; see the class comment for shapes. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.dropout2d(input, p, isTraining(), inplace));
    }
}
