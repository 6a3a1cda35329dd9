package dev.torch4j.vectors;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.internal.TensorMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where rows of float32 values go while a file is read: straight into the native memory of the
 * target tensor when it is a float32 CPU tensor, otherwise through a small float32 CPU staging
 * tensor per block that is copied (and converted) into the target, so that a float16 or CUDA
 * target never needs a float32 CPU copy of the whole matrix.
 */
final class RowSink implements AutoCloseable {
    /** Largest window over the target's memory handed out at once when writing directly. */
    static final long DIRECT_BLOCK_BYTES = 256L << 20;
    /** Size of one staging block for a converted or CUDA target. */
    static final long STAGED_BLOCK_BYTES = 16L << 20;

    private final Tensor target;
    private final long rows;
    private final int dim;
    private final long rowBytes;
    private final boolean direct;
    private final long blockBytes;
    private boolean taken;

    /** @param blockBytes bytes per block, or 0 for {@link #DIRECT_BLOCK_BYTES} / {@link #STAGED_BLOCK_BYTES} */
    RowSink(long rows, int dim, DType dtype, Device device, long blockBytes) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("word2vec binary files hold little-endian floats; this "
                    + "platform is big-endian");
        }
        this.rows = rows;
        this.dim = dim;
        this.rowBytes = 4L * dim;
        this.direct = dtype == DType.FLOAT32 && device.isCpu();
        this.blockBytes = blockBytes > 0 ? blockBytes : direct ? DIRECT_BLOCK_BYTES : STAGED_BLOCK_BYTES;
        this.target = Torch.empty(new long[] {rows, dim}, TensorOptions.defaults().dtype(dtype).device(device)).unscoped();
    }

    long rows() {
        return rows;
    }

    /** @return how many rows a block should hold */
    int blockRows() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, blockBytes / rowBytes));
    }

    /** A block of {@code n} rows from {@code first}; its buffer takes row {@code i} at byte {@code i * 4 * dim}. */
    Block open(long first, int n) {
        if (first < 0 || n < 0 || first + n > rows) {
            throw new IllegalStateException("rows " + first + ".." + (first + n) + " outside " + rows);
        }
        long bytes = n * rowBytes;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalStateException("block of " + bytes + " bytes is larger than one buffer");
        }
        if (n == 0) {
            return new Block(first, 0, ByteBuffer.allocate(0), null);
        }
        if (direct) {
            ByteBuffer window = TensorMemory.window(target, first * rowBytes, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            return new Block(first, n, window, null);
        }
        Tensor staging = Torch.empty(new long[] {n, dim}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cpu())).unscoped();
        return new Block(first, n, TensorMemory.buffer(staging).order(ByteOrder.LITTLE_ENDIAN), staging);
    }

    /** Makes a block's rows part of the target (a copy for a staged block). Thread-safe. */
    void commit(Block block) {
        if (block.staging == null) {
            return;
        }
        try (Tensor view = target.narrow(0, block.first, block.rows)) {
            synchronized (this) {
                view.copy_(block.staging);
            }
        } finally {
            block.staging.close();
        }
    }

    /** Drops a block without committing it. */
    void discard(Block block) {
        if (block != null && block.staging != null) {
            block.staging.close();
        }
    }

    /**
     * @param used rows actually written, from the start
     * @return the target, or a compact copy of its first {@code used} rows; the caller owns it
     */
    Tensor finish(long used) {
        taken = true;
        if (used == rows) {
            return target;
        }
        try (Tensor head = target.narrow(0, 0, used)) {
            Tensor copy = head.clone().unscoped();
            target.close();
            return copy;
        }
    }

    @Override
    public void close() {
        if (!taken) {
            target.close();
        }
    }

    /** A run of consecutive target rows and the buffer they are written to. */
    static final class Block {
        final long first;
        final int rows;
        final ByteBuffer buffer;
        final Tensor staging;

        Block(long first, int rows, ByteBuffer buffer, Tensor staging) {
            this.first = first;
            this.rows = rows;
            this.buffer = buffer;
            this.staging = staging;
        }

        boolean contains(long row) {
            return row >= first && row < first + rows;
        }
    }
}
