package dev.torch4j.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of nltk's {@code NLTKWordTokenizer} (nltk/tokenize/destructive.py, nltk 3.8), the
 * tokenizer behind {@code nltk.word_tokenize}, ported to {@link java.util.regex}.
 *
 * <p>Each pattern below is nltk's regular expression, character for character, translated by
 * {@link #py(String)} so that the Python {@code re} meanings of {@code \w}, {@code \d}, {@code \s}
 * and {@code \b} on {@code str} patterns (Unicode) are kept, and {@code (?#X)} comments, which
 * Java does not support, are dropped. Replacements use Java's {@code $n} for Python's
 * {@code \n} and {@code \g<0>}.
 */
final class NltkWordRules {

    /** Python's {@code \w} on str: {@code ch.isalnum() or ch == '_'}. */
    private static final String W = "[\\p{L}\\p{N}_]";
    /** Python's {@code \d} on str: Unicode decimal digits. */
    private static final String D = "\\p{Nd}";
    /** Python's {@code \s} on str: the characters for which {@code str.isspace()} holds. */
    private static final String S = "[\\t\\n\\u000B\\f\\r\\u001C-\\u001F\\u0085\\p{Zs}\\u2028\\u2029]";
    /** Python's {@code \b}: a boundary between a {@code \w} and a non-{@code \w} character. */
    private static final String B = "(?:(?<=" + W + ")(?!" + W + ")|(?<!" + W + ")(?=" + W + "))";

    /**
     * UNIX_LINES: only '\n' ends a line, so {@code $} matches at the end or before a final
     * '\n', as in Python. UNICODE_CASE: {@code (?i)} folds case beyond ASCII, as in Python.
     */
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Rule rule(String pythonRegex, String javaReplacement) {
        return new Rule(Pattern.compile(py(pythonRegex), FLAGS), javaReplacement);
    }

    /** Translates a Python {@code re} pattern of this file into Java syntax. */
    static String py(String pythonRegex) {
        return pythonRegex.replace("(?#X)", "")
                .replace("\\w", W)
                .replace("\\d", D)
                .replace("\\s", S)
                .replace("\\b", B);
    }

    // Starting quotes.
    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|[`]+)", " $1 "),
            rule("^\\\"", "``"),
            rule("(``)", " $1 "),
            rule("([ \\(\\[{<])(\\\"|\\'{2})", "$1 `` "),
            rule("(?i)(\\')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));

    // Ending quotes.
    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

    // Punctuation.
    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^\\.])(\\.)([\\]\\)}>\"\\'»”’ ]*)\\s*$", "$1 $2 $3 "),
            rule("([:,])([^\\d])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#$%&]", " $0 "),
            rule("([^\\.])(\\.)([\\]\\)}>\"\\']*)\\s*$", "$1 $2$3 "),
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));

    // Pads parentheses.
    private static final Rule PARENS_BRACKETS = rule("[\\]\\[\\(\\)\\{\\}\\<\\>]", " $0 ");

    private static final Rule DOUBLE_DASHES = rule("--", " -- ");

    // Contractions adapted from Robert MacIntyre's tokenizer.
    private static final List<Rule> CONTRACTIONS = List.of(
            rule("(?i)\\b(can)(?#X)(not)\\b", " $1 $2 "),
            rule("(?i)\\b(d)(?#X)('ye)\\b", " $1 $2 "),
            rule("(?i)\\b(gim)(?#X)(me)\\b", " $1 $2 "),
            rule("(?i)\\b(gon)(?#X)(na)\\b", " $1 $2 "),
            rule("(?i)\\b(got)(?#X)(ta)\\b", " $1 $2 "),
            rule("(?i)\\b(lem)(?#X)(me)\\b", " $1 $2 "),
            rule("(?i)\\b(more)(?#X)('n)\\b", " $1 $2 "),
            rule("(?i)\\b(wan)(?#X)(na)(?=\\s)", " $1 $2 "),
            // CONTRACTIONS3
            rule("(?i) ('t)(?#X)(is)\\b", " $1 $2 "),
            rule("(?i) ('t)(?#X)(was)\\b", " $1 $2 "));

    private NltkWordRules() {
    }

    /** {@code NLTKWordTokenizer().tokenize(text)} with {@code convert_parentheses=False}. */
    static List<String> tokenize(String text) {
        for (Rule r : STARTING_QUOTES) {
            text = r.apply(text);
        }
        for (Rule r : PUNCTUATION) {
            text = r.apply(text);
        }
        text = PARENS_BRACKETS.apply(text);
        text = DOUBLE_DASHES.apply(text);
        text = " " + text + " ";
        for (Rule r : ENDING_QUOTES) {
            text = r.apply(text);
        }
        for (Rule r : CONTRACTIONS) {
            text = r.apply(text);
        }
        return PythonStrings.split(text);
    }
}
