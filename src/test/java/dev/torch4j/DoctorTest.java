package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.internal.CudaDiscovery;
import dev.torch4j.internal.CudaDiscovery.Dir;
import dev.torch4j.internal.NativeLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's report, and the CUDA library search it shares with {@code native-config/cuda-env.sh}. */
class DoctorTest {
    private static String field(String report, String key) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(key) + "\\s+(.*)$").matcher(report);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void reportNamesLibtorchThreadsAndEveryCudaLibrary() {
        String r = Doctor.report();
        assertTrue(r.startsWith("torch4j doctor\n"), r);
        assertEquals("org.bytedeco:pytorch:2.10.0-1.5.13:" + NativeLibraries.nativesClassifier().orElseThrow()
                + (NativeLibraries.gpuNatives() ? " (CUDA build)" : " (CPU-only build)"), field(r, "natives"));
        assertTrue(field(r, "version").startsWith("libtorch 2.10.0 (built with"), field(r, "version"));
        assertTrue(field(r, "threads").startsWith("intra-op " + Torch.getNumThreads() + ", inter-op "),
                field(r, "threads"));
        assertTrue(field(r, "threads").contains("OpenBLAS " + Torch.getBlasThreads()), field(r, "threads"));
        for (CudaDiscovery.Library lib : CudaDiscovery.LIBRARIES) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(lib.soname()) + " +(ok|NOT FOUND|FAILS) ")
                    .matcher(r).find(), lib.soname() + " missing from\n" + r);
        }
    }

    @Test
    void withoutCudaTheReportSaysWhy() {
        Assumptions.assumeFalse(Cuda.isAvailable(), "CUDA is usable here; see reportListsEachDevice");
        String r = Doctor.report();
        assertEquals("no", field(r, "usable"), r);
        String why = field(r, "why");
        assertTrue(why != null && !why.isBlank(), r);
        if (NativeLibraries.gpuNatives()) {
            // the GPU natives on a machine without a usable GPU: a library, the driver or the device is named
            assertTrue(why.matches(".*(libtorch_cuda\\.so did not load: .*\\.so|libcuda\\.so\\.1|CUDA runtime says|"
                    + "/dev/nvidia|no usable CUDA device).*"), why);
        } else {
            assertTrue(why.startsWith("these are the CPU-only natives (org.bytedeco:pytorch:2.10.0-1.5.13:"), why);
            assertTrue(why.contains("mvn -Pcuda"), why);
            assertTrue(field(r, "version").endsWith("(built without CUDA)"), r);
        }
    }

    @Test
    @Tag("cuda")
    void reportListsEachDevice() {
        Assumptions.assumeTrue(Cuda.isAvailable(), "no usable CUDA device here (CPU natives, or no GPU)");
        String r = Doctor.report();
        assertTrue(field(r, "usable").startsWith("yes, " + Cuda.deviceCount() + " device"), r);
        assertTrue(field(r, "version").contains("built with CUDA 13.1, cuDNN 9.19"), r);
        assertTrue(field(r, "runtime").startsWith("CUDA runtime 13."), r);
        assertTrue(field(r, "cuda:0").startsWith(Cuda.getDeviceName(0) + ", compute capability "), r);
    }

    @Test
    void versionsAreDecodedLikeTorch() {
        assertEquals("13.1", Doctor.cudaVersion(13010));
        assertEquals("12.8", Doctor.cudaVersion(12080));
        assertEquals("9.19.0", Doctor.cudnnVersion(91900));
        assertEquals("9.1.1", Doctor.cudnnVersion(90101));
    }

    /** A fake machine: a toolkit behind a symlink, a virtualenv and user wheels, an override folder. */
    private static Path fakeMachine(Path root) throws IOException {
        Path tk = Files.createDirectories(root.resolve("usr/local/cuda-13.0/lib64"));
        touch(tk.resolve("libcudart.so.13"));
        touch(tk.resolve("libcublas.so.13"));
        Files.createSymbolicLink(root.resolve("usr/local/cuda"), root.resolve("usr/local/cuda-13.0"));
        Files.createDirectories(root.resolve("usr/local/cuda-12.4/lib64"));   // another major: skipped
        Path venv = root.resolve("venv");
        Path cu13 = Files.createDirectories(venv.resolve("lib/python3.11/site-packages/nvidia/cu13/lib"));
        touch(cu13.resolve("libcublas.so.13"));
        Path cudnn = Files.createDirectories(venv.resolve("lib/python3.11/site-packages/nvidia/cudnn/lib"));
        touch(cudnn.resolve("libcudnn.so.9.19.0"));
        Files.createSymbolicLink(cudnn.resolve("libcudnn.so.9"), cudnn.resolve("libcudnn.so.9.19.0"));
        Path nccl = Files.createDirectories(root.resolve("home/.local/lib/python3.12/site-packages/nvidia/nccl/lib"));
        touch(nccl.resolve("libnccl.so.2"));
        Path mine = Files.createDirectories(root.resolve("opt/mine"));
        touch(mine.resolve("libcudart.so.13"));
        Path ld = Files.createDirectories(root.resolve("opt/ld"));
        Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
        Files.writeString(root.resolve("etc/ld.so.conf"), "include /etc/ld.so.conf.d/*.conf\n");
        Files.writeString(root.resolve("etc/ld.so.conf.d/cuda.conf"), "# toolkit\n/usr/local/cuda/targets/x86_64-linux/lib\n/opt/ld\n");
        return venv;
    }

    private static void touch(Path p) throws IOException {
        Files.write(p, new byte[0]);
    }

    @Test
    void searchOrderIsOverrideEnvironmentToolkitWheelsSystem(@TempDir Path root) throws IOException {
        Path venv = fakeMachine(root);
        Map<String, String> env = new HashMap<>();
        env.put("TORCH4J_CUDA_PATH", "/opt/mine");                    // absolute paths are read under root
        env.put("VIRTUAL_ENV", "/" + root.relativize(venv));
        List<Dir> dirs = CudaDiscovery.searchPath(env, "", "", root.resolve("home"), root);
        List<String> got = new ArrayList<>();
        for (Dir d : dirs) {
            got.add(root.relativize(d.path()) + " [" + d.source() + "]");
        }
        List<String> expected = List.of(
                "opt/mine [TORCH4J_CUDA_PATH]",
                "venv/lib/python3.11/site-packages/nvidia/cu13/lib [pip wheel (VIRTUAL_ENV)]",
                "venv/lib/python3.11/site-packages/nvidia/cudnn/lib [pip wheel (VIRTUAL_ENV)]",
                "usr/local/cuda/lib64 [CUDA toolkit]",
                "home/.local/lib/python3.12/site-packages/nvidia/nccl/lib [pip wheel (user)]",
                "opt/ld [ld.so.conf]");
        assertEquals(expected, got, "the symlinked toolkit counts once; cuda-12.4 is skipped");

        assertEquals(root.resolve("opt/mine"), CudaDiscovery.locate("libcudart.so.13", dirs).orElseThrow().path());
        assertEquals("pip wheel (VIRTUAL_ENV)", CudaDiscovery.locate("libcublas.so.13", dirs).orElseThrow().source());
        assertTrue(CudaDiscovery.locate("libcusparse.so.12", dirs).isEmpty());
        Path cudnn = CudaDiscovery.locate("libcudnn.so.9", dirs).orElseThrow().path().resolve("libcudnn.so.9");
        assertEquals(Optional.of("9.19.0"), CudaDiscovery.fileVersion(cudnn));
        assertEquals(Optional.empty(), CudaDiscovery.fileVersion(root.resolve("opt/mine/libcudart.so.13")));

        var probes = CudaDiscovery.probe(dirs, false);
        assertEquals(CudaDiscovery.LIBRARIES.size(), probes.size());
        assertTrue(probes.stream().anyMatch(p -> p.library().soname().equals("libnccl.so.2") && p.ok()));
        assertTrue(probes.stream().anyMatch(p -> p.library().soname().equals("libcuda.so.1") && p.path() == null));
    }

    @Test
    void anotherLibtorchOnJavaLibraryPathIsNamed(@TempDir Path dir) throws IOException {
        touch(dir.resolve("libtorch.so"));
        assertEquals(List.of(dir.resolve("libtorch.so")),
                CudaDiscovery.foreignLibtorch("/nonexistent:" + dir + ":" + dir));
        assertEquals(List.of(), CudaDiscovery.foreignLibtorch(""));
    }

    /** native-config/cuda-env.sh and CudaDiscovery must find the same folders in the same order. */
    @Test
    void cudaEnvScriptAgreesWithTheDoctor(@TempDir Path tmp) throws Exception {
        Path script = Paths.get("native-config/cuda-env.sh").toAbsolutePath();
        Assumptions.assumeTrue(Files.isExecutable(script) && Files.isExecutable(Paths.get("/bin/sh")),
                "needs /bin/sh and native-config/cuda-env.sh");
        Path venv = fakeMachine(tmp);
        Path home = tmp.resolve("home");
        Path cudaHome = Files.createDirectories(tmp.resolve("toolkit/targets/x86_64-linux/lib"));
        touch(cudaHome.resolve("libcufft.so.12"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("TORCH4J_CUDA_PATH", tmp.resolve("opt/mine").toString());
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("CUDA_HOME", tmp.resolve("toolkit").toString());

        ProcessBuilder pb = new ProcessBuilder(script.toString(), "--path").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);

        // the doctor's order, restricted to what the script adds: folders holding CUDA libraries, no
        // system folders, and the real machine's /usr/local/cuda* where this machine has one
        List<String> expected = new ArrayList<>();
        for (Dir d : CudaDiscovery.searchPath(env, "", "", home, Paths.get("/"))) {
            boolean scriptSource = !d.source().equals("system") && !d.source().equals("ld.so.conf")
                    && !d.source().equals("LD_LIBRARY_PATH");
            if (scriptSource && holdsCudaLibrary(d.path())) {
                expected.add(d.path().toString());
            }
        }
        assertEquals(String.join(":", expected), out);
        assertTrue(out.startsWith(tmp.resolve("opt/mine") + ":" + tmp.resolve("toolkit/targets/x86_64-linux/lib")
                + ":" + venv.resolve("lib/python3.11/site-packages/nvidia/cu13/lib")), out);
    }

    private static boolean holdsCudaLibrary(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).anyMatch(n -> n.matches(
                    "lib(cuda|cudart|cublas|cublasLt|cudnn.*|nccl|cusparse|cufft|curand|cusolver|nvrtc.*|nvJitLink|cupti|cufile)\\.so.*"));
        }
    }

    @Test
    void reportPrintsNoNulls() {
        String r = Doctor.report();
        assertFalse(r.contains("null"), r);
    }
}
