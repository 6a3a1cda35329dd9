package dev.torch4j.backends;

import dev.torch4j.internal.Backends;

/**
 * The switches of {@code torch.backends.cudnn}, as static getters and setters: Python's
 * {@code torch.backends.cudnn.deterministic = True} is {@code Cudnn.setDeterministic(true)}. They change
 * libtorch's global context, for every thread, as in PyTorch; on a machine without cuDNN they are stored
 * and have no effect.
 *
 * @see <a href="https://pytorch.org/docs/stable/backends.html#torch-backends-cudnn">torch.backends.cudnn</a>
 */
public final class Cudnn {
    private Cudnn() {
    }

    /** @return whether libtorch was built with cuDNN, like {@code torch.backends.cudnn.is_available()} */
    public static boolean isAvailable() {
        return Backends.cudnnAvailable();
    }

    /** @return cuDNN's version number, like {@code torch.backends.cudnn.version()}, or -1 without cuDNN (Python: None) */
    public static long version() {
        return Backends.cudnnVersion();
    }

    /** @return {@code torch.backends.cudnn.enabled} (default true) */
    public static boolean enabled() {
        return Backends.cudnnEnabled();
    }

    /** Sets {@code torch.backends.cudnn.enabled}: whether libtorch may use cuDNN at all. */
    public static void setEnabled(boolean on) {
        Backends.setCudnnEnabled(on);
    }

    /** @return {@code torch.backends.cudnn.benchmark} (default false) */
    public static boolean benchmark() {
        return Backends.cudnnBenchmark();
    }

    /** Sets {@code torch.backends.cudnn.benchmark}: try several algorithms per input shape and keep the fastest. */
    public static void setBenchmark(boolean on) {
        Backends.setCudnnBenchmark(on);
    }

    /** @return {@code torch.backends.cudnn.deterministic} (default false) */
    public static boolean deterministic() {
        return Backends.cudnnDeterministic();
    }

    /** Sets {@code torch.backends.cudnn.deterministic}: only deterministic cuDNN algorithms. */
    public static void setDeterministic(boolean on) {
        Backends.setCudnnDeterministic(on);
    }
}
