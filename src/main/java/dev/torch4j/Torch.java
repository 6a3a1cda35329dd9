package dev.torch4j;

import dev.torch4j.internal.Grad;
import dev.torch4j.internal.Native;
import dev.torch4j.internal.NativeLibraries;

/**
 * Process-wide entry points of {@code torch}: seeding, no-grad regions, memory scopes, threads.
 *
 * <p>Thread defaults, set once when libtorch loads: one libtorch intra-op thread, and OpenBLAS one
 * thread per core for the matrix products, where threads pay off; with more than one intra-op
 * thread OpenBLAS runs single-threaded inside libtorch's pool, so the two never oversubscribe the
 * cores (native-config/README.md has the measurements). Override with {@link #setNumThreads},
 * {@link #setBlasThreads}, or the system properties {@code torch4j.threads} (or
 * {@code OMP_NUM_THREADS}) and {@code torch4j.blasThreads} (or {@code OPENBLAS_NUM_THREADS}).
 */
public final class Torch extends TorchFunctions {
    static {
        Native.init();
    }

    private Torch() {
    }

    // torch.zeros, torch.cat, torch.where, ... are generated into TorchFunctions, which this class inherits

    /** Seeds the global CPU (and CUDA) generator, like {@code torch.manual_seed(seed)}. */
    public static void manualSeed(long seed) {
        Native.manualSeed(seed);
    }

    /**
     * Opens a region that releases every tensor created in it when closed; use it around each step:
     * {@code try (var step = Torch.scope()) { ... }}.
     *
     * @return the scope, to close (and to {@link TensorScope#keep keep} results from)
     */
    public static TensorScope scope() {
        return new TensorScope();
    }

    /**
     * Disables gradient recording on this thread until closed, like {@code with torch.no_grad():}:
     * {@code try (var g = Torch.noGrad()) { ... }}.
     *
     * @return a guard to close; it restores the previous mode and throws nothing
     */
    public static NoGradGuard noGrad() {
        return new NoGradGuard(false);
    }

    /**
     * Enables gradient recording on this thread until closed, like {@code with torch.enable_grad():}.
     *
     * @return a guard to close; it restores the previous mode and throws nothing
     */
    public static NoGradGuard enableGrad() {
        return new NoGradGuard(true);
    }

    /** Sets gradient recording on this thread, like {@code torch.set_grad_enabled(mode)} used as a function. */
    public static void setGradEnabled(boolean mode) {
        Grad.setEnabled(mode);
    }

    /** @return whether autograd records operations on this thread, like {@code torch.is_grad_enabled()} */
    public static boolean isGradEnabled() {
        return Grad.isEnabled();
    }

    /** @return libtorch's intra-op threads, like {@code torch.get_num_threads()} */
    public static int getNumThreads() {
        return Native.threads();
    }

    /**
     * Like {@code torch.set_num_threads(n)}. Unless BLAS threads were chosen (property, environment or
     * {@link #setBlasThreads}), OpenBLAS follows: one thread when {@code n > 1}, one per core when
     * {@code n == 1}.
     *
     * @param n intra-op threads
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public static void setNumThreads(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Number of threads must be positive, got " + n);
        }
        Native.setThreads(n);
    }

    /** @return OpenBLAS threads (one per core by default, see the class comment) */
    public static int getBlasThreads() {
        return Native.blasThreads();
    }

    /**
     * @param n OpenBLAS threads
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public static void setBlasThreads(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Number of BLAS threads must be positive, got " + n);
        }
        Native.setBlasThreads(n);
    }

    /**
     * The libtorch version torch4j runs on, like {@code torch.__version__} (for example {@code 2.10.0}),
     * read from libtorch's own build settings.
     *
     * @return the version, or {@code unknown} if libtorch does not report one
     */
    public static String version() {
        return NativeLibraries.buildSetting(NativeLibraries.buildConfig(), "TORCH_VERSION").orElse("unknown");
    }

    /** @return libtorch's {@code torch.__config__.parallel_info()} text */
    public static String parallelInfo() {
        return Native.parallelInfo();
    }
}
