package dev.torch4j.internal;

import dev.torch4j.Tensor;
import java.nio.ByteBuffer;

/**
 * The native memory of a contiguous CPU tensor as {@link ByteBuffer}s, for the readers and writers of
 * files (word vectors, state dicts): they fill or drain a tensor's own memory without a Java copy.
 * Buffers are in native byte order and valid only while the tensor is open.
 */
public final class TensorMemory {
    private TensorMemory() {
    }

    /**
     * The whole tensor's memory; writing to it writes the tensor.
     *
     * @throws IllegalStateException for a CUDA or non-contiguous tensor, or one over 2 GiB
     */
    public static ByteBuffer buffer(Tensor t) {
        return TensorBridge.handle(t).buffer();
    }

    /**
     * {@code length} bytes of the tensor's memory from byte {@code offset} on: index 0 of the buffer is
     * that byte, at any offset, also in tensors over 2 GiB.
     *
     * @throws IllegalStateException for a CUDA or non-contiguous tensor, or a range outside it
     */
    public static ByteBuffer window(Tensor t, long offset, int length) {
        return TensorBridge.handle(t).slice(offset, length);
    }
}
