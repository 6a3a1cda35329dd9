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

    /** Whether libtorch's CUDA hooks report cuDNN at run time (what the doctor reports, from the same call). */
    public static boolean cudnnAvailable() {
        return cudnnVersion() > 0;
    }

    /** cuDNN's run-time version as {@code torch.backends.cudnn.version()} gives it, or -1 without CUDA or cuDNN. */
    public static long cudnnVersion() {
        return NativeLibraries.runtimeVersions().map(v -> v[1]).filter(v -> v > 0).orElse(-1L);
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

    private static final Object MKLDNN_SWITCH = new Object();

    /**
     * Runs {@code call} with libtorch's oneDNN kernels switched off (and the user's setting restored after),
     * for a large CPU LSTM when libtorch has one intra-op thread but OpenBLAS several: oneDNN's LSTM then
     * runs on one thread while libtorch's generic LSTM multiplies with every BLAS thread. The switch is
     * global, so a convolution running meanwhile on another thread takes libtorch's other CPU kernel (the
     * same result up to rounding).
     */
    public static <T> T withoutMkldnn(java.util.function.Supplier<T> call) {
        synchronized (MKLDNN_SWITCH) {
            Context c = context();
            boolean was = c.userEnabledMkldnn();
            if (!was) {
                return call.get();
            }
            c.setUserEnabledMkldnn(false);
            try {
                return call.get();
            } finally {
                c.setUserEnabledMkldnn(true);
            }
        }
    }

    /** @return whether a CPU LSTM of this size runs faster on libtorch's generic kernel (see {@link #withoutMkldnn}) */
    public static boolean preferBlasLstm(long macsPerStep) {
        return BLAS_LSTM && macsPerStep >= BLAS_LSTM_MACS && Native.threads() == 1 && Native.blasThreads() > 1;
    }

    /**
     * Measured on 2 cores (benchmarks/run.sh, large_lstm_train: batch 128, hidden 256, input 300, 39M
     * multiply-adds per step and gate matrix): 4.2 steps/s on the generic kernel against 2.6 on oneDNN; at
     * medium size (0.8M) oneDNN is faster (135-166 against 89-96). The threshold sits between.
     */
    private static final long BLAS_LSTM_MACS = 4_000_000;

    /** {@code -Dtorch4j.lstmBlasPath=false} keeps oneDNN's LSTM at every size. */
    private static final boolean BLAS_LSTM = Boolean.parseBoolean(System.getProperty("torch4j.lstmBlasPath", "true"));
}
