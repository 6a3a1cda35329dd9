package dev.torch4j.internal;

import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.global.torch;

/** libtorch's global context flags behind {@code torch.backends.*} and {@code torch.use_deterministic_algorithms}. */
public final class Backends {
    private Backends() {
    }

    private static Context context() {
        Native.init();
        return torch.globalContext();
    }

    public static boolean cudnnAvailable() {
        Native.init();
        return Context.hasCuDNN();
    }

    public static long cudnnVersion() {
        return cudnnAvailable() ? Context.versionCuDNN() : -1;
    }

    public static boolean cudnnEnabled() {
        return context().userEnabledCuDNN();
    }

    public static void setCudnnEnabled(boolean on) {
        context().setUserEnabledCuDNN(on);
    }

    public static boolean cudnnBenchmark() {
        return context().benchmarkCuDNN();
    }

    public static void setCudnnBenchmark(boolean on) {
        context().setBenchmarkCuDNN(on);
    }

    public static boolean cudnnDeterministic() {
        return context().deterministicCuDNN();
    }

    public static void setCudnnDeterministic(boolean on) {
        context().setDeterministicCuDNN(on);
    }

    public static boolean deterministicAlgorithms() {
        return context().deterministicAlgorithms();
    }

    public static boolean deterministicAlgorithmsWarnOnly() {
        return context().deterministicAlgorithmsWarnOnly();
    }

    public static void setDeterministicAlgorithms(boolean on, boolean warnOnly) {
        context().setDeterministicAlgorithms(on, warnOnly);
    }
}
