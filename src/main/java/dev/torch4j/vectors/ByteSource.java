package dev.torch4j.vectors;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file's content: its bytes, or the decompressed bytes when it starts with the gzip magic number
 * (whatever its name). A small look-ahead buffer serves the header and format detection
 * ({@link #require}); bulk reads then drain it and go on from the file. A gzip file can be inflated
 * on a thread of its own, a few chunks ahead of the reader, so that inflating and parsing overlap.
 *
 * <p>Memory follows the data, never a size read from the file: the look-ahead buffer grows only as
 * bytes arrive, to at most twice what was asked for and found.
 */
final class ByteSource implements AutoCloseable {
    /** Deflate cannot expand data by more than about 1032 to 1; a gzip file's content is bounded by this. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** Most bytes one array can hold. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int PREFETCH_CHUNK = 1 << 20;
    private static final int PREFETCH_CHUNKS = 4;

    final Path path;
    final boolean gzip;
    final long fileSize;
    private final FileChannel channel;
    private final GzipInput gz;
    private final Progress progress;
    private Prefetch prefetch;
    /** The length the gzip trailer records, -1 when unknown or not gzip. */
    private final long trailerSize;
    private byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    /** Content offset of {@code buf[0]}. */
    private long base;
    private boolean eof;

    private ByteSource(Path path, FileChannel channel, GzipInput gz, long trailerSize, Progress progress) {
        this.path = path;
        this.channel = channel;
        this.gz = gz;
        this.gzip = gz != null;
        this.trailerSize = trailerSize;
        this.progress = progress;
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            size = 0;
        }
        this.fileSize = size;
    }

    /** Opens {@code path}, detecting gzip by its first two bytes. */
    static ByteSource open(Path path, Progress progress) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer magic = ByteBuffer.allocate(2);
            while (magic.hasRemaining() && ch.read(magic, magic.position()) > 0) {
                // a short read of a regular file only happens at its end
            }
            boolean gz = magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
            if (!gz) {
                return new ByteSource(path, ch, null, -1, progress);
            }
            long trailer = GzipInput.trailerSize(ch);
            return new ByteSource(path, ch, new GzipInput(path, ch), trailer, progress);
        } catch (IOException | RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    /**
     * From now on inflates a gzip file (of more than a megabyte: below, a thread does not pay off) on a
     * thread of its own, a few chunks ahead of the reads; nothing for a plain file.
     */
    void inflateAhead() {
        if (gzip && prefetch == null && fileSize > PREFETCH_CHUNK) {
            prefetch = new Prefetch();
        }
    }

    /** @return whether {@link #map} works: a plain file on a JVM that can unmap at once */
    boolean mappable() {
        return !gzip && FileWindows.available();
    }

    /**
     * Maps {@code length} bytes of a plain file from content offset {@code offset}, past the look-ahead
     * buffer (the caller goes on from {@link #offset()} by itself), read-only.
     *
     * @param report whether the progress bar shows the window's end as read (false for a window mapped
     *               ahead of the reader, on another thread)
     */
    FileWindows.Window map(long offset, long length, boolean report) throws IOException {
        FileWindows.Window w = FileWindows.map(channel, offset, length);
        if (report) {
            progress.update(offset + length);
        }
        return w;
    }

    /** @return the most bytes the content can have: the file size, or the deflate bound for gzip */
    long maxContentBytes() {
        return gzip ? (fileSize > Long.MAX_VALUE / MAX_DEFLATE_RATIO ? Long.MAX_VALUE : fileSize * MAX_DEFLATE_RATIO)
                : fileSize;
    }

    /**
     * @return the content size when it is known before reading: the size of a plain file, or for gzip
     *         the length its trailer records (exact for the usual one-member file under 4 GiB, and
     *         never trusted further than the data read proves); -1 when unknown
     */
    long knownContentBytes() {
        if (!gzip) {
            return fileSize;
        }
        return trailerSize >= 0 && trailerSize <= maxContentBytes() ? trailerSize : -1;
    }

    /** @return the look-ahead buffer; valid from {@link #pos()} to {@link #limit()} until the next call */
    byte[] buffer() {
        return buf;
    }

    int pos() {
        return pos;
    }

    int limit() {
        return lim;
    }

    /** Moves the read position to {@code p}, an index into {@link #buffer()} not past {@link #limit()}. */
    void pos(int p) {
        pos = p;
    }

    /** @return the content offset of buffer index {@code i} */
    long offsetOf(int i) {
        return base + i;
    }

    /** @return the content offset of the read position */
    long offset() {
        return base + pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #pos()} in the look-ahead buffer, which grows
     * as bytes arrive (never to more than twice the bytes it holds).
     *
     * @return the bytes available, fewer than {@code n} only at the end of the content
     */
    int require(int n) throws IOException {
        if (lim - pos >= n || eof) {
            return lim - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY, Math.min(n, 2L * buf.length)));
            }
            int r = fromFile(buf, lim, Math.min(buf.length, n) - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos;
    }

    /** Copies look-ahead bytes, then reads from the file, into {@code dst}; -1 at the end. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }
        drop();
        if (eof) {
            return -1;
        }
        int r = fromFile(dst, off, len);
        if (r < 0) {
            eof = true;
        } else {
            base += r;
        }
        return r;
    }

    /** Like {@link #read(byte[], int, int)} into {@code dst}'s remaining space; -1 at the end. */
    int read(ByteBuffer dst) throws IOException {
        if (pos < lim) {
            int n = Math.min(dst.remaining(), lim - pos);
            dst.put(buf, pos, n);
            pos += n;
            return n;
        }
        drop();
        if (eof) {
            return -1;
        }
        int r;
        if (gzip) {
            r = prefetch != null ? prefetch.read(dst) : gzRead(dst);
        } else {
            r = channel.read(dst);
            progress.update(base + Math.max(r, 0));
        }
        if (r < 0) {
            eof = true;
        } else {
            base += r;
        }
        return r;
    }

    /** Reads until {@code len} bytes or the end of the content. @return the bytes read, -1 when none */
    int readFully(byte[] dst, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = read(dst, off + total, len - total);
            if (r < 0) {
                return total == 0 ? -1 : total;
            }
            total += r;
        }
        return total;
    }

    /** Like {@link #readFully(byte[], int, int)} into {@code dst}'s remaining space. */
    int readFully(ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int r = read(dst);
            if (r < 0) {
                return total == 0 ? -1 : total;
            }
            total += r;
        }
        return total;
    }

    /** Forgets the (fully read) look-ahead buffer, shrinking it back if it grew. */
    private void drop() {
        base += lim;
        pos = 0;
        lim = 0;
        if (buf.length > 1 << 16) {
            buf = new byte[8192];
        }
    }

    private int fromFile(byte[] dst, int off, int len) throws IOException {
        if (!gzip) {
            int r = channel.read(ByteBuffer.wrap(dst, off, len));
            progress.update(base + lim + Math.max(r, 0));
            return r;
        }
        return prefetch != null ? prefetch.read(ByteBuffer.wrap(dst, off, len)) : gzRead(ByteBuffer.wrap(dst, off, len));
    }

    private byte[] gzScratch;

    private int gzRead(ByteBuffer dst) throws IOException {
        int r;
        if (dst.hasArray()) {
            r = gz.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (r > 0) {
                dst.position(dst.position() + r);
            }
        } else {
            if (gzScratch == null) {
                gzScratch = new byte[1 << 16];
            }
            r = gz.read(gzScratch, 0, Math.min(gzScratch.length, dst.remaining()));
            if (r > 0) {
                dst.put(gzScratch, 0, r);
            }
        }
        progress.update(channel.position());
        return r;
    }

    @Override
    public void close() throws IOException {
        try {
            if (prefetch != null) {
                prefetch.stop();
            }
        } finally {
            try {
                if (gz != null) {
                    gz.close();
                }
            } finally {
                channel.close();
            }
        }
    }

    /** Inflates on a thread of its own, up to {@link #PREFETCH_CHUNKS} chunks ahead of the reader. */
    private final class Prefetch {
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PREFETCH_CHUNKS);
        private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(PREFETCH_CHUNKS + 1);
        private final Thread thread;
        private volatile boolean stopped;
        private byte[] current;
        private int currentPos;
        private int currentLen;
        private boolean ended;

        Prefetch() {
            for (int i = 0; i < PREFETCH_CHUNKS; i++) {
                free.add(new byte[PREFETCH_CHUNK]);
            }
            thread = new Thread(this::run, "torch4j-gzip-inflater");
            thread.setDaemon(true);
            thread.start();
        }

        /** One chunk with its length in the first four bytes' place: a {@code Filled} record. */
        private record Filled(byte[] bytes, int length) {
        }

        private void run() {
            try {
                while (!stopped) {
                    byte[] chunk = free.take();
                    int n = 0;
                    while (n < chunk.length) {
                        int r = gz.read(chunk, n, chunk.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                    progress.update(channel.position());
                    full.put(new Filled(chunk, n));
                    if (n < chunk.length) {
                        full.put(Boolean.TRUE);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // stopped by close
            } catch (Throwable t) {
                full.offer(t);
            }
        }

        int read(ByteBuffer dst) throws IOException {
            while (current == null || currentPos == currentLen) {
                if (current != null) {
                    free.offer(current);
                    current = null;
                }
                if (ended) {
                    return -1;
                }
                Object o;
                try {
                    o = full.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + path);
                }
                if (o instanceof Filled f) {
                    current = f.bytes();
                    currentPos = 0;
                    currentLen = f.length();
                } else if (o instanceof IOException io) {
                    throw io;
                } else if (o instanceof RuntimeException re) {
                    throw re;
                } else if (o instanceof Error err) {
                    throw err;
                } else {
                    ended = true;
                }
            }
            int n = Math.min(dst.remaining(), currentLen - currentPos);
            dst.put(current, currentPos, n);
            currentPos += n;
            return n;
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
