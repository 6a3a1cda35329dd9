package dev.torch4j.internal;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.CUDAHooksInterface;
import org.bytedeco.pytorch.SizeTPair;
import org.bytedeco.pytorch.global.torch;

/**
 * What the doctor asks the binding: which natives are on the class path, which libtorch they hold,
 * and, for the GPU natives, why CUDA did or did not come up.
 *
 * <p>Device properties and the CUDA runtime's own error come from the {@code org.bytedeco:cuda}
 * classes, which only the {@code cuda} Maven profile puts on the class path; they are reached by
 * reflection so that this class also compiles and runs against the CPU build.
 */
public final class NativeLibraries {
    private static final String PYTORCH_RESOURCES = "org/bytedeco/pytorch/";

    private NativeLibraries() {
    }

    /**
     * Which pytorch natives jar is on the class path, found without loading anything.
     *
     * @return {@code linux-x86_64-gpu}, {@code linux-x86_64} (or the platform's equivalents), or
     *         empty when neither is present
     */
    public static Optional<String> nativesClassifier() {
        String platform = Loader.getPlatform();
        ClassLoader cl = NativeLibraries.class.getClassLoader();
        for (String c : new String[] {platform + "-gpu", platform}) {
            if (cl.getResource(PYTORCH_RESOURCES + c + "/" + System.mapLibraryName("jnitorch")) != null) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return whether the natives on the class path are libtorch's CUDA build */
    public static boolean gpuNatives() {
        return nativesClassifier().map(c -> c.endsWith("-gpu")).orElse(false);
    }

    /** @return the binding's Maven version, {@code 2.10.0-1.5.13}, read from its jar, or "unknown" */
    public static String bindingVersion() {
        try {
            String v = Loader.getVersion("org.bytedeco", "pytorch");
            return v == null ? "unknown" : v;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** @return the class path entry holding the natives, for the report */
    public static Optional<String> nativesJar() {
        return nativesClassifier().map(c -> {
            URL u = NativeLibraries.class.getClassLoader()
                    .getResource(PYTORCH_RESOURCES + c + "/" + System.mapLibraryName("jnitorch"));
            String s = String.valueOf(u);
            int bang = s.indexOf("!/");
            return bang > 0 ? s.substring(0, bang).replaceFirst("^jar:file:", "") : s;
        });
    }

    /** @return JavaCPP's extraction folder ({@code ~/.javacpp/cache} unless configured) */
    public static String cacheDir() {
        try {
            return Loader.getCacheDir().getPath();
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    /**
     * Extracts every shared library of the pytorch natives jar into JavaCPP's cache, without loading
     * any, exactly where and as {@code Loader.load} would (files already there with the same size and
     * time are left alone).
     *
     * <p>Why: JavaCPP extracts each library just before loading it, and the presets load
     * {@code libtorch.so} before {@code libtorch_cpu.so}. On a fresh cache the linker then resolves
     * {@code libtorch.so}'s dependency {@code libtorch_cpu.so} outside the cache; where the OS has its own
     * ({@code libtorch-dev} on Debian/Ubuntu puts {@code /usr/lib/x86_64-linux-gnu/libtorch_cpu.so}),
     * two libtorch builds meet in one process and the JVM crashes in a static initialiser. Extracting
     * first makes every dependency resolve inside the cache.
     *
     * @return the extracted (or already present) files; empty when the natives are not in a jar
     * @throws IOException if the cache cannot be written
     */
    public static List<File> extractNatives() throws IOException {
        Optional<String> c = nativesClassifier();
        List<File> out = new ArrayList<>();
        if (c.isEmpty()) {
            return out;
        }
        String dir = PYTORCH_RESOURCES + c.get() + "/";
        URL probe = NativeLibraries.class.getClassLoader().getResource(dir + System.mapLibraryName("jnitorch"));
        URLConnection conn = probe.openConnection();
        if (!(conn instanceof JarURLConnection jc)) {
            return out;
        }
        String s = probe.toString();
        String base = s.substring(0, s.indexOf("!/") + 2);
        JarFile jar = jc.getJarFile();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(dir) && name.indexOf('/', dir.length()) < 0
                    && name.contains(".so")) {
                out.add(Loader.cacheResource(new URL(base + name)));
            }
        }
        return out;
    }

    /** @return libtorch's {@code at::show_config()}: build flags, CUDA and cuDNN versions built against */
    public static String buildConfig() {
        Native.init();
        return torch.show_config().getString();
    }

    /**
     * @param config  {@link #buildConfig()} output
     * @param setting a {@code KEY} of its "Build settings" line, e.g. {@code TORCH_VERSION}
     * @return the value, or empty
     */
    public static Optional<String> buildSetting(String config, String setting) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(setting) + "=([^,\\s]+)").matcher(config);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return libtorch's inter-op thread count, like {@code torch.get_num_interop_threads()} */
    public static long interopThreads() {
        Native.init();
        return torch.get_num_interop_threads();
    }

    /**
     * Loads the GPU build's {@code libtorch_cuda.so} from JavaCPP's cache once more, to recover the
     * linker's message that JavaCPP drops when a preload fails (a missing {@code libcusparse.so.12},
     * an undefined symbol of a too-old {@code libcudart}). Call it after libtorch loaded and before
     * anything else loads CUDA libraries by path, so the answer is the application's.
     *
     * @return the message, or empty when the library loads (or these are the CPU natives)
     */
    public static Optional<String> libtorchCudaLoadError() {
        Optional<String> c = nativesClassifier();
        if (c.isEmpty() || !c.get().endsWith("-gpu")) {
            return Optional.empty();
        }
        URL u = NativeLibraries.class.getClassLoader()
                .getResource(PYTORCH_RESOURCES + c.get() + "/" + System.mapLibraryName("torch_cuda"));
        if (u == null) {
            return Optional.of("libtorch_cuda.so is missing from " + nativesJar().orElse("the natives jar"));
        }
        File f;
        try {
            f = Loader.cacheResource(u);
        } catch (IOException e) {
            return Optional.of("could not extract libtorch_cuda.so: " + e.getMessage());
        }
        try {
            System.load(f.getPath());
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            return Optional.of(CudaDiscovery.linkerMessage(e.getMessage(), f.getPath()));
        }
    }

    /**
     * Libtorch's CUDA hooks: registered only when {@code libtorch_cuda.so} loaded.
     *
     * @return {@code [CUDA runtime version, cuDNN version]} as libtorch reports them at run time
     *         ({@code 13010} means 13.1, {@code 91900} means 9.19.0), or empty without CUDA
     */
    public static Optional<long[]> runtimeVersions() {
        Native.init();
        CUDAHooksInterface hooks = torch.getCUDAHooks();
        if (hooks == null || hooks.isNull() || !hooks.hasCUDA()) {
            return Optional.empty();
        }
        long cudnn = hooks.hasCuDNN() ? hooks.versionRuntimeCuDNN() : -1;
        return Optional.of(new long[] {hooks.versionCUDART(), cudnn});
    }

    /**
     * @param index a CUDA device ordinal
     * @return {@code [free, total]} bytes, like {@code torch.cuda.mem_get_info(index)}
     */
    public static long[] memGetInfo(int index) {
        Native.init();
        try (SizeTPair p = torch.getMemoryInfo((byte) index)) {
            return new long[] {p.first(), p.second()};
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /**
     * A CUDA device's properties, read reflectively from {@code cudaDeviceProp}.
     *
     * @param name                device name
     * @param major               compute capability, major
     * @param minor               compute capability, minor
     * @param totalMemory         bytes of device memory
     * @param multiProcessorCount streaming multiprocessors
     */
    public record DeviceProps(String name, int major, int minor, long totalMemory, int multiProcessorCount) {
    }

    private static final String TORCH_CUDA = "org.bytedeco.pytorch.global.torch_cuda";
    private static final String CUDART = "org.bytedeco.cuda.global.cudart";

    /**
     * @return whether the {@code org.bytedeco:cuda} classes that device properties need are on the
     *         class path (the {@code cuda} Maven profile adds them)
     */
    public static boolean cudaClassesPresent() {
        ClassLoader cl = NativeLibraries.class.getClassLoader();
        return cl.getResource("org/bytedeco/cuda/cudart/cudaDeviceProp.class") != null
                && cl.getResource(TORCH_CUDA.replace('.', '/') + ".class") != null;
    }

    /**
     * Resolves, without invoking or loading natives, the reflective entry points used for device
     * properties; a test runs it in the {@code cuda} profile so that a binding change shows up
     * without a GPU.
     *
     * @return the methods found
     * @throws ReflectiveOperationException if one is missing
     */
    public static List<Method> deviceBindings() throws ReflectiveOperationException {
        ClassLoader cl = NativeLibraries.class.getClassLoader();
        Class<?> tc = Class.forName(TORCH_CUDA, false, cl);
        Class<?> prop = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp", false, cl);
        Class<?> rt = Class.forName(CUDART, false, cl);
        List<Method> out = new ArrayList<>();
        out.add(tc.getMethod("getDeviceProperties", byte.class));
        out.add(prop.getMethod("name"));
        out.add(prop.getMethod("major"));
        out.add(prop.getMethod("minor"));
        out.add(prop.getMethod("totalGlobalMem"));
        out.add(prop.getMethod("multiProcessorCount"));
        out.add(rt.getMethod("cudaGetDeviceCount", int[].class));
        out.add(rt.getMethod("cudaDriverGetVersion", int[].class));
        out.add(rt.getMethod("cudaGetErrorString", int.class));
        return out;
    }

    /**
     * @param index a CUDA device ordinal, {@code 0 <= index < device count}
     * @return its properties
     * @throws IllegalStateException when the {@code org.bytedeco:cuda} classes are missing or the
     *                               call fails
     */
    public static DeviceProps deviceProperties(int index) {
        if (!cudaClassesPresent()) {
            throw new IllegalStateException("device properties need the org.bytedeco:cuda classes "
                    + "(build with -Pcuda); they are not on the class path");
        }
        Native.init();
        try {
            List<Method> m = deviceBindings();
            Object p = m.get(0).invoke(null, (byte) index);
            String name = ((BytePointer) m.get(1).invoke(p)).getString();
            return new DeviceProps(name, (int) m.get(2).invoke(p), (int) m.get(3).invoke(p),
                    (long) m.get(4).invoke(p), (int) m.get(5).invoke(p));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw new IllegalStateException(Native.translate(r).getMessage(), r);
            }
            throw new IllegalStateException(String.valueOf(t), t);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot read CUDA device properties: " + innermost(e), e);
        }
    }

    /**
     * Asks the CUDA runtime directly (through {@code org.bytedeco:cuda}), which names the reason when
     * libtorch only says "no CUDA": {@code CUDA driver version is insufficient for CUDA runtime
     * version}, {@code no CUDA-capable device is detected}, ...
     *
     * @return {@code cudaGetDeviceCount}'s error text and the driver's CUDA version, or empty when the
     *         classes are absent, the call succeeds with devices, or cudart cannot load
     */
    public static Optional<String> cudaRuntimeError() {
        if (!cudaClassesPresent()) {
            return Optional.empty();
        }
        try {
            List<Method> m = deviceBindings();
            int[] count = new int[1];
            int err = (int) m.get(6).invoke(null, (Object) count);
            if (err == 0 && count[0] > 0) {
                return Optional.empty();
            }
            int[] driver = new int[1];
            m.get(7).invoke(null, (Object) driver);
            String text = err == 0 ? "cudaGetDeviceCount found 0 devices"
                    : "cudaGetDeviceCount: " + ((BytePointer) m.get(8).invoke(null, err)).getString()
                    + " (error " + err + ")";
            String drv = driver[0] == 0 ? "no driver reported"
                    : "driver supports CUDA " + driver[0] / 1000 + "." + (driver[0] % 1000) / 10;
            return Optional.of(text + "; " + drv);
        } catch (InvocationTargetException e) {
            return Optional.of("cudart call failed: " + innermost(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.of("the org.bytedeco:cuda bridge to cudart did not load: " + innermost(e));
        }
    }

    /** The deepest cause's message: the linker's, under JavaCPP's "no jniX in java.library.path". */
    static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.toString() : c.getMessage();
        return m.replaceAll("/[^:\\s]*/(lib[^/:\\s]+\\.so[^:\\s]*)", "$1")
                .replaceAll("(lib[^/:\\s]+\\.so[^:\\s]*): \\1: ", "$1: ");
    }
}
