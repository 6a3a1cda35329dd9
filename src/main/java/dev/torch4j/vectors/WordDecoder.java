package dev.torch4j.vectors;

import java.nio.charset.StandardCharsets;

/**
 * Decodes words from UTF-8 under a {@link UnicodeErrors} policy exactly as Python's UTF-8 codec
 * does: an invalid sequence is cut at its maximal valid prefix ("maximal subpart", Unicode 6.0
 * section 3.9), which {@link UnicodeErrors#REPLACE} turns into one U+FFFD and
 * {@link UnicodeErrors#IGNORE} drops. ASCII words take a fast path. One instance per thread.
 */
final class WordDecoder {
    private final UnicodeErrors policy;
    private final StringBuilder sb = new StringBuilder();
    /** After {@link #decode} returned null: the index of the first invalid byte. */
    int errorIndex;

    WordDecoder(UnicodeErrors policy) {
        this.policy = policy;
    }

    /** @return the word in {@code b[off, off+len)}, or null under STRICT when invalid (see {@link #errorIndex}) */
    String decode(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                return decodeUtf8(b, off, end);
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private String decodeUtf8(byte[] b, int off, int end) {
        sb.setLength(0);
        int i = off;
        while (i < end) {
            int b0 = b[i] & 0xff;
            if (b0 < 0x80) {
                sb.append((char) b0);
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xbf;
            if (b0 >= 0xc2 && b0 <= 0xdf) {
                n = 2;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                n = 3;
                lo = b0 == 0xe0 ? 0xa0 : 0x80;
                hi = b0 == 0xed ? 0x9f : 0xbf;
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                n = 4;
                lo = b0 == 0xf0 ? 0x90 : 0x80;
                hi = b0 == 0xf4 ? 0x8f : 0xbf;
            } else {
                n = 1;
            }
            int cp = n == 2 ? b0 & 0x1f : n == 3 ? b0 & 0x0f : b0 & 0x07;
            int k = 1;
            while (n > 1 && k < n && i + k < end) {
                int c = b[i + k] & 0xff;
                if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xbf)) {
                    break;
                }
                cp = (cp << 6) | (c & 0x3f);
                k++;
            }
            if (n > 1 && k == n) {
                sb.appendCodePoint(cp);
            } else if (policy == UnicodeErrors.STRICT) {
                errorIndex = i;
                return null;
            } else if (policy == UnicodeErrors.REPLACE) {
                sb.append('\uFFFD');
            }
            i += k;
        }
        return sb.toString();
    }
}
