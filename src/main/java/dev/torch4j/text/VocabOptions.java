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
 * {@code build_vocab_from_iterator(iterator, min_freq=1, specials=None, special_first=True,
 * max_tokens=None)} and Keras' {@code Tokenizer(oov_token)}. Immutable; each method returns a
 * changed copy.
 *
 * <pre>{@code
 * VocabOptions.defaults().specials("<PAD>", "<UNK>").minFreq(2)
 * // the same vocabulary, index for index, as torchtext's
 * // build_vocab_from_iterator(tokens, min_freq=2, specials=["<pad>", "<unk>"], max_tokens=20000):
 * VocabOptions.defaults().order(VocabOptions.Order.FREQUENCY).specials("<pad>", "<unk>").minFreq(2).maxTokens(20000)
 * }</pre>
 *
 * <p>The default order is {@link Order#FIRST_SEEN} (the order a hand-built {@code word2idx} dict
 * of a notebook has); torchtext's order is {@link Order#FREQUENCY}.
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
         * By descending frequency, ties in Python's string order (by Unicode code point, which is
         * not {@link String#compareTo} for characters outside the BMP): torchtext's order, that of
         * {@code build_vocab_from_iterator} ({@code sorted(counter.items(), key=lambda x: (-x[1],
         * x[0]))}) and of the legacy {@code torchtext.vocab.Vocab(counter)}, so that the rows of
         * an embedding trained in Python line up.
         */
        FREQUENCY,
        /**
         * By descending frequency, ties in order of first appearance: how Keras'
         * {@code Tokenizer} numbers its {@code word_index} (a stable sort of the counts).
         */
        FREQUENCY_FIRST_SEEN
    }

    private enum UnknownMode { DEFAULT, TOKEN, NONE }

    private static final int UNLIMITED = Integer.MAX_VALUE;

    private static final VocabOptions DEFAULTS = new VocabOptions(List.of(), 1, UNLIMITED, UNLIMITED, true,
            Order.FIRST_SEEN, UnknownMode.DEFAULT, null);

    private final List<String> specials;
    private final int minFreq;
    private final int maxSize;     // UNLIMITED: not set
    private final int maxTokens;   // UNLIMITED: not set
    private final boolean specialFirst;
    private final Order order;
    private final UnknownMode unknownMode;
    private final String unknown;

    private VocabOptions(List<String> specials, int minFreq, int maxSize, int maxTokens, boolean specialFirst,
            Order order, UnknownMode unknownMode, String unknown) {
        this.specials = specials;
        this.minFreq = minFreq;
        this.maxSize = maxSize;
        this.maxTokens = maxTokens;
        this.specialFirst = specialFirst;
        this.order = order;
        this.unknownMode = unknownMode;
        this.unknown = unknown;
    }

    /**
     * The defaults: no specials, {@code minFreq=1}, no {@code maxSize} or {@code maxTokens},
     * {@code specialFirst=true}, {@code order=FIRST_SEEN}, unknown token {@code "<UNK>"} if it is
     * among the specials, else none.
     *
     * @return the default options
     */
    public static VocabOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Special tokens, placed first with indices 0, 1, ... in this order (e.g. {@code "<PAD>"}
     * at 0 to match {@code Embedding}'s {@code padding_idx=0}), or last with
     * {@link #specialFirst(boolean) specialFirst(false)}. A special that occurs in the corpus is
     * not listed a second time as a word (it still takes a place among {@link #maxTokens(int)}'s
     * most frequent tokens, as in torchtext).
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
        return new VocabOptions(list, minFreq, maxSize, maxTokens, specialFirst, order, unknownMode, unknown);
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
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, unknownMode, unknown);
    }

    /**
     * Maximum number of non-special words, as the legacy {@code torchtext.vocab.Vocab(counter,
     * max_size)}: of the words that pass {@code minFreq} (specials excluded), the most frequent
     * are kept, ranked in {@link Order#FREQUENCY} order ({@link Order#FREQUENCY_FIRST_SEEN} when
     * that is the {@link #order(Order) order}), then listed in the vocabulary's order. The specials
     * are not counted; {@link #maxTokens(int)} is torchtext's newer limit that counts them.
     *
     * @param maxSize at least 0; default unlimited
     * @return a copy with this limit
     * @throws IllegalArgumentException if {@code maxSize < 0}, or {@link #maxTokens(int)} is set
     */
    public VocabOptions maxSize(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be non-negative, got " + maxSize);
        }
        if (maxTokens != UNLIMITED) {
            throw new IllegalArgumentException("maxSize(" + maxSize + ") cannot be combined with maxTokens("
                    + maxTokens + "): set one limit, maxTokens counting the specials or maxSize not counting them");
        }
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, unknownMode, unknown);
    }

    /**
     * Maximum size of the vocabulary, specials included: torchtext's {@code max_tokens}, with its
     * exact rule. The corpus' distinct tokens are ranked in {@link Order#FREQUENCY} order
     * ({@link Order#FREQUENCY_FIRST_SEEN} when that is the {@link #order(Order) order}) and the
     * first {@code maxTokens - specials().size()} are kept; only then are the specials among them
     * dropped and {@code minFreq} applied, so the vocabulary can end up smaller than
     * {@code maxTokens}. {@link Vocab#build(List, VocabOptions)} requires more
     * {@code maxTokens} than specials, as torchtext asserts.
     *
     * @param maxTokens at least 1; default unlimited
     * @return a copy with this limit
     * @throws IllegalArgumentException if {@code maxTokens < 1}, or {@link #maxSize(int)} is set
     */
    public VocabOptions maxTokens(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (maxSize != UNLIMITED) {
            throw new IllegalArgumentException("maxTokens(" + maxTokens + ") cannot be combined with maxSize("
                    + maxSize + "): set one limit, maxTokens counting the specials or maxSize not counting them");
        }
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, unknownMode, unknown);
    }

    /**
     * Whether the specials come before the words (indices {@code 0 .. specials().size()-1}) or
     * after them, torchtext's {@code special_first}.
     *
     * @param specialFirst {@code true} for first; default {@code true}
     * @return a copy with this placement
     */
    public VocabOptions specialFirst(boolean specialFirst) {
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, unknownMode, unknown);
    }

    /**
     * Order of the non-special words.
     *
     * @param order {@link Order#FIRST_SEEN}, {@link Order#FREQUENCY} (torchtext's) or
     *              {@link Order#FREQUENCY_FIRST_SEEN} (Keras'); default {@code FIRST_SEEN}
     * @return a copy with this order
     */
    public VocabOptions order(Order order) {
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst,
                Objects.requireNonNull(order, "order"), unknownMode, unknown);
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
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, UnknownMode.TOKEN,
                Objects.requireNonNull(token, "token"));
    }

    /**
     * No unknown token, even if {@code "<UNK>"} is a special: encoding a word missing from the
     * vocabulary then throws {@link IllegalArgumentException}.
     *
     * @return a copy without an unknown token
     */
    public VocabOptions noUnknown() {
        return new VocabOptions(specials, minFreq, maxSize, maxTokens, specialFirst, order, UnknownMode.NONE, null);
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
        return maxSize == UNLIMITED ? OptionalInt.empty() : OptionalInt.of(maxSize);
    }

    /** @return the maximum vocabulary size, specials included, or empty for unlimited */
    public OptionalInt maxTokens() {
        return maxTokens == UNLIMITED ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    /** @return whether the specials come first */
    public boolean specialFirst() {
        return specialFirst;
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
                + (maxSize == UNLIMITED ? "unlimited" : String.valueOf(maxSize)) + ", maxTokens="
                + (maxTokens == UNLIMITED ? "unlimited" : String.valueOf(maxTokens)) + ", specialFirst="
                + specialFirst + ", order=" + order + ", unknown=" + unknown().orElse("none") + "]";
    }
}
