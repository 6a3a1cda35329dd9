package dev.torch4j.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Native operations that the word-vector package needs beyond {@link Handle}'s: kept in a file of
 * their own so that {@code dev.torch4j.vectors} never imports {@code org.bytedeco}.
 */
public final class VectorOps {
    static {
        Native.init();
    }

    private VectorOps() {
    }

    /**
     * The {@code k} largest entries along the last dimension, sorted from the largest, like
     * {@code torch.topk(x, k)}; runs on the tensor's device.
     *
     * @return values and their int64 indices
     */
    public static Handle[] topk(Handle h, long k) {
        return Handle.call(() -> {
            try (T_TensorTensor_T r = torch.topk(h.t(), k, -1, true, true)) {
                return new Handle[] {new Handle(new Tensor(r.get0())), new Handle(new Tensor(r.get1()))};
            }
        });
    }

    /**
     * A buffer over {@code length} bytes of a contiguous CPU tensor's memory starting at byte
     * {@code offset}: index 0 of the buffer is that byte, and writing to it writes the tensor. Works at
     * any offset of a tensor larger than 2 GB (unlike {@link Handle#slice}, whose buffer starts at the
     * tensor's first byte). Valid while the tensor is open.
     *
     * @throws IllegalStateException for a CUDA or non-contiguous tensor, or a range outside it
     */
    public static ByteBuffer window(Handle h, long offset, int length) {
        return h.slice(offset, length);
    }
}
