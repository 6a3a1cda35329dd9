package dev.torch4j.serialization;

import dev.torch4j.Tensor;
import dev.torch4j.internal.TensorMemory;
import java.nio.ByteBuffer;

/**
 * The native memory of a contiguous CPU tensor as windows of at most 1 GiB each (one
 * {@link ByteBuffer} cannot span more than 2 GiB), and byte swapping of big-endian files.
 */
final class NativeBytes {
    static final int CHUNK_SHIFT = 30;
    static final long CHUNK = 1L << CHUNK_SHIFT;

    private final ByteBuffer[] chunks;
    private final long size;

    NativeBytes(Tensor t) {
        this.size = t.numel() * t.dtype().elementSize();
        int n = (int) ((size + CHUNK - 1) / CHUNK);
        chunks = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long off = i * CHUNK;
            chunks[i] = TensorMemory.window(t, off, (int) Math.min(CHUNK, size - off));
        }
    }

    long size() {
        return size;
    }

    /** @return the windows, each positioned at 0, covering the tensor's bytes in order */
    ByteBuffer[] chunks() {
        return chunks;
    }

    /** Reverses the bytes of every {@code elementSize}-byte element in place (big- to little-endian). */
    void swapBytes(int elementSize) {
        for (ByteBuffer b : chunks) {
            int n = b.capacity();
            switch (elementSize) {
                case 8 -> {
                    for (int i = 0; i + 8 <= n; i += 8) {
                        b.putLong(i, Long.reverseBytes(b.getLong(i)));
                    }
                }
                case 4 -> {
                    for (int i = 0; i + 4 <= n; i += 4) {
                        b.putInt(i, Integer.reverseBytes(b.getInt(i)));
                    }
                }
                case 2 -> {
                    for (int i = 0; i + 2 <= n; i += 2) {
                        b.putShort(i, Short.reverseBytes(b.getShort(i)));
                    }
                }
                default -> {
                }
            }
        }
    }
}
