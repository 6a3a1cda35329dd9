package dev.torch4j.optim;

/**
 * Base of all optimizers, mirroring {@code torch.optim.Optimizer}: {@link #zeroGrad()} then, after
 * {@code backward()}, {@link #step()}. Parameters without a gradient (frozen ones) are skipped.
 */
public abstract class Optimizer implements AutoCloseable {
    /** Sets every gradient to none, like {@code zero_grad()} (PyTorch 2.x default {@code set_to_none=True}). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Like {@code zero_grad(set_to_none)}.
     *
     * @param setToNone drop the gradients (true) or fill them with zeros (false)
     */
    public abstract void zeroGrad(boolean setToNone);

    /** Updates every parameter that has a gradient, like {@code step()}. */
    public abstract void step();

    /** Releases the optimizer state; the parameters stay. */
    @Override
    public abstract void close();
}
