package dev.torch4j.vectors;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Reads text rows, one vector per line, spread over threads: the calling thread cuts the content into
 * chunks of whole lines and counts them (so each chunk knows its first row and line), workers parse
 * the chunks into the rows of the target tensor, and the calling thread takes the words in file
 * order, checking for duplicates. The first error in file order is the one reported.
 *
 * <p>Two layouts. word2vec text: {@code word v1 ... vd}, exactly {@code dim + 1} space-separated
 * fields, as gensim splits them. GloVe: the last {@code dim} fields are the vector and everything
 * before them the word, which may contain spaces (GloVe 840B has {@code ". . ."} and
 * {@code "at name@domain.com"}); but a word of several space-separated parts may not have a part that
 * is a decimal number. Such a part is a value the dimension did not take: either the line has more
 * values than the dimension, or a newline between two lines was lost ({@code "c 5 6 d 7 8"} for
 * {@code "c 5 6"} and {@code "d 7 8"}). Guessing a word there would load garbage, so the line is
 * refused. A one-part word may be a number ({@code "1"}, {@code "1990"} are common tokens).
 */
final class TextReader {
    static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteSource src;
    private final boolean glove;
    private final int dim;
    private final long rows;
    private final boolean proven;
    private final long firstLine;
    private final LoadSettings settings;
    private final String promise;
    private final boolean checkTail;
    private final String dimOrigin;
    private final int chunkBytes;
    private final long blockBytes;
    private final WordTable vocabulary;
    /** When filtering: the line of each kept word, for duplicate messages. */
    private long[] lineOf;
    /** When filtering: the block the kept rows are written to. */
    private RowSink.Block keptBlock;
    /** Chunk buffers back from the workers, reused so that reading allocates no garbage per chunk. */
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /**
     * @param rows       the lines to read: exactly these many when {@code proven} or {@code promise} is
     *                   set, else at most these many (the content decides)
     * @param proven     whether the content is known to hold {@code rows} lines of {@code dim} values
     *                   (then the tensor is allocated at once), rather than only claimed to
     * @param firstLine  the line number of the first row
     * @param promise    how the expected count reads in messages ("the header promises 5 vectors"), or
     *                   null when the content decides how many rows there are
     * @param checkTail  whether only whitespace may follow the rows (false when a limit stops early)
     * @param dimOrigin  where the dimension comes from, for messages ("the header", "the first lines")
     * @param chunkBytes bytes of text per parsing task
     * @param blockBytes bytes per block of target rows when filtering by vocabulary, 0 for the default
     */
    TextReader(ByteSource src, boolean glove, int dim, long rows, boolean proven, long firstLine,
            LoadSettings settings, String promise, boolean checkTail, String dimOrigin, int chunkBytes,
            long blockBytes) {
        this.src = src;
        this.glove = glove;
        this.dim = dim;
        this.rows = rows;
        this.proven = proven;
        this.firstLine = firstLine;
        this.settings = settings;
        this.promise = promise;
        this.checkTail = checkTail;
        this.dimOrigin = dimOrigin;
        this.chunkBytes = chunkBytes;
        this.blockBytes = blockBytes;
        this.vocabulary = settings.vocabularyTable();
    }

    /** A run of whole lines and, once parsed, their words (and kept values when filtering). */
    private static final class Chunk {
        byte[] bytes;
        final int length;
        final long firstRow;
        final long firstLine;
        final long offset;
        final int lines;
        /** The words of the parsed (or kept) lines: their bytes one after the other. */
        byte[] wordBytes;
        int wordBytesUsed;
        int[] wordEnd;
        int[] wordHash;
        int words;
        long[] keptLines;
        float[][] keptValues;
        /** Lines parsed without error; all of them unless {@link #error} is set. */
        int parsed;
        VectorFormatException error;

        Chunk(byte[] bytes, int length, long firstRow, long firstLine, long offset, int lines) {
            this.bytes = bytes;
            this.length = length;
            this.firstRow = firstRow;
            this.firstLine = firstLine;
            this.offset = offset;
            this.lines = lines;
        }

        void addWord(byte[] b, int off, int len, int hash) {
            if (words == wordEnd.length) {
                int n = Math.max(8, words * 2);
                wordEnd = Arrays.copyOf(wordEnd, n);
                wordHash = Arrays.copyOf(wordHash, n);
            }
            if (wordBytesUsed + len > wordBytes.length) {
                wordBytes = Arrays.copyOf(wordBytes, Math.max(wordBytes.length * 2, wordBytesUsed + len));
            }
            System.arraycopy(b, off, wordBytes, wordBytesUsed, len);
            wordBytesUsed += len;
            wordEnd[words] = wordBytesUsed;
            wordHash[words] = hash;
            words++;
        }
    }

    KeyedVectors read() throws IOException {
        long alloc = vocabulary == null ? rows : Math.min(rows, vocabulary.size());
        WordTable index = new WordTable((int) Math.min(proven ? alloc : Math.min(alloc, 1 << 16), Integer.MAX_VALUE - 8));
        lineOf = vocabulary == null ? null : new long[(int) Math.min(alloc, 1 << 16)];
        // small files are parsed on this thread alone: a pool pays off only beyond a few chunks
        long left = src.maxContentBytes() - src.offset();
        int chunkSize = (int) Math.max(1, Math.min(chunkBytes, left + 1));
        int threads = left > 2L * chunkBytes ? settings.threadCount() : 1;
        if (threads > 1) {
            src.inflateAhead();
        }
        ExecutorService pool = threads > 1 ? Workers.pool(threads, "torch4j-vector-parser") : null;
        ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
        RowSink sink = new RowSink(alloc, dim, settings.dtype(), settings.device(), blockBytes, proven);
        try {
            long submitted = 0;
            long line = firstLine;
            long offset = src.offset();
            byte[] carry = new byte[0];
            int carryLen = 0;
            int size = chunkSize;
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
                int cut = lastNewline(chunk, n) + 1;
                int lines = countNewlines(chunk, 0, cut);
                if (lines > want) {
                    cut = nthNewline(chunk, cut, (int) want) + 1;
                    lines = (int) want;
                }
                if (eof && lines < want && cut < n && !blank(chunk, cut, n)) {
                    lines++;
                    cut = n;
                }
                carryLen = n - cut;
                if (carry.length < carryLen) {
                    carry = new byte[Math.max(carryLen, carry.length * 2)];
                }
                System.arraycopy(chunk, cut, carry, 0, carryLen);
                if (lines == 0) {
                    recycle(chunk);
                    if (eof) {
                        break;
                    }
                    size = (int) Math.min(ByteSource.MAX_ARRAY, size * 2L);
                    continue;
                }
                size = chunkSize;
                Chunk c = new Chunk(chunk, cut, submitted, line, offset, lines);
                pending.add(submit(pool, () -> parse(c, sink)));
                submitted += lines;
                line += lines;
                offset += cut;
                while (!pending.isEmpty() && (pending.peek().isDone() || pending.size() >= 2 * threads)) {
                    take(pending.poll(), index, sink);
                }
                allFound = vocabulary != null && index.size() == vocabulary.size();
            }
            while (!pending.isEmpty()) {
                take(pending.poll(), index, sink);
            }
            if (keptBlock != null) {
                sink.commit(keptBlock);
                keptBlock = null;
            }
            allFound |= vocabulary != null && index.size() == vocabulary.size();
            if (promise != null && submitted < rows && !allFound) {
                throw new VectorFormatException(src.path, line, offset + carryLen, src.gzip, promise
                        + ", but the file ends after " + submitted);
            }
            if (checkTail && !allFound) {
                checkNothingFollows(carry, carryLen, line, offset);
            }
            Tensor vectors = sink.finish(vocabulary == null ? submitted : index.size());
            return new KeyedVectors(index, vectors);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    // no worker may still be writing into the tensor when it is freed
                    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sink.discard(keptBlock);
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
    private void take(Future<Chunk> future, WordTable index, RowSink sink) throws IOException {
        Chunk c = Workers.await(future, src.path);
        if (vocabulary == null) {
            int dup = index.addAll(c.wordBytes, c.wordEnd, c.wordHash, c.words);
            if (dup >= 0) {
                int from = dup == 0 ? 0 : c.wordEnd[dup - 1];
                int len = c.wordEnd[dup] - from;
                throw new VectorFormatException(src.path, c.firstLine + dup, -1, src.gzip, "duplicate word '"
                        + Header.printable(c.wordBytes, from, len) + "': expected each word once, it is already on line "
                        + (firstLine + index.indexOf(c.wordBytes, from, len)));
            }
            if (c.error != null) {
                throw c.error;
            }
            return;
        }
        int start = 0;
        for (int k = 0; k < c.words; k++) {
            int end = c.wordEnd[k];
            int row = index.size();
            int first = index.add(c.wordBytes, start, end - start, c.wordHash[k]);
            long line = vocabulary == null ? c.firstLine + k : c.keptLines[k];
            if (first >= 0) {
                throw new VectorFormatException(src.path, line, -1, src.gzip, "duplicate word '"
                        + Header.printable(c.wordBytes, start, end - start) + "': expected each word once, it is already "
                        + "on line " + lineOf[first]);
            }
            start = end;
            if (vocabulary == null) {
                continue;
            }
            if (row == lineOf.length) {
                lineOf = Arrays.copyOf(lineOf, row * 2);
            }
            lineOf[row] = line;
            if (keptBlock == null || !keptBlock.contains(row)) {
                if (keptBlock != null) {
                    sink.commit(keptBlock);
                }
                keptBlock = sink.open(row, (int) Math.min(sink.blockRows(), sink.rows() - row));
            }
            int base = (int) ((row - keptBlock.first) * dim * 4);
            float[] v = c.keptValues[k];
            for (int f = 0; f < dim; f++) {
                keptBlock.buffer.putFloat(base + 4 * f, v[f]);
            }
        }
        if (c.error != null) {
            throw c.error;
        }
    }

    /** Parses one chunk on a worker thread; a malformed line ends it, with the lines before it kept. */
    private Chunk parse(Chunk c, RowSink sink) {
        FloatParser parser = new FloatParser();
        int expected = vocabulary == null ? c.lines : Math.min(c.lines, 64);
        c.wordEnd = new int[expected];
        c.wordHash = new int[expected];
        c.wordBytes = new byte[Math.max(64, expected * 12)];
        if (vocabulary != null) {
            c.keptLines = new long[expected];
            c.keptValues = new float[expected][];
        }
        RowSink.Block block = null;
        try {
            byte[] b = c.bytes;
            int s = 0;
            // a valid line takes at least 2 * dim + 1 bytes, so the chunk cannot fill more rows than this
            // before a line of it fails: blocks never exceed what the chunk's bytes can hold
            long cap = Math.min(c.lines, c.length / (2L * dim + 1) + 1);
            int perBlock = (int) Math.max(1, Math.min(Integer.MAX_VALUE / (4L * dim), sink.blockRows()));
            for (int k = 0; k < c.lines; k++) {
                if (vocabulary == null && (block == null || !block.contains(c.firstRow + k))) {
                    if (block != null) {
                        sink.commit(block);
                    }
                    block = sink.open(c.firstRow + k, (int) Math.min(perBlock, Math.max(1, cap - k)));
                }
                int nl = Header.indexOf(b, s, c.length, (byte) '\n');
                int e = nl < 0 ? c.length : nl;
                parseLine(c, k, s, e, parser, block);
                c.parsed++;
                s = e + 1;
            }
            if (block != null) {
                sink.commit(block);
                block = null;
            }
        } catch (VectorFormatException e) {
            c.error = e;
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
        if (b.length <= chunkBytes) {
            synchronized (free) {
                if (free.size() < 16) {
                    free.push(b);
                }
            }
        }
    }

    private void parseLine(Chunk c, int k, int s, int e, FloatParser parser, RowSink.Block block)
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
        // the word is the first field, unless a GloVe line has more: then all but the last dim fields
        int wordEnd = Header.indexOf(b, s, e, (byte) ' ');
        if (wordEnd < 0) {
            throw error(line, lineOffset, "expected a word and " + dim + " values, found 1 field");
        }
        boolean keep = true;
        int base = 0;
        float[] kept = null;
        // the common line, a one-part word and exactly dim numbers, in one pass; anything else again
        // below, where each way it can differ is told apart and reported
        boolean done = vocabulary == null && tryValues(b, wordEnd + 1, e, parser, block.buffer,
                base = (int) ((c.firstRow + k - block.first) * dim * 4));
        if (!done && (glove || vocabulary != null)) {
            int fields = fields(b, s, e);
            if (fields != dim + 1) {
                if (!glove || fields < dim + 1) {
                    throw error(line, lineOffset, glove ? "expected a word and " + dim + " values, found " + fields
                            + " fields" : "expected " + dim + " values after the word, found " + (fields - 1));
                }
                wordEnd = e;
                for (int f = 0; f < dim; f++) {
                    wordEnd = lastIndexOf(b, s, wordEnd, (byte) ' ');
                }
                checkWordParts(b, s, wordEnd, line, lineOffset);
            }
        }
        int wordLen = wordEnd - s;
        byte[] w = b;
        int wOff = s;
        int bad = WordDecoder.invalidAt(b, s, wordLen);
        if (bad >= 0) {
            if (settings.unicodeErrors() == UnicodeErrors.STRICT) {
                throw error(line, c.offset + bad, "invalid UTF-8 in the word (byte 0x"
                        + String.format("%02x", b[bad] & 0xff) + "): expected UTF-8 text; UnicodeErrors.REPLACE or "
                        + "IGNORE load it anyway");
            }
            w = WordDecoder.repair(b, s, wordLen, settings.unicodeErrors());
            wOff = 0;
            wordLen = w.length;
        }
        int hash = WordTable.hash(w, wOff, wordLen);
        if (vocabulary != null) {
            keep = vocabulary.indexOf(w, wOff, wordLen) >= 0;
            if (!keep) {
                return;
            }
            kept = new float[dim];
        }
        int f = done ? dim : 0;
        int q = wordEnd + 1;
        while (!done) {
            if (f == dim) {
                throw error(line, lineOffset, "expected " + dim + " values after the word, found "
                        + fields(b, wordEnd + 1, e));
            }
            float v;
            try {
                v = parser.field(b, q, e);
            } catch (FloatParser.NotANumber x) {
                int fe = q;
                while (fe < e && b[fe] != ' ') {
                    fe++;
                }
                throw error(line, c.offset + q, "expected a number as value " + (f + 1) + " of " + dim + ", found '"
                        + Header.printable(b, q, Math.min(fe - q, 40)) + "'");
            }
            if (kept != null) {
                kept[f] = v;
            } else {
                block.buffer.putFloat(base + 4 * f, v);
            }
            f++;
            if (parser.end >= e) {
                break;
            }
            q = parser.end + 1;
        }
        if (f != dim) {
            throw error(line, lineOffset, "expected " + dim + " values after the word, found " + f);
        }
        if (kept != null) {
            if (c.words == c.keptLines.length) {
                int grown = Math.min(c.lines, Math.max(8, c.words * 2));
                c.keptLines = Arrays.copyOf(c.keptLines, grown);
                c.keptValues = Arrays.copyOf(c.keptValues, grown);
            }
            c.keptLines[c.words] = line;
            c.keptValues[c.words] = kept;
        }
        c.addWord(w, wOff, wordLen, hash);
    }

    /**
     * Parses exactly {@code dim} values from {@code q} to the line's end {@code e} into {@code out}.
     *
     * @return false, with {@code out} partly written, when a field is not a number or there are more
     *         or fewer fields
     */
    private boolean tryValues(byte[] b, int q, int e, FloatParser parser, java.nio.ByteBuffer out, int base) {
        try {
            for (int f = 0; f < dim; f++) {
                out.putFloat(base + 4 * f, parser.field(b, q, e));
                q = parser.end + 1;
                if (parser.end >= e) {
                    return f == dim - 1;
                }
            }
            return false;
        } catch (FloatParser.NotANumber x) {
            return false;
        }
    }

    /**
     * A word of several space-separated parts may not have a part that is a decimal number: that is a
     * value the dimension did not take, from a line with too many values or two lines run together.
     */
    private void checkWordParts(byte[] b, int s, int wordEnd, long line, long lineOffset)
            throws VectorFormatException {
        int p = s;
        while (p <= wordEnd) {
            int sp = Header.indexOf(b, p, wordEnd, (byte) ' ');
            int pe = sp < 0 ? wordEnd : sp;
            if (isDecimal(b, p, pe)) {
                throw error(line, lineOffset, "expected a word and " + dim + " values, found " + fields(b, s, wordEnd)
                        + " fields before the last " + dim + ", and '" + Header.printable(b, p, Math.min(pe - p, 40))
                        + "' among them is a number: the line has more values than the dimension " + dim + " ("
                        + dimOrigin + "), or a newline is missing (words may contain spaces, but no part of a "
                        + "word may be a number)");
            }
            p = pe + 1;
        }
    }

    /** @return whether {@code b[s, e)} is a decimal number (not inf or nan, which are also words) */
    private static boolean isDecimal(byte[] b, int s, int e) {
        int i = s < e && (b[s] == '-' || b[s] == '+') ? s + 1 : s;
        if (i >= e || !((b[i] >= '0' && b[i] <= '9') || b[i] == '.')) {
            return false;
        }
        try {
            FloatParser.parse(b, s, e);
            return true;
        } catch (FloatParser.NotANumber x) {
            return false;
        }
    }

    /** After the promised rows only whitespace may follow. */
    private void checkNothingFollows(byte[] carry, int carryLen, long line, long offset) throws IOException {
        byte[] b = carry;
        int n = carryLen;
        while (true) {
            for (int i = 0; i < n; i++) {
                if (!isSpace(b[i])) {
                    throw new VectorFormatException(src.path, line, offset + i, src.gzip, promise
                            + ", but more data follows them");
                }
                if (b[i] == '\n') {
                    line++;
                }
            }
            offset += n;
            if (b == carry) {
                b = new byte[1 << 16];
            }
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

    /** @return the index of the last newline in {@code b[0, n)}, or -1 */
    private static int lastNewline(byte[] b, int n) {
        return lastIndexOf(b, 0, n, (byte) '\n');
    }

    /** @return how many newlines {@code b[from, to)} holds, eight bytes at a time */
    static int countNewlines(byte[] b, int from, int to) {
        int count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ 0x0a0a0a0a0a0a0a0aL;
            long t = ((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | x;
            count += Long.bitCount(~t & 0x8080808080808080L);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** @return the index of the {@code n}th newline (1-based) in {@code b[0, to)} */
    private static int nthNewline(byte[] b, int to, int n) {
        int seen = 0;
        for (int i = 0; i < to; i++) {
            if (b[i] == '\n' && ++seen == n) {
                return i;
            }
        }
        throw new IllegalStateException("fewer than " + n + " newlines");
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
