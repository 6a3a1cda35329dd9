package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Zeroes whole channels with probability {@code p} (scaling the rest by {@code 1/(1-p)}) during training. Input {@code (N, C, D, H, W)} or {@code (C, D, H, W)}; output of the same shape. Mirrors {@code nn.Dropout3d(p=0.5, inplace=False)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Dropout3d.html">torch.nn.Dropout3d</a>
 */
public class Dropout3d extends DropoutBase {
    /** Like {@code nn.Dropout3d()}: {@code p=0.5}. */
    public Dropout3d() {
        this(0.5, false);
    }

    /**
     * Like {@code nn.Dropout3d(p)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout3d(double p) {
        this(p, false);
    }

    /**
     * Like {@code nn.Dropout3d(p, inplace)}.
     *
     * @param inplace overwrite the input instead of allocating the output (PyTorch's default: false)
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public Dropout3d(double p, boolean inplace) {
        super(p, inplace);
    }

    /** Applies it, like {@code F.dropout3d(input, p, self.training, inplace)}; see the class comment for shapes. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.dropout3d(input, p, isTraining(), inplace));
    }
}
