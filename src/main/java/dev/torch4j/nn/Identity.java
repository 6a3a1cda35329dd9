package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Returns its input unchanged, mirroring {@code nn.Identity} (a placeholder, e.g. to remove a layer
 * without changing the surrounding code). Any shape; the same tensor out.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Identity.html">torch.nn.Identity</a>
 */
public class Identity extends Module implements TensorModule {
    /** Like {@code nn.Identity()} (PyTorch ignores any arguments). */
    public Identity() {
    }

    /** @return {@code input} itself, as PyTorch returns the same object */
    @Override
    public Tensor forward(Tensor input) {
        return observe(input);
    }
}
