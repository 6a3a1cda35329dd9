package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.util.Collection;
import java.util.Set;

/**
 * Keyword arguments of {@link Word2Vec#load(java.nio.file.Path, Word2VecOptions)}, mirroring gensim's
 * {@code load_word2vec_format}, as an immutable value: each method returns a copy with one option
 * changed.
 *
 * <p>Defaults: {@code binary} detected from the content, no {@code limit}, every word (no
 * {@code vocabulary}), {@code unicodeErrors} {@link UnicodeErrors#STRICT}, {@code device} cpu,
 * {@code dtype} torch.float32, {@code progress} true (a bar only when the JVM has a terminal),
 * {@code threads} one per available core, {@code maxWordBytes} 65536 (binary files only).
 *
 * @see <a href="https://radimrehurek.com/gensim/models/keyedvectors.html">gensim KeyedVectors.load_word2vec_format</a>
 */
public final class Word2VecOptions {
    private static final int DEFAULT_MAX_WORD_BYTES = 1 << 16;
    private static final Word2VecOptions DEFAULTS = new Word2VecOptions(LoadSettings.DEFAULTS, null, Long.MAX_VALUE,
            DEFAULT_MAX_WORD_BYTES);

    private final LoadSettings settings;
    private final Boolean binary;
    private final long limit;
    private final int maxWordBytes;

    private Word2VecOptions(LoadSettings settings, Boolean binary, long limit, int maxWordBytes) {
        this.settings = settings;
        this.binary = binary;
        this.limit = limit;
        this.maxWordBytes = maxWordBytes;
    }

    /** @return the defaults listed in the class comment */
    public static Word2VecOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the file as binary ({@code true}) or text ({@code false}), like gensim's {@code binary=}.
     * Default: told apart by content (gzip or not, then binary or text), whatever the file's name.
     */
    public Word2VecOptions binary(boolean isBinary) {
        return new Word2VecOptions(settings, isBinary, limit, maxWordBytes);
    }

    /**
     * Reads only the first {@code n} vectors, like gensim's {@code limit=}; the rest of the file is not
     * read. Default: all.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Word2VecOptions limit(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + n);
        }
        return new Word2VecOptions(settings, binary, n, maxWordBytes);
    }

    /**
     * Keeps only these words (in file order); the vectors of other words are skipped without being
     * copied or parsed, so memory is proportional to what is kept. Combined with {@link #limit}, only
     * the first {@code limit} rows are considered. Duplicates are detected among the kept words only.
     * Default: every word.
     *
     * @throws IllegalArgumentException if {@code words} or one of them is null
     */
    public Word2VecOptions vocabulary(Collection<String> words) {
        return new Word2VecOptions(settings.vocabulary(words), binary, limit, maxWordBytes);
    }

    /**
     * The longest word accepted in a binary file, in bytes. A binary row is found by the space after
     * its word, so a file without a space where a word should end is refused after this many bytes
     * instead of being searched to its end. word2vec.c writes words of at most 100 bytes; the longest
     * tokens of the published files are far below the default. Default: 65536.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > 2^29}
     */
    public Word2VecOptions maxWordBytes(int n) {
        if (n < 1 || n > (1 << 29)) {
            throw new IllegalArgumentException("maxWordBytes must be between 1 and 2^29, got " + n);
        }
        return new Word2VecOptions(settings, binary, limit, n);
    }

    /** What to do with words that are not valid UTF-8, like gensim's {@code unicode_errors=}. Default: STRICT. */
    public Word2VecOptions unicodeErrors(UnicodeErrors policy) {
        return new Word2VecOptions(settings.unicodeErrors(policy), binary, limit, maxWordBytes);
    }

    /**
     * Where the vectors end up. A CUDA target is filled in blocks through a small CPU staging buffer,
     * so the whole matrix never sits in CPU memory. Default: cpu.
     */
    public Word2VecOptions device(Device device) {
        return new Word2VecOptions(settings.device(device), binary, limit, maxWordBytes);
    }

    /**
     * Element type of the vectors, like gensim's {@code datatype=}: torch.float16 halves the memory;
     * it is converted in blocks, never holding a float32 copy of the whole matrix. Default: torch.float32.
     *
     * @throws IllegalArgumentException for a non floating point type
     */
    public Word2VecOptions dtype(DType dtype) {
        return new Word2VecOptions(settings.dtype(dtype), binary, limit, maxWordBytes);
    }

    /** Shows a progress bar on stderr for loads longer than a second when the JVM has a terminal. Default: true. */
    public Word2VecOptions progress(boolean show) {
        return new Word2VecOptions(settings.progress(show), binary, limit, maxWordBytes);
    }

    /**
     * Threads that parse a text file. Default: one per available core.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Word2VecOptions threads(int n) {
        return new Word2VecOptions(settings.threads(n), binary, limit, maxWordBytes);
    }

    /** @return true or false when set with {@link #binary(boolean)}, null when detected from content */
    public Boolean binary() {
        return binary;
    }

    /** @return the limit, {@link Long#MAX_VALUE} for none */
    public long limit() {
        return limit;
    }

    /** @return the longest word accepted in a binary file, in bytes */
    public int maxWordBytes() {
        return maxWordBytes;
    }

    /** @return the words to keep, or null for all */
    public Set<String> vocabulary() {
        return settings.vocabulary();
    }

    /** @return the Unicode error policy */
    public UnicodeErrors unicodeErrors() {
        return settings.unicodeErrors();
    }

    /** @return the target device */
    public Device device() {
        return settings.device();
    }

    /** @return the element type of the vectors */
    public DType dtype() {
        return settings.dtype();
    }

    /** @return whether a progress bar may be shown */
    public boolean progress() {
        return settings.progress();
    }

    /** @return the parsing threads, 0 for one per core */
    public int threads() {
        return settings.threads();
    }

    LoadSettings settings() {
        return settings;
    }
}
