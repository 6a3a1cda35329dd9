package dev.torch4j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader over UTF-8 bytes, and a string quoter: enough for safetensors
 * headers, and as strict as the reference reader there (Rust's serde_json). It refuses invalid UTF-8,
 * raw control characters in strings, escapes other than the nine JSON defines (<code>&#92;q</code>,
 * <code>&#92;u+041</code>), unpaired UTF-16 surrogates, duplicate object keys, numbers outside JSON's grammar
 * ({@code 01}, {@code +1}, {@code 1.}), whitespace other than space, tab, CR and LF, and nesting
 * deeper than {@link #MAX_DEPTH}. Every error names its byte offset. Time and memory are linear in the
 * input; recursion is bounded by the depth limit, so no input overflows the stack.
 */
public final class Json {
    /** The deepest nesting of arrays and objects accepted: serde_json's recursion limit. */
    public static final int MAX_DEPTH = 128;
    /** Integers with more digits than this are refused rather than parsed (no JSON use here needs them). */
    private static final int MAX_INTEGER_DIGITS = 40;

    /** Malformed JSON, at a byte offset of the input. */
    public static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        /** The byte offset of the error. */
        private final long offset;

        ParseException(long offset, String detail) {
            super("invalid JSON at byte " + offset + ": " + detail);
            this.offset = offset;
        }

        /** @return the byte offset of the error, counted from the start of the parsed range */
        public long offset() {
            return offset;
        }
    }

    private final byte[] b;
    private final int start;
    private final int end;
    private int i;
    private int depth;
    private final StringBuilder sb = new StringBuilder();

    private Json(byte[] b, int start, int end) {
        this.b = b;
        this.start = start;
        this.end = end;
        this.i = start;
    }

    /**
     * Parses one JSON value that fills {@code length} bytes of {@code data} from {@code offset} on
     * (whitespace around it allowed).
     *
     * @param data   the bytes
     * @param offset where the JSON starts
     * @param length how many bytes it takes
     * @return an ordered {@code Map<String, Object>}, a {@code List<Object>}, String, Long (integers
     *         that fit), BigInteger (larger integers, up to 40 digits), Double, Boolean or null
     * @throws ParseException naming the byte offset (from {@code offset}) of the first error
     */
    public static Object parse(byte[] data, int offset, int length) {
        Json j = new Json(data, offset, offset + length);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.i != j.end) {
            throw j.error("expected the end of the input after the value, found " + j.show());
        }
        return v;
    }

    /**
     * Parses JSON text (encoded as UTF-8, then read by {@link #parse(byte[], int, int)}).
     *
     * @param text the JSON
     * @return the value, as {@link #parse(byte[], int, int)} returns it
     * @throws ParseException naming the byte offset (in the UTF-8 encoding) of the first error
     */
    public static Object parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /**
     * @param value any string
     * @return {@code value} as a JSON string literal (control characters escaped)
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private ParseException error(String detail) {
        return new ParseException(i - start, detail);
    }

    private String show() {
        if (i >= end) {
            return "the end of the input";
        }
        int c = b[i] & 0xff;
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private void ws() {
        while (i < end) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else {
                return;
            }
        }
    }

    private Object value() {
        if (i >= end) {
            throw error("expected a value, found the end of the input");
        }
        switch (b[i]) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Object literal(String word, Object value) {
        for (int k = 0; k < word.length(); k++) {
            if (i + k >= end || b[i + k] != word.charAt(k)) {
                throw error("expected '" + word + "'");
            }
        }
        i += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " arrays and objects");
        }
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (i < end && b[i] == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            ws();
            if (i >= end || b[i] != '"') {
                throw error("expected a string key, found " + show());
            }
            int keyAt = i;
            String k = string();
            ws();
            expect(':');
            ws();
            Object v = value();
            if (m.containsKey(k)) {
                throw new ParseException(keyAt - start, "duplicate key " + quote(k));
            }
            m.put(k, v);
            ws();
            if (i < end && b[i] == ',') {
                i++;
                continue;
            }
            expect('}');
            depth--;
            return m;
        }
    }

    private List<Object> array() {
        enter();
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (i < end && b[i] == ']') {
            i++;
            depth--;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            if (i < end && b[i] == ',') {
                i++;
                continue;
            }
            expect(']');
            depth--;
            return l;
        }
    }

    private void expect(char c) {
        if (i >= end || b[i] != c) {
            throw error("expected '" + c + "', found " + show());
        }
        i++;
    }

    private String string() {
        sb.setLength(0);
        i++;
        while (true) {
            if (i >= end) {
                throw error("the string has no closing '\"'");
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                i++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error(String.format("raw control character 0x%02x in a string (JSON requires \\u%04x)", c, c));
            }
            if (c == '\\') {
                escape();
            } else if (c < 0x80) {
                sb.append((char) c);
                i++;
            } else {
                utf8(c);
            }
        }
    }

    private void escape() {
        if (i + 1 >= end) {
            throw error("the string ends inside an escape");
        }
        byte e = b[i + 1];
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                char u = hex4(i + 2);
                if (Character.isLowSurrogate(u)) {
                    throw error(String.format("unpaired low surrogate \\u%04x", (int) u));
                }
                if (Character.isHighSurrogate(u)) {
                    int next = i + 6;
                    if (next + 1 >= end || b[next] != '\\' || b[next + 1] != 'u') {
                        throw error(String.format("high surrogate \\u%04x is not followed by a \\u low surrogate",
                                (int) u));
                    }
                    char low = hex4(next + 2);
                    if (!Character.isLowSurrogate(low)) {
                        throw error(String.format("high surrogate \\u%04x is followed by \\u%04x, not a low "
                                + "surrogate", (int) u, (int) low));
                    }
                    sb.append(u).append(low);
                    i += 12;
                    return;
                }
                sb.append(u);
                i += 6;
                return;
            }
            default -> {
                int c = e & 0xff;
                throw error("invalid escape '\\" + (c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                        : String.format("<0x%02x>", c)) + "' (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }
        i += 2;
    }

    private char hex4(int at) {
        if (at + 4 > end) {
            throw error("\\u escape needs 4 hex digits");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            byte c = b[at + k];
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                throw error("\\u escape needs 4 hex digits");
            }
            v = v << 4 | Character.digit(c, 16);
        }
        return (char) v;
    }

    /** Decodes one multi-byte UTF-8 sequence starting with {@code lead}, refusing every ill-formed one. */
    private void utf8(int lead) {
        int n;
        int cp;
        int min;
        if (lead >= 0xc2 && lead <= 0xdf) {
            n = 1;
            cp = lead & 0x1f;
            min = 0x80;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            n = 2;
            cp = lead & 0x0f;
            min = 0x800;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            n = 3;
            cp = lead & 0x07;
            min = 0x10000;
        } else {
            throw error(String.format("invalid UTF-8: byte 0x%02x cannot start a character", lead));
        }
        if (i + n >= end) {
            throw error("invalid UTF-8: the input ends inside a character");
        }
        for (int k = 1; k <= n; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                throw error(String.format("invalid UTF-8: byte 0x%02x is not a continuation byte", c));
            }
            cp = cp << 6 | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw error(String.format("invalid UTF-8: overlong, surrogate or out-of-range sequence for U+%04X", cp));
        }
        sb.appendCodePoint(cp);
        i += n + 1;
    }

    private Object number() {
        int s = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i >= end || b[i] < '0' || b[i] > '9') {
            i = s;
            throw error("expected a value, found " + show());
        }
        if (b[i] == '0') {
            i++;
            if (i < end && b[i] >= '0' && b[i] <= '9') {
                throw error("a number cannot have a leading zero");
            }
        } else {
            digits();
        }
        boolean integer = true;
        if (i < end && b[i] == '.') {
            i++;
            integer = false;
            if (digits() == 0) {
                throw error("expected a digit after the decimal point");
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            integer = false;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                throw error("expected a digit in the exponent");
            }
        }
        String text = new String(b, s, i - s, java.nio.charset.StandardCharsets.US_ASCII);
        if (!integer) {
            return Double.parseDouble(text);
        }
        int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
        if (digits > MAX_INTEGER_DIGITS) {
            throw new ParseException(s - start, "integer of " + digits + " digits is out of range");
        }
        if (digits <= 18) {
            return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private int digits() {
        int s = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - s;
    }
}
