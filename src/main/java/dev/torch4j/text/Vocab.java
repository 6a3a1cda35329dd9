package dev.torch4j.text;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A vocabulary: a bijection between tokens and indices {@code 0 .. size()-1}, like torchtext's
 * {@code Vocab} ({@code get_itos()}, {@code get_stoi()}, {@code lookup_indices}) and Keras'
 * {@code Tokenizer.word_index}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
 * Tensor x = vocab.encode(tokens).pad(4);   // (N, 4) int64, post-padded with 0
 * }</pre>
 *
 * <p>Words missing from the vocabulary are encoded as the unknown token's index when there is one
 * (see {@link VocabOptions#unknown(String)}); otherwise encoding them throws
 * {@link IllegalArgumentException}.
 *
 * @see <a href="https://pytorch.org/text/stable/vocab.html">torchtext.vocab</a>
 */
public final class Vocab {

    private final List<String> itos;
    private final Map<String, Integer> stoi;
    private final int unknownIndex;   // -1: none

    private Vocab(List<String> itos, Map<String, Integer> stoi, int unknownIndex) {
        this.itos = itos;
        this.stoi = stoi;
        this.unknownIndex = unknownIndex;
    }

    // ------------------------------------------------------------------ building

    /**
     * Builds a vocabulary from tokenized sentences, like torchtext's
     * {@code build_vocab_from_iterator(tokens, min_freq, specials, special_first, max_tokens)}: the
     * specials first (or last), then each word seen at least {@code minFreq} times, in first-seen
     * order by default. With {@code order(FREQUENCY)} the words are in torchtext's order
     * (frequency descending, ties in Python's string order) and the result equals torchtext's
     * index for index, {@code maxTokens} included; see {@link VocabOptions}.
     *
     * @param tokens  the corpus, one token list per sentence
     * @param options {@code specials} (default none), {@code minFreq} (default 1), {@code maxSize}
     *                or {@code maxTokens} (default unlimited), {@code specialFirst} (default true),
     *                {@code order} (default FIRST_SEEN), {@code unknown} (default {@code "<UNK>"}
     *                if among the specials)
     * @return the vocabulary
     * @throws IllegalArgumentException if the corpus holds no token, {@code maxTokens} is not
     *                                  larger than the number of specials, or the unknown token
     *                                  is not in the resulting vocabulary
     * @throws NullPointerException     if an argument, a sentence or a token is null
     */
    public static Vocab build(List<List<String>> tokens, VocabOptions options) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(options, "options");
        Map<String, long[]> counts = new LinkedHashMap<>();   // keeps first-seen order, like Counter
        long total = 0;
        for (int i = 0; i < tokens.size(); i++) {
            List<String> sentence = tokens.get(i);
            if (sentence == null) {
                throw new NullPointerException("tokens[" + i + "] is null");
            }
            for (int j = 0; j < sentence.size(); j++) {
                String t = sentence.get(j);
                if (t == null) {
                    throw new NullPointerException("tokens[" + i + "][" + j + "] is null");
                }
                counts.computeIfAbsent(t, k -> new long[1])[0]++;
                total++;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("cannot build a vocabulary from an empty corpus: expected at least "
                    + "1 token, got " + tokens.size() + " sentence(s) with 0 tokens");
        }
        List<String> specials = options.specials();
        Set<String> specialSet = new HashSet<>(specials);
        // the ranking that limits pick from: torchtext's, or Keras' when that is the order
        Comparator<Map.Entry<String, long[]>> ranking = options.order() == VocabOptions.Order.FREQUENCY_FIRST_SEEN
                ? BY_COUNT : BY_COUNT.thenComparing(Map.Entry::getKey, Vocab::compareCodePoints);
        List<Map.Entry<String, long[]>> words = new ArrayList<>(counts.entrySet());   // first-seen order
        if (options.maxTokens().isPresent()) {
            // torchtext: sorted(counter)[:max_tokens - len(specials)], then pop specials, then min_freq
            int maxTokens = options.maxTokens().getAsInt();
            if (specials.size() >= maxTokens) {
                throw new IllegalArgumentException("len(specials) >= max_tokens, so the vocab will be entirely "
                        + "special tokens: got " + specials.size() + " specials and maxTokens(" + maxTokens + ")");
            }
            words = keepFirst(words, ranking, maxTokens - specials.size());
            words.removeIf(e -> specialSet.contains(e.getKey()) || e.getValue()[0] < options.minFreq());
        } else {
            words.removeIf(e -> specialSet.contains(e.getKey()) || e.getValue()[0] < options.minFreq());
            if (options.maxSize().isPresent()) {
                words = keepFirst(words, ranking, options.maxSize().getAsInt());
            }
        }
        if (options.order() != VocabOptions.Order.FIRST_SEEN) {
            words.sort(ranking);   // stable: FREQUENCY_FIRST_SEEN keeps first-seen order among ties
        }
        List<String> itos = new ArrayList<>(specials.size() + words.size());
        if (options.specialFirst()) {
            itos.addAll(specials);
        }
        for (Map.Entry<String, long[]> e : words) {
            itos.add(e.getKey());
        }
        if (!options.specialFirst()) {
            itos.addAll(specials);
        }
        Map<String, Integer> stoi = indexOf(itos);
        int unknownIndex = -1;
        if (options.unknown().isPresent()) {
            String unknown = options.unknown().get();
            Integer idx = stoi.get(unknown);
            if (idx == null) {
                throw new IllegalArgumentException("unknown token '" + unknown + "' is not in the vocabulary; "
                        + "expected it among the specials " + specials + " or the kept words");
            }
            unknownIndex = idx;
        }
        return new Vocab(Collections.unmodifiableList(itos), Collections.unmodifiableMap(stoi), unknownIndex);
    }

    /** Descending count; stable sorts keep the list's order among equal counts. */
    private static final Comparator<Map.Entry<String, long[]>> BY_COUNT =
            (a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]);

    /** The first {@code n} entries by {@code ranking}, returned in their original (first-seen) order. */
    private static List<Map.Entry<String, long[]>> keepFirst(List<Map.Entry<String, long[]>> words,
            Comparator<Map.Entry<String, long[]>> ranking, int n) {
        if (words.size() <= n) {
            return words;
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(words);
        ranked.sort(ranking);
        Set<String> keep = new HashSet<>();
        for (Map.Entry<String, long[]> e : ranked.subList(0, n)) {
            keep.add(e.getKey());
        }
        List<Map.Entry<String, long[]>> out = new ArrayList<>(n);
        for (Map.Entry<String, long[]> e : words) {
            if (keep.contains(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Python's {@code str} order: by Unicode code point. {@link String#compareTo} compares UTF-16
     * units, which puts a character above U+FFFF (a surrogate pair, from 0xD800) before one in
     * U+E000..U+FFFF; this does not.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * {@link #build(List, VocabOptions)} with {@link VocabOptions#defaults()}: every word, in
     * first-seen order, no specials, no unknown token.
     *
     * @param tokens the corpus, one token list per sentence
     * @return the vocabulary
     * @throws IllegalArgumentException if the corpus holds no token
     */
    public static Vocab build(List<List<String>> tokens) {
        return build(tokens, VocabOptions.defaults());
    }

    private static Map<String, Integer> indexOf(List<String> itos) {
        Map<String, Integer> stoi = new LinkedHashMap<>();
        for (int i = 0; i < itos.size(); i++) {
            stoi.put(itos.get(i), i);
        }
        return stoi;
    }

    // ------------------------------------------------------------------ lookups

    /** @return the number of tokens, specials included ({@code len(vocab)}) */
    public int size() {
        return itos.size();
    }

    /**
     * Whether the token has its own index ({@code token in vocab}).
     *
     * @param token the token
     * @return {@code true} if it is in the vocabulary
     */
    public boolean contains(String token) {
        return stoi.containsKey(token);
    }

    /**
     * The index of a token ({@code vocab[token]}): its own, or the unknown index if it is missing.
     *
     * @param token the token
     * @return its index
     * @throws IllegalArgumentException if the token is missing and there is no unknown token
     */
    public int stoi(String token) {
        Integer i = stoi.get(token);
        if (i != null) {
            return i;
        }
        if (unknownIndex >= 0) {
            return unknownIndex;
        }
        throw missing(token, "");
    }

    /**
     * The index of a token, or a given default when it is missing (the unknown token plays no part).
     *
     * @param token        the token
     * @param defaultIndex returned when the token is not in the vocabulary, e.g. -1
     * @return its index or {@code defaultIndex}
     */
    public int indexOf(String token, int defaultIndex) {
        Integer i = stoi.get(token);
        return i != null ? i : defaultIndex;
    }

    /**
     * The token at an index ({@code vocab.get_itos()[index]}).
     *
     * @param index in {@code [0, size())}
     * @return its token
     * @throws IllegalArgumentException if the index is out of range
     */
    public String itos(int index) {
        checkIndex(index, "");
        return itos.get(index);
    }

    /** @return all tokens in index order ({@code get_itos()}); an unmodifiable view */
    public List<String> itos() {
        return itos;
    }

    /** @return token to index ({@code get_stoi()}), iterating in index order; an unmodifiable view */
    public Map<String, Integer> stoi() {
        return stoi;
    }

    /** @return the unknown token, or empty when missing words are rejected */
    public Optional<String> unknownToken() {
        return unknownIndex < 0 ? Optional.empty() : Optional.of(itos.get(unknownIndex));
    }

    /** @return the unknown token's index ({@code get_default_index()}), or empty when there is none */
    public OptionalInt unknownIndex() {
        return unknownIndex < 0 ? OptionalInt.empty() : OptionalInt.of(unknownIndex);
    }

    /**
     * A copy whose unknown token is {@code token} ({@code set_default_index(vocab[token])}).
     *
     * @param token a token of this vocabulary
     * @return the copy
     * @throws IllegalArgumentException if the token is not in the vocabulary
     */
    public Vocab withUnknown(String token) {
        Integer i = stoi.get(Objects.requireNonNull(token, "token"));
        if (i == null) {
            throw new IllegalArgumentException("unknown token '" + token + "' is not in the vocabulary of size "
                    + size());
        }
        return new Vocab(itos, stoi, i);
    }

    /** @return a copy without unknown token: encoding a missing word then throws */
    public Vocab withoutUnknown() {
        return new Vocab(itos, stoi, -1);
    }

    // ------------------------------------------------------------------ encoding

    /**
     * Encodes one sentence ({@code lookup_indices(tokens)}), as int64 indices.
     *
     * @param tokens the tokens
     * @return one index per token; missing words get the unknown index
     * @throws IllegalArgumentException if a token is missing and there is no unknown token
     */
    public long[] lookupIndices(List<String> tokens) {
        return encodeRow(Objects.requireNonNull(tokens, "tokens"), -1);
    }

    /**
     * {@link #lookupIndices(List)} as {@code int[]}.
     *
     * @param tokens the tokens
     * @return one index per token; missing words get the unknown index
     * @throws IllegalArgumentException if a token is missing and there is no unknown token
     */
    public int[] lookupIndicesAsInts(List<String> tokens) {
        long[] l = lookupIndices(tokens);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    /**
     * Encodes a tokenized corpus, one row per sentence; {@link EncodedSequences#pad(int)} turns it
     * into a tensor.
     *
     * @param sentences the corpus, one token list per sentence
     * @return the encoded rows
     * @throws IllegalArgumentException if a token is missing and there is no unknown token; the
     *                                  message names the token, the sentence and the position
     */
    public EncodedSequences encode(List<List<String>> sentences) {
        Objects.requireNonNull(sentences, "sentences");
        List<long[]> rows = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            List<String> s = sentences.get(i);
            if (s == null) {
                throw new NullPointerException("sentences[" + i + "] is null");
            }
            rows.add(encodeRow(s, i));
        }
        return EncodedSequences.of(rows, unknownIndex);
    }

    private long[] encodeRow(List<String> tokens, int sentence) {
        long[] out = new long[tokens.size()];
        for (int j = 0; j < out.length; j++) {
            String t = tokens.get(j);
            Integer i = stoi.get(t);
            if (i != null) {
                out[j] = i;
            } else if (unknownIndex >= 0) {
                out[j] = unknownIndex;
            } else {
                throw missing(t, sentence < 0 ? " at position " + j
                        : " in sentence " + sentence + " at position " + j);
            }
        }
        return out;
    }

    private IllegalArgumentException missing(String token, String where) {
        return new IllegalArgumentException("token '" + token + "'" + where
                + " is not in the vocabulary of size " + size() + ", which has no unknown token; add \""
                + VocabOptions.DEFAULT_UNKNOWN + "\" to the specials or set VocabOptions.unknown(...)");
    }

    /**
     * Maps indices back to tokens ({@code lookup_tokens(indices)}).
     *
     * @param indices indices in {@code [0, size())}, e.g. a padded row (padding decodes to the
     *                token at the padding index)
     * @return one token per index
     * @throws IllegalArgumentException if an index is out of range; the message gives the index,
     *                                  its position and the vocabulary size
     */
    public List<String> decode(long[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int j = 0; j < indices.length; j++) {
            long i = indices[j];
            checkIndex(i, " at position " + j);
            out.add(itos.get((int) i));
        }
        return out;
    }

    /**
     * {@link #decode(long[])} for {@code int[]} indices.
     *
     * @param indices indices in {@code [0, size())}
     * @return one token per index
     * @throws IllegalArgumentException if an index is out of range
     */
    public List<String> decode(int[] indices) {
        long[] l = new long[indices.length];
        for (int j = 0; j < l.length; j++) {
            l[j] = indices[j];
        }
        return decode(l);
    }

    private void checkIndex(long index, String where) {
        if (index < 0 || index >= itos.size()) {
            throw new IllegalArgumentException("index " + index + where + " is out of range for a vocabulary of size "
                    + itos.size() + ": expected 0 <= index < " + itos.size());
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * Writes the tokens as UTF-8 text, one per line in index order, each line ended by {@code \n}
     * (the format of torchtext's and fastText's plain vocabulary files).
     *
     * @param path the file, created or replaced
     * @throws IllegalArgumentException if a token contains a line break ({@code \n} or
     *                                  {@code \r}); nothing is written then
     * @throws IOException              if the file cannot be written
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        for (int i = 0; i < itos.size(); i++) {
            String t = itos.get(i);
            if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("token at index " + i + " contains a line break and cannot be "
                        + "saved one per line: '" + t.replace("\n", "\\n").replace("\r", "\\r") + "'");
            }
        }
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (String t : itos) {
                w.write(t);
                w.write('\n');
            }
        }
    }

    /**
     * Reads a vocabulary written by {@link #save(Path)}: UTF-8, one token per line, line {@code n}
     * (from 1) holding index {@code n-1}; lines end with {@code \n} or {@code \r\n}. The unknown
     * token is {@code "<UNK>"} if the file has it, else none (change it with
     * {@link #withUnknown(String)}).
     *
     * @param path the file
     * @return the vocabulary
     * @throws IOException if the file cannot be read, is not valid UTF-8 (the message gives the
     *                     byte offset) or repeats a token (the message gives both lines)
     */
    public static Vocab load(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(Objects.requireNonNull(path, "path"));
        String content = decodeUtf8(bytes, path);
        List<String> itos = new ArrayList<>();
        if (!content.isEmpty()) {
            if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            for (String line : content.split("\n", -1)) {
                itos.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }
        Map<String, Integer> stoi = new HashMap<>();
        for (int i = 0; i < itos.size(); i++) {
            Integer first = stoi.putIfAbsent(itos.get(i), i);
            if (first != null) {
                throw new IOException(path + ": line " + (i + 1) + ": duplicate token '" + itos.get(i)
                        + "', first on line " + (first + 1) + "; expected one distinct token per line");
            }
        }
        Integer unknown = stoi.get(VocabOptions.DEFAULT_UNKNOWN);
        return new Vocab(Collections.unmodifiableList(itos), Collections.unmodifiableMap(indexOf(itos)),
                unknown == null ? -1 : unknown);
    }

    private static String decodeUtf8(byte[] bytes, Path path) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new IOException(path + ": byte offset " + in.position() + ": expected UTF-8 text, got an invalid "
                    + "byte sequence");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    // ------------------------------------------------------------------ object

    /**
     * Two vocabularies are equal when they have the same tokens in the same order and the same
     * unknown index.
     *
     * @param o another object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vocab v && v.itos.equals(itos) && v.unknownIndex == unknownIndex;
    }

    /** @return a hash of the tokens and the unknown index */
    @Override
    public int hashCode() {
        return itos.hashCode() * 31 + unknownIndex;
    }

    /** @return e.g. {@code Vocab[size=17, unknown=<UNK>]} */
    @Override
    public String toString() {
        return "Vocab[size=" + size() + ", unknown=" + unknownToken().orElse("none") + "]";
    }
}
