package dev.torch4j.vectors;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Reads text rows, one vector per line, spread over threads: the calling thread cuts the file into
 * chunks of whole lines and counts them (so each chunk knows its first row and line), workers parse
 * the chunks into the rows of the target tensor, and the calling thread takes the words in file
 * order, checking for duplicates.
 *
 * <p>Two layouts: word2vec text ({@code word v1 ... vd}, exactly {@code dim + 1} space-separated
 * fields, as gensim splits them) and GloVe (the last {@code dim} fields are the vector, everything
 * before them the word, which may contain spaces).
 */
final class TextReader {
    static final int DEFAULT_CHUNK_BYTES = 1 << 20;

    private final ByteSource src;
    private final boolean glove;
    private final int dim;
    private final long rows;
    private final long firstLine;
    private final LoadSettings settings;
    private final String promise;
    private final int chunkBytes;
    private final long blockBytes;
    private final Set<String> vocabulary;
    /** Chunk buffers back from the workers, reused so that reading allocates no garbage per chunk. */
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /**
     * @param rows      rows to read (the header count or limit, or the counted lines)
     * @param firstLine the line number of the first row
     * @param promise   for word2vec text, how the header count reads in messages; null for GloVe, and
     *                  also when only a limited number of rows is read, so nothing after them is checked
     * @param chunkBytes bytes of text per parsing task
     * @param blockBytes bytes per block of target rows when filtering by vocabulary, 0 for the default
     */
    TextReader(ByteSource src, boolean glove, int dim, long rows, long firstLine, LoadSettings settings,
            String promise, int chunkBytes, long blockBytes) {
        this.src = src;
        this.glove = glove;
        this.dim = dim;
        this.rows = rows;
        this.firstLine = firstLine;
        this.settings = settings;
        this.promise = promise;
        this.chunkBytes = chunkBytes;
        this.blockBytes = blockBytes;
        this.vocabulary = settings.vocabulary();
    }

    /** A run of whole lines and, once parsed, their words (and kept values when filtering). */
    private static final class Chunk {
        byte[] bytes;
        final int length;
        final long firstRow;
        final long firstLine;
        final long offset;
        final int lines;
        String[] words;
        int kept;
        long[] keptLines;
        float[][] keptValues;

        Chunk(byte[] bytes, int length, long firstRow, long firstLine, long offset, int lines) {
            this.bytes = bytes;
            this.length = length;
            this.firstRow = firstRow;
            this.firstLine = firstLine;
            this.offset = offset;
            this.lines = lines;
        }
    }

    KeyedVectors read() throws IOException {
        long alloc = vocabulary == null ? rows : Math.min(rows, vocabulary.size());
        WordIndex index = new WordIndex((int) alloc);
        long[] lineOf = vocabulary == null ? null : new long[(int) alloc];
        int threads = settings.threadCount();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "torch4j-vector-parser");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
        RowSink sink = new RowSink(alloc, dim, settings.dtype(), settings.device(), blockBytes);
        RowSink.Block[] keptBlock = new RowSink.Block[1];
        try {
            long submitted = 0;
            long line = firstLine;
            long offset = src.offset();
            byte[] carry = new byte[0];
            int carryLen = 0;
            int size = chunkBytes;
            boolean eof = false;
            boolean allFound = false;
            while (submitted < rows && !allFound && !(eof && carryLen == 0)) {
                byte[] chunk = buffer(Math.max(size, carryLen + 1));
                System.arraycopy(carry, 0, chunk, 0, carryLen);
                int n = carryLen;
                int r = src.readFully(chunk, n, chunk.length - n);
                if (r > 0) {
                    n += r;
                }
                eof = n < chunk.length;
                long want = rows - submitted;
                int lines = 0;
                int cut = 0;
                for (int i = 0; i < n && lines < want; i++) {
                    if (chunk[i] == '\n') {
                        lines++;
                        cut = i + 1;
                    }
                }
                if (eof && lines < want && cut < n && !blank(chunk, cut, n)) {
                    lines++;
                    cut = n;
                }
                carryLen = n - cut;
                carry = Arrays.copyOfRange(chunk, cut, n);
                if (lines == 0) {
                    if (eof) {
                        break;
                    }
                    size *= 2;
                    continue;
                }
                size = chunkBytes;
                Chunk c = new Chunk(chunk, cut, submitted, line, offset, lines);
                pending.add(submit(pool, () -> parse(c, sink)));
                submitted += lines;
                line += lines;
                offset += cut;
                while (!pending.isEmpty() && (pending.peek().isDone() || pending.size() >= 2 * threads)) {
                    take(pending.poll(), index, lineOf, sink, keptBlock);
                }
                allFound = vocabulary != null && index.size() == vocabulary.size();
            }
            while (!pending.isEmpty()) {
                take(pending.poll(), index, lineOf, sink, keptBlock);
            }
            if (keptBlock[0] != null) {
                sink.commit(keptBlock[0]);
                keptBlock[0] = null;
            }
            allFound |= vocabulary != null && index.size() == vocabulary.size();
            if (submitted < rows && !allFound) {
                throw new VectorFormatException(src.path, line, offset + carryLen, src.gzip, (promise != null
                        ? promise : "the line count promises " + rows + " vectors") + ", but the file ends after "
                        + submitted);
            }
            if (promise != null && !allFound) {
                checkNothingFollows(carry, carryLen, line, offset);
            }
            Tensor vectors = sink.finish(index.size());
            return new KeyedVectors(index, vectors);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sink.discard(keptBlock[0]);
            sink.close();
        }
    }

    private static Future<Chunk> submit(ExecutorService pool, java.util.concurrent.Callable<Chunk> task) {
        if (pool != null) {
            return pool.submit(task);
        }
        FutureTask<Chunk> f = new FutureTask<>(task);
        f.run();
        return f;
    }

    /** Adds a parsed chunk's words in file order; when filtering, also writes its kept rows. */
    private void take(Future<Chunk> future, WordIndex index, long[] lineOf, RowSink sink, RowSink.Block[] block)
            throws IOException {
        Chunk c;
        try {
            c = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + src.path);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
        if (vocabulary == null) {
            for (int k = 0; k < c.lines; k++) {
                int first = index.add(c.words[k]);
                if (first >= 0) {
                    throw duplicate(c.words[k], c.firstLine + k, firstLine + first);
                }
            }
            return;
        }
        for (int k = 0; k < c.kept; k++) {
            int row = index.size();
            int first = index.add(c.words[k]);
            if (first >= 0) {
                throw duplicate(c.words[k], c.keptLines[k], lineOf[first]);
            }
            lineOf[row] = c.keptLines[k];
            if (block[0] == null || !block[0].contains(row)) {
                if (block[0] != null) {
                    sink.commit(block[0]);
                }
                block[0] = sink.open(row, (int) Math.min(sink.blockRows(), sink.rows() - row));
            }
            int base = (int) ((row - block[0].first) * dim * 4);
            float[] v = c.keptValues[k];
            for (int f = 0; f < dim; f++) {
                block[0].buffer.putFloat(base + 4 * f, v[f]);
            }
        }
    }

    private VectorFormatException duplicate(String word, long line, long firstAt) {
        return new VectorFormatException(src.path, line, -1, src.gzip, "duplicate word '" + word
                + "': expected each word once, it is already on line " + firstAt);
    }

    /** Parses one chunk on a worker thread. */
    private Chunk parse(Chunk c, RowSink sink) throws VectorFormatException {
        WordDecoder decoder = new WordDecoder(settings.unicodeErrors());
        RowSink.Block block = vocabulary == null ? sink.open(c.firstRow, c.lines) : null;
        c.words = new String[vocabulary == null ? c.lines : Math.min(c.lines, 64)];
        if (vocabulary != null) {
            c.keptLines = new long[c.words.length];
            c.keptValues = new float[c.words.length][];
        }
        try {
            byte[] b = c.bytes;
            int s = 0;
            for (int k = 0; k < c.lines; k++) {
                int nl = Header.indexOf(b, s, c.length, (byte) '\n');
                int e = nl < 0 ? c.length : nl;
                parseLine(c, k, s, e, decoder, block);
                s = e + 1;
            }
            if (block != null) {
                sink.commit(block);
                block = null;
            }
        } finally {
            sink.discard(block);
        }
        recycle(c.bytes);
        c.bytes = null;
        return c;
    }

    private byte[] buffer(int size) {
        synchronized (free) {
            byte[] b = free.poll();
            if (b != null && b.length == size) {
                return b;
            }
        }
        return new byte[size];
    }

    private void recycle(byte[] b) {
        if (b.length == chunkBytes) {
            synchronized (free) {
                free.push(b);
            }
        }
    }

    private void parseLine(Chunk c, int k, int s, int e, WordDecoder decoder, RowSink.Block block)
            throws VectorFormatException {
        byte[] b = c.bytes;
        long line = c.firstLine + k;
        long lineOffset = c.offset + s;
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        if (e == s) {
            throw error(line, lineOffset, "expected a word and " + dim + " values, found an empty line");
        }
        if (b[s] == ' ') {
            throw error(line, lineOffset, "expected a word before the values, found a line starting with a space");
        }
        int wordEnd;
        if (glove) {
            wordEnd = e;
            for (int f = 0; f < dim; f++) {
                wordEnd = lastIndexOf(b, s, wordEnd, (byte) ' ');
                if (wordEnd < 0) {
                    throw error(line, lineOffset, "expected a word and " + dim + " values, found "
                            + fields(b, s, e) + " fields");
                }
            }
        } else {
            wordEnd = Header.indexOf(b, s, e, (byte) ' ');
            if (wordEnd < 0) {
                throw error(line, lineOffset, "expected a word and " + dim + " values, found 1 field");
            }
        }
        String word = decoder.decode(b, s, wordEnd - s);
        if (word == null) {
            int bad = decoder.errorIndex;
            throw error(line, c.offset + bad, "invalid UTF-8 in the word (byte 0x" + String.format("%02x", b[bad] & 0xff)
                    + "): expected UTF-8 text; UnicodeErrors.REPLACE or IGNORE load it anyway");
        }
        boolean keep = vocabulary == null || vocabulary.contains(word);
        if (!keep) {
            if (!glove && fields(b, wordEnd + 1, e) != dim) {
                throw error(line, lineOffset, "expected " + dim + " values after the word, found "
                        + fields(b, wordEnd + 1, e));
            }
            return;
        }
        float[] kept = block == null ? new float[dim] : null;
        int base = block == null ? 0 : k * dim * 4;
        int f = 0;
        int q = wordEnd + 1;
        while (true) {
            int sp = Header.indexOf(b, q, e, (byte) ' ');
            int fe = sp < 0 ? e : sp;
            if (f == dim) {
                throw error(line, lineOffset, "expected " + dim + " values after the word, found "
                        + fields(b, wordEnd + 1, e));
            }
            float v;
            try {
                v = FloatParser.parse(b, q, fe);
            } catch (FloatParser.NotANumber x) {
                throw error(line, c.offset + q, "expected a number as value " + (f + 1) + " of " + dim + ", found '"
                        + Header.printable(b, q, Math.min(fe - q, 40)) + "'");
            }
            if (kept != null) {
                kept[f] = v;
            } else {
                block.buffer.putFloat(base + 4 * f, v);
            }
            f++;
            if (sp < 0) {
                break;
            }
            q = sp + 1;
        }
        if (f != dim) {
            throw error(line, lineOffset, "expected " + dim + " values after the word, found " + f);
        }
        if (kept != null) {
            if (c.kept == c.words.length) {
                int grown = Math.min(c.lines, c.kept * 2);
                c.words = Arrays.copyOf(c.words, grown);
                c.keptLines = Arrays.copyOf(c.keptLines, grown);
                c.keptValues = Arrays.copyOf(c.keptValues, grown);
            }
            c.words[c.kept] = word;
            c.keptLines[c.kept] = line;
            c.keptValues[c.kept] = kept;
            c.kept++;
        } else {
            c.words[k] = word;
        }
    }

    /** After the promised rows only whitespace may follow. */
    private void checkNothingFollows(byte[] carry, int carryLen, long line, long offset) throws IOException {
        byte[] b = carry;
        int n = carryLen;
        while (true) {
            for (int i = 0; i < n; i++) {
                if (!isSpace(b[i]) && b[i] != '\n') {
                    throw new VectorFormatException(src.path, line, offset + i, src.gzip, promise
                            + ", but more data follows them");
                }
                if (b[i] == '\n') {
                    line++;
                }
            }
            offset += n;
            b = new byte[1 << 16];
            n = src.readFully(b, 0, b.length);
            if (n <= 0) {
                return;
            }
        }
    }

    private VectorFormatException error(long line, long offset, String problem) {
        return new VectorFormatException(src.path, line, offset, src.gzip, problem);
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1f);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSpace(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte value) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static int fields(byte[] b, int s, int e) {
        if (e <= s) {
            return 0;
        }
        int n = 1;
        for (int i = s; i < e; i++) {
            if (b[i] == ' ') {
                n++;
            }
        }
        return n;
    }
}
