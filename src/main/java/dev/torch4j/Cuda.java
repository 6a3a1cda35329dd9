package dev.torch4j;

import dev.torch4j.internal.CudaMemory;
import dev.torch4j.internal.NativeLibraries;
import dev.torch4j.internal.NativeLibraries.DeviceProps;
import dev.torch4j.internal.Native;

/**
 * CUDA device and memory queries, mirroring {@code torch.cuda}: {@code memory_allocated} becomes
 * {@link #memoryAllocated()}, {@code max_memory_allocated} {@link #maxMemoryAllocated()},
 * {@code memory_reserved} {@link #memoryReserved()}, {@code reset_peak_memory_stats}
 * {@link #resetPeakMemoryStats()}, and so on. The counters are the CUDA caching allocator's, in bytes,
 * summed over its pools: what a benchmark reports next to its throughput.
 *
 * <p><b>Without CUDA</b> (the CPU natives, or GPU natives on a machine with no usable GPU; see
 * {@link #isAvailable()}) every method here still works, so one benchmark harness runs unchanged on
 * both: the counters read {@code 0}, as PyTorch's do before CUDA is initialised, and
 * {@link #resetPeakMemoryStats()}, {@link #emptyCache()} and {@link #synchronize()} do nothing, since
 * the CPU has no caching allocator to reset and runs every operation synchronously. Methods that
 * describe a device ({@link #getDeviceName}, {@link #getDeviceProperties}, {@link #memGetInfo}) have no
 * sensible zero and throw {@link IllegalStateException}; run {@link Doctor} to see why CUDA is not
 * usable.
 *
 * <p>The methods without a device argument use libtorch's current CUDA device ({@code cuda:0} unless
 * native code changed it). A device is given as an ordinal or as a CUDA {@link Device}.
 *
 * @see <a href="https://pytorch.org/docs/stable/cuda.html">torch.cuda</a>
 */
public final class Cuda {
    private Cuda() {
    }

    /** @return whether libtorch can use a CUDA device here, like {@code torch.cuda.is_available()} */
    public static boolean isAvailable() {
        return Native.cudaAvailable();
    }

    /** @return the number of usable CUDA devices, like {@code torch.cuda.device_count()}; 0 without CUDA */
    public static int deviceCount() {
        return Native.cudaDeviceCount();
    }

    /**
     * Bytes occupied by tensors on a device, like {@code torch.cuda.memory_allocated(device)}.
     *
     * @param device a CUDA device ordinal
     * @return the allocator's current allocated bytes; 0 without CUDA
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static long memoryAllocated(int device) {
        return stat(checked(device), 0);
    }

    /**
     * @param device a CUDA device
     * @return {@link #memoryAllocated(int)} of its ordinal
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static long memoryAllocated(Device device) {
        return memoryAllocated(index(device));
    }

    /** @return {@link #memoryAllocated(int)} of the current device */
    public static long memoryAllocated() {
        return stat(CURRENT, 0);
    }

    /**
     * Peak of {@link #memoryAllocated(int)} since start or the last {@link #resetPeakMemoryStats(int)},
     * like {@code torch.cuda.max_memory_allocated(device)}.
     *
     * @param device a CUDA device ordinal
     * @return peak allocated bytes; 0 without CUDA
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static long maxMemoryAllocated(int device) {
        return stat(checked(device), 1);
    }

    /**
     * @param device a CUDA device
     * @return {@link #maxMemoryAllocated(int)} of its ordinal
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static long maxMemoryAllocated(Device device) {
        return maxMemoryAllocated(index(device));
    }

    /** @return {@link #maxMemoryAllocated(int)} of the current device */
    public static long maxMemoryAllocated() {
        return stat(CURRENT, 1);
    }

    /**
     * Bytes the caching allocator holds from the driver (allocated plus cached for reuse), like
     * {@code torch.cuda.memory_reserved(device)}; {@code nvidia-smi} shows this plus the CUDA context.
     *
     * @param device a CUDA device ordinal
     * @return reserved bytes; 0 without CUDA
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static long memoryReserved(int device) {
        return stat(checked(device), 2);
    }

    /**
     * @param device a CUDA device
     * @return {@link #memoryReserved(int)} of its ordinal
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static long memoryReserved(Device device) {
        return memoryReserved(index(device));
    }

    /** @return {@link #memoryReserved(int)} of the current device */
    public static long memoryReserved() {
        return stat(CURRENT, 2);
    }

    /**
     * Peak of {@link #memoryReserved(int)}, like {@code torch.cuda.max_memory_reserved(device)}.
     *
     * @param device a CUDA device ordinal
     * @return peak reserved bytes; 0 without CUDA
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static long maxMemoryReserved(int device) {
        return stat(checked(device), 3);
    }

    /**
     * @param device a CUDA device
     * @return {@link #maxMemoryReserved(int)} of its ordinal
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static long maxMemoryReserved(Device device) {
        return maxMemoryReserved(index(device));
    }

    /** @return {@link #maxMemoryReserved(int)} of the current device */
    public static long maxMemoryReserved() {
        return stat(CURRENT, 3);
    }

    /**
     * Restarts the peak counters from the current values, like
     * {@code torch.cuda.reset_peak_memory_stats(device)}: call it before the run a benchmark measures.
     * Does nothing without CUDA.
     *
     * @param device a CUDA device ordinal
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static void resetPeakMemoryStats(int device) {
        int d = checked(device);
        if (isAvailable()) {
            CudaMemory.resetPeak(d);
        }
    }

    /**
     * @param device a CUDA device
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static void resetPeakMemoryStats(Device device) {
        resetPeakMemoryStats(index(device));
    }

    /** {@link #resetPeakMemoryStats(int)} of the current device. */
    public static void resetPeakMemoryStats() {
        if (isAvailable()) {
            CudaMemory.resetPeak(CudaMemory.currentDevice());
        }
    }

    /**
     * Returns cached, unused device memory to the driver, like {@code torch.cuda.empty_cache()};
     * {@link #memoryReserved()} drops, {@link #memoryAllocated()} does not. Does nothing without CUDA.
     */
    public static void emptyCache() {
        if (isAvailable()) {
            CudaMemory.emptyCache();
        }
    }

    /**
     * Waits until every kernel queued on a device has finished, like
     * {@code torch.cuda.synchronize(device)}: call it before reading a clock around GPU work.
     * Does nothing without CUDA, where every operation has already finished when it returns.
     *
     * @param device a CUDA device ordinal
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     */
    public static void synchronize(int device) {
        int d = checked(device);
        if (isAvailable()) {
            CudaMemory.synchronize(d);
        }
    }

    /**
     * @param device a CUDA device
     * @throws IllegalArgumentException if {@code device} is not a CUDA device, or out of range
     */
    public static void synchronize(Device device) {
        synchronize(index(device));
    }

    /** {@link #synchronize(int)} of the current device. */
    public static void synchronize() {
        if (isAvailable()) {
            CudaMemory.synchronize(-1);
        }
    }

    /**
     * Free and total device memory as the driver sees it (every process), like
     * {@code torch.cuda.mem_get_info(device)}.
     *
     * @param device a CUDA device ordinal
     * @return {@code {free, total}} in bytes
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     * @throws IllegalStateException    without CUDA
     */
    public static long[] memGetInfo(int device) {
        return NativeLibraries.memGetInfo(requireCuda(device, "memGetInfo"));
    }

    /**
     * A device's name, like {@code torch.cuda.get_device_name(device)}: {@code "NVIDIA H100 80GB HBM3"}.
     *
     * @param device a CUDA device ordinal
     * @return the name
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     * @throws IllegalStateException    without CUDA
     */
    public static String getDeviceName(int device) {
        return getDeviceProperties(device).name();
    }

    /**
     * A device's properties, like {@code torch.cuda.get_device_properties(device)}.
     *
     * @param device a CUDA device ordinal
     * @return name, compute capability, memory and multiprocessor count
     * @throws IllegalArgumentException if {@code device} is negative or not below {@link #deviceCount()}
     * @throws IllegalStateException    without CUDA, or when the build lacks the {@code org.bytedeco:cuda}
     *                                  classes (build with {@code -Pcuda})
     */
    public static DeviceProperties getDeviceProperties(int device) {
        DeviceProps p = NativeLibraries.deviceProperties(requireCuda(device, "getDeviceProperties"));
        return new DeviceProperties(p.name(), p.major(), p.minor(), p.totalMemory(), p.multiProcessorCount());
    }

    /**
     * What {@code torch.cuda.get_device_properties} reports.
     *
     * @param name                the device's name
     * @param major               compute capability, major ({@code 9} for an H100)
     * @param minor               compute capability, minor
     * @param totalMemory         device memory in bytes ({@code total_memory})
     * @param multiProcessorCount streaming multiprocessors ({@code multi_processor_count})
     */
    public record DeviceProperties(String name, int major, int minor, long totalMemory, int multiProcessorCount) {
    }

    /** The ordinal of a CUDA {@link Device}, with PyTorch's wording for a CPU one. */
    private static int index(Device device) {
        if (device == null || !device.isCuda()) {
            throw new IllegalArgumentException("Expected a cuda device, but got: " + device);
        }
        return device.index();
    }

    private static int checked(int device) {
        if (device < 0) {
            throw new IllegalArgumentException("Invalid device id: expected a CUDA device ordinal >= 0, got " + device);
        }
        if (isAvailable()) {
            int n = deviceCount();
            if (device >= n) {
                throw new IllegalArgumentException(
                        "Invalid device id: expected 0 <= device < " + n + ", got " + device);
            }
        }
        return device;
    }

    private static int requireCuda(int device, String what) {
        int d = checked(device);
        if (!isAvailable()) {
            throw new IllegalStateException("CUDA is not available, so Cuda." + what + " has no device to ask"
                    + " (run java -cp ... dev.torch4j.Doctor to see why)");
        }
        return d;
    }

    /** Marks "libtorch's current device" for {@link #stat}; never a user's argument, which is checked first. */
    private static final int CURRENT = Integer.MIN_VALUE;

    /** One allocator counter of a checked ordinal or {@link #CURRENT}; 0 without CUDA. */
    private static long stat(int device, int which) {
        if (!isAvailable()) {
            return 0;
        }
        return CudaMemory.stats(device == CURRENT ? CudaMemory.currentDevice() : device)[which];
    }
}
