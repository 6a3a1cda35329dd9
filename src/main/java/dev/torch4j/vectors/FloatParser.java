package dev.torch4j.vectors;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number the way gensim's {@code numpy.float32(token)} does: the token is read as
 * a correctly rounded double, then rounded to float. Accepts Python's float syntax without
 * underscores or surrounding whitespace: an optional sign, digits with an optional point, an
 * optional exponent, or {@code inf}, {@code infinity}, {@code nan} in any case.
 *
 * <p>Tokens of at most 15 significant digits and a decimal exponent within 22 take an exact fast
 * path (Clinger's); the rest go through {@link Double#parseDouble}.
 */
final class FloatParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FloatParser() {
    }

    /** Thrown for a token that is not a number; carries no stack trace. */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    /** @return the float value of {@code b[s, e)} */
    static float parse(byte[] b, int s, int e) throws NotANumber {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        if (i >= e) {
            throw new NotANumber();
        }
        byte c = b[i];
        if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
            float special = special(b, i, e);
            return neg ? -special : special;
        }
        long mantissa = 0;
        int significant = 0;
        int exp10 = 0;
        boolean digits = false;
        boolean truncated = false;
        for (; i < e && (c = b[i]) >= '0' && c <= '9'; i++) {
            digits = true;
            if (significant < 19) {
                if (mantissa != 0 || c != '0') {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                }
            } else {
                exp10++;
                truncated |= c != '0';
            }
        }
        if (i < e && b[i] == '.') {
            i++;
            for (; i < e && (c = b[i]) >= '0' && c <= '9'; i++) {
                digits = true;
                if (significant < 19) {
                    if (mantissa != 0 || c != '0') {
                        mantissa = mantissa * 10 + (c - '0');
                        significant++;
                    }
                    exp10--;
                } else {
                    truncated |= c != '0';
                }
            }
        }
        if (!digits) {
            throw new NotANumber();
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNeg = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                expNeg = b[i] == '-';
                i++;
            }
            if (i >= e) {
                throw new NotANumber();
            }
            int exp = 0;
            for (; i < e && (c = b[i]) >= '0' && c <= '9'; i++) {
                if (exp < 100_000) {
                    exp = exp * 10 + (c - '0');
                }
            }
            exp10 += expNeg ? -exp : exp;
        }
        if (i != e) {
            throw new NotANumber();
        }
        if (mantissa == 0 && !truncated) {
            return neg ? -0.0f : 0.0f;
        }
        double d;
        if (!truncated && significant <= 15 && exp10 >= -22 && exp10 <= 22) {
            d = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        } else {
            d = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            return (float) d;
        }
        return (float) (neg ? -d : d);
    }

    private static float special(byte[] b, int i, int e) throws NotANumber {
        String word = new String(b, i, e - i, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "inf":
            case "infinity":
                return Float.POSITIVE_INFINITY;
            case "nan":
                return Float.NaN;
            default:
                throw new NotANumber();
        }
    }
}
