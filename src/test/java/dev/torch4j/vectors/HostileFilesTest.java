package dev.torch4j.vectors;

import static dev.torch4j.vectors.VectorFixtures.binary;
import static dev.torch4j.vectors.VectorFixtures.utf8;
import static dev.torch4j.vectors.VectorFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that broke the readers (issue 14, items 7, 11, 12 and 14): each must either load what it
 * really holds or be refused with a {@link VectorFormatException} that says where and what was
 * expected, in memory that follows the file's size, never a size the file merely claims.
 */
class HostileFilesTest {
    private static final Word2VecOptions W2V = Word2VecOptions.defaults().progress(false);
    private static final GloVeOptions GLOVE = GloVeOptions.defaults().progress(false);
    private static final float[] TWO = {1.5f, -2f};
    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    private static void says(Throwable e, String... parts) {
        assertNotNull(e, "expected a refusal");
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private VectorFormatException refusedWord2vec(Path p) {
        return assertThrows(VectorFormatException.class, () -> Word2Vec.load(p, W2V).close());
    }

    private VectorFormatException refusedGlove(String name, String content) throws IOException {
        Path p = write(dir, name, utf8(content));
        return assertThrows(VectorFormatException.class, () -> GloVe.load(p, GLOVE).close());
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- item 7: rows that do not add up

    @Test
    void aShortBinaryRowAmongNewlineTerminatedRowsIsRefused() throws IOException {
        // row 'b' lacks a float; the bytes of the next row ('\n', "cc ", then a float whose
        // little-endian bytes are 'm', 'a', ' ', '@') used to be read as its values, then "ma" as a word
        float ma = Float.intBitsToFloat(0x4020616d);
        Path p = write(dir, "short.bin", binary("3 2\n", "a ", TWO, "\n", "b ", new float[] {1.5f}, "\n",
                "cc ", new float[] {ma, 7f}, "\n\n\n"));
        VectorFormatException e = refusedWord2vec(p);
        says(e, "vector #1 is not followed by a newline as vector #0 is", "found byte 0x6d",
                "expected every row to hold exactly 8 bytes of float32 values");
        assertEquals(4 + 11 + 10, e.byteOffset(), "where the newline after vector #1 should be");
    }

    @Test
    void binaryRowsEndingInCrLfLoad() throws IOException {
        Path p = write(dir, "windows.bin", binary("2 2\r\n", "a ", TWO, "\r\n", "b ", new float[] {3, 4}, "\r\n"));
        try (KeyedVectors kv = Word2Vec.load(p, W2V)) {
            assertEquals(List.of("a", "b"), kv.words());
            assertArrayEquals(TWO, kv.get("a").toFloatArray());
            assertArrayEquals(new float[] {3, 4}, kv.get("b").toFloatArray());
        }
    }

    @Test
    void aBinaryRowThatEndsDifferentlyFromTheFirstIsRefused() throws IOException {
        VectorFormatException missing = refusedWord2vec(write(dir, "missing.bin",
                binary("3 2\n", "a ", TWO, "\n", "b ", TWO, "c ", TWO, "\n")));
        says(missing, "vector #1 is not followed by a newline as vector #0 is");
        VectorFormatException extra = refusedWord2vec(write(dir, "extra.bin",
                binary("3 2\n", "a ", TWO, "b ", TWO, "\n", "c ", TWO)));
        says(extra, "expected vector #2 to start with a word", "although none follows vector #0");
    }

    @Test
    void aGloveLineWithMoreValuesThanTheOthersIsRefusedNotReadAsAWordWithSpaces() throws IOException {
        // used to load with dim 1 and the word 'the 1 2 3 4'
        VectorFormatException e = refusedGlove("more.txt", "the 1 2 3 4 5\n, 0.5\n");
        says(e, "'1' among them is a number", "more values than the dimension 1", "or a newline is missing");
        assertEquals(1, e.line());
    }

    @Test
    void aLostNewlineBetweenGloveLinesIsRefused() throws IOException {
        // used to load the word 'c 5 6 d'
        VectorFormatException e = refusedGlove("joined.txt", "a 1 2\nb 3 4\nc 5 6 d 7 8\ne 9 10\n");
        says(e, "'5' among them is a number", "or a newline is missing");
        assertEquals(3, e.line());
        assertEquals(12, e.byteOffset());
    }

    @Test
    void gloveTokensWithSpacesAndNoNumberInThemStillLoad() throws IOException {
        // the kinds of tokens glove.840B.300d.txt has: several parts, none of them a number
        String text = "the 0.5 1\n. . . 0.25 2\nat name@domain.com 3 -1\n\u2022 name@domain.com 1e-3 4\n"
                + "1 7 8\n2010 9 10\nnan bread 11 12\n";
        try (KeyedVectors kv = GloVe.load(write(dir, "spaces.txt", utf8(text)), GLOVE)) {
            assertEquals(List.of("the", ". . .", "at name@domain.com", "\u2022 name@domain.com", "1", "2010",
                    "nan bread"), kv.words());
            assertArrayEquals(new float[] {(float) 1e-3, 4}, kv.get("\u2022 name@domain.com").toFloatArray());
            assertArrayEquals(new float[] {7, 8}, kv.get("1").toFloatArray());
        }
    }

    // ---------------------------------------------------------------- item 11: claims that are not kept

    @Test
    void aWord2vecTextHeaderWithAHugeDimensionIsRefusedWithoutAllocatingForIt() throws IOException {
        StringBuilder row = new StringBuilder("1 536000000\na");
        for (int i = 0; i < 300_000; i++) {
            row.append(" 0.1");
        }
        Path p = write(dir, "dim.txt", utf8(row.append('\n').toString()));
        Footprint f = Footprint.of(() -> Word2Vec.load(p, W2V.threads(1)).close()).within(32 * MB, 128 * MB, 1L << 30);
        assertInstanceOf(VectorFormatException.class, f.failure());
        says(f.failure(), "the header promises 1 vectors of dimension 536000000", "as text");
    }

    @Test
    void fewLongGloveLinesThenManyShortOnesAreRefusedWithoutAllocatingForThem() throws IOException {
        // the first 100 lines say dim 10,000; a million short lines follow: 40 GB if believed
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            values.append(" 0");
        }
        for (int i = 0; i < 100; i++) {
            out.writeBytes(utf8("w" + i + values + "\n"));
        }
        byte[] shortLine = utf8("x 0\n");
        for (int i = 0; i < 1_000_000; i++) {
            out.writeBytes(shortLine);
        }
        Path p = write(dir, "long-short.txt", out.toByteArray());
        Footprint f = Footprint.of(() -> GloVe.load(p, GLOVE.threads(1)).close()).within(64 * MB, 256 * MB, 4L << 30);
        assertInstanceOf(VectorFormatException.class, f.failure());
        says(f.failure(), "expected a word and 10000 values, found 2 fields");
        assertEquals(101, ((VectorFormatException) f.failure()).line());
    }

    @Test
    void aGzipFilePromising300MillionRowsIsRefusedInMemoryThatFollowsItsContent() throws IOException {
        // 2 MB of gzip may hold 2 GB, so the header's 300,000,000 rows of dim 1 (1.8 GB) pass the size
        // check; only the content can tell, and memory must follow the content, not the header
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(binary("300000000 1\n"));
        for (int i = 0; i < 1000; i++) {
            content.writeBytes(binary("w" + i + " ", new float[] {i}));
        }
        byte[] noise = new byte[2 << 20];
        new Random(11).nextBytes(noise);
        content.writeBytes(noise);
        Path p = write(dir, "promise.bin.gz", gzip(content.toByteArray()));
        Footprint f = Footprint.of(() -> Word2Vec.load(p, W2V.threads(1)).close()).within(64 * MB, 256 * MB, 4L << 30);
        assertInstanceOf(VectorFormatException.class, f.failure());
    }

    @Test
    void aLyingGzipTextHeaderAllocatesNothingOnItsWord() throws IOException {
        // 20,000 lines of random words (hardly compressible) under a header as large as the gzip bound allows
        StringBuilder text = new StringBuilder();
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            text.append('w').append(Long.toHexString(random.nextLong())).append(" 1 2\n");
        }
        long claim = gzip(utf8(text.toString())).length * 1000L / 5;
        Path p = write(dir, "promise.txt.gz", gzip(utf8(claim + " 2\n" + text)));
        Footprint f = Footprint.of(() -> Word2Vec.load(p, W2V.threads(1)).close()).within(32 * MB, 128 * MB, 1L << 30);
        says(f.failure(), "the header promises " + claim + " vectors, but the file ends after 20000");
    }

    // ---------------------------------------------------------------- item 12: words chosen to collide

    @Test
    void wordsThatShareOneStringHashCodeLoadInLinearTime() throws IOException {
        // "Aa" and "BB" have the same String.hashCode, so every word of 18 of them does: 262,144 words
        int pairs = 18;
        int n = 1 << pairs;
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 41);
        out.writeBytes(utf8(n + " 1\n"));
        StringBuilder w = new StringBuilder();
        int hash = 0;
        for (int i = 0; i < n; i++) {
            w.setLength(0);
            for (int b = 0; b < pairs; b++) {
                w.append((i >> b & 1) == 0 ? "Aa" : "BB");
            }
            if (i == 0) {
                hash = w.toString().hashCode();
            }
            assertEquals(hash, w.toString().hashCode(), "the test's words must collide");
            out.writeBytes(binary(w + " ", new float[] {i}));
        }
        Path p = write(dir, "collide.bin", out.toByteArray());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (KeyedVectors kv = Word2Vec.load(p, W2V)) {
                assertEquals(n, kv.size());
                assertEquals(n - 1, kv.indexOf(w.toString()));
                long probes = kv.table().probes();
                assertTrue(probes < 4L * n, "slots visited: " + probes + " for " + n + " words");
            }
        }, "quadratic: 98 s before the keyed hash");
    }

    // ---------------------------------------------------------------- item 14: errors that say what happened

    @Test
    void aGloveFirstLineOfTwoNumbersTooBigForALongIsReadAsALine() throws IOException {
        // used to throw a raw NumberFormatException while telling a word2vec header apart
        VectorFormatException e = refusedGlove("huge.txt", "5 123456789012345678901234\na 1 2 3\nb 4 5 6\nc 7 8 9\n");
        says(e, "expected a word and 3 values, found 2 fields");
        assertEquals(1, e.line());
        String token = "123456789012345678901234";
        try (KeyedVectors kv = GloVe.load(write(dir, "one.txt", utf8("5 " + token + "\n")), GLOVE)) {
            assertEquals(List.of("5"), kv.words());
            // numpy.float32(token): the decimal rounded to a double, then to a float
            assertEquals((float) Double.parseDouble(token), kv.get("5").toFloatArray()[0]);
        }
    }

    @Test
    void aTruncatedGzipTrailerSaysSo() throws IOException {
        byte[] gz = gzip(binary("2 2\n", "a ", TWO, "b ", TWO));
        for (int cut = 1; cut <= 8; cut++) {
            byte[] bytes = Arrays.copyOf(gz, gz.length - cut);
            VectorFormatException e = refusedWord2vec(write(dir, "cut" + cut + ".bin.gz", bytes));
            says(e, "truncated gzip file: expected the 8-byte trailer (CRC-32 and length) of the member that "
                    + "starts at byte 0, found " + (8 - cut) + " bytes and the end of the file");
            assertFalse(e.getMessage().contains("null"), e.getMessage());
            assertEquals(gz.length - 8, e.byteOffset(), "where the trailer starts");
        }
    }

    @Test
    void corruptGzipDataSaysWhatIsWrongAndWhere() throws IOException {
        byte[] gz = gzip(binary("2 2\n", "a ", TWO, "b ", TWO));
        byte[] crc = gz.clone();
        crc[gz.length - 8] ^= 1;
        says(refusedWord2vec(write(dir, "crc.bin.gz", crc)), "the CRC-32 in the gzip trailer", "does not match");
        byte[] size = gz.clone();
        size[gz.length - 4] ^= 1;
        says(refusedWord2vec(write(dir, "size.bin.gz", size)), "the gzip trailer records a length of");
        byte[] garbage = Arrays.copyOf(gz, gz.length + 3);
        garbage[gz.length] = 'x';
        VectorFormatException g = refusedWord2vec(write(dir, "garbage.bin.gz", garbage));
        says(g, "expected another gzip member (1f 8b), zero padding or the end of the file");
        assertEquals(gz.length, g.byteOffset());
        byte[] method = gz.clone();
        method[2] = 7;
        says(refusedWord2vec(write(dir, "method.bin.gz", method)), "expected compression method 8 (deflate)");
        byte[] header = Arrays.copyOf(gz, 6);
        says(refusedWord2vec(write(dir, "header.bin.gz", header)), "truncated gzip file: expected the 10-byte gzip header");
        byte[] deflate = gz.clone();
        deflate[12] ^= (byte) 0xff;
        VectorFormatException d = refusedWord2vec(write(dir, "deflate.bin.gz", deflate));
        assertFalse(d.getMessage().contains("null"), d.getMessage());
    }

    @Test
    void gzipMembersOneAfterTheOtherAndZeroPaddingLoadAsPythonReadsThem() throws IOException {
        byte[] content = binary("2 2\n", "a ", TWO, "b ", new float[] {3, 4});
        byte[] first = gzip(Arrays.copyOf(content, 17));
        byte[] second = gzip(Arrays.copyOfRange(content, 17, content.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        out.writeBytes(new byte[5]);
        try (KeyedVectors kv = Word2Vec.load(write(dir, "members.bin.gz", out.toByteArray()), W2V)) {
            assertEquals(List.of("a", "b"), kv.words());
            assertArrayEquals(new float[] {3, 4}, kv.get("b").toFloatArray());
        }
    }

    @Test
    void wordsThatUtf8CannotSpellAreRefusedByOfAndNeverFound() {
        List<String> words = new ArrayList<>(List.of("ok", "\uD800"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyedVectors.of(words, dev.torch4j.Torch.zeros(2, 2)));
        says(e, "unpaired surrogate");
        try (KeyedVectors kv = KeyedVectors.of(List.of("?", "\uD83D\uDE00"), dev.torch4j.Torch.zeros(2, 2))) {
            assertEquals(-1, kv.indexOf("\uD800"), "not confused with '?'");
            assertEquals(1, kv.indexOf("\uD83D\uDE00"));
            assertEquals("\uD83D\uDE00", kv.words().get(1));
        }
    }
}
