package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes GloVe's text format: no header, one word per line followed by its values,
 * separated by single spaces. The vector is the last {@code dim} fields of a line and the word is
 * everything before them, so tokens that contain spaces (GloVe 840B has some, and gensim fails on
 * them) load correctly.
 *
 * <p>The dimension is inferred from the first 100 lines (the most frequent field count, minus one)
 * unless given. A first pass counts the lines eight bytes at a time, so that the tensor is allocated
 * once, at its final size; the second parses chunks of lines on all cores into the tensor's native
 * memory. A gzip file is read once: its rows go to blocks, copied into the tensor at the end.
 *
 * <p>A word may contain spaces, but no part of it may be a decimal number: a line whose word would
 * have one holds more values than the dimension, or is two lines run together by a lost newline, and
 * is refused rather than loaded with a garbled word. See {@link #load(Path, GloVeOptions)}.
 *
 * @see <a href="https://nlp.stanford.edu/projects/glove/">GloVe</a>
 * @see <a href="https://pytorch.org/text/0.9.0/vocab.html#glove">torchtext.vocab.GloVe</a>
 */
public final class GloVe {
    /** Lines whose field counts decide the dimension when it is not given. */
    private static final int SNIFF_LINES = 100;

    private GloVe() {
    }

    /**
     * Loads a GloVe file with the default options.
     *
     * @throws VectorFormatException when the file is malformed
     * @throws IOException           when it cannot be read
     */
    public static KeyedVectors load(Path path) throws IOException {
        return load(path, GloVeOptions.defaults());
    }

    /**
     * Loads a GloVe file (gzip-compressed or not, told by content).
     *
     * @param options maxVectors, dim, vocabulary, Unicode error policy, device, dtype, threads; see
     *                {@link GloVeOptions}
     * @throws VectorFormatException when the file is malformed: an empty file, a line with too few
     *                               values or a value that is not a number, an empty line, a duplicate
     *                               word, invalid UTF-8 under the strict policy, a word of several
     *                               space-separated parts one of which is a number (a line with more
     *                               values than the dimension, or two lines joined by a lost newline)
     * @throws IOException           when it cannot be read
     */
    public static KeyedVectors load(Path path, GloVeOptions options) throws IOException {
        LoadSettings settings = options.settings();
        String name = String.valueOf(path.getFileName());
        long size = Files.size(path);
        int dim;
        String origin;
        long rows;
        try (Progress progress = Progress.start(name, size, settings.progress());
             ByteSource src = ByteSource.open(path, progress)) {
            Sniff sniff = Sniff.read(src);
            dim = options.dim();
            origin = "set by GloVeOptions.dim";
            if (dim == 0) {
                dim = sniff.commonFields() - 1;
                origin = "inferred from the first lines; set GloVeOptions.dim if that is wrong";
                if (dim < 1) {
                    throw new VectorFormatException(path, sniff.firstLineWith(1), -1, src.gzip,
                            "expected a word and at least one value, found 1 field");
                }
            }
            if (src.gzip) {
                // a gzip file is read once: rows go to blocks as they arrive, the tensor is allocated at the end
                return new TextReader(src, true, dim, options.maxVectors(), false, 1, settings, null, false, origin,
                        TextReader.DEFAULT_CHUNK_BYTES, 0).read();
            }
            rows = countRows(src, options.maxVectors());
        }
        // a valid line takes at least 2 * dim + 1 bytes: only then are the counted lines proof enough to
        // allocate the tensor at once (100 long lines and a million short ones are not)
        boolean proven = rows <= size / (2L * dim + 1);
        try (Progress progress = Progress.start(name, size, settings.progress());
             ByteSource src = ByteSource.open(path, progress)) {
            return new TextReader(src, true, dim, rows, proven, 1, settings, null, false, origin,
                    TextReader.DEFAULT_CHUNK_BYTES, 0).read();
        }
    }

    /**
     * Writes vectors in GloVe's text format (no header; gzip-compressed when the name ends in
     * {@code .gz}), values written so that they read back as the same float32 values.
     *
     * @throws IllegalArgumentException when a word is empty, contains a newline, starts with a space or
     *                                  ends with whitespace
     * @throws IOException              when the file cannot be written
     */
    public static void save(KeyedVectors vectors, Path path) throws IOException {
        VectorWriter.write(vectors, path, VectorWriter.Layout.GLOVE);
    }

    /**
     * The lines up to the last one that is not blank, at most {@code max}: a pass that counts newlines
     * eight bytes at a time. Reads from where the source stands (the sniffed lines are still ahead).
     *
     * @throws VectorFormatException for a file with no line that is not blank
     */
    private static long countRows(ByteSource src, long max) throws IOException {
        byte[] b = new byte[1 << 20];
        long newlines = 0;
        long lastContentLine = 0;
        int n;
        while ((n = src.readFully(b, 0, b.length)) > 0) {
            int last = n - 1;
            while (last >= 0 && TextReader.isSpace(b[last])) {
                last--;
            }
            int before = TextReader.countNewlines(b, 0, last + 1);
            if (last >= 0) {
                lastContentLine = newlines + before + 1;
                if (lastContentLine >= max) {
                    return max;
                }
            }
            newlines += before + TextReader.countNewlines(b, last + 1, n);
        }
        if (lastContentLine == 0) {
            throw new VectorFormatException(src.path, -1, 0, src.gzip,
                    "empty file: expected lines of a word followed by its values");
        }
        return lastContentLine;
    }

    /**
     * The first lines, for the dimension (the most frequent field count) and to tell a word2vec file
     * by its header line.
     */
    private static final class Sniff {
        /** Field count -> how many of the first lines have it. */
        final TreeMap<Integer, Integer> fields = new TreeMap<>();
        final Map<Integer, Long> firstLine = new HashMap<>();

        /** Reads up to {@link #SNIFF_LINES} lines ahead without consuming them. */
        static Sniff read(ByteSource src) throws IOException {
            int want = 1 << 16;
            int avail;
            while (true) {
                avail = src.require(want);
                int lines = TextReader.countNewlines(src.buffer(), src.pos(), src.pos() + avail);
                if (avail < want || lines >= SNIFF_LINES || (lines > 0 && want >= 1 << 26) || want >= ByteSource.MAX_ARRAY) {
                    break;
                }
                want = (int) Math.min(ByteSource.MAX_ARRAY, want * 2L);
            }
            byte[] b = src.buffer();
            int end = src.pos() + avail;
            boolean complete = avail < want;
            Sniff sniff = new Sniff();
            int s = src.pos();
            long headerDim = -1;
            for (long line = 1; line <= SNIFF_LINES && s < end; line++) {
                int nl = Header.indexOf(b, s, end, (byte) '\n');
                if (nl < 0 && !complete) {
                    break;
                }
                int e = nl < 0 ? end : nl;
                int t = e;
                while (t > s && TextReader.isSpace(b[t - 1])) {
                    t--;
                }
                if (t > s) {
                    int f = TextReader.fields(b, s, t);
                    if (line == 2 && headerDim > 0 && f == headerDim + 1) {
                        throw new VectorFormatException(src.path, 1, 0, src.gzip, "expected a word and its values, "
                                + "found a word2vec header '<count> <dimension>' (read this file with Word2Vec.load)");
                    }
                    sniff.fields.merge(f, 1, Integer::sum);
                    sniff.firstLine.putIfAbsent(f, line);
                }
                if (line == 1) {
                    headerDim = twoSizes(b, s, t);
                }
                s = e + 1;
            }
            if (sniff.fields.isEmpty()) {
                if (!complete) {
                    return sniff;
                }
                throw new VectorFormatException(src.path, -1, 0, src.gzip,
                        "empty file: expected lines of a word followed by its values");
            }
            return sniff;
        }

        /**
         * @return the second number of a line of two digit strings ("3000000 300"), or -1 for any other
         *         line, including one whose numbers do not fit in 63 bits
         */
        private static long twoSizes(byte[] b, int s, int e) {
            int sp = Header.indexOf(b, s, e, (byte) ' ');
            if (sp <= s || sp + 1 >= e || Header.indexOf(b, sp + 1, e, (byte) ' ') >= 0) {
                return -1;
            }
            long first = Header.parseSize(b, s, sp);
            long second = Header.parseSize(b, sp + 1, e);
            return first < 0 ? -1 : second;
        }

        /** @return the most frequent field count of the first lines (the smaller on a tie) */
        int commonFields() {
            int best = 0;
            int bestCount = 0;
            for (var e : fields.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            return best;
        }

        long firstLineWith(int n) {
            return firstLine.getOrDefault(n, 1L);
        }
    }
}
