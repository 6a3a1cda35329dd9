package dev.torch4j;

import dev.torch4j.internal.Grad;
import dev.torch4j.returntypes.Unique2;
import dev.torch4j.internal.Native;
import dev.torch4j.internal.NativeLibraries;
import dev.torch4j.serialization.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;

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

    // ------------------------------------------------------------------ torch.tensor from Java values

    /**
     * A float32 tensor of these values, like {@code torch.tensor([0.5, 1.0])}: Python's floats become
     * the default dtype, float32.
     */
    public static Tensor tensor(double... data) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return Tensor.of(f);
    }

    /** An int64 tensor of these values, like {@code torch.tensor([1, 2])}: Python's ints become int64. */
    public static Tensor tensor(long... data) {
        return Tensor.of(data);
    }

    /** A bool tensor, like {@code torch.tensor([True, False])}. */
    public static Tensor tensor(boolean... data) {
        return Tensor.of(data);
    }

    /**
     * A 2-D float32 tensor of these rows, like {@code torch.tensor([[1.0, 2.0], [3.0, 4.0]])}.
     *
     * @throws IllegalArgumentException when the rows differ in length (Python: ValueError)
     */
    public static Tensor tensor(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] f = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkRow(rows[r].length, cols, r);
            for (int c = 0; c < cols; c++) {
                f[r * cols + c] = (float) rows[r][c];
            }
        }
        return Tensor.of(f, rows.length, cols);
    }

    /** A 2-D int64 tensor of these rows, like {@code torch.tensor([[1, 2], [3, 4]])}. */
    public static Tensor tensor(long[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        long[] l = new long[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkRow(rows[r].length, cols, r);
            System.arraycopy(rows[r], 0, l, r * cols, cols);
        }
        return Tensor.of(l, rows.length, cols);
    }

    private static void checkRow(int length, int expected, int row) {
        if (length != expected) {
            throw new IllegalArgumentException("expected sequence of length " + expected + " at dim 1 (got "
                    + length + ") in row " + row);
        }
    }

    // ------------------------------------------------------------------ Python-level functions

    /**
     * The unique elements, sorted, like {@code torch.unique(input)}.
     *
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.unique.html">torch.unique</a>
     */
    public static Tensor unique(Tensor input) {
        Unique2 r = dev.torch4j.internal.Aten._unique2(input, true, false, false);
        r.get1().close();
        r.get2().close();
        return r.get0();
    }

    /**
     * Like {@code torch.unique(input, sorted, return_inverse, return_counts)}: the unique elements,
     * the index of each input element among them, and their counts (the last two empty tensors unless
     * asked for, where Python leaves them out of its tuple).
     */
    public static Unique unique(Tensor input, boolean sorted, boolean returnInverse, boolean returnCounts) {
        Unique2 r = dev.torch4j.internal.Aten._unique2(input, sorted, returnInverse, returnCounts);
        return new Unique(r.get0(), r.get1(), r.get2());
    }

    /**
     * What {@link #unique(Tensor, boolean, boolean, boolean)} returns.
     *
     * @param output         the unique elements
     * @param inverseIndices for each input element, its index in {@code output} (when asked for)
     * @param counts         how often each unique element occurs (when asked for)
     */
    public record Unique(Tensor output, Tensor inverseIndices, Tensor counts) {
    }

    /**
     * Like {@code torch.use_deterministic_algorithms(mode)}: with {@code true}, operations that have a
     * deterministic implementation use it and those that have none raise an error (libtorch's message).
     */
    public static void useDeterministicAlgorithms(boolean mode) {
        useDeterministicAlgorithms(mode, false);
    }

    /** Like {@code torch.use_deterministic_algorithms(mode, warn_only=warnOnly)}: warn instead of raising. */
    public static void useDeterministicAlgorithms(boolean mode, boolean warnOnly) {
        dev.torch4j.internal.Backends.setDeterministicAlgorithms(mode, warnOnly);
    }

    /** @return like {@code torch.are_deterministic_algorithms_enabled()} */
    public static boolean areDeterministicAlgorithmsEnabled() {
        return dev.torch4j.internal.Backends.deterministicAlgorithms();
    }

    /** @return like {@code torch.is_deterministic_algorithms_warn_only_enabled()} */
    public static boolean isDeterministicAlgorithmsWarnOnlyEnabled() {
        return dev.torch4j.internal.Backends.deterministicAlgorithmsWarnOnly();
    }

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

    /**
     * Saves a checkpoint tree, like {@code torch.save(obj, path)}: dicts ({@code Map}), lists, tuples
     * ({@link dev.torch4j.serialization.Tuple}), strings, numbers, booleans, null, dtypes and tensors,
     * e.g. {@code Torch.save(Map.of("model", model.stateDict(), "epoch", 5L), path)}. Python reads it with
     * {@code torch.load(path, weights_only=True)}. The Java types are listed in {@link Checkpoint}.
     *
     * @param obj  the tree to save
     * @param path the file to write (replaced if it exists)
     * @throws IllegalArgumentException naming where in the tree a value cannot be saved
     * @throws IOException              when the file cannot be written
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.save.html">torch.save</a>
     */
    public static void save(Object obj, Path path) throws IOException {
        Checkpoint.save(obj, path);
    }

    /**
     * Loads what {@code torch.save} wrote, like {@code torch.load(path, map_location="cpu", weights_only=True)}:
     * a dict comes back as a {@code Map} ({@code Map<String, Object>}, or {@code Map<Object, Object>} with
     * {@code Long} keys), a list as a {@code List}, a tuple as a {@link dev.torch4j.serialization.Tuple},
     * tensors on the CPU; the exact Java types are listed in {@link Checkpoint}. Never runs code from the file.
     *
     * @param path a {@code torch.save} archive
     * @return the tree
     * @throws dev.torch4j.serialization.StateDictFormatException when the file is malformed, names a global
     *                                  outside the weights-only allow list, or exceeds a documented limit
     * @throws IOException              when the file cannot be read
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.load.html">torch.load</a>
     */
    public static Object load(Path path) throws IOException {
        return Checkpoint.load(path);
    }

    /** @return libtorch's {@code torch.__config__.parallel_info()} text */
    public static String parallelInfo() {
        return Native.parallelInfo();
    }
}
