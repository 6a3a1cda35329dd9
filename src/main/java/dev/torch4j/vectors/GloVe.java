package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes GloVe's text format: no header, one word per line followed by its values,
 * separated by single spaces. The vector is the last {@code dim} fields of a line and the word is
 * everything before them, so tokens that contain spaces (GloVe 840B has some, and gensim fails on
 * them) load correctly.
 *
 * <p>A first pass counts the lines (so the tensor is allocated once, at its final size) and infers
 * the dimension; the second parses chunks of lines on all cores into the tensor's native memory.
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
     *                               word, invalid UTF-8 under the strict policy
     * @throws IOException           when it cannot be read
     */
    public static KeyedVectors load(Path path, GloVeOptions options) throws IOException {
        LoadSettings settings = options.settings();
        String name = String.valueOf(path.getFileName());
        long size = Files.size(path);
        Count count;
        try (Progress progress = Progress.start(name + " (counting lines)", size, settings.progress());
             ByteSource src = ByteSource.open(path, 1 << 20, progress)) {
            count = count(src, options.maxVectors());
        }
        int dim = options.dim();
        if (dim == 0) {
            dim = count.commonFields() - 1;
            if (dim < 1) {
                throw new VectorFormatException(path, count.firstLineWith(1), -1, false,
                        "expected a word and at least one value, found 1 field");
            }
        }
        try (Progress progress = Progress.start(name, size, settings.progress());
             ByteSource src = ByteSource.open(path, 1 << 20, progress)) {
            return new TextReader(src, true, dim, count.rows, 1, settings, null, TextReader.DEFAULT_CHUNK_BYTES, 0)
                    .read();
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

    /** What the first pass learns. */
    private static final class Count {
        long rows;
        /** Field count -> how many of the first lines have it. */
        final java.util.TreeMap<Integer, Integer> fields = new java.util.TreeMap<>();
        final java.util.Map<Integer, Long> firstLine = new java.util.HashMap<>();

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

    /**
     * Counts lines up to the last one that is not blank (at most {@code max}), and the field
     * count among the first lines, fields counted as the reader splits them (trailing whitespace
     * stripped, single spaces); refuses an empty file and a word2vec header.
     */
    private static Count count(ByteSource src, long max) throws IOException {
        Count c = new Count();
        byte[] b = new byte[1 << 20];
        StringBuilder first = new StringBuilder();
        long headerDim = -1;
        long line = 1;
        boolean blank = true;
        int fields = 1;
        int pendingSpaces = 0;
        int n;
        scan:
        while ((n = src.readFully(b, 0, b.length)) > 0) {
            for (int i = 0; i < n; i++) {
                byte ch = b[i];
                if (ch == '\n') {
                    if (!blank) {
                        endLine(c, src, line, fields, headerDim);
                    }
                    if (line == 1) {
                        headerDim = first.toString().strip().matches("[0-9]+ [0-9]+")
                                ? Long.parseLong(first.toString().strip().split(" ")[1]) : -1;
                    }
                    if (c.rows >= max) {
                        break scan;
                    }
                    line++;
                    blank = true;
                    fields = 1;
                    pendingSpaces = 0;
                } else if (line <= SNIFF_LINES) {
                    if (ch == ' ') {
                        pendingSpaces++;
                    } else if (!TextReader.isSpace(ch)) {
                        blank = false;
                        fields += pendingSpaces;
                        pendingSpaces = 0;
                    }
                    if (line == 1 && first.length() < 64) {
                        first.append((char) (ch & 0xff));
                    }
                } else if (blank && !TextReader.isSpace(ch)) {
                    blank = false;
                }
            }
        }
        if (c.rows < max && !blank) {
            endLine(c, src, line, fields, headerDim);
        }
        if (c.rows == 0) {
            throw new VectorFormatException(src.path, -1, 0, src.gzip,
                    "empty file: expected lines of a word followed by its values");
        }
        return c;
    }

    private static void endLine(Count c, ByteSource src, long line, int fields, long headerDim)
            throws VectorFormatException {
        if (line == 2 && headerDim > 0 && fields == headerDim + 1) {
            throw new VectorFormatException(src.path, 1, 0, src.gzip, "expected a word and its values, found a "
                    + "word2vec header '<count> <dimension>' (read this file with Word2Vec.load)");
        }
        c.rows = line;
        if (line <= SNIFF_LINES) {
            c.fields.merge(fields, 1, Integer::sum);
            c.firstLine.putIfAbsent(fields, line);
        }
    }
}
