package dev.torch4j.vectors;

/**
 * What to do with a word whose bytes are not valid UTF-8, mirroring gensim's {@code unicode_errors}
 * argument of {@code load_word2vec_format} (Python's codec error handlers).
 *
 * <p>The original word2vec tool cuts long words at a byte limit, sometimes inside a multi-byte
 * character; {@link #IGNORE} or {@link #REPLACE} load such files, as they do in gensim.
 *
 * @see <a href="https://radimrehurek.com/gensim/models/keyedvectors.html">gensim KeyedVectors.load_word2vec_format</a>
 */
public enum UnicodeErrors {
    /** Refuse the file with a {@link VectorFormatException} ({@code unicode_errors='strict'}, gensim's default). */
    STRICT,
    /** Put U+FFFD in place of each invalid sequence ({@code unicode_errors='replace'}). */
    REPLACE,
    /** Drop invalid bytes ({@code unicode_errors='ignore'}). */
    IGNORE
}
