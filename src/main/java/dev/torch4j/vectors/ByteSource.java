package dev.torch4j.vectors;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file's bytes through one reusable buffer, decompressed when the content starts with the gzip
 * magic number (whatever the file's name). Tracks the absolute offset of every buffered byte and
 * reports the file bytes read to a {@link Progress}.
 */
final class ByteSource implements AutoCloseable {
    /** Deflate cannot expand data by more than about 1032 to 1; a gzip file's content is bounded by this. */
    static final long MAX_DEFLATE_RATIO = 1032;

    final Path path;
    final boolean gzip;
    final long fileSize;
    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean eof;

    private ByteSource(Path path, boolean gzip, long fileSize, InputStream in, int bufferSize) {
        this.path = path;
        this.gzip = gzip;
        this.fileSize = fileSize;
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Opens {@code path}, detecting gzip by its first two bytes. */
    static ByteSource open(Path path, int bufferSize, Progress progress) throws IOException {
        long size = Files.size(path);
        InputStream raw = new Counting(Files.newInputStream(path), progress);
        PushbackInputStream peek = new PushbackInputStream(raw, 2);
        byte[] magic = new byte[2];
        int n = peek.readNBytes(magic, 0, 2);
        peek.unread(magic, 0, n);
        boolean gz = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        try {
            InputStream in = gz ? new GZIPInputStream(peek, 1 << 16) : peek;
            return new ByteSource(path, gz, size, in, bufferSize);
        } catch (IOException e) {
            peek.close();
            throw new VectorFormatException(path, -1, 0, false,
                    "expected a gzip header after the gzip magic number: " + e.getMessage());
        }
    }

    /** @return the most bytes the content can have: the file size, or the deflate bound for gzip */
    long maxContentBytes() {
        return gzip ? (fileSize > Long.MAX_VALUE / MAX_DEFLATE_RATIO ? Long.MAX_VALUE : fileSize * MAX_DEFLATE_RATIO)
                : fileSize;
    }

    /** @return the buffer; valid from {@link #pos()} to {@link #limit()} until the next {@link #require} */
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
     * Makes at least {@code n} bytes available from {@link #pos()}, growing the buffer if needed.
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
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, lim);
            buf = bigger;
        }
        while (lim < n) {
            int r = readInto(buf, lim, buf.length - lim, base + lim);
            if (r < 0) {
                eof = true;
                break;
            }
            lim += r;
        }
        return lim - pos;
    }

    /** Copies buffered bytes, then reads from the file, into {@code dst}; -1 at the end. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }
        base += lim;
        pos = 0;
        lim = 0;
        if (eof) {
            return -1;
        }
        int r = readInto(dst, off, len, base);
        if (r < 0) {
            eof = true;
        } else {
            base += r;
        }
        return r;
    }

    /** Reads up to {@code len} bytes, looping until the buffer is full or the content ends. */
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

    /** Reads until {@code len} bytes or the end; {@code at} is the content offset of {@code dst[off]}. */
    private int readInto(byte[] dst, int off, int len, long at) throws IOException {
        int total = 0;
        try {
            while (total < len) {
                int r = in.read(dst, off + total, len - total);
                if (r < 0) {
                    return total == 0 ? -1 : total;
                }
                total += r;
            }
            return total;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new VectorFormatException(path, -1, at + total, gzip,
                    "expected intact gzip data, found: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the file's bytes as they are read, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        private final Progress progress;
        private long count;

        Counting(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.update(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.update(count);
            }
            return n;
        }
    }
}
