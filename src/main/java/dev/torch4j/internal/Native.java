package dev.torch4j.internal;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Loads libtorch once, sets thread defaults once, and converts between torch4j and native values.
 *
 * <p>Threading (see {@link #configureThreads}): one libtorch intra-op thread, OpenBLAS one thread per
 * core; with more intra-op threads OpenBLAS gets one, since its pthreads inside libtorch's OpenMP
 * workers oversubscribe the cores and, in the binding's build, corrupt memory (a SIGSEGV in
 * {@code backward()} after a few hundred steps). Override with {@code torch4j.threads} (or
 * {@code OMP_NUM_THREADS}, as PyTorch reads it) and {@code torch4j.blasThreads} (or
 * {@code OPENBLAS_NUM_THREADS}), or {@code Torch.setNumThreads} / {@code Torch.setBlasThreads}.
 */
public final class Native {
    /** libtorch's scalar types by code: {@link DType#ordinal()} is the code. */
    private static final ScalarType[] SCALAR_TYPES = new ScalarType[DType.values().length];
    private static final DType[] DTYPES = DType.values();
    /** Options are immutable values; caching one per (dtype, device) avoids per-op allocation. */
    private static final Map<String, TensorOptions> OPTIONS = new ConcurrentHashMap<>();

    static {
        disableJavacppRssPolling();
        for (ScalarType s : ScalarType.values()) {
            if (s.value >= 0 && s.value < SCALAR_TYPES.length) {
                SCALAR_TYPES[s.value] = s;
            }
        }
        try {
            // unpack the natives before loading: otherwise the linker may pick a system libtorch
            // (e.g. Debian's) for libtorch_cpu while JavaCPP is still extracting ours
            NativeLibraries.extractNatives();
        } catch (java.io.IOException | RuntimeException e) {
            System.getLogger("dev.torch4j").log(System.Logger.Level.DEBUG, "could not pre-extract natives", e);
        }
        Loader.load(torch.class);
        configureThreads();
    }

    private Native() {
    }

    /**
     * JavaCPP reads the process RSS under a global lock for every native object it creates when
     * {@code maxPhysicalBytes > 0} (its default), to decide when to force a GC: 20% of a small
     * model's forward time here. torch4j releases native memory deterministically (close, scopes),
     * so it turns that polling off unless the user set the property; it must happen before JavaCPP's
     * Pointer class initialises. Keep JavaCPP's behaviour with
     * {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=<bytes>} (any explicit value is left alone).
     */
    private static void disableJavacppRssPolling() {
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null
                && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
    }

    /** @return JavaCPP's RSS limit in force (0 = no polling), for the doctor and tests */
    public static long javacppMaxPhysicalBytes() {
        return org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
    }

    /** Forces the static initialiser: libtorch loaded, thread defaults applied. */
    public static void init() {
        // the static block does the work
    }

    /** Whether the user chose the OpenBLAS thread count (property, environment or setBlasThreads). */
    private static volatile boolean blasChosen;

    /**
     * One libtorch intra-op thread and one OpenBLAS thread per core, unless the user says otherwise.
     * Measured on 2 cores (benchmarks/run.sh): at the notebook's size two tiny kernels per step
     * (sqrt, log_sigmoid) open an OpenMP region whose fork/join and spinning worker cost 30% of the
     * step; at every size the time that threads can win is in gemm, which OpenBLAS splits itself (and
     * runs on one thread below its size threshold). OpenBLAS's pthreads must not run inside libtorch's
     * OpenMP workers (they oversubscribed and corrupted the heap), so when more than one intra-op
     * thread is chosen, OpenBLAS gets one unless its count was chosen too.
     */
    private static void configureThreads() {
        int intra = intSetting("torch4j.threads", "OMP_NUM_THREADS", 1);
        torch.set_num_threads(intra);
        blasChosen = System.getProperty("torch4j.blasThreads") != null
                || System.getenv("OPENBLAS_NUM_THREADS") != null;
        int blas = intSetting("torch4j.blasThreads", "OPENBLAS_NUM_THREADS", defaultBlasThreads(intra));
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(blas);
    }

    private static int defaultBlasThreads(int intraOpThreads) {
        return intraOpThreads > 1 ? 1 : Runtime.getRuntime().availableProcessors();
    }

    private static int intSetting(String property, String env, int fallback) {
        String v = System.getProperty(property);
        if (v == null && env != null) {
            v = System.getenv(env);
        }
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be an integer, got '" + v + "'");
        }
    }

    /** @return OpenBLAS threads now in force */
    public static int blasThreads() {
        return org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads();
    }

    /** @param n OpenBLAS threads to use from now on (the user's choice: kept by {@link #setThreads}) */
    public static void setBlasThreads(int n) {
        blasChosen = true;
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
    }

    /** @return libtorch's intra-op thread count */
    public static int threads() {
        return torch.get_num_threads();
    }

    /** @param n libtorch's intra-op thread count; OpenBLAS follows unless its count was chosen */
    public static void setThreads(int n) {
        torch.set_num_threads(n);
        if (!blasChosen) {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(defaultBlasThreads(n));
        }
    }

    /** @return libtorch's description of its parallel backends */
    public static String parallelInfo() {
        return torch.get_parallel_info().getString();
    }

    public static boolean cudaAvailable() {
        return torch.cuda_is_available();
    }

    public static int cudaDeviceCount() {
        return torch.cuda_device_count();
    }

    public static void manualSeed(long seed) {
        torch.manual_seed(seed);
    }

    static ScalarType scalarType(DType d) {
        return SCALAR_TYPES[d.ordinal()];
    }

    static DType dtype(ScalarType s) {
        if (s.value < 0 || s.value >= DTYPES.length) {
            throw new IllegalStateException("libtorch returned scalar type " + s + ", which has no DType");
        }
        return DTYPES[s.value];
    }

    static org.bytedeco.pytorch.Device device(Device d) {
        return d.isCpu()
                ? new org.bytedeco.pytorch.Device(DeviceType.CPU)
                : new org.bytedeco.pytorch.Device(DeviceType.CUDA, (byte) d.index());
    }

    static Device device(org.bytedeco.pytorch.Device d) {
        return d.is_cuda() ? Device.cuda(Math.max(0, d.index())) : Device.cpu();
    }

    /** Cached, never freed: a handful per process. */
    static TensorOptions options(DType dtype, Device device) {
        return OPTIONS.computeIfAbsent(dtype.name() + "@" + device, k -> {
            try (TensorOptions o = new TensorOptions(scalarType(dtype));
                 org.bytedeco.pytorch.Device nd = device(device);
                 org.bytedeco.pytorch.DeviceOptional opt = new org.bytedeco.pytorch.DeviceOptional(nd)) {
                return o.device(opt);
            }
        });
    }

    /** @return what to throw for an exception from a native call (see {@link Errors}) */
    static RuntimeException translate(RuntimeException e) {
        return Errors.translate(e);
    }
}
