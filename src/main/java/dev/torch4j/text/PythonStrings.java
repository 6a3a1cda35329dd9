package dev.torch4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python {@code str} behaviour the tokenizers must reproduce exactly. */
final class PythonStrings {

    private PythonStrings() {
    }

    /**
     * Python's {@code str.isspace()} for one UTF-16 unit: bidirectional class WS, B or S, or
     * general category Zs. Every such character is in the Basic Multilingual Plane.
     */
    static boolean isSpace(char c) {
        switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', '\u0085',
                    '\u2028', '\u2029':
                return true;
            default:
                return Character.getType(c) == Character.SPACE_SEPARATOR;
        }
    }

    /** Python's {@code text.split()}: runs of whitespace separate tokens; no empty tokens. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isSpace(text.charAt(i))) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    /**
     * Python's {@code str.lower()}. Java's {@link String#toLowerCase(Locale)} with
     * {@link Locale#ROOT} gives the same mapping except for the context-dependent capital sigma,
     * whose final form Java chooses differently; this applies Python's rule
     * ({@code handle_capital_sigma}): U+03A3 becomes final U+03C2 when it follows a cased letter,
     * skipping case-ignorable characters, and is not followed by one, again skipping them.
     */
    static String lower(String text) {
        if (text.indexOf('\u03A3') < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(text.length());
        int start = 0;
        for (int i = text.indexOf('\u03A3'); i >= 0; i = text.indexOf('\u03A3', i + 1)) {
            sb.append(text.substring(start, i).toLowerCase(Locale.ROOT));
            sb.append(isFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            start = i + 1;
        }
        return sb.append(text.substring(start).toLowerCase(Locale.ROOT)).toString();
    }

    private static boolean isFinalSigma(String text, int i) {
        int j = i;
        int c = 0;
        boolean found = false;
        while (j > 0) {
            c = text.codePointBefore(j);
            j -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                found = true;
                break;
            }
        }
        if (!found || !isCased(c)) {
            return false;
        }
        j = i + 1;
        while (j < text.length()) {
            c = text.codePointAt(j);
            if (!isCaseIgnorable(c)) {
                return !isCased(c);
            }
            j += Character.charCount(c);
        }
        return true;
    }

    /** Unicode's Cased property: Lowercase, Uppercase or Lt. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Unicode's Case_Ignorable property: general category Mn, Me, Cf, Lm or Sk, or Word_Break
     * MidLetter, MidNumLet or Single_Quote (listed here, since Java has no Word_Break).
     */
    static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                    Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case '\'', '.', ':', 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
                    0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
                return true;
            default:
                return false;
        }
    }
}
