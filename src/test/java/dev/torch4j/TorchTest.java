package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.internal.NativeLibraries;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TorchTest {
    @Test
    void manualSeedMakesDrawsRepeat() {
        Torch.manualSeed(7);
        float[] a = Torch.randn(5).toFloatArray();
        Torch.manualSeed(7);
        assertArrayEquals(a, Torch.randn(5).toFloatArray());
    }

    @Test
    void javacppRssPollingIsOffUnlessTheUserAskedForIt() {
        Torch.ones(1).close();
        assertEquals(0, dev.torch4j.internal.Native.javacppMaxPhysicalBytes(),
                "no -Dorg.bytedeco.javacpp.maxPhysicalBytes was given to this JVM");
    }

    @Test
    void threadDefaultsAreOneIntraOpThreadAndBlasPerCoreAndBlasFollowsTheIntraOpCount() {
        Assumptions.assumeTrue(System.getProperty("torch4j.threads") == null
                && System.getenv("OMP_NUM_THREADS") == null && System.getProperty("torch4j.blasThreads") == null
                && System.getenv("OPENBLAS_NUM_THREADS") == null,
                "thread counts were set for this JVM, so the defaults are not in force");
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, Torch.getNumThreads());
        assertEquals(cores, Torch.getBlasThreads());
        try {
            Torch.setNumThreads(2);
            assertEquals(2, Torch.getNumThreads());
            assertEquals(1, Torch.getBlasThreads(), "no OpenBLAS pthreads inside libtorch's OpenMP workers");
            Torch.setNumThreads(1);
            assertEquals(cores, Torch.getBlasThreads());
        } finally {
            Torch.setNumThreads(1);
        }
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Torch.setBlasThreads(-1));
        assertTrue(Torch.parallelInfo().contains("ATen"), Torch.parallelInfo());
    }

    @Test
    void versionIsTheLibtorchTheBindingWasBuiltFrom() {
        // The binding's Maven version (from its jar, e.g. 2.10.0-1.5.13) starts with the libtorch release
        // it wraps; Torch.version() reads libtorch's own build settings, a separate source.
        String binding = NativeLibraries.bindingVersion();
        assertTrue(binding.matches("\\d+\\.\\d+\\.\\d+-.*"), binding);
        assertEquals(binding.substring(0, binding.indexOf('-')), Torch.version());
    }
}
