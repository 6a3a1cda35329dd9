package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A word-vector file that does not hold what its format promises: an empty file, a truncated header
 * or vector, a header whose count differs from the rows, a row with the wrong number of values (in
 * a binary file, a row that does not end the way the first one does), a GloVe word with a part that
 * is a number, invalid UTF-8 under {@link UnicodeErrors#STRICT}, a duplicate word, a header that
 * claims more data than the file can hold, or gzip data that is truncated or corrupt (the offset is
 * then in the compressed file). The message names the file, the line or byte offset, and what was
 * expected; the parts are also available one by one.
 *
 * <p>Where gensim's {@code load_word2vec_format} warns and loads something anyway (duplicate words,
 * extra rows after the promised count), torch4j refuses.
 */
public final class VectorFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file being read (not serialized). */
    private final transient Path file;
    /** Byte offset of the problem, or -1. */
    private final long byteOffset;
    /** 1-based line of the problem, or -1. */
    private final long line;
    /** Whether the offset counts decompressed bytes. */
    private final boolean decompressed;
    /** What was expected and found. */
    private final String problem;

    VectorFormatException(Path file, long line, long byteOffset, boolean decompressed, String problem) {
        super(describe(file, line, byteOffset, decompressed, problem));
        this.file = file;
        this.byteOffset = byteOffset;
        this.line = line;
        this.decompressed = decompressed;
        this.problem = problem;
    }

    private static String describe(Path file, long line, long offset, boolean decompressed, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(": line ").append(line);
        }
        if (offset >= 0) {
            sb.append(line > 0 ? ", byte offset " : ": byte offset ").append(offset);
            if (decompressed) {
                sb.append(" of the decompressed data");
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    /** @return the file that was being read */
    public Path file() {
        return file;
    }

    /**
     * @return the byte offset of the problem from the start of the file (of its decompressed data
     *         for a gzip file, see {@link #decompressed()}), or -1 when it is about the file as a whole
     */
    public long byteOffset() {
        return byteOffset;
    }

    /** @return the 1-based line of the problem in a text file, or -1 for a binary file */
    public long line() {
        return line;
    }

    /** @return whether {@link #byteOffset()} counts bytes of the decompressed data of a gzip file */
    public boolean decompressed() {
        return decompressed;
    }

    /** @return what was expected and what was found, without the file and position */
    public String problem() {
        return problem;
    }
}
