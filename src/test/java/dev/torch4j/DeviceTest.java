package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DeviceTest {
    @Test
    void namesAndParsingFollowTorchDevice() {
        assertEquals("cpu", Device.cpu().toString());
        assertEquals("cuda:0", Device.cuda().toString());
        assertEquals(Device.cuda(2), Device.of("cuda:2"));
        assertEquals(Device.cpu(), Device.of("cpu"));
        assertThrows(IllegalArgumentException.class, () -> Device.cuda(-1));
        assertThrows(IllegalArgumentException.class, () -> Device.of("cuda:x"));
    }

    @Test
    void cudaIfAvailableAgreesWithLibtorch() {
        Device d = Device.cudaIfAvailable();
        assertEquals(Device.isCudaAvailable(), d.isCuda());
        assertEquals(Device.isCudaAvailable(), Device.cudaDeviceCount() > 0);
    }

    @Test
    @Tag("cuda")
    void tensorsMoveToTheGpuAndBack() {
        Assumptions.assumeTrue(Device.isCudaAvailable(), "no CUDA device on this machine (CPU-only build or no GPU)");
        Tensor g = Tensor.of(new float[] {1, 2, 3}).to(Device.cuda());
        assertTrue(g.device().isCuda());
        assertArrayEquals(new float[] {2, 4, 6}, g.mul(2.0).toFloatArray());
    }
}
