package dev.torch4j.vectors;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.util.Collection;
import java.util.Set;

/**
 * The options that {@link Word2VecOptions} and {@link GloVeOptions} share, with their defaults
 * declared once, here.
 */
record LoadSettings(UnicodeErrors unicodeErrors, Device device, DType dtype, Set<String> vocabulary,
        boolean progress, int threads) {

    /** Strict UTF-8, float32 on the CPU, every word, a progress bar on a terminal, one thread per core. */
    static final LoadSettings DEFAULTS = new LoadSettings(UnicodeErrors.STRICT, Device.cpu(), DType.FLOAT32, null,
            true, 0);

    LoadSettings unicodeErrors(UnicodeErrors policy) {
        if (policy == null) {
            throw new IllegalArgumentException("unicodeErrors must be STRICT, REPLACE or IGNORE, got null");
        }
        return new LoadSettings(policy, device, dtype, vocabulary, progress, threads);
    }

    LoadSettings device(Device d) {
        if (d == null) {
            throw new IllegalArgumentException("device must not be null");
        }
        return new LoadSettings(unicodeErrors, d, dtype, vocabulary, progress, threads);
    }

    LoadSettings dtype(DType t) {
        if (t == null || !t.isFloatingPoint()) {
            throw new IllegalArgumentException("dtype must be a floating point type (torch.float32, torch.float16, "
                    + "torch.bfloat16 or torch.float64), got " + t);
        }
        return new LoadSettings(unicodeErrors, device, t, vocabulary, progress, threads);
    }

    LoadSettings vocabulary(Collection<String> words) {
        if (words == null) {
            throw new IllegalArgumentException("vocabulary must not be null");
        }
        for (String w : words) {
            if (w == null) {
                throw new IllegalArgumentException("vocabulary must not contain null");
            }
        }
        return new LoadSettings(unicodeErrors, device, dtype, Set.copyOf(words), progress, threads);
    }

    LoadSettings progress(boolean show) {
        return new LoadSettings(unicodeErrors, device, dtype, vocabulary, show, threads);
    }

    LoadSettings threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        return new LoadSettings(unicodeErrors, device, dtype, vocabulary, progress, n);
    }

    /**
     * @return the vocabulary as a table of UTF-8 words, for matching words as bytes without decoding
     *         them, or null for every word; words that no UTF-8 file can spell are left out
     */
    WordTable vocabularyTable() {
        if (vocabulary == null) {
            return null;
        }
        WordTable t = new WordTable(vocabulary.size());
        for (String w : vocabulary) {
            byte[] b = WordTable.utf8(w);
            if (b != null) {
                t.add(b, 0, b.length);
            }
        }
        return t;
    }

    /** @return the threads to parse with: the option, or one per available core */
    int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
