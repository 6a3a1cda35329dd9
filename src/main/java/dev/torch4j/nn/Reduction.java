package dev.torch4j.nn;

/**
 * How a loss reduces its per-element values, PyTorch's {@code reduction='none' | 'mean' | 'sum'}
 * shared by loss modules and {@link Functional}.
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">loss functions</a>
 */
public enum Reduction {
    /** {@code 'none'}: one value per element. */
    NONE,
    /** {@code 'mean'}: the mean (PyTorch's default). */
    MEAN,
    /** {@code 'sum'}: the sum. */
    SUM;

    /** @return PyTorch's spelling: {@code none}, {@code mean} or {@code sum} */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
