package dev.torch4j.serialization;

import dev.torch4j.Tensor;
import dev.torch4j.internal.TensorMemory;
import java.nio.ByteBuffer;

/**
 * The native memory of a contiguous CPU tensor as windows of at most 1 GiB each (one
 * {@link ByteBuffer} cannot span more than 2 GiB), with the copies a storage needs: bulk ranges,
 * strided gathers of PyTorch views, and byte swapping of big-endian files.
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

    /**
     * Copies {@code length} bytes from {@code src} at {@code srcOffset} to this at {@code dstOffset}.
     */
    void copyFrom(NativeBytes src, long srcOffset, long dstOffset, long length) {
        long done = 0;
        while (done < length) {
            long s = srcOffset + done;
            long d = dstOffset + done;
            int sc = (int) (s >>> CHUNK_SHIFT);
            int dc = (int) (d >>> CHUNK_SHIFT);
            int sp = (int) (s & (CHUNK - 1));
            int dp = (int) (d & (CHUNK - 1));
            int n = (int) Math.min(length - done, Math.min(src.chunks[sc].capacity() - sp,
                    chunks[dc].capacity() - dp));
            chunks[dc].put(dp, src.chunks[sc], sp, n);
            done += n;
        }
    }

    /**
     * Fills this (a contiguous tensor of {@code size} elements of {@code elementSize} bytes) from the
     * strided view {@code (offset, size, stride)} of the storage {@code src}, in row-major order.
     * Bounds were checked by the caller.
     */
    void gather(NativeBytes src, long offset, long[] shape, long[] stride, int elementSize) {
        int rank = shape.length;
        long numel = 1;
        for (long s : shape) {
            numel *= s;
        }
        if (numel == 0) {
            return;
        }
        if (rank == 0) {
            copyFrom(src, offset * elementSize, 0, elementSize);
            return;
        }
        long[] index = new long[rank];
        long inner = shape[rank - 1];
        long innerStride = stride[rank - 1];
        long dst = 0;
        long base = offset;
        while (true) {
            if (innerStride == 1) {
                copyFrom(src, base * elementSize, dst, inner * elementSize);
                dst += inner * elementSize;
            } else {
                long e = base;
                for (long i = 0; i < inner; i++, e += innerStride) {
                    copyElement(src, e * elementSize, dst, elementSize);
                    dst += elementSize;
                }
            }
            int d = rank - 2;
            while (d >= 0) {
                index[d]++;
                base += stride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                base -= stride[d] * index[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    private void copyElement(NativeBytes src, long s, long d, int elementSize) {
        ByteBuffer sb = src.chunks[(int) (s >>> CHUNK_SHIFT)];
        ByteBuffer db = chunks[(int) (d >>> CHUNK_SHIFT)];
        int sp = (int) (s & (CHUNK - 1));
        int dp = (int) (d & (CHUNK - 1));
        switch (elementSize) {
            case 8 -> db.putLong(dp, sb.getLong(sp));
            case 4 -> db.putInt(dp, sb.getInt(sp));
            case 2 -> db.putShort(dp, sb.getShort(sp));
            default -> db.put(dp, sb.get(sp));
        }
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
