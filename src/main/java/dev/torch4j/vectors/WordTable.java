package dev.torch4j.vectors;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Words in index order and a word-to-index map, kept as UTF-8 bytes: the bytes of every word in
 * pages of one arena, and an open-addressing table of ints keyed by a SipHash-1-3 of the bytes under
 * a key drawn at random once per JVM.
 *
 * <p>The keyed hash is what keeps lookups near constant time whatever the words are: words chosen to
 * share one {@code String.hashCode} (there are 2^n such words of 2n characters) would otherwise all
 * probe the same slots and make loading quadratic. Python's {@code dict}, which gensim's
 * {@code key_to_index} is, uses the same function for the same reason. A table of 1,000,000 words
 * takes about 28 bytes a word besides the words' own bytes, against about 60 for a
 * {@code HashMap<String, Integer>} with its strings; {@link String}s are made only when asked for.
 */
final class WordTable {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PAGE_BITS = 20;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final long K0;
    private static final long K1;

    static {
        long[] key = key();
        K0 = key[0];
        K1 = key[1];
    }

    /**
     * Sixteen random bytes from {@code /dev/urandom}, which is what {@link SecureRandom} reads on Linux,
     * without initializing the security providers (some 50 classes, a sizable part of a filtered
     * load's time in a fresh JVM); {@link SecureRandom} where that file is missing.
     */
    private static long[] key() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/dev/urandom")) {
            byte[] b = in.readNBytes(16);
            if (b.length == 16) {
                return new long[] {(long) LONG_LE.get(b, 0), (long) LONG_LE.get(b, 8)};
            }
        } catch (java.io.IOException | SecurityException e) {
            // not Linux (or not readable): the portable source below
        }
        SecureRandom random = new SecureRandom();
        return new long[] {random.nextLong(), random.nextLong()};
    }

    private byte[][] pages = new byte[4][];
    private int pageCount;
    private int currentPage = -1;
    private int pageUsed;
    /** Start of word i: page index in the high 32 bits, offset in the low. */
    private long[] start;
    private int[] length;
    private int size;
    /** Slot -> the word's hash in the high 32 bits and its index + 1 in the low, 0 when free; at most half full. */
    private long[] table;
    private int mask;
    /** Where {@link #addAll} puts the sum of the slots it touches ahead, so that the loads are not removed. */
    private long touched;
    /** Slots visited by lookups so far: near the number of lookups unless the hash fails. */
    private long probes;

    /** @param expected words to make room for; more may be added (pass a bound the input has proven) */
    WordTable(int expected) {
        int n = Math.max(16, expected);
        start = new long[n];
        length = new int[n];
        int cap = Integer.highestOneBit(Math.min(n, 1 << 29) * 2 - 1) << 1;
        table = new long[cap];
        mask = cap - 1;
    }

    /** The keyed hash of {@code b[off, off+len)}. */
    static int hash(byte[] b, int off, int len) {
        long h = sipHash13(K0, K1, b, off, len);
        return (int) (h ^ (h >>> 32));
    }

    /** SipHash-1-3 (Aumasson and Bernstein's SipHash with one round per block and three to finish). */
    static long sipHash13(long k0, long k1, byte[] b, int off, int len) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int blocks = (len >>> 3) + 1;
        // one SipRound per 8-byte block (the last holds the tail and the length), then three to finish
        for (int r = 0; r < blocks + 3; r++) {
            long m = 0;
            if (r < blocks - 1) {
                m = (long) LONG_LE.get(b, off + 8 * r);
            } else if (r == blocks - 1) {
                m = (long) len << 56;
                int tail = off + 8 * r;
                for (int i = 0; i < (len & 7); i++) {
                    m |= (b[tail + i] & 0xffL) << (8 * i);
                }
            } else if (r == blocks) {
                v2 ^= 0xff;
            }
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    int size() {
        return size;
    }

    /** @return slots visited by all lookups and insertions so far (for tests of the hash's spread) */
    long probes() {
        return probes;
    }

    /**
     * Adds the UTF-8 word {@code b[off, off+len)} at index {@link #size()} unless it is present.
     *
     * @return -1 when added, else the index the word already has
     */
    int add(byte[] b, int off, int len) {
        return add(b, off, len, hash(b, off, len));
    }

    /** Like {@link #add(byte[], int, int)} with the word's {@link #hash} computed by the caller. */
    int add(byte[] b, int off, int len, int h) {
        int slot = find(b, off, len, h);
        long v = table[slot];
        if (v != 0) {
            return (int) v - 1;
        }
        if (size == start.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8L, size * 2L);
            if (n == size) {
                throw new IllegalStateException("more than " + size + " words");
            }
            start = Arrays.copyOf(start, n);
            length = Arrays.copyOf(length, n);
        }
        start[size] = store(b, off, len);
        length[size] = len;
        size++;
        table[slot] = ((long) h << 32) | size;
        if (size * 2L > table.length) {
            grow();
        }
        return -1;
    }

    /**
     * Adds words {@code 0..n-1} of a batch, in order, as {@link #add(byte[], int, int, int)} would: word
     * {@code k} is {@code b[ends[k-1], ends[k])} (from 0 for the first) with hash {@code hashes[k]}.
     * The slots of the whole batch are loaded first, in a loop whose loads do not wait for each other,
     * so that their cache misses overlap instead of following one another.
     *
     * @return -1 when all were added, else the position in the batch of the first word already present
     *         (the words before it are added, it and those after it are not)
     */
    int addAll(byte[] b, int[] ends, int[] hashes, int n) {
        long sum = 0;
        long[] t = table;
        for (int k = 0; k < n; k++) {
            int h = hashes[k];
            sum += t[(h ^ (h >>> 16)) & mask];
        }
        touched += sum;
        int from = 0;
        for (int k = 0; k < n; k++) {
            if (add(b, from, ends[k] - from, hashes[k]) >= 0) {
                return k;
            }
            from = ends[k];
        }
        return -1;
    }

    /**
     * A quick test before {@link #indexOf(byte[], int, int)}, for a small table matched against many
     * words (a vocabulary filter): false means the word is surely absent. It looks at the length and
     * the first eight bytes through an unkeyed hash and a bit set of the table's words, so a word
     * made to pass it only costs the full lookup it would have cost anyway.
     */
    boolean mightContain(byte[] b, int off, int len) {
        return mightContain(prefix(b, off, len), len);
    }

    /**
     * {@link #mightContain(byte[], int, int)} for a word given by its length and {@link #prefix}, so that
     * a reader can test a word it has not copied out of its buffer.
     */
    boolean mightContain(long prefix, int len) {
        long[] bits = filter;
        if (bits == null || filterSize != size) {
            bits = buildFilter();
        }
        int h = quick(prefix, len, filterBits);
        return (bits[h >>> 6] & (1L << h)) != 0;
    }

    private long[] filter;
    private int filterSize = -1;
    private int filterBits;

    private long[] buildFilter() {
        int log = Math.min(24, Math.max(16, 64 - Long.numberOfLeadingZeros(8L * size)));
        long[] bits = new long[1 << (log - 6)];
        for (int w = 0; w < size; w++) {
            long s = start[w];
            int h = quick(prefix(pages[(int) (s >>> 32)], (int) s, length[w]), length[w], log);
            bits[h >>> 6] |= 1L << h;
        }
        filterBits = log;
        filterSize = size;
        filter = bits;
        return bits;
    }

    /** The first eight bytes of a word (fewer when it is shorter), big-endian: {@code b[off]} highest. */
    static long prefix(byte[] b, int off, int len) {
        long x = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            x = (x << 8) | (b[off + i] & 0xff);
        }
        return x;
    }

    /** An unkeyed hash of the length and the first eight bytes, {@code log} bits wide. */
    private static int quick(long prefix, int len, int log) {
        long x = prefix ^ ((long) len << 58) ^ ((long) len << 40);
        x *= 0x9E3779B97F4A7C15L;
        return (int) (x >>> (64 - log));
    }

    /** @return the index of the UTF-8 word {@code b[off, off+len)}, or -1 */
    int indexOf(byte[] b, int off, int len) {
        return (int) table[find(b, off, len, hash(b, off, len))] - 1;
    }

    /** @return the index of {@code word}, or -1 (also for a string that is not valid Unicode) */
    int indexOf(String word) {
        byte[] b = utf8(word);
        return b == null ? -1 : indexOf(b, 0, b.length);
    }

    /** @return the word at {@code i} as a new string */
    String get(int i) {
        long s = start[i];
        byte[] page = pages[(int) (s >>> 32)];
        int off = (int) s;
        int len = length[i];
        for (int k = off; k < off + len; k++) {
            if (page[k] < 0) {
                return new String(page, off, len, StandardCharsets.UTF_8);
            }
        }
        return new String(page, off, len, StandardCharsets.ISO_8859_1);
    }

    /** @return a copy of the UTF-8 bytes of word {@code i} */
    byte[] bytes(int i) {
        long s = start[i];
        return Arrays.copyOfRange(pages[(int) (s >>> 32)], (int) s, (int) s + length[i]);
    }

    /** @return the words in index order as a read-only list whose strings are made on each {@code get} */
    List<String> words() {
        return new Words();
    }

    /**
     * @return the UTF-8 bytes of {@code word}, or null when it holds an unpaired surrogate, which no
     *         UTF-8 text can spell
     */
    static byte[] utf8(String word) {
        int n = word.length();
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(word.charAt(i + 1))) {
                    i++;
                } else {
                    return null;
                }
            }
        }
        return word.getBytes(StandardCharsets.UTF_8);
    }

    private int find(byte[] b, int off, int len, int h) {
        int i = (h ^ (h >>> 16)) & mask;
        while (true) {
            probes++;
            long v = table[i];
            if (v == 0 || ((int) (v >>> 32) == h && same((int) v - 1, b, off, len))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean same(int w, byte[] b, int off, int len) {
        if (length[w] != len) {
            return false;
        }
        long s = start[w];
        int o = (int) s;
        return Arrays.equals(pages[(int) (s >>> 32)], o, o + len, b, off, off + len);
    }

    private long store(byte[] b, int off, int len) {
        if (len > PAGE / 4) {
            // a long word gets a page of its own; short words keep filling the current page
            addPage(Arrays.copyOfRange(b, off, off + len));
            return (long) (pageCount - 1) << 32;
        }
        if (currentPage < 0 || pageUsed + len > pages[currentPage].length) {
            // pages double from 4 KiB up to 1 MiB, so a small table stays small
            int n = currentPage < 0 ? 4096 : Math.min(PAGE, pages[currentPage].length * 2);
            addPage(new byte[Math.max(n, len)]);
            currentPage = pageCount - 1;
            pageUsed = 0;
        }
        int o = pageUsed;
        System.arraycopy(b, off, pages[currentPage], o, len);
        pageUsed += len;
        return ((long) currentPage << 32) | o;
    }

    private void addPage(byte[] page) {
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pageCount * 2);
        }
        pages[pageCount++] = page;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long v : old) {
            if (v != 0) {
                int h = (int) (v >>> 32);
                int i = (h ^ (h >>> 16)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private final class Words extends AbstractList<String> implements RandomAccess {
        @Override
        public String get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " out of bounds for " + size + " words");
            }
            return WordTable.this.get(i);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
