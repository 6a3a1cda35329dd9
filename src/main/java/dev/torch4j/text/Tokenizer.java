package dev.torch4j.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits text into tokens, the first step of a text pipeline ({@code List<String>} in,
 * token lists out). Instances are immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #words()} reproduces {@code nltk.word_tokenize(text, preserve_line=True)}, i.e.
 *       nltk's {@code NLTKWordTokenizer} (improved Penn Treebank rules).</li>
 *   <li>{@link #whitespace()} reproduces Python's {@code text.split()}.</li>
 * </ul>
 *
 * <pre>{@code
 * List<List<String>> tokens = Tokenizer.words().lowercase(true).tokenize(sentences);
 * }</pre>
 *
 * @see <a href="https://www.nltk.org/api/nltk.tokenize.html#nltk.tokenize.word_tokenize">nltk.word_tokenize</a>
 */
public final class Tokenizer {

    private enum Kind { WORDS, WHITESPACE }

    private final Kind kind;
    private final boolean lowercase;

    private Tokenizer(Kind kind, boolean lowercase) {
        this.kind = kind;
        this.lowercase = lowercase;
    }

    /**
     * nltk's word tokenizer: {@code nltk.word_tokenize(text, preserve_line=True)} (the text is not
     * split into sentences first, so a period is split off only at the very end).
     *
     * <p>Starting double quotes become {@code ``} and ending ones {@code ''}; punctuation is split
     * off except commas and periods inside numbers ({@code 1,000.5}); {@code ...} stays one token;
     * brackets are separate tokens; clitics are split: {@code don't} → {@code do n't},
     * {@code can't} → {@code ca n't}, {@code she's} → {@code she 's} (also {@code 'll 're 've 'd 'm}),
     * {@code gonna} → {@code gon na}, {@code cannot} → {@code can not}.
     *
     * @return a tokenizer that does not lowercase (see {@link #lowercase(boolean)})
     * @see <a href="https://www.nltk.org/api/nltk.tokenize.destructive.html">nltk.tokenize.destructive.NLTKWordTokenizer</a>
     */
    public static Tokenizer words() {
        return new Tokenizer(Kind.WORDS, false);
    }

    /**
     * Splits on runs of whitespace, like Python's {@code text.split()} with no argument: the
     * whitespace characters are those of Python's {@code str.isspace()}, and no empty tokens are
     * produced.
     *
     * @return a tokenizer that does not lowercase (see {@link #lowercase(boolean)})
     * @see <a href="https://docs.python.org/3/library/stdtypes.html#str.split">str.split</a>
     */
    public static Tokenizer whitespace() {
        return new Tokenizer(Kind.WHITESPACE, false);
    }

    /**
     * Whether to lowercase the text before tokenizing, like {@code word_tokenize(text.lower())}
     * (Keras' and torchtext's tokenizers also lowercase first). Lowercasing follows Python's
     * {@code str.lower()}, independent of the machine's locale (no Turkish dotless i).
     *
     * @param lowercase {@code true} to lowercase; default {@code false}
     * @return a tokenizer of the same kind with this setting
     */
    public Tokenizer lowercase(boolean lowercase) {
        return new Tokenizer(kind, lowercase);
    }

    /** @return whether this tokenizer lowercases text before splitting it */
    public boolean isLowercase() {
        return lowercase;
    }

    /**
     * Tokenizes one text.
     *
     * @param text the text; may contain several lines
     * @return the tokens, never empty strings, in order; an empty list for blank text
     * @throws NullPointerException if {@code text} is null
     */
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        String t = lowercase ? PythonStrings.lower(text) : text;
        List<String> tokens = kind == Kind.WORDS ? NltkWordRules.tokenize(t) : PythonStrings.split(t);
        return Collections.unmodifiableList(tokens);
    }

    /**
     * Tokenizes each text of a corpus, keeping the order.
     *
     * @param texts the texts
     * @return one unmodifiable token list per text
     * @throws NullPointerException if {@code texts} or one of its elements is null
     */
    public List<List<String>> tokenize(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<List<String>> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new NullPointerException("texts[" + i + "] is null");
            }
            out.add(tokenize(text));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return e.g. {@code Tokenizer.words().lowercase(true)} */
    @Override
    public String toString() {
        return "Tokenizer." + (kind == Kind.WORDS ? "words()" : "whitespace()")
                + (lowercase ? ".lowercase(true)" : "");
    }
}
