package dev.torch4j.internal;

import org.bytedeco.pytorch.Stat;
import org.bytedeco.pytorch.cuda.DeviceStats;
import org.bytedeco.pytorch.global.torch;

/**
 * The CUDA caching allocator's counters, through libtorch's device-generic accelerator API
 * ({@code at::accelerator::getDeviceStats}, {@code resetPeakStats}, {@code emptyCache}), which the
 * CPU build also exports, so this class needs no CUDA classes. Callers check
 * {@link Native#cudaAvailable()} first: without an accelerator these calls raise a native error.
 */
public final class CudaMemory {
    /** Index of the aggregate entry in the allocator's per-pool {@code StatArray}. */
    private static final int AGGREGATE = 0;

    private CudaMemory() {
    }

    /**
     * @param device a CUDA device ordinal
     * @return {@code [allocated current, allocated peak, reserved current, reserved peak]} in bytes,
     *         all pools together, like {@code torch.cuda.memory_stats()["allocated_bytes.all.current"]} etc.
     */
    public static long[] stats(int device) {
        Native.init();
        try (DeviceStats s = torch.getDeviceStats((byte) device);
             Stat allocated = s.allocated_bytes().position(AGGREGATE);
             Stat reserved = s.reserved_bytes().position(AGGREGATE)) {
            return new long[] {allocated.current(), allocated.peak(), reserved.current(), reserved.peak()};
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /** @param device a CUDA device ordinal whose peak counters restart from the current values */
    public static void resetPeak(int device) {
        Native.init();
        try {
            torch.resetPeakStats((byte) device);
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /** Returns the cached, unused blocks of the current accelerator to the driver. */
    public static void emptyCache() {
        Native.init();
        try {
            torch.emptyCache();
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /** @param device a CUDA device ordinal to wait for, or -1 for the current one */
    public static void synchronize(int device) {
        Native.init();
        try {
            torch.cuda_synchronize(device);
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /** @return libtorch's current CUDA device ordinal */
    public static int currentDevice() {
        Native.init();
        try {
            return torch.getDeviceIndex();
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }
}
