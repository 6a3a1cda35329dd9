package dev.torch4j;

import dev.torch4j.internal.CudaDiscovery;
import dev.torch4j.internal.CudaDiscovery.Dir;
import dev.torch4j.internal.CudaDiscovery.Probe;
import dev.torch4j.internal.Native;
import dev.torch4j.internal.NativeLibraries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reports what torch4j finds on this machine: the libtorch build and its version, CPU threads,
 * whether CUDA is usable, each device's name and memory, the cuDNN version, and, when CUDA is not
 * usable, which library failed to load and the dynamic linker's reason, with every CUDA library
 * libtorch needs and where (or whether) it was found.
 *
 * <p>Run it with the same class path and environment as the application:
 * {@code java -cp <class path> dev.torch4j.Doctor}, or {@code bin/torch4j doctor} in a bundle made by
 * {@code native-config/bundle.sh}. Option {@code --require-cuda} makes it exit with status 1 when CUDA is
 * not usable, for deployment checks; {@code --extract-natives} only unpacks the natives into JavaCPP's
 * cache and exits (what {@code bin/torch4j} does once per cache, see
 * {@code NativeLibraries.extractNatives} in the sources for why). The report is printed in stages, so if loading libtorch crashes
 * the JVM the lines that explain it (another libtorch on {@code java.library.path}) are already out.
 *
 * <p>Side effect: after libtorch, it loads each CUDA library it finds with {@code System.load}, to
 * report the linker's message for each; this can make CUDA usable in the doctor's own process where the
 * application's would not, which is why libtorch's answer is taken first. It sets no system property
 * and no environment variable.
 */
public final class Doctor {
    private static final String INDENT = "  ";

    private Doctor() {
    }

    /**
     * Prints the report to standard output.
     *
     * @param args {@code --require-cuda} to exit with status 1 when CUDA is not usable
     */
    public static void main(String[] args) {
        boolean requireCuda = false;
        String usage = "usage: java -cp <class path> dev.torch4j.Doctor [--require-cuda | --extract-natives]";
        for (String a : args) {
            if (a.equals("--require-cuda")) {
                requireCuda = true;
            } else if (a.equals("--extract-natives")) {
                extractOnly();
                return;
            } else if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage);
                return;
            } else {
                System.err.println("unknown option " + a + "; " + usage);
                System.exit(2);
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean usable = write(out);
        out.flush();
        if (requireCuda && !usable) {
            System.exit(1);
        }
    }

    /** {@code --extract-natives}: fills JavaCPP's cache without loading libtorch, for launchers. */
    private static void extractOnly() {
        try {
            int n = NativeLibraries.extractNatives().size();
            System.out.println("extracted " + n + " libraries of " + NativeLibraries.nativesJar().orElse("no natives jar")
                    + " into " + NativeLibraries.cacheDir());
        } catch (java.io.IOException e) {
            System.err.println("could not extract the natives: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The report as text, the same that {@link #main} prints. Loads libtorch (and the CUDA libraries
     * found) into this process, if not loaded already.
     *
     * @return the report, several lines
     */
    public static String report() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            write(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Writes the report; returns whether CUDA is usable. */
    private static boolean write(PrintStream out) {
        out.println("torch4j doctor");

        // 1. What is on the class path and in the environment: nothing native loaded yet.
        out.println("environment");
        line(out, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") "
                + System.getProperty("java.home"));
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        Optional<String> classifier = NativeLibraries.nativesClassifier();
        String binding = "org.bytedeco:pytorch:" + NativeLibraries.bindingVersion();
        boolean gpuNatives = NativeLibraries.gpuNatives();
        line(out, "natives", classifier.isEmpty() ? "MISSING: no org.bytedeco:pytorch natives jar on the class path"
                : binding + ":" + classifier.get() + (gpuNatives ? " (CUDA build)" : " (CPU-only build)"));
        NativeLibraries.nativesJar().ifPresent(j -> line(out, "", j));
        line(out, "cuda classes", NativeLibraries.cudaClassesPresent()
                ? "org.bytedeco:cuda on the class path (device properties available)"
                : "org.bytedeco:cuda not on the class path (added by -Pcuda)");
        line(out, "cache", NativeLibraries.cacheDir());
        String jlp = System.getProperty("java.library.path", "");
        line(out, "java.library.path", jlp.isEmpty() ? "(empty)" : jlp);
        line(out, "LD_LIBRARY_PATH", Optional.ofNullable(System.getenv("LD_LIBRARY_PATH")).orElse("(not set)"));
        String preload = System.getProperty("org.bytedeco.javacpp.platform.preloadpath");
        if (preload != null) {
            line(out, "preloadpath", preload);
        }
        boolean pathsFirst = Boolean.parseBoolean(System.getProperty("org.bytedeco.javacpp.pathsFirst", "false"))
                || Boolean.parseBoolean(System.getProperty("org.bytedeco.javacpp.pathsfirst", "false"));
        if (pathsFirst) {
            line(out, "pathsFirst", "true: JavaCPP prefers libraries on the paths over the jars', libtorch included");
        }
        List<Path> foreign = CudaDiscovery.foreignLibtorch(jlp);
        if (!foreign.isEmpty()) {
            boolean harmful = gpuNatives || pathsFirst;
            line(out, harmful ? "WARNING" : "note", "another libtorch is on java.library.path: " + join(foreign));
            line(out, "", pathsFirst ? "with pathsFirst=true JavaCPP loads it instead of the jar's libtorch;"
                    : (gpuNatives ? "" : "harmless with the CPU natives; with the GPU natives, ")
                    + "if the jar's libtorch cannot load (a CUDA library missing),");
            line(out, "", "JavaCPP falls back to this one and the JVM crashes or libtorch fails to link; start java");
            line(out, "", "with -Djava.library.path set to the CUDA folders only (native-config/cuda-env.sh does)");
        }
        out.flush();

        // 2. Load libtorch exactly as the application would, before loading anything by path; extract
        //    the natives first so that a fresh cache cannot pull in the OS's own libtorch_cpu.so.
        out.println("libtorch");
        String config;
        try {
            NativeLibraries.extractNatives();
            config = NativeLibraries.buildConfig();
        } catch (Throwable t) {
            String why = causes(t);
            line(out, "loaded", "NO");
            out.println("CUDA");
            line(out, "usable", "no");
            line(out, "why", "libtorch itself did not load: " + why);
            List<Dir> dirs = CudaDiscovery.searchPath();
            libraries(out, dirs, gpuNatives);
            return false;
        }
        String version = Torch.version();
        Optional<String> builtCuda = NativeLibraries.buildSetting(config, "CUDA_VERSION");
        Optional<String> builtCudnn = NativeLibraries.buildSetting(config, "CUDNN_VERSION");
        line(out, "version", "libtorch " + version + (builtCuda.isPresent()
                ? " (built with CUDA " + builtCuda.get() + builtCudnn.map(v -> ", cuDNN " + v).orElse("") + ")"
                : " (built without CUDA)"));
        line(out, "threads", "intra-op " + Native.threads() + ", inter-op " + NativeLibraries.interopThreads()
                + ", OpenBLAS " + Native.blasThreads()
                + " (torch4j defaults: intra-op 1, OpenBLAS one per core; -Dtorch4j.threads, -Dtorch4j.blasThreads"
                + " to change)");
        String parallel = Native.parallelInfo();
        line(out, "parallel", grep(parallel, "ATen parallel backend:").orElse("?")
                + "; " + grep(parallel, "OMP_NUM_THREADS").orElse("OMP_NUM_THREADS ?"));
        grep(config, "CPU capability usage:").ifPresent(c -> line(out, "cpu", c));
        out.flush();

        // 3. CUDA, as libtorch sees it; the reason is recovered before the probe loads anything.
        out.println("CUDA");
        boolean usable = Native.cudaAvailable();
        List<Dir> dirs = CudaDiscovery.searchPath();
        line(out, "usable", usable ? "yes, " + Native.cudaDeviceCount() + " device(s)" : "no");
        if (usable) {
            devices(out);
        } else {
            line(out, "why", whyNot(gpuNatives, classifier.orElse("?"), binding, dirs));
        }
        out.flush();

        // 4. Every CUDA library, found or not, loaded or not.
        List<Probe> probes = libraries(out, dirs, gpuNatives);
        if (!usable && gpuNatives) {
            boolean allThere = probes.stream().filter(p -> p.library().required()).allMatch(Probe::ok);
            if (allThere) {
                line(out, "next", "every required library is on this machine and loads; put their folders where the");
                line(out, "", "linker looks: eval \"$(native-config/cuda-env.sh)\" before java, or the bundle's bin/torch4j");
            }
        }
        return usable;
    }

    private static String whyNot(boolean gpuNatives, String classifier, String binding, List<Dir> dirs) {
        if (!gpuNatives) {
            return "these are the CPU-only natives (" + binding + ":" + classifier + "); the CUDA build comes with "
                    + "mvn -Pcuda, or with a bundle made by native-config/bundle.sh";
        }
        Optional<String> cudaError = NativeLibraries.libtorchCudaLoadError();
        if (cudaError.isPresent()) {
            return "libtorch_cuda.so did not load: " + cudaError.get();
        }
        if (CudaDiscovery.locate("libcuda.so.1", dirs).isEmpty()) {
            return "libtorch_cuda.so loads, but the NVIDIA driver's libcuda.so.1 is not on this machine "
                    + "(no driver installed, or a container started without GPU support)";
        }
        Optional<String> rt = NativeLibraries.cudaRuntimeError();
        if (rt.isPresent()) {
            return "libtorch_cuda.so loads, but the CUDA runtime says " + rt.get();
        }
        if (CudaDiscovery.deviceNodes().isEmpty()) {
            return "libtorch_cuda.so and the driver load, but there is no /dev/nvidia* device node "
                    + "(a container started without --gpus?)";
        }
        return "libtorch_cuda.so loads, but libtorch reports no usable CUDA device";
    }

    private static void devices(PrintStream out) {
        NativeLibraries.runtimeVersions().ifPresent(v -> line(out, "runtime", "CUDA runtime " + cudaVersion(v[0])
                + (v[1] > 0 ? ", cuDNN " + cudnnVersion(v[1]) : ", cuDNN not available")));
        for (int i = 0; i < Native.cudaDeviceCount(); i++) {
            StringBuilder s = new StringBuilder();
            try {
                Cuda.DeviceProperties p = Cuda.getDeviceProperties(i);
                s.append(p.name()).append(", compute capability ").append(p.major()).append('.').append(p.minor())
                        .append(", ").append(p.multiProcessorCount()).append(" SMs, ").append(gib(p.totalMemory()));
            } catch (RuntimeException e) {
                s.append("name unavailable (").append(e.getMessage()).append(")");
            }
            try {
                long[] m = Cuda.memGetInfo(i);
                s.append(", free ").append(gib(m[0])).append(" of ").append(gib(m[1]));
            } catch (RuntimeException e) {
                s.append(", memory unavailable (").append(e.getMessage()).append(")");
            }
            line(out, "cuda:" + i, s.toString());
        }
    }

    private static List<Probe> libraries(PrintStream out, List<Dir> dirs, boolean gpuNatives) {
        out.println("CUDA libraries" + (gpuNatives ? "" : " (not used by the CPU natives; what a CUDA build would find)")
                + ": first match on the search path, loaded with System.load");
        List<Probe> probes = CudaDiscovery.probe(dirs, true);
        int width = probes.stream().mapToInt(p -> p.library().soname().length()).max().orElse(20);
        for (Probe p : probes) {
            String name = String.format(Locale.ROOT, "%-" + width + "s", p.library().soname());
            String state;
            if (p.path() == null) {
                state = "NOT FOUND  " + p.library().role() + "; from " + p.library().provider()
                        + (p.library().required() ? "" : " (optional)");
            } else if (p.error() != null) {
                state = "FAILS      " + p.path() + ": " + p.error();
            } else {
                state = "ok         " + p.path() + CudaDiscovery.fileVersion(p.path()).map(v -> " (" + v + ")").orElse("")
                        + " [" + p.source() + "]";
            }
            out.println(INDENT + name + "  " + state);
        }
        out.println("search path (" + dirs.size() + " folders, in order)");
        for (Dir d : dirs) {
            out.println(INDENT + d.path() + "  [" + d.source() + "]");
        }
        return probes;
    }

    private static void line(PrintStream out, String key, String value) {
        out.println(INDENT + String.format(Locale.ROOT, "%-18s", key) + value);
    }

    private static Optional<String> grep(String text, String needle) {
        for (String l : text.split("\n")) {
            if (l.contains(needle)) {
                String s = l.trim();
                return Optional.of(s.startsWith("- ") ? s.substring(2) : s);
            }
        }
        return Optional.empty();
    }

    /**
     * Messages of a throwable and its causes, innermost first (the linker's reason is the innermost;
     * JavaCPP's "no jnitorch in java.library.path" wraps it), cache paths shortened to file names.
     */
    private static String causes(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().split("\n")[0];
            m = m.replaceAll("/[^:\\s]*/(lib[^/:\\s]+\\.so[^:\\s]*)", "$1");
            m = m.replaceAll("(lib[^/:\\s]+\\.so[^:\\s]*): \\1: ", "$1: ");
            if (!parts.contains(m)) {
                parts.add(0, m);
            }
        }
        return String.join(" (reported as: ", parts) + ")".repeat(parts.size() - 1);
    }

    private static String join(List<Path> paths) {
        List<String> s = new ArrayList<>();
        paths.forEach(p -> s.add(p.toString()));
        return String.join(", ", s);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** {@code 13010 -> 13.1}. */
    static String cudaVersion(long v) {
        return v / 1000 + "." + (v % 1000) / 10;
    }

    /** cuDNN 9 encodes {@code major*10000 + minor*100 + patch}: {@code 91900 -> 9.19.0}. */
    static String cudnnVersion(long v) {
        return v >= 10000 ? v / 10000 + "." + (v % 10000) / 100 + "." + v % 100 : String.valueOf(v);
    }
}
