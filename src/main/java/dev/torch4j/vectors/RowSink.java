package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.internal.TensorMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where rows of float32 values go while a file is read.
 *
 * <p>When the file has proven how many rows it holds (its size bounds them), the target tensor is
 * allocated once, at its final size: a float32 CPU target is written in place through windows over
 * its memory; any other target (float16, CUDA) through a small float32 CPU staging tensor per block
 * that is copied and converted into it, so that no float32 CPU copy of the whole matrix ever exists.
 *
 * <p>When only a header vouches for the count (a gzip file, whose size bounds its content only
 * loosely), nothing is allocated on the header's word: rows go into staging blocks as they arrive,
 * and the target is allocated at the end, at the size actually read, and filled block by block,
 * each block freed as soon as it is copied. Memory then follows the data, never the claim.
 *
 * <p>Blocks may be opened, written and committed from several threads.
 */
final class RowSink implements AutoCloseable {
    /**
     * Largest window over the target's memory handed out at once when writing in place: as large as a
     * buffer can be, so that a reader's switch to the next window, compiled as never taken while the
     * first is filled, is not met (and the reader's row method recompiled) in the middle of a load.
     */
    static final long DIRECT_BLOCK_BYTES = Integer.MAX_VALUE;
    /** Size of one staging block for a converted or CUDA target. */
    static final long STAGED_BLOCK_BYTES = 16L << 20;
    /**
     * Size of one block while the row count is not proven: above glibc's largest mmap threshold
     * (32 MiB), so that a freed block goes back to the system at once.
     */
    static final long GROWING_BLOCK_BYTES = 64L << 20;

    /** Sees every tensor a reader allocates (tests check that refused files close them all); null in use. */
    static volatile Consumer<Tensor> allocations;

    private final long rows;
    private final int dim;
    private final long rowBytes;
    private final DType dtype;
    private final Device device;
    private final boolean direct;
    private final boolean growing;
    private final long blockBytes;
    private Tensor target;
    /** Committed blocks of a growing sink, waiting for {@link #finish}. */
    private final List<Block> held = new ArrayList<>();
    private boolean taken;

    /**
     * @param rows       the most rows that will be written: the final count when {@code proven}
     * @param proven     whether the input has proven it holds {@code rows} rows (then the target is
     *                   allocated now), or only claims it (then nothing is allocated on the claim)
     * @param blockBytes bytes per block, or 0 for the defaults above
     */
    RowSink(long rows, int dim, DType dtype, Device device, long blockBytes, boolean proven) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("word2vec binary files hold little-endian floats; this "
                    + "platform is big-endian");
        }
        this.rows = rows;
        this.dim = dim;
        this.rowBytes = 4L * dim;
        this.dtype = dtype;
        this.device = device;
        this.growing = !proven;
        this.direct = proven && dtype == DType.FLOAT32 && device.isCpu();
        this.blockBytes = blockBytes > 0 ? blockBytes
                : growing ? GROWING_BLOCK_BYTES : direct ? DIRECT_BLOCK_BYTES : STAGED_BLOCK_BYTES;
        if (proven) {
            target = allocate(new long[] {rows, dim}, dtype, device);
        }
    }

    private static Tensor allocate(long[] shape, DType dtype, Device device) {
        Tensor t = Torch.empty(shape, TensorOptions.defaults().dtype(dtype).device(device)).unscoped();
        Consumer<Tensor> seen = allocations;
        if (seen != null) {
            seen.accept(t);
        }
        return t;
    }

    long rows() {
        return rows;
    }

    /** @return whether blocks are windows over the target's memory, written in place (no commit needed) */
    boolean inPlace() {
        return direct;
    }

    /** @return how many rows a block should hold */
    int blockRows() {
        return (int) Math.max(1, Math.min(Math.min(Integer.MAX_VALUE, rows), blockBytes / rowBytes));
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
        Tensor staging = allocate(new long[] {n, dim}, DType.FLOAT32, Device.cpu());
        return new Block(first, n, TensorMemory.buffer(staging).order(ByteOrder.LITTLE_ENDIAN), staging);
    }

    /**
     * Starts faulting in the pages of an in-place target on a thread of the pool, from its end
     * backwards, while the rows are written from its start: a fresh tensor's first-touch page faults
     * are most of the cost of filling it, and this spreads them over two cores. Each page is touched
     * by an atomic compare-and-set of one int from 0 to 0, which faults the page in for writing but
     * never changes a value a writer put there, so writers need not wait for it.
     *
     * @return the running prefault, or null when the target is not written in place
     */
    Prefault prefault(java.util.concurrent.ExecutorService pool) {
        if (!direct || rows == 0) {
            return null;
        }
        Prefault p = new Prefault(rows * rowBytes);
        p.future = pool.submit(p::run);
        return p;
    }

    /** The pages of the target touched ahead of the writers; see {@link #prefault}. */
    final class Prefault {
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteBufferViewVarHandle(
                int[].class, ByteOrder.nativeOrder());
        private static final int PAGE = 4096;
        private final long bytes;
        /** Bytes touched per window: 4 MiB, less for a small target so that it is still run through. */
        private final int window;
        /** Bytes from the start that writers have reached: below them touching is of no use. */
        private volatile long written;
        private volatile boolean stopped;
        private java.util.concurrent.Future<?> future;

        private Prefault(long bytes) {
            this.bytes = bytes;
            this.window = (int) Math.max(PAGE, Math.min(4 << 20, (bytes / 16) & ~(PAGE - 1L)));
        }

        /** Tells the prefault that writers have reached byte {@code offset}. */
        void reached(long offset) {
            written = offset;
        }

        private void run() {
            for (long end = bytes; end > written + window && !stopped; ) {
                long start = Math.max(0, (end - window) & ~(PAGE - 1L));
                ByteBuffer w = TensorMemory.window(target, start, (int) (end - start));
                for (int off = (int) ((end - start - 4) & ~(PAGE - 1L)); off >= 0; off -= PAGE) {
                    INT.compareAndSet(w, off, 0, 0);
                }
                end = start;
            }
        }

        /** Stops touching and waits until the thread has let go of the target. */
        void stop() {
            stopped = true;
            Workers.awaitQuietly(future);
        }
    }

    /** Makes a block's rows part of the target (a copy for a staged block, kept for later when growing). */
    void commit(Block block) {
        if (block.staging == null) {
            return;
        }
        if (growing) {
            synchronized (held) {
                held.add(block);
            }
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
        if (growing) {
            target = allocate(new long[] {used, dim}, dtype, device);
            held.sort(Comparator.comparingLong(b -> b.first));
            long next = 0;
            for (int i = 0; i < held.size(); i++) {
                Block b = held.get(i);
                held.set(i, null);
                try {
                    // the last block may hold fewer rows than it has room for (a vocabulary filter)
                    long take = Math.min(b.rows, used - b.first);
                    if (b.first != next || take < 0) {
                        throw new IllegalStateException("rows " + b.first + ".." + (b.first + b.rows)
                                + " do not continue row " + next + " of " + used);
                    }
                    if (take > 0) {
                        try (Tensor view = target.narrow(0, b.first, take);
                             Tensor part = b.staging.narrow(0, 0, take)) {
                            view.copy_(part);
                        }
                    }
                    next += take;
                } finally {
                    b.staging.close();
                }
            }
            held.clear();
            if (next != used) {
                throw new IllegalStateException("rows " + next + ".." + used + " were never written");
            }
            taken = true;
            return target;
        }
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
        synchronized (held) {
            for (Block b : held) {
                if (b != null) {
                    b.staging.close();
                }
            }
            held.clear();
        }
        if (!taken && target != null) {
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
