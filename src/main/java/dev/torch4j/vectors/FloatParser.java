package dev.torch4j.vectors;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number the way gensim's {@code numpy.float32(token)} does: the token is read as
 * a correctly rounded double, then rounded to float. Accepts Python's float syntax without
 * underscores or surrounding whitespace: an optional sign, digits with an optional point, an
 * optional exponent, or {@code inf}, {@code infinity}, {@code nan} in any case.
 *
 * <p>Tokens of at most 15 digits and a decimal exponent within 22 take an exact fast path
 * (Clinger's), their fraction digits read eight at a time; the rest go through
 * {@link Double#parseDouble}.
 */
final class FloatParser {
    private static final double[] POW10 = new double[23];
    private static final long[] POW10L = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** After {@link #field}: the index just past the field (a space or the line's end). */
    int end;

    /** One parser per thread: {@link #field} leaves the field's end in {@link #end}. */
    FloatParser() {
    }

    /**
     * Parses the space-terminated field that starts at {@code s}, like {@link #parse} on it: the common
     * form ({@code -0.12345}, {@code 1e-05}) in one pass, anything else through {@link #parse}.
     *
     * @param e the end of the line: the field ends at the first space or there
     */
    float field(byte[] b, int s, int e) throws NotANumber {
        int i = s;
        boolean neg = false;
        if (i < e && b[i] == '-') {
            neg = true;
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        byte c = 0;
        for (; i < e && (c = b[i]) >= '0' && c <= '9'; i++) {
            mantissa = mantissa * 10 + (c - '0');
            digits++;
        }
        boolean dot = i < e && c == '.';
        if (dot) {
            i++;
            if (i + 8 <= e && digits <= 7) {
                // up to eight fraction digits at once (the common '0.12345'): SWAR, as simdjson does
                long x = (long) LONG_LE.get(b, i) - 0x3030303030303030L;
                long notDigit = (x | (x + 0x7676767676767676L)) & 0x8080808080808080L;
                int n = Long.numberOfTrailingZeros(notDigit) >>> 3;
                if (n > 0) {
                    long d = n == 8 ? x : x << (8 * (8 - n));
                    d = d * 10 + (d >>> 8);
                    d = (((d & 0x000000FF000000FFL) * (100 + (1000000L << 32)))
                            + (((d >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32)))) >>> 32;
                    mantissa = mantissa * POW10L[n] + d;
                    digits += n;
                    exp10 -= n;
                    i += n;
                    c = i < e ? b[i] : 0;
                }
            }
            for (; i < e && (c = b[i]) >= '0' && c <= '9'; i++) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                exp10--;
            }
        }
        if (digits > 0 && digits <= 15 && i < e && (c == 'e' || c == 'E')) {
            int j = i + 1;
            boolean expNeg = false;
            if (j < e && (b[j] == '-' || b[j] == '+')) {
                expNeg = b[j] == '-';
                j++;
            }
            int exp = 0;
            int expDigits = 0;
            for (; j < e && (c = b[j]) >= '0' && c <= '9' && expDigits < 4; j++) {
                exp = exp * 10 + (c - '0');
                expDigits++;
            }
            if (expDigits > 0 && expDigits < 4) {
                exp10 += expNeg ? -exp : exp;
                i = j;
            } else {
                i = -1;
            }
        }
        if (digits == 0 || digits > 15 || i < 0 || (i < e && b[i] != ' ') || exp10 < -22 || exp10 > 22) {
            int t = i < 0 ? s : i;
            while (t < e && b[t] != ' ') {
                t++;
            }
            end = t;
            return parse(b, s, t);
        }
        end = i;
        if (mantissa == 0) {
            return neg ? -0.0f : 0.0f;
        }
        double d = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        return (float) (neg ? -d : d);
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
