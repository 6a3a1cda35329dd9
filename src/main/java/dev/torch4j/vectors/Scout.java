package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Skips ahead, on a thread of its own, through one segment of a mapped word2vec binary file that a
 * vocabulary filters, so that a filtered load uses every core: the rows of a segment are found
 * while the calling thread is still in the segments before it.
 *
 * <p>A row's start can only be known by reading every row before it (a word has any length, and the
 * values any bytes). The scout guesses: from its segment's first byte it looks for a place where
 * {@link #SYNC_ROWS} well-formed rows follow one another, and starts at the end of the first of them
 * (a guess inside the first row's word still ends that row where the file does). It then walks the
 * rows as the calling thread would, noting the rows it cannot skip (a word the vocabulary may hold,
 * or anything unusual) and stopping at the first row at or after the next segment's start, or at a
 * row it cannot read. The guess is only ever used where it is proven: the calling thread, walking the
 * rows itself, takes the scout's work only when it lands exactly on the scout's start; it then reads
 * the noted rows with its own full checks and goes on from the scout's end. A wrong guess costs time,
 * never a different result.
 */
final class Scout implements Callable<Scout> {
    /** Well-formed rows in a row that a start must be followed by. */
    static final int SYNC_ROWS = 64;

    private final ByteSource src;
    /** Content offsets: where the segment starts, and where the next one does (or the file ends). */
    final long from;
    final long to;
    private final int sep;
    private final int maxWord;
    private final int rowBytes;
    private final BinaryReader.Skipper skipper;
    private final int window;
    private volatile boolean stopped;

    /** The row start the scout found, or -1 when it found none or was stopped. */
    long start = -1;
    /** Where it stopped: the first row start at or after {@link #to}, or a row it could not read. */
    long end;
    /** Rows from {@link #start} to {@link #end}. */
    long rows;
    /** The rows it could not skip: their content offsets and their indices counted from {@link #start}. */
    long[] offsets = new long[16];
    long[] indices = new long[16];
    int noted;

    /**
     * @param sep    the row separator's length (0, 1 for a newline, 2 for \r\n)
     * @param window the bytes mapped at a time; enough for {@link #SYNC_ROWS} + 2 of the longest rows
     */
    Scout(ByteSource src, long from, long to, int sep, int maxWord, int rowBytes, WordTable vocabulary, int window) {
        this.src = src;
        this.from = from;
        this.to = to;
        this.sep = sep;
        this.maxWord = maxWord;
        this.rowBytes = rowBytes;
        this.skipper = new BinaryReader.Skipper(sep, maxWord, rowBytes, vocabulary);
        this.window = window;
    }

    /** Bytes a scout's windows must span: the sync rows and the row after them, at their longest. */
    static long windowFor(int sep, int maxWord, int rowBytes) {
        return (SYNC_ROWS + 2L) * (sep + maxWord + 1L + rowBytes);
    }

    /** Asks the scout to stop soon; it then reports no start. */
    void stop() {
        stopped = true;
    }

    /**
     * Walks the segment. A scout that cannot map or read its windows gives up (no start): the calling
     * thread then reads the segment itself and reports what goes wrong there in file order.
     */
    @Override
    public Scout call() {
        try {
            walk();
        } catch (IOException | InternalError e) {
            // InternalError: the JVM's report of an access fault in a mapping (the file shrank)
            start = -1;
        }
        return this;
    }

    private void walk() throws IOException {
        long base = from;
        FileWindows.Window w = map(base);
        try {
            ByteBuffer b = w.buffer;
            int lim = b.limit();
            int p = sync(b, lim);
            if (p < 0) {
                return;
            }
            long found = base + p;
            while (base + p < to) {
                if (stopped) {
                    return;
                }
                int q = skipper.skip(b, p, lim, (int) Math.min(lim, to - base), BinaryReader.SKIP_BATCH);
                if (q != p) {
                    p = q;
                    continue;
                }
                int next = rowEnd(b, p, lim, sep, maxWord, rowBytes);
                if (next < 0) {
                    if (p == 0 || base + lim >= src.fileSize) {
                        break; // a row the calling thread reads (and reports) itself
                    }
                    // the row may run past the window: the next window starts with it
                    w.close();
                    base += p;
                    w = map(base);
                    b = w.buffer;
                    lim = b.limit();
                    p = 0;
                    continue;
                }
                note(base + p, skipper.rows + noted);
                p = next;
            }
            rows = skipper.rows + noted;
            end = base + p;
            start = found;
        } finally {
            w.close();
        }
    }

    private FileWindows.Window map(long at) throws IOException {
        return src.map(at, Math.max(0, Math.min(window, src.fileSize - at)), false);
    }

    /**
     * @return the first row start after a run of {@link #SYNC_ROWS} well-formed rows from a position
     *         among the window's first row's bytes, or -1 when there is none
     */
    private int sync(ByteBuffer b, int lim) {
        int longest = sep + maxWord + 1 + rowBytes;
        for (int q = 0; q < Math.min(longest, lim) && !stopped; q++) {
            int p = q;
            int k = 0;
            for (; k < SYNC_ROWS; k++) {
                int next = rowEnd(b, p, lim, sep, maxWord, rowBytes);
                if (next < 0) {
                    break;
                }
                p = next;
            }
            if (k == SYNC_ROWS) {
                return rowEnd(b, q, lim, sep, maxWord, rowBytes);
            }
        }
        return -1;
    }

    private void note(long offset, long index) {
        if (noted == offsets.length) {
            offsets = Arrays.copyOf(offsets, noted * 2);
            indices = Arrays.copyOf(indices, noted * 2);
        }
        offsets[noted] = offset;
        indices[noted] = index;
        noted++;
    }

    /**
     * The end of the row at {@code p} when its shape is what a row needs, whatever its word: its
     * {@code sep} separator bytes, a word of 1 to {@code maxWord} bytes without a newline, a space and
     * {@code rowBytes} value bytes, all before {@code lim}; else -1.
     */
    static int rowEnd(ByteBuffer b, int p, int lim, int sep, int maxWord, int rowBytes) {
        int q = p + sep;
        if (q >= lim || (sep > 0 && b.get(q - 1) != '\n') || (sep == 2 && b.get(p) != '\r')) {
            return -1;
        }
        int stop = Math.min(lim, q + maxWord + 1);
        for (int k = q; k < stop; k++) {
            byte x = b.get(k);
            if (x == ' ') {
                int next = k + 1 + rowBytes;
                return k > q && next <= lim ? next : -1;
            }
            if (x == '\n') {
                return -1;
            }
        }
        return -1;
    }
}
