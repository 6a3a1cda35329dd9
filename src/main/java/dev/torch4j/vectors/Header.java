package dev.torch4j.vectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The {@code "<count> <dimension>\n"} line that starts a word2vec file, and format detection. */
final class Header {
    /** Longest header line accepted. */
    static final int MAX_LINE = 4096;
    /** Longest word accepted, in bytes (word2vec.c stops at 100; GloVe 840B's longest are about 1,000). */
    static final int MAX_WORD = 1 << 16;
    /** Most bytes one text value is expected to take, for sniffing the first row. */
    private static final int MAX_VALUE_CHARS = 32;

    final long count;
    final int dim;

    private Header(long count, int dim) {
        this.count = count;
        this.dim = dim;
    }

    /** Reads the header line and leaves the source at the first row. */
    static Header read(ByteSource src) throws IOException {
        int avail = src.require(MAX_LINE);
        byte[] b = src.buffer();
        int p = src.pos();
        if (avail == 0) {
            throw error(src, 0, "empty file: expected a header line '<count> <dimension>'");
        }
        int nl = indexOf(b, p, p + avail, (byte) '\n');
        if (nl < 0) {
            String found = printable(b, p, Math.min(avail, 60));
            throw error(src, 0, avail < MAX_LINE
                    ? "truncated header: expected '<count> <dimension>' and a newline, found '" + found
                            + "' and the end of the file"
                    : "expected a header line '<count> <dimension>' within " + MAX_LINE + " bytes, found '"
                            + found + "...'");
        }
        String line = new String(b, p, nl - p, StandardCharsets.ISO_8859_1).strip();
        String[] parts = fields(line);
        if (parts.length != 2 || !digits(parts[0]) || !digits(parts[1])) {
            String hint = parts.length > 2 ? " (a file without a header line, such as GloVe's, is read with GloVe.load)"
                    : "";
            throw error(src, 0, "expected a header line '<count> <dimension>', found '"
                    + printable(b, p, Math.min(nl - p, 60)) + "'" + hint);
        }
        byte[] ascii = line.getBytes(StandardCharsets.ISO_8859_1);
        long count = parseSize(ascii, 0, parts[0].length());
        long dim = parseSize(ascii, ascii.length - parts[1].length(), ascii.length);
        if (count < 0 || dim < 0) {
            throw error(src, 0, "expected a header '<count> <dimension>' of sizes that fit in 63 bits, found '"
                    + line + "'");
        }
        long maxDim = (Integer.MAX_VALUE - 2L * MAX_WORD) / 4;
        if (dim < 1 || dim > maxDim) {
            throw error(src, 0, "expected a vector dimension between 1 and " + maxDim + " in the header, found "
                    + dim);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw error(src, 0, "expected at most " + (Integer.MAX_VALUE - 8) + " vectors in the header, found "
                    + count);
        }
        src.pos(nl + 1);
        return new Header(count, (int) dim);
    }

    /**
     * Tells a binary file from a text one by its first row. Text when the bytes after the first word,
     * up to a newline, hold no control characters and either make exactly {@code dim} space-separated
     * fields or are only number characters (so that a text row with a wrong count is reported as
     * such); binary otherwise. Float bytes almost always break both rules within a row.
     */
    boolean looksBinary(ByteSource src) throws IOException {
        if (count == 0) {
            return true;
        }
        int window = (int) Math.min(Integer.MAX_VALUE, MAX_WORD + 2L + (long) MAX_VALUE_CHARS * dim);
        int avail = src.require(window);
        byte[] b = src.buffer();
        int p = src.pos();
        int end = p + avail;
        int sp = indexOf(b, p, end, (byte) ' ');
        if (sp < 0) {
            return true;
        }
        int nl = indexOf(b, sp + 1, end, (byte) '\n');
        if (nl < 0) {
            if (end - p >= window) {
                return true;
            }
            nl = end;
        }
        int lineEnd = nl;
        while (lineEnd > sp + 1 && (b[lineEnd - 1] == '\r' || b[lineEnd - 1] == ' ' || b[lineEnd - 1] == '\t')) {
            lineEnd--;
        }
        boolean numeric = lineEnd > sp + 1;
        int fields = 1;
        for (int i = sp + 1; i < lineEnd; i++) {
            byte c = b[i];
            if ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
            if (c == ' ') {
                fields++;
            } else if (!isNumberChar(c)) {
                numeric = false;
            }
        }
        return !(numeric || fields == dim);
    }

    /** The fields of {@code line} between runs of spaces and tabs, as {@code line.split("[ \t]+")} (no regex to compile). */
    private static String[] fields(String line) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            int s = i;
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            parts.add(line.substring(s, i));
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
        }
        return parts.toArray(new String[0]);
    }

    private static boolean isNumberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || "eEinfatyINFATY".indexOf(c) >= 0;
    }

    /**
     * @return the value of the decimal digits {@code b[s, e)}, or -1 when they are not all digits (or
     *         none) or the value does not fit in 63 bits; never throws, whatever the bytes
     */
    static long parseSize(byte[] b, int s, int e) {
        if (e <= s) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Up to {@code len} bytes as text for a message, control characters escaped. */
    static String printable(byte[] b, int off, int len) {
        String s = new String(b, off, Math.max(0, len), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static VectorFormatException error(ByteSource src, long offset, String problem) {
        return new VectorFormatException(src.path, 1, offset, src.gzip, problem);
    }
}
