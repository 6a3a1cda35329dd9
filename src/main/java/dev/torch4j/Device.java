package dev.torch4j;

import dev.torch4j.internal.Native;
import java.util.Objects;

/**
 * Where a tensor lives, mirroring {@code torch.device}: {@code cpu} or {@code cuda:i}.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch-device">torch.device</a>
 */
public final class Device {
    /** Kind of device. */
    public enum Type { CPU, CUDA }

    private static final Device CPU = new Device(Type.CPU, -1);

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    /** @return the CPU device */
    public static Device cpu() {
        return CPU;
    }

    /**
     * @param index the CUDA device ordinal, {@code 0 <= index < cudaDeviceCount()}
     * @return the CUDA device {@code cuda:index}
     * @throws IllegalArgumentException if the index is negative
     */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("CUDA device index must be >= 0, got " + index);
        }
        return new Device(Type.CUDA, index);
    }

    /** @return {@code cuda:0} */
    public static Device cuda() {
        return cuda(0);
    }

    /** @return {@code cuda:0} when a usable CUDA device is present, else {@code cpu} */
    public static Device cudaIfAvailable() {
        return isCudaAvailable() ? cuda(0) : CPU;
    }

    /** @return whether libtorch can use CUDA here, like {@code torch.cuda.is_available()} */
    public static boolean isCudaAvailable() {
        return Native.cudaAvailable();
    }

    /** @return the number of CUDA devices, like {@code torch.cuda.device_count()} */
    public static int cudaDeviceCount() {
        return Native.cudaDeviceCount();
    }

    /**
     * Parses PyTorch's device strings: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}.
     *
     * @param spec the device string
     * @return the device
     * @throws IllegalArgumentException for any other string
     */
    public static Device of(String spec) {
        if (spec.equals("cpu")) {
            return CPU;
        }
        if (spec.equals("cuda")) {
            return cuda(0);
        }
        if (spec.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(spec.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                "Expected one of cpu, cuda, cuda:<index> device type at start of device string: " + spec);
    }

    /** @return the device type */
    public Type type() {
        return type;
    }

    /** @return the CUDA ordinal, or -1 for the CPU */
    public int index() {
        return index;
    }

    /** @return whether this is a CUDA device */
    public boolean isCuda() {
        return type == Type.CUDA;
    }

    /** @return whether this is the CPU */
    public boolean isCpu() {
        return type == Type.CPU;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.type == type && d.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, index);
    }

    /** @return PyTorch's spelling: {@code cpu} or {@code cuda:0} */
    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
