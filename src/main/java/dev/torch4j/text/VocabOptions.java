package dev.torch4j.text;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Keyword arguments of {@link Vocab#build(List, VocabOptions)}, after torchtext's
 * {@code build_vocab_from_iterator(iterator, min_freq=1, specials=None, max_tokens=None)} and
 * Keras' {@code Tokenizer(num_words, oov_token)}. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * VocabOptions.defaults().specials("<PAD>", "<UNK>").minFreq(2)
 * }</pre>
 *
 * @see <a href="https://pytorch.org/text/stable/vocab.html#build-vocab-from-iterator">torchtext.vocab.build_vocab_from_iterator</a>
 */
public final class VocabOptions {

    /** The token that is the unknown token by default when it is among the specials. */
    public static final String DEFAULT_UNKNOWN = "<UNK>";

    /** Order of the non-special words in the vocabulary. */
    public enum Order {
        /** In order of first appearance in the corpus. */
        FIRST_SEEN,
        /**
         * By descending frequency, ties in order of first appearance (as Keras' {@code Tokenizer}
         * numbers its {@code word_index}).
         */
        FREQUENCY
    }

    private enum UnknownMode { DEFAULT, TOKEN, NONE }

    private static final VocabOptions DEFAULTS =
            new VocabOptions(List.of(), 1, Integer.MAX_VALUE, Order.FIRST_SEEN, UnknownMode.DEFAULT, null);

    private final List<String> specials;
    private final int minFreq;
    private final int maxSize;   // Integer.MAX_VALUE: unlimited
    private final Order order;
    private final UnknownMode unknownMode;
    private final String unknown;

    private VocabOptions(List<String> specials, int minFreq, int maxSize, Order order, UnknownMode unknownMode,
            String unknown) {
        this.specials = specials;
        this.minFreq = minFreq;
        this.maxSize = maxSize;
        this.order = order;
        this.unknownMode = unknownMode;
        this.unknown = unknown;
    }

    /**
     * The defaults: no specials, {@code minFreq=1}, no {@code maxSize}, {@code order=FIRST_SEEN},
     * unknown token {@code "<UNK>"} if it is among the specials, else none.
     *
     * @return the default options
     */
    public static VocabOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Special tokens, placed first with indices 0, 1, ... in this order (e.g. {@code "<PAD>"}
     * at 0 to match {@code Embedding}'s {@code padding_idx=0}). Occurrences of a special in the
     * corpus are not counted as words.
     *
     * @param specials distinct tokens; default none
     * @return a copy with these specials
     * @throws IllegalArgumentException if a token repeats
     * @throws NullPointerException     if a token is null
     */
    public VocabOptions specials(String... specials) {
        Objects.requireNonNull(specials, "specials");
        List<String> list = List.of(specials);   // rejects null elements
        Set<String> seen = new HashSet<>();
        for (String s : list) {
            if (!seen.add(s)) {
                throw new IllegalArgumentException("specials must be distinct, but '" + s + "' appears twice in "
                        + Arrays.toString(specials));
            }
        }
        return new VocabOptions(list, minFreq, maxSize, order, unknownMode, unknown);
    }

    /**
     * Minimum number of occurrences for a word to be kept.
     *
     * @param minFreq at least 1; default 1
     * @return a copy with this threshold
     * @throws IllegalArgumentException if {@code minFreq < 1}
     */
    public VocabOptions minFreq(int minFreq) {
        if (minFreq < 1) {
            throw new IllegalArgumentException("minFreq must be at least 1, got " + minFreq);
        }
        return new VocabOptions(specials, minFreq, maxSize, order, unknownMode, unknown);
    }

    /**
     * Maximum number of non-special words. When more words pass {@code minFreq}, the most frequent
     * are kept (ties: those seen first), then listed in {@link #order(Order)}. Unlike torchtext's
     * {@code max_tokens}, the specials are not counted.
     *
     * @param maxSize at least 0; default unlimited
     * @return a copy with this limit
     * @throws IllegalArgumentException if {@code maxSize < 0}
     */
    public VocabOptions maxSize(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be non-negative, got " + maxSize);
        }
        return new VocabOptions(specials, minFreq, maxSize, order, unknownMode, unknown);
    }

    /**
     * Order of the non-special words.
     *
     * @param order {@link Order#FIRST_SEEN} or {@link Order#FREQUENCY}; default {@code FIRST_SEEN}
     * @return a copy with this order
     */
    public VocabOptions order(Order order) {
        return new VocabOptions(specials, minFreq, maxSize, Objects.requireNonNull(order, "order"), unknownMode,
                unknown);
    }

    /**
     * The token that words missing from the vocabulary are encoded as (torchtext's
     * {@code set_default_index(vocab[token])}, Keras' {@code oov_token}). It must end up in the
     * vocabulary, normally as a special.
     *
     * @param token the unknown token; default {@code "<UNK>"} when it is among the specials, else none
     * @return a copy with this unknown token
     * @throws NullPointerException if {@code token} is null
     */
    public VocabOptions unknown(String token) {
        return new VocabOptions(specials, minFreq, maxSize, order, UnknownMode.TOKEN,
                Objects.requireNonNull(token, "token"));
    }

    /**
     * No unknown token, even if {@code "<UNK>"} is a special: encoding a word missing from the
     * vocabulary then throws {@link IllegalArgumentException}.
     *
     * @return a copy without an unknown token
     */
    public VocabOptions noUnknown() {
        return new VocabOptions(specials, minFreq, maxSize, order, UnknownMode.NONE, null);
    }

    /** @return the special tokens, in index order (unmodifiable) */
    public List<String> specials() {
        return specials;
    }

    /** @return the minimum frequency */
    public int minFreq() {
        return minFreq;
    }

    /** @return the maximum number of non-special words, or empty for unlimited */
    public OptionalInt maxSize() {
        return maxSize == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(maxSize);
    }

    /** @return the order of the non-special words */
    public Order order() {
        return order;
    }

    /**
     * The unknown token these options lead to: the one set with {@link #unknown(String)}, else
     * {@code "<UNK>"} if it is among the specials and {@link #noUnknown()} was not called.
     *
     * @return the unknown token, or empty for none
     */
    public Optional<String> unknown() {
        switch (unknownMode) {
            case TOKEN:
                return Optional.of(unknown);
            case NONE:
                return Optional.empty();
            default:
                return specials.contains(DEFAULT_UNKNOWN) ? Optional.of(DEFAULT_UNKNOWN) : Optional.empty();
        }
    }

    /** @return a readable summary of the options */
    @Override
    public String toString() {
        return "VocabOptions[specials=" + specials + ", minFreq=" + minFreq + ", maxSize="
                + (maxSize == Integer.MAX_VALUE ? "unlimited" : String.valueOf(maxSize)) + ", order=" + order
                + ", unknown=" + unknown().orElse("none") + "]";
    }
}
