package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchTest {
    @Test
    void manualSeedMakesDrawsRepeat() {
        Torch.manualSeed(7);
        float[] a = Tensor.randn(5).toFloatArray();
        Torch.manualSeed(7);
        assertArrayEquals(a, Tensor.randn(5).toFloatArray());
    }

    @Test
    void javacppRssPollingIsOffUnlessTheUserAskedForIt() {
        Tensor.ones(1).close();
        assertEquals(0, dev.torch4j.internal.Native.javacppMaxPhysicalBytes(),
                "no -Dorg.bytedeco.javacpp.maxPhysicalBytes was given to this JVM");
    }

    @Test
    void threadDefaultsKeepBlasSingleThreadedAndCanBeChanged() {
        assertEquals(1, Torch.getBlasThreads(), "OpenBLAS runs single-threaded under libtorch's pool");
        int before = Torch.getNumThreads();
        assertTrue(before >= 1);
        Torch.setNumThreads(1);
        assertEquals(1, Torch.getNumThreads());
        Torch.setNumThreads(before);
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Torch.setBlasThreads(-1));
        assertTrue(Torch.parallelInfo().contains("ATen"), Torch.parallelInfo());
    }
}
