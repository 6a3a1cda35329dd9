package dev.torch4j;

import dev.torch4j.internal.Grad;

/**
 * A region with gradient recording switched off (or on), like {@code with torch.no_grad():}; made by
 * {@link Torch#noGrad()} and {@link Torch#enableGrad()}. Closing it restores the previous mode of this
 * thread; {@code close()} throws nothing, so {@code try (var g = Torch.noGrad())} needs no catch.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.no_grad.html">torch.no_grad</a>
 */
public final class NoGradGuard implements AutoCloseable {
    private final Grad grad;

    NoGradGuard(boolean enabled) {
        this.grad = Grad.set(enabled);
    }

    /** Restores the previous gradient mode; closing twice is harmless. */
    @Override
    public void close() {
        grad.close();
    }
}
