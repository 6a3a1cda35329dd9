package dev.torch4j.internal;

import org.bytedeco.pytorch.GradMode;

/** Thread-local autograd switch, restored on close like {@code torch.no_grad()}. */
public final class Grad implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private Grad(boolean enabled) {
        Native.init();
        previous = GradMode.is_enabled();
        GradMode.set_enabled(enabled);
    }

    public static Grad disable() {
        return new Grad(false);
    }

    /** @return a guard that sets the mode to {@code enabled} until closed */
    public static Grad set(boolean enabled) {
        return new Grad(enabled);
    }

    /** Sets the mode with no guard, like {@code torch.set_grad_enabled(mode)}. */
    public static void setEnabled(boolean enabled) {
        Native.init();
        GradMode.set_enabled(enabled);
    }

    public static boolean isEnabled() {
        Native.init();
        return GradMode.is_enabled();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            GradMode.set_enabled(previous);
        }
    }
}
