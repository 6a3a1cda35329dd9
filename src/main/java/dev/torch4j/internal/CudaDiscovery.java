package dev.torch4j.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the CUDA 13 libraries that the GPU build of libtorch needs on this machine, without
 * loading libtorch: a CUDA toolkit, the {@code nvidia-*} wheels a pip install of PyTorch brings
 * ({@code site-packages/nvidia/cu13/lib}, {@code site-packages/nvidia/cudnn/lib}, ...), the
 * driver's {@code libcuda.so.1}, and whatever {@code LD_LIBRARY_PATH} already names.
 *
 * <p>{@code native-config/cuda-env.sh} searches the same places in the same order; this class is
 * the doctor's view of that search, and nothing here changes the environment or any property.
 */
public final class CudaDiscovery {
    /**
     * A directory searched for CUDA libraries.
     *
     * @param path   the directory
     * @param source why it is searched (an environment variable, "CUDA toolkit", "pip wheel", ...)
     */
    public record Dir(Path path, String source) {
    }

    /**
     * A shared library that the GPU natives of {@code org.bytedeco:pytorch:2.10.0-1.5.13} need.
     *
     * @param soname   the file name the dynamic linker looks for
     * @param role     what it is, in a few words
     * @param provider where it usually comes from (pip package, toolkit, driver)
     * @param required whether libtorch_cuda cannot load without it (false: loaded lazily, on first use)
     */
    public record Library(String soname, String role, String provider, boolean required) {
    }

    /**
     * The outcome of looking for, and optionally loading, one library.
     *
     * @param library the library
     * @param path    where it was found, or null when no searched directory has it
     * @param source  the {@link Dir#source} of that directory, or null
     * @param loaded  whether {@code System.load} succeeded (false when not tried)
     * @param error   the {@code UnsatisfiedLinkError} message when loading failed, else null
     */
    public record Probe(Library library, Path path, String source, boolean loaded, String error) {
        /** @return whether the library was found and, when a load was tried, loaded */
        public boolean ok() {
            return path != null && error == null;
        }
    }

    /**
     * The libraries libtorch 2.10.0 (CUDA 13.1, cuDNN 9.19 build) needs, in an order where each one's
     * dependencies come before it, so loading them one by one works. Taken from the {@code NEEDED}
     * entries of {@code libtorch_cpu.so}, {@code libtorch_cuda.so}, {@code libc10_cuda.so},
     * {@code libtorch_cuda_linalg.so} and {@code libjnitorch_cuda.so} in the
     * {@code linux-x86_64-gpu} jar, plus what those load by name at run time.
     */
    public static final List<Library> LIBRARIES = List.of(
            new Library("libcuda.so.1", "NVIDIA driver (user-space part)",
                    "the NVIDIA driver; never pip or the toolkit", true),
            new Library("libcudart.so.13", "CUDA runtime", "pip nvidia-cuda-runtime, or the toolkit", true),
            new Library("libcupti.so.13", "CUDA profiling interface (linked by libtorch_cpu)",
                    "pip nvidia-cuda-cupti, or the toolkit", true),
            new Library("libnvJitLink.so.13", "JIT linker (used by cuSPARSE, cuSOLVER)",
                    "pip nvidia-nvjitlink, or the toolkit", true),
            new Library("libcublasLt.so.13", "cuBLASLt", "pip nvidia-cublas, or the toolkit", true),
            new Library("libcublas.so.13", "cuBLAS", "pip nvidia-cublas, or the toolkit", true),
            new Library("libcufft.so.12", "cuFFT", "pip nvidia-cufft, or the toolkit", true),
            new Library("libcurand.so.10", "cuRAND", "pip nvidia-curand, or the toolkit", true),
            new Library("libcusparse.so.12", "cuSPARSE", "pip nvidia-cusparse, or the toolkit", true),
            new Library("libcusolver.so.12", "cuSOLVER (libtorch_cuda_linalg)",
                    "pip nvidia-cusolver, or the toolkit", true),
            new Library("libcufile.so.0", "GPUDirect Storage", "pip nvidia-cufile, or the toolkit", true),
            new Library("libnccl.so.2", "NCCL", "pip nvidia-nccl-cu13", true),
            new Library("libcudnn_graph.so.9", "cuDNN graph API", "pip nvidia-cudnn-cu13", true),
            new Library("libcudnn_ops.so.9", "cuDNN ops", "pip nvidia-cudnn-cu13", true),
            new Library("libcudnn_cnn.so.9", "cuDNN CNN", "pip nvidia-cudnn-cu13", true),
            new Library("libcudnn_adv.so.9", "cuDNN RNN/attention", "pip nvidia-cudnn-cu13", true),
            new Library("libcudnn.so.9", "cuDNN", "pip nvidia-cudnn-cu13", true),
            new Library("libcudnn_engines_precompiled.so.9", "cuDNN kernels (loaded on first cuDNN call)",
                    "pip nvidia-cudnn-cu13", false),
            new Library("libcudnn_engines_runtime_compiled.so.9", "cuDNN kernels (loaded on first cuDNN call)",
                    "pip nvidia-cudnn-cu13", false),
            new Library("libcudnn_heuristic.so.9", "cuDNN heuristics (loaded on first cuDNN call)",
                    "pip nvidia-cudnn-cu13", false),
            new Library("libnvrtc.so.13", "runtime compiler (loaded on first fused kernel)",
                    "pip nvidia-cuda-nvrtc, or the toolkit", false));

    /** CUDA major version the GPU natives were built for; toolkit folders of other majors are skipped. */
    static final String CUDA_MAJOR = "13";

    private static final String[] TOOLKIT_LIB_DIRS = {"lib64", "lib", "targets/x86_64-linux/lib", "extras/CUPTI/lib64"};
    private static final String[] SYSTEM_DIRS = {
        "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib",
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64"};

    private CudaDiscovery() {
    }

    /** @return the directories searched in this process, from its environment and system properties */
    public static List<Dir> searchPath() {
        return searchPath(System.getenv(), System.getProperty("java.library.path", ""),
                System.getProperty("org.bytedeco.javacpp.platform.preloadpath", ""),
                Paths.get(System.getProperty("user.home", "/nonexistent")), Paths.get("/"));
    }

    /**
     * The directories to search, first match wins, in the order {@code native-config/cuda-env.sh}
     * uses: {@code TORCH4J_CUDA_PATH}, {@code LD_LIBRARY_PATH}, JavaCPP's preload path,
     * {@code java.library.path}, {@code CUDA_HOME}/{@code CUDA_PATH}, the active virtualenv or conda
     * environment's {@code nvidia} wheels, {@code /usr/local/cuda} and {@code /usr/local/cuda-13*},
     * user and system {@code site-packages/nvidia/*}{@code /lib}, then the driver's and the system's
     * library folders. Only existing directories are returned, each once.
     *
     * @param env             environment variables
     * @param javaLibraryPath the {@code java.library.path} value
     * @param preloadPath     the {@code org.bytedeco.javacpp.platform.preloadpath} value
     * @param home            the user's home directory
     * @param root            the file-system root (a test points it at a fake tree)
     * @return existing directories, in search order
     */
    public static List<Dir> searchPath(Map<String, String> env, String javaLibraryPath, String preloadPath,
                                       Path home, Path root) {
        Function<String, Path> at = s -> s.startsWith("/") ? root.resolve(s.substring(1)) : Paths.get(s);
        Map<Path, Dir> dirs = new LinkedHashMap<>();
        addList(dirs, env.get("TORCH4J_CUDA_PATH"), "TORCH4J_CUDA_PATH", at);
        addList(dirs, env.get("LD_LIBRARY_PATH"), "LD_LIBRARY_PATH", at);
        addList(dirs, preloadPath, "org.bytedeco.javacpp.platform.preloadpath", at);
        addList(dirs, javaLibraryPath, "java.library.path", at);
        for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                for (String sub : TOOLKIT_LIB_DIRS) {
                    add(dirs, at.apply(v.trim()).resolve(sub), var);
                }
            }
        }
        for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                addWheels(dirs, at.apply(v.trim()).resolve("lib"), "pip wheel (" + var + ")");
            }
        }
        List<Path> toolkits = new ArrayList<>();
        toolkits.add(root.resolve("usr/local/cuda"));
        toolkits.addAll(children(root.resolve("usr/local"), "cuda-" + CUDA_MAJOR, true));
        for (Path tk : toolkits) {
            for (String sub : TOOLKIT_LIB_DIRS) {
                add(dirs, tk.resolve(sub), "CUDA toolkit");
            }
        }
        addWheels(dirs, home.resolve(".local/lib"), "pip wheel (user)");
        addWheels(dirs, root.resolve("usr/local/lib"), "pip wheel (system)");
        addWheels(dirs, root.resolve("usr/lib"), "pip wheel (system)");
        addWheels(dirs, root.resolve("opt/conda/lib"), "pip wheel (conda)");
        for (String s : SYSTEM_DIRS) {
            add(dirs, at.apply(s), s.contains("nvidia") || s.contains("wsl") ? "driver" : "system");
        }
        for (Path p : ldSoConf(root)) {
            add(dirs, p, "ld.so.conf");
        }
        return List.copyOf(dirs.values());
    }

    /** {@code <lib>/python3*}{@code /{site,dist}-packages/nvidia/*}{@code /lib}, and Debian's {@code python3/dist-packages}. */
    private static void addWheels(Map<Path, Dir> dirs, Path lib, String source) {
        List<Path> sitePackages = new ArrayList<>();
        List<Path> pythons = children(lib, "python3", false);
        pythons.forEach(py -> sitePackages.add(py.resolve("site-packages")));
        pythons.forEach(py -> sitePackages.add(py.resolve("dist-packages")));
        for (Path sp : sitePackages) {
            // name order, as the shell's glob: nvidia/cu13/lib, nvidia/cudnn/lib, nvidia/nccl/lib, ...
            for (Path pkg : children(sp.resolve("nvidia"), "", false)) {
                add(dirs, pkg.resolve("lib"), source);
            }
        }
    }

    private static void addList(Map<Path, Dir> dirs, String list, String source, Function<String, Path> at) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String s : list.split(":")) {
            if (!s.isBlank()) {
                add(dirs, at.apply(s.trim()), source);
            }
        }
    }

    /** Keyed by real path, so {@code /usr/local/cuda/lib64} and the folder it links to count once. */
    private static void add(Map<Path, Dir> dirs, Path p, String source) {
        Path n = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(n)) {
            return;
        }
        Path key;
        try {
            key = n.toRealPath();
        } catch (IOException e) {
            key = n;
        }
        dirs.putIfAbsent(key, new Dir(n, source));
    }

    /** Subdirectories whose names start with {@code prefix}, in name order or (newest-looking first) reversed. */
    private static List<Path> children(Path dir, String prefix, boolean reversed) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Comparator<Path> byName = Comparator.comparing((Path p) -> p.getFileName().toString());
        out.sort(reversed ? byName.reversed() : byName);
        return out;
    }

    /** The folders listed in {@code /etc/ld.so.conf} and the files it includes. */
    static List<Path> ldSoConf(Path root) {
        List<Path> out = new ArrayList<>();
        readLdSoConf(root, root.resolve("etc/ld.so.conf"), out, 0);
        return out;
    }

    private static void readLdSoConf(Path root, Path file, List<Path> out, int depth) {
        if (depth > 4 || !Files.isRegularFile(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return;
        }
        for (String line : lines) {
            String s = line.replaceAll("#.*", "").trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("include ")) {
                String pattern = s.substring("include ".length()).trim();
                Path dir = root.resolve(pattern.substring(1, Math.max(1, pattern.lastIndexOf('/'))));
                String glob = pattern.substring(pattern.lastIndexOf('/') + 1);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
                    List<Path> files = new ArrayList<>();
                    ds.forEach(files::add);
                    files.sort(null);
                    for (Path f : files) {
                        readLdSoConf(root, f, out, depth + 1);
                    }
                } catch (IOException | RuntimeException e) {
                    // an unreadable include is skipped, as ldconfig does
                }
            } else if (s.startsWith("/")) {
                out.add(root.resolve(s.substring(1)));
            }
        }
    }

    /**
     * @param soname a library file name
     * @param dirs   where to look, in order
     * @return the first directory holding it, or empty
     */
    public static Optional<Dir> locate(String soname, List<Dir> dirs) {
        for (Dir d : dirs) {
            if (Files.exists(d.path().resolve(soname))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Looks for every library of {@link #LIBRARIES} and, when {@code load} is true, loads each one
     * found with {@code System.load}, in dependency order, recording the linker's message on failure.
     * Loading is what the doctor does; it leaves those libraries loaded in this process.
     *
     * @param dirs where to look
     * @param load whether to try loading
     * @return one probe per library, in {@link #LIBRARIES} order
     */
    public static List<Probe> probe(List<Dir> dirs, boolean load) {
        List<Probe> out = new ArrayList<>();
        for (Library lib : LIBRARIES) {
            Optional<Dir> d = locate(lib.soname(), dirs);
            if (d.isEmpty()) {
                out.add(new Probe(lib, null, null, false, null));
                continue;
            }
            Path p = d.get().path().resolve(lib.soname());
            String error = null;
            boolean loaded = false;
            if (load) {
                try {
                    System.load(p.toString());
                    loaded = true;
                } catch (UnsatisfiedLinkError e) {
                    error = linkerMessage(e.getMessage(), p.toString());
                }
            }
            out.add(new Probe(lib, p, d.get().source(), loaded, error));
        }
        return out;
    }

    /** Drops the repeated path from the JVM's "path: path: reason" wording. */
    static String linkerMessage(String message, String path) {
        if (message == null) {
            return "unknown error";
        }
        String m = message;
        String prefix = path + ": ";
        while (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return m;
    }

    /**
     * Other builds of libtorch on {@code java.library.path} (a distribution's {@code libtorch.so}). JavaCPP falls back to {@code System.loadLibrary("torch")} when the jar's
     * {@code libtorch.so} cannot load, which is what happens to the GPU natives when a CUDA library is
     * missing; two libtorch builds in one process then crash the JVM in a static initialiser.
     *
     * @param javaLibraryPath the {@code java.library.path} value
     * @return such files, empty when none
     */
    public static List<Path> foreignLibtorch(String javaLibraryPath) {
        Map<Path, Path> out = new LinkedHashMap<>();
        if (javaLibraryPath == null) {
            return List.of();
        }
        for (String s : javaLibraryPath.split(":")) {
            if (s.isBlank()) {
                continue;
            }
            Path p = Paths.get(s.trim(), "libtorch.so");
            if (Files.exists(p)) {
                try {
                    out.putIfAbsent(p.toRealPath(), p);
                } catch (IOException e) {
                    out.putIfAbsent(p, p);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * @return the NVIDIA device nodes ({@code /dev/nvidia0}, {@code /dev/nvidiactl}, ...), empty when
     *         the kernel driver is absent or the container was started without GPUs
     */
    public static List<Path> deviceNodes() {
        Path dev = Paths.get("/dev");
        if (!Files.isDirectory(dev)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dev)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("nvidia"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The version in a library's real file name: {@code libcudnn.so.9 -> libcudnn.so.9.19.0} gives
     * {@code 9.19.0}.
     *
     * @param p a library path, usually a symbolic link
     * @return the version, or empty when the real name carries none beyond the soname
     */
    public static Optional<String> fileVersion(Path p) {
        try {
            String real = p.toRealPath().getFileName().toString();
            int i = real.indexOf(".so.");
            if (i < 0) {
                return Optional.empty();
            }
            String v = real.substring(i + 4);
            String soVersion = p.getFileName().toString();
            int j = soVersion.indexOf(".so.");
            String major = j < 0 ? "" : soVersion.substring(j + 4);
            return v.equals(major) ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
