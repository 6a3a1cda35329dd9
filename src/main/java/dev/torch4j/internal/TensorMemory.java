package dev.torch4j.internal;

import dev.torch4j.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;

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
        org.bytedeco.pytorch.Tensor n = TensorBridge.borrow(t);
        long bytes = n.nbytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalStateException("tensor of " + bytes + " bytes is larger than one ByteBuffer");
        }
        return window(t, 0, (int) bytes);
    }

    /**
     * {@code length} bytes of the tensor's memory from byte {@code offset} on: index 0 of the buffer is
     * that byte, at any offset, also in tensors over 2 GiB.
     *
     * @throws IllegalStateException for a CUDA or non-contiguous tensor, or a range outside it
     */
    public static ByteBuffer window(Tensor t, long offset, int length) {
        org.bytedeco.pytorch.Tensor n = TensorBridge.borrow(t);
        long bytes = n.nbytes();
        if (!n.is_cpu() || !n.is_contiguous() || offset < 0 || length < 0 || offset + length > bytes) {
            throw new IllegalStateException("window [" + offset + ", " + offset + " + " + length
                    + ") outside a contiguous CPU tensor of " + bytes + " bytes");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.nativeOrder());
        }
        BytePointer at = new BytePointer(n.data_ptr()).getPointer(offset);
        return at.capacity(length).limit(length).asByteBuffer().order(ByteOrder.nativeOrder());
    }
}
