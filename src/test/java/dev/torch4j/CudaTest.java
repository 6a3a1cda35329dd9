package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.internal.NativeLibraries;
import dev.torch4j.nn.Linear;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Cuda} on any machine, and the GPU paths (tensors, modules, Adam, allocator counters) on a
 * machine with CUDA. The GPU tests carry the {@code cuda} tag and are skipped, with the reason, where
 * libtorch reports no usable device: CI is CPU-only.
 */
class CudaTest {
    private static final String NO_GPU =
            "no usable CUDA device here (CPU natives, or GPU natives without a GPU); run dev.torch4j.Doctor for why";
    private static final long MIB = 1024 * 1024;

    private static void assumeGpu() {
        Assumptions.assumeTrue(Cuda.isAvailable(), NO_GPU);
    }

    @Test
    void availabilityAgreesWithDevice() {
        assertEquals(Device.isCudaAvailable(), Cuda.isAvailable());
        assertEquals(Device.cudaDeviceCount(), Cuda.deviceCount());
    }

    @Test
    void argumentsAreCheckedBeforeAnyNativeCall() {
        var cpu = assertThrows(IllegalArgumentException.class, () -> Cuda.memoryAllocated(Device.cpu()));
        assertEquals("Expected a cuda device, but got: cpu", cpu.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cuda.synchronize(Device.cpu()));
        assertThrows(IllegalArgumentException.class, () -> Cuda.resetPeakMemoryStats(Device.cpu()));
        var neg = assertThrows(IllegalArgumentException.class, () -> Cuda.maxMemoryReserved(-1));
        assertTrue(neg.getMessage().contains("-1"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cuda.getDeviceName(-2));
    }

    @Test
    void withoutCudaCountersReadZeroAndActionsDoNothing() {
        Assumptions.assumeFalse(Cuda.isAvailable(), "CUDA is usable here; the no-CUDA contract needs a machine without it");
        assertEquals(0, Cuda.memoryAllocated());
        assertEquals(0, Cuda.memoryAllocated(0));
        assertEquals(0, Cuda.memoryAllocated(Device.cuda(1)));
        assertEquals(0, Cuda.maxMemoryAllocated());
        assertEquals(0, Cuda.memoryReserved(0));
        assertEquals(0, Cuda.maxMemoryReserved(Device.cuda()));
        assertDoesNotThrow(() -> Cuda.resetPeakMemoryStats());
        assertDoesNotThrow(() -> Cuda.resetPeakMemoryStats(0));
        assertDoesNotThrow(Cuda::emptyCache);
        assertDoesNotThrow(() -> Cuda.synchronize());
        assertDoesNotThrow(() -> Cuda.synchronize(Device.cuda()));
    }

    @Test
    void withoutCudaDeviceQueriesSayWhy() {
        Assumptions.assumeFalse(Cuda.isAvailable(), "CUDA is usable here; the no-CUDA contract needs a machine without it");
        var name = assertThrows(IllegalStateException.class, () -> Cuda.getDeviceName(0));
        assertTrue(name.getMessage().startsWith("CUDA is not available"), name.getMessage());
        assertTrue(name.getMessage().contains("dev.torch4j.Doctor"), name.getMessage());
        assertThrows(IllegalStateException.class, () -> Cuda.memGetInfo(0));
        assertThrows(IllegalStateException.class, () -> Cuda.getDeviceProperties(0));
    }

    @Test
    void deviceBindingsResolveInTheCudaBuild() throws ReflectiveOperationException {
        Assumptions.assumeTrue(NativeLibraries.cudaClassesPresent(),
                "the org.bytedeco:cuda classes are on the class path only with -Pcuda");
        // resolves torch_cuda.getDeviceProperties, cudaDeviceProp accessors and cudart calls without a GPU
        assertEquals(9, NativeLibraries.deviceBindings().size());
    }

    @Test
    @Tag("cuda")
    void tensorsMoveToTheGpuAndBack() {
        assumeGpu();
        Tensor cpu = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor gpu = cpu.to(Device.cuda());
        assertEquals(Device.cuda(0), gpu.device());
        Tensor product = gpu.matmul(gpu).add(1.0);
        assertTrue(product.device().isCuda());
        Tensor back = product.to(Device.cpu());
        assertTrue(back.device().isCpu());
        assertArrayEquals(new float[] {8, 11, 16, 23}, back.toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, gpu.toFloatArray(), "reading a GPU tensor copies it back");
    }

    @Test
    @Tag("cuda")
    void moduleToCudaMovesEveryParameterAndComputesTheSame() {
        assumeGpu();
        Torch.manualSeed(0);
        Linear cpuLayer = new Linear(3, 2);
        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 1, 0, -0.5f}, 2, 3);
        float[] expected = cpuLayer.forward(x).toFloatArray();
        Linear gpuLayer = cpuLayer;
        gpuLayer.to(Device.cuda());
        for (Tensor p : gpuLayer.parameters()) {
            assertTrue(p.device().isCuda(), "parameter still on " + p.device());
            assertTrue(p.requiresGrad(), "moving must keep requires_grad");
        }
        Tensor y = gpuLayer.forward(x.to(Device.cuda()));
        assertTrue(y.device().isCuda());
        assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
    }

    @Test
    @Tag("cuda")
    void adamStepsOnTheGpu() {
        assumeGpu();
        Tensor p = Tensor.of(new float[] {1, 2}).to(Device.cuda()).requiresGrad_(true);
        Adam adam = new Adam(List.of(p), AdamOptions.defaults().lr(0.5));
        p.mul(p).sum().backward();
        assertTrue(p.grad().device().isCuda());
        adam.step();
        // first Adam step moves each coordinate by lr * sign(grad), as on the CPU (AdamTest)
        assertTrue(p.device().isCuda());
        assertArrayEquals(new float[] {0.5f, 1.5f}, p.toFloatArray(), 1e-6f);
        adam.zeroGrad();
        adam.close();
    }

    @Test
    @Tag("cuda")
    void memoryCountersFollowAllocations() {
        assumeGpu();
        Cuda.synchronize();
        long before = Cuda.memoryAllocated(0);
        Cuda.resetPeakMemoryStats(0);
        assertEquals(before, Cuda.maxMemoryAllocated(0), "after a reset the peak is the current value");

        Tensor t = Torch.zeros(new long[] {1024, 1024}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cuda()));   // 4 MiB
        Cuda.synchronize(0);
        long during = Cuda.memoryAllocated(0);
        assertTrue(during >= before + 4 * MIB, "allocated " + during + " after 4 MiB on top of " + before);
        assertTrue(Cuda.memoryReserved(0) >= during, "reserved covers allocated");
        assertTrue(Cuda.maxMemoryReserved(0) >= Cuda.memoryReserved(0));
        assertEquals(Cuda.memoryAllocated(), Cuda.memoryAllocated(Device.cuda(0)));

        t.close();
        assertEquals(before, Cuda.memoryAllocated(0), "closing the tensor returns its block to the cache");
        assertTrue(Cuda.maxMemoryAllocated(0) >= before + 4 * MIB, "the peak remembers the 4 MiB");
        long reserved = Cuda.memoryReserved(0);
        Cuda.emptyCache();
        assertTrue(Cuda.memoryReserved(0) <= reserved, "emptyCache never grows the reservation");
        Cuda.resetPeakMemoryStats();
        assertEquals(Cuda.memoryAllocated(0), Cuda.maxMemoryAllocated(0));

        long[] info = Cuda.memGetInfo(0);
        assertTrue(info[0] > 0 && info[0] <= info[1], "free " + info[0] + " of " + info[1]);
        Cuda.DeviceProperties props = Cuda.getDeviceProperties(0);
        assertFalse(props.name().isBlank());
        assertEquals(props.name(), Cuda.getDeviceName(0));
        assertTrue(props.totalMemory() >= info[1] - 64 * MIB, props + " vs total " + info[1]);
        assertTrue(props.major() >= 5, "compute capability " + props.major() + "." + props.minor());
        assertThrows(IllegalArgumentException.class, () -> Cuda.memoryAllocated(Cuda.deviceCount()));
    }

    @Test
    @Tag("cuda")
    void aTrainingLoopKeepsGpuMemoryFlat() {
        assumeGpu();
        Linear layer = new Linear(64, 1);
        layer.to(Device.cuda());
        Adam adam = new Adam(layer.parameters(), AdamOptions.defaults().lr(1e-3));
        Tensor x = Torch.randn(new long[] {32, 64}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cuda()));
        Tensor y = Torch.randn(new long[] {32, 1}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cuda()));
        long settled = 0;
        for (int step = 0; step < 300; step++) {
            try (var s = Torch.scope()) {
                adam.zeroGrad();
                Tensor loss = layer.forward(x).sub(y).pow(2).mean();
                loss.backward();
                adam.step();
            }
            if (step == 20) {
                Cuda.synchronize();
                settled = Cuda.memoryAllocated();
            }
        }
        Cuda.synchronize();
        assertTrue(Cuda.memoryAllocated() <= settled + MIB,
                "allocated grew from " + settled + " to " + Cuda.memoryAllocated() + " over 280 steps");
        adam.close();
    }
}
