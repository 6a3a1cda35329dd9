package dev.torch4j.vectors;

import java.nio.charset.StandardCharsets;

/**
 * Checks words for valid UTF-8 and repairs invalid ones under a {@link UnicodeErrors} policy exactly
 * as Python's UTF-8 codec does: an invalid sequence is cut at its maximal valid prefix ("maximal
 * subpart", Unicode 6.0 section 3.9), which {@link UnicodeErrors#REPLACE} turns into one U+FFFD and
 * {@link UnicodeErrors#IGNORE} drops. Words stay bytes: a valid word is used as it is in the file.
 */
final class WordDecoder {
    private WordDecoder() {
    }

    /**
     * @return -1 when {@code b[off, off+len)} is valid UTF-8 (surrogates and overlong forms are not),
     *         else the index of the first byte of its first invalid sequence
     */
    static int invalidAt(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        while (i < end) {
            int k = sequence(b, i, end);
            if (k < 0) {
                return i;
            }
            i += k;
        }
        return -1;
    }

    /**
     * The UTF-8 bytes of the word that Python's codec decodes from {@code b[off, off+len)} with
     * {@code errors='replace'} or {@code 'ignore'}.
     */
    static byte[] repair(byte[] b, int off, int len, UnicodeErrors policy) {
        StringBuilder sb = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int k = sequence(b, i, end);
            if (k > 0) {
                sb.append(new String(b, i, k, StandardCharsets.UTF_8));
                i += k;
            } else {
                if (policy == UnicodeErrors.REPLACE) {
                    sb.append('\uFFFD');
                }
                i += -k;
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the length of the valid sequence at {@code i}, or minus the length of its maximal
     *         invalid subpart (at least one byte)
     */
    private static int sequence(byte[] b, int i, int end) {
        int b0 = b[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
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
            return -1;
        }
        int k = 1;
        while (k < n && i + k < end) {
            int c = b[i + k] & 0xff;
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xbf)) {
                break;
            }
            k++;
        }
        return k == n ? n : -k;
    }
}
