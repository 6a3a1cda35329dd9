package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.util.Collection;
import java.util.Set;

/**
 * Keyword arguments of {@link GloVe#load(java.nio.file.Path, GloVeOptions)}, as an immutable value:
 * each method returns a copy with one option changed. The names follow torchtext's
 * {@code GloVe(max_vectors=)} where one exists.
 *
 * <p>Defaults: no {@code maxVectors}, {@code dim} inferred from the file, every word (no
 * {@code vocabulary}), {@code unicodeErrors} {@link UnicodeErrors#STRICT}, {@code device} cpu,
 * {@code dtype} torch.float32, {@code progress} true (a bar only when the JVM has a terminal),
 * {@code threads} one per available core.
 *
 * @see <a href="https://pytorch.org/text/0.9.0/vocab.html#glove">torchtext.vocab.GloVe</a>
 */
public final class GloVeOptions {
    private static final GloVeOptions DEFAULTS = new GloVeOptions(LoadSettings.DEFAULTS, Long.MAX_VALUE, 0);

    private final LoadSettings settings;
    private final long maxVectors;
    private final int dim;

    private GloVeOptions(LoadSettings settings, long maxVectors, int dim) {
        this.settings = settings;
        this.maxVectors = maxVectors;
        this.dim = dim;
    }

    /** @return the defaults listed in the class comment */
    public static GloVeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads only the first {@code n} lines, like torchtext's {@code max_vectors=}. Default: all.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public GloVeOptions maxVectors(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxVectors must be at least 1, got " + n);
        }
        return new GloVeOptions(settings, n, dim);
    }

    /**
     * The vector size: each line's last {@code dim} fields are the vector, everything before them the
     * word (which may contain spaces). Default: inferred as the most frequent field count of the first
     * 100 lines, minus one.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public GloVeOptions dim(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dim must be at least 1, got " + n);
        }
        return new GloVeOptions(settings, maxVectors, n);
    }

    /**
     * Keeps only these words (in file order); other lines are checked for their field count but their
     * numbers are not parsed. Duplicates are detected among the kept words only. Default: every word.
     *
     * @throws IllegalArgumentException if {@code words} or one of them is null
     */
    public GloVeOptions vocabulary(Collection<String> words) {
        return new GloVeOptions(settings.vocabulary(words), maxVectors, dim);
    }

    /** What to do with words that are not valid UTF-8. Default: STRICT. */
    public GloVeOptions unicodeErrors(UnicodeErrors policy) {
        return new GloVeOptions(settings.unicodeErrors(policy), maxVectors, dim);
    }

    /** Where the vectors end up; a CUDA target is filled block by block. Default: cpu. */
    public GloVeOptions device(Device device) {
        return new GloVeOptions(settings.device(device), maxVectors, dim);
    }

    /**
     * Element type of the vectors (parsed as float32, converted block by block). Default: torch.float32.
     *
     * @throws IllegalArgumentException for a non floating point type
     */
    public GloVeOptions dtype(DType dtype) {
        return new GloVeOptions(settings.dtype(dtype), maxVectors, dim);
    }

    /** Shows a progress bar on stderr for loads longer than a second when the JVM has a terminal. Default: true. */
    public GloVeOptions progress(boolean show) {
        return new GloVeOptions(settings.progress(show), maxVectors, dim);
    }

    /**
     * Threads that parse the file. Default: one per available core.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public GloVeOptions threads(int n) {
        return new GloVeOptions(settings.threads(n), maxVectors, dim);
    }

    /** @return the most lines read, {@link Long#MAX_VALUE} for all */
    public long maxVectors() {
        return maxVectors;
    }

    /** @return the vector size, 0 when inferred from the file */
    public int dim() {
        return dim;
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
