package dev.torch4j.vectors;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the rows of a word2vec binary file: a word, a space, {@code dim} little-endian float32, and a
 * row separator that is the same for every row of a file: nothing (gensim's layout), a newline
 * (word2vec.c's) or {@code \r\n} (Windows writers). The first row decides which; a later row that
 * does not end the same way is refused, since the values of a short row would otherwise be read
 * into the next word and garble every row after it.
 *
 * <p>The file is read in chunks into direct buffers. The calling thread finds the rows and takes the
 * words; the float bytes are copied into the tensor's memory by worker threads, chunk by chunk, so
 * that the copying (and the page faults of a fresh tensor) overlap the reading.
 */
final class BinaryReader {
    static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    private static final int CHUNKS = 6;

    /** What ends each row; {@code null} until the second row shows it. */
    private enum Separator {
        NONE(""), NEWLINE("\n"), CRLF("\r\n");

        final String text;

        Separator(String text) {
            this.text = text;
        }
    }

    private final ByteSource src;
    private final Header header;
    private final LoadSettings settings;
    private final long limit;
    private final int rowBytes;
    private final long blockBytes;
    private final int maxWord;
    private final int chunkBytes;

    /**
     * @param maxWord    the longest word accepted, in bytes
     * @param blockBytes bytes per block of target rows, 0 for the default
     * @param chunkBytes bytes read at a time (at least twice the longest word)
     */
    BinaryReader(ByteSource src, Header header, LoadSettings settings, long limit, int maxWord, long blockBytes,
            int chunkBytes) {
        this.src = src;
        this.header = header;
        this.settings = settings;
        this.limit = limit;
        this.rowBytes = 4 * header.dim;
        this.blockBytes = blockBytes;
        this.maxWord = maxWord;
        this.chunkBytes = chunkBytes;
    }

    /** Float bytes of one chunk and where they go, copied by a worker. */
    private static final class Copies {
        final ByteBuffer chunk;
        int n;
        int[] srcOff = new int[256];
        int[] dstOff = new int[256];
        int[] len = new int[256];
        RowSink.Block[] block = new RowSink.Block[256];

        Copies(ByteBuffer chunk) {
            this.chunk = chunk;
        }

        void add(int s, RowSink.Block b, int d, int l) {
            if (n == srcOff.length) {
                srcOff = Arrays.copyOf(srcOff, n * 2);
                dstOff = Arrays.copyOf(dstOff, n * 2);
                len = Arrays.copyOf(len, n * 2);
                block = Arrays.copyOf(block, n * 2);
            }
            srcOff[n] = s;
            dstOff[n] = d;
            len[n] = l;
            block[n] = b;
            n++;
        }

        Copies run() {
            for (int i = 0; i < n; i++) {
                block[i].buffer.put(dstOff[i], chunk, srcOff[i], len[i]);
                block[i] = null;
            }
            return this;
        }
    }

    /**
     * The chunk being parsed and the ones in flight: with a pool, a chunk whose rows are found goes to
     * a worker that copies its float bytes, and comes back once they are copied.
     */
    private final class Chunks {
        final ExecutorService pool;
        final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
        final ArrayDeque<Future<Copies>> copying = new ArrayDeque<>();
        ByteBuffer chunk;
        /** Content offset of {@code chunk}'s byte 0. */
        long base;
        boolean ended;
        Copies copies;

        Chunks(ExecutorService pool, int size) {
            this.pool = pool;
            for (int i = 0; i < (pool != null ? CHUNKS : 2); i++) {
                free.add(ByteBuffer.allocateDirect(size));
            }
            chunk = free.poll();
            chunk.limit(0);
            base = src.offset();
            copies = new Copies(chunk);
        }

        /** Makes {@code n} bytes available from the position, unless the content ends first. */
        void ensure(int n) throws IOException {
            if (chunk.remaining() >= n || ended) {
                return;
            }
            ByteBuffer next = takeFree();
            int tail = chunk.remaining();
            next.put(0, chunk, chunk.position(), tail);
            next.position(tail);
            fill(next, base + chunk.position());
        }

        /** Moves on to the next chunk once this one is used up. @return false at the end of the content */
        boolean more() throws IOException {
            if (ended) {
                return false;
            }
            fill(takeFree(), base + chunk.limit());
            return chunk.hasRemaining();
        }

        private void fill(ByteBuffer next, long nextBase) throws IOException {
            ended = src.readFully(next) < 0 || next.hasRemaining();
            next.flip();
            if (pool != null) {
                copying.add(pool.submit(copies::run));
            } else {
                free.add(chunk);
            }
            chunk = next;
            base = nextBase;
            copies = new Copies(chunk);
        }

        private ByteBuffer takeFree() throws IOException {
            ByteBuffer b = free.poll();
            if (b == null) {
                b = await(copying.poll()).chunk;
            }
            return b.clear();
        }

        /** Waits until every float byte found so far is copied. */
        void drain() throws IOException {
            if (pool != null && copies.n > 0) {
                copying.add(pool.submit(copies::run));
                copies = new Copies(chunk);
            }
            while (!copying.isEmpty()) {
                free.add(await(copying.poll()).chunk);
            }
        }

        /** Waits for the workers without reporting their failures: the caller is already failing. */
        void abandon() {
            for (Future<Copies> f : copying) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // the failure that stopped the reading is the one reported
                }
            }
            copying.clear();
        }
    }

    KeyedVectors read() throws IOException {
        long toRead = Math.min(header.count, limit);
        long minimum = checkSize(toRead);
        long known = src.knownContentBytes();
        boolean proven = known >= 0 && minimum <= known - src.offset();
        WordTable vocabulary = settings.vocabularyTable();
        long alloc = vocabulary == null ? toRead : Math.min(toRead, vocabulary.size());
        WordTable words = new WordTable((int) (proven ? alloc : Math.min(alloc, 1 << 16)));
        int[] keptRows = vocabulary == null ? null : new int[(int) Math.min(alloc, 1 << 16)];
        int threads = settings.threadCount();
        boolean stoppedEarly = false;
        RowSink sink = new RowSink(alloc, header.dim, settings.dtype(), settings.device(), blockBytes, proven);
        RowSink.Block block = null;
        // small files are read on this thread alone: a pool pays off only beyond a few chunks
        long left = src.maxContentBytes() - src.offset();
        ExecutorService pool = proven && threads > 1 && sink.inPlace() && Math.min(left, alloc * rowBytes) > 4L * chunkBytes
                ? Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "torch4j-vector-copier");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        Chunks c = null;
        try {
            c = new Chunks(pool, (int) Math.min(ByteSource.MAX_ARRAY, Math.max(Math.min(chunkBytes, left + 1),
                    2L * (maxWord + 3))));
            byte[] scratch = new byte[maxWord + 1];
            Separator separator = null;
            for (long i = 0; i < toRead; i++) {
                if (vocabulary != null && words.size() == vocabulary.size()) {
                    stoppedEarly = true;
                    break;
                }
                c.ensure(2 + maxWord + 1);
                ByteBuffer chunk = c.chunk;
                int p = chunk.position();
                int lim = chunk.limit();
                if (p == lim) {
                    throw error(c.base + p, "the header promises " + header.count + " vectors, but the file ends after "
                            + i);
                }
                if (i == 1) {
                    separator = p < lim && chunk.get(p) == '\n' ? Separator.NEWLINE
                            : p + 1 < lim && chunk.get(p) == '\r' && chunk.get(p + 1) == '\n' ? Separator.CRLF
                                    : Separator.NONE;
                }
                if (separator != null && separator != Separator.NONE) {
                    for (int k = 0; k < separator.text.length(); k++) {
                        if (p + k >= lim || chunk.get(p + k) != separator.text.charAt(k)) {
                            throw error(c.base + p + k, "vector #" + (i - 1) + " is not followed by "
                                    + (separator == Separator.NEWLINE ? "a newline" : "\\r\\n")
                                    + " as vector #0 is; found " + (p + k >= lim ? "the end of the file"
                                            : "byte 0x" + String.format("%02x", chunk.get(p + k)))
                                    + ": expected every row to hold exactly " + rowBytes + " bytes of float32 values "
                                    + "(is a value missing, or the dimension in the header wrong?)");
                        }
                    }
                    p += separator.text.length();
                    if (p == lim) {
                        throw error(c.base + p, "the header promises " + header.count + " vectors, but the file ends "
                                + "after " + i);
                    }
                }
                long rowOffset = c.base + p;
                int sp = -1;
                for (int k = p, end = Math.min(lim, p + maxWord + 1); k < end; k++) {
                    if (chunk.get(k) == ' ') {
                        sp = k;
                        break;
                    }
                }
                if (sp < 0) {
                    throw error(rowOffset, lim - p <= maxWord
                            ? "truncated vector #" + i + ": expected a word, a space and " + rowBytes
                                    + " bytes of float32 values, found " + (lim - p) + " bytes and the end of the file"
                            : "expected vector #" + i + " to start with a word of at most " + maxWord
                                    + " bytes and a space, found no space");
                }
                int wordLen = sp - p;
                chunk.get(p, scratch, 0, wordLen);
                if (wordLen == 0 || Header.indexOf(scratch, 0, wordLen, (byte) '\n') >= 0) {
                    throw error(rowOffset, "expected vector #" + i + " to start with a word, found '"
                            + Header.printable(scratch, 0, wordLen) + "'" + (wordLen > 0 && scratch[0] == '\n'
                                    && separator == Separator.NONE ? " (a newline after vector #" + (i - 1)
                                            + ", although none follows vector #0)"
                                    : " (is the dimension in the header right?)"));
                }
                byte[] w = scratch;
                int bad = WordDecoder.invalidAt(scratch, 0, wordLen);
                if (bad >= 0) {
                    if (settings.unicodeErrors() == UnicodeErrors.STRICT) {
                        throw error(rowOffset + bad, "invalid UTF-8 in word #" + i + " (byte 0x"
                                + String.format("%02x", scratch[bad] & 0xff) + "): expected UTF-8 text; "
                                + "UnicodeErrors.REPLACE or IGNORE load it anyway");
                    }
                    w = WordDecoder.repair(scratch, 0, wordLen, settings.unicodeErrors());
                    wordLen = w.length;
                }
                boolean keep = vocabulary == null || vocabulary.indexOf(w, 0, wordLen) >= 0;
                int row = words.size();
                if (keep) {
                    int first = words.add(w, 0, wordLen);
                    if (first >= 0) {
                        throw error(rowOffset, "duplicate word '" + Header.printable(w, 0, wordLen) + "' in vector #"
                                + i + " (first in vector #" + (keptRows == null ? first : keptRows[first])
                                + "): expected each word once");
                    }
                    if (keptRows != null) {
                        if (row == keptRows.length) {
                            keptRows = Arrays.copyOf(keptRows, row * 2);
                        }
                        keptRows[row] = (int) i;
                    }
                    if (block == null || !block.contains(row)) {
                        if (block != null) {
                            sink.commit(block);
                        }
                        block = sink.open(row, (int) Math.min(sink.blockRows(), alloc - row));
                    }
                }
                // the float bytes, possibly spread over several chunks
                long vecOffset = c.base + sp + 1;
                chunk.position(sp + 1);
                int done = 0;
                while (done < rowBytes) {
                    if (!c.chunk.hasRemaining() && !c.more()) {
                        throw error(vecOffset, "truncated vector #" + i + " ('" + Header.printable(w, 0, wordLen)
                                + "'): expected " + rowBytes + " bytes of float32 values, found " + done
                                + " before the end of the file");
                    }
                    chunk = c.chunk;
                    int n = Math.min(chunk.remaining(), rowBytes - done);
                    if (keep) {
                        int dst = (int) ((row - block.first) * rowBytes) + done;
                        if (pool != null) {
                            c.copies.add(chunk.position(), block, dst, n);
                        } else {
                            block.buffer.put(dst, chunk, chunk.position(), n);
                        }
                    }
                    chunk.position(chunk.position() + n);
                    done += n;
                }
            }
            c.drain();
            if (block != null) {
                sink.commit(block);
                block = null;
            }
            if (!stoppedEarly && toRead == header.count) {
                checkNothingFollows(c);
            }
            Tensor vectors = sink.finish(words.size());
            return new KeyedVectors(words, vectors);
        } finally {
            // no worker may still be writing into the tensor when it is freed
            if (c != null) {
                c.abandon();
            }
            if (pool != null) {
                pool.shutdown();
            }
            sink.discard(block);
            sink.close();
        }
    }

    private Copies await(Future<Copies> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + src.path);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Refuses a header that promises more rows than the rest of the file can hold, before allocating.
     *
     * @return the fewest bytes the promised rows take
     */
    private long checkSize(long rows) throws VectorFormatException {
        long left = src.maxContentBytes() - src.offset();
        long minimum;
        try {
            minimum = Math.multiplyExact(rows, rowBytes + 2L);
        } catch (ArithmeticException e) {
            minimum = Long.MAX_VALUE;
        }
        if (rows > 0 && minimum > left) {
            throw new VectorFormatException(src.path, 1, 0, false, "the header promises " + header.count
                    + " vectors of dimension " + header.dim + ", which take at least " + minimum + " bytes, but "
                    + (src.gzip ? "this gzip file of " + src.fileSize + " bytes can hold at most " + left
                            : "the file has " + left + " bytes after the header"));
        }
        return minimum;
    }

    /** After the promised rows only whitespace may follow. */
    private void checkNothingFollows(Chunks c) throws IOException {
        do {
            ByteBuffer chunk = c.chunk;
            for (int i = chunk.position(); i < chunk.limit(); i++) {
                byte b = chunk.get(i);
                if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                    throw error(c.base + i, "the header promises " + header.count + " vectors, but more data follows them");
                }
            }
            chunk.position(chunk.limit());
        } while (c.more());
    }

    private VectorFormatException error(long offset, String problem) {
        return new VectorFormatException(src.path, -1, offset, src.gzip, problem);
    }
}
