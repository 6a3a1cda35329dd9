package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the word2vec formats, mirroring gensim's {@code KeyedVectors.load_word2vec_format}
 * and {@code save_word2vec_format}: binary, gzip-compressed binary and text, told apart by content
 * (the gzip magic number, then the first row), not by the file's name.
 *
 * <pre>{@code
 * try (KeyedVectors wv = Word2Vec.load(Path.of("GoogleNews-vectors-negative300.bin.gz"))) {
 *     Tensor matrix = wv.embeddingMatrix(vocabularyWords);
 * }
 * }</pre>
 *
 * <p>Binary rows are copied in bulk from the read buffer into the tensor's native memory, so a
 * 3,000,000 x 300 file needs the 3.6 GB of the tensor and little more (the words are kept as UTF-8
 * bytes, about 30 bytes a word with their index). Reading, finding the words and copying overlap on
 * several threads; a gzip file is inflated on a thread of its own. Text files are parsed on all cores.
 *
 * <p>A binary row ends the same way in the whole file: with nothing (gensim), a newline
 * (word2vec.c) or {@code \r\n} (Windows writers), as the first row shows; a row that ends otherwise
 * has a value too few or too many and is refused where it is, not read into the next word.
 *
 * <p>Memory follows what the file holds, never what its header claims: the tensor is allocated up
 * front only when the file's size proves the rows fit (a gzip file's trailer records its size);
 * otherwise rows are kept in blocks as they arrive and the tensor is allocated at the end, at the size
 * read. Every malformed file raises a {@link VectorFormatException} naming the file, the byte offset
 * or line, and what was expected. The one limit, a word's length in a binary file, is
 * {@link Word2VecOptions#maxWordBytes}.
 *
 * @see <a href="https://radimrehurek.com/gensim/models/keyedvectors.html">gensim KeyedVectors.load_word2vec_format</a>
 */
public final class Word2Vec {
    private Word2Vec() {
    }

    /**
     * Loads a word2vec file with the default options, like {@code load_word2vec_format(path, binary=...)}
     * with the format detected.
     *
     * @throws VectorFormatException when the file is malformed
     * @throws IOException           when it cannot be read
     */
    public static KeyedVectors load(Path path) throws IOException {
        return load(path, Word2VecOptions.defaults());
    }

    /**
     * Loads a word2vec file: binary, gzip-compressed binary or text (gzip-compressed or not).
     *
     * @param options limit, vocabulary, Unicode error policy, device, dtype, progress; see {@link Word2VecOptions}
     * @throws VectorFormatException when the file is malformed
     * @throws IOException           when it cannot be read
     */
    public static KeyedVectors load(Path path, Word2VecOptions options) throws IOException {
        LoadSettings settings = options.settings();
        try (Progress progress = Progress.start(String.valueOf(path.getFileName()), Files.size(path),
                settings.progress());
             ByteSource src = ByteSource.open(path, progress)) {
            Header header = Header.read(src);
            boolean binary = options.binary() != null ? options.binary() : header.looksBinary(src);
            if (binary) {
                return new BinaryReader(src, header, settings, options.limit(), options.maxWordBytes(), 0,
                        BinaryReader.DEFAULT_CHUNK_BYTES).read();
            }
            long rows = Math.min(header.count, options.limit());
            checkTextSize(src, header, rows);
            long known = src.knownContentBytes();
            boolean proven = known >= 0 && (double) rows * (2.0 * header.dim + 1) <= known - src.offset();
            return new TextReader(src, false, header.dim, rows, proven, 2, settings,
                    "the header promises " + header.count + " vectors", header.count <= options.limit(), "the header",
                    TextReader.DEFAULT_CHUNK_BYTES, 0).read();
        }
    }

    /** A text row takes at least {@code 2 * dim + 1} bytes: a refusal before allocating for a lying header. */
    private static void checkTextSize(ByteSource src, Header header, long rows) throws VectorFormatException {
        long left = src.maxContentBytes() - src.offset();
        double minimum = (double) rows * (2.0 * header.dim + 1);
        if (rows > 0 && minimum > left) {
            throw new VectorFormatException(src.path, 1, 0, false, "the header promises " + header.count
                    + " vectors of dimension " + header.dim + ", which take at least " + (long) minimum
                    + " bytes as text, but " + (src.gzip ? "this gzip file of " + src.fileSize
                            + " bytes can hold at most " + left : "the file has " + left + " bytes after the header"));
        }
    }

    /**
     * Writes vectors in word2vec format, like gensim's {@code save_word2vec_format(path, binary=)};
     * gzip-compressed when the name ends in {@code .gz}. Binary output is byte for byte what gensim
     * writes; text values are written so that gensim reads back the same float32 values.
     *
     * @throws IllegalArgumentException when a word is empty or contains a space or newline
     * @throws IOException              when the file cannot be written
     */
    public static void save(KeyedVectors vectors, Path path, boolean binary) throws IOException {
        VectorWriter.write(vectors, path, binary ? VectorWriter.Layout.BINARY : VectorWriter.Layout.TEXT);
    }
}
