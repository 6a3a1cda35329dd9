package dev.torch4j.vectors;

import static dev.torch4j.vectors.VectorFixtures.binary;
import static dev.torch4j.vectors.VectorFixtures.utf8;
import static dev.torch4j.vectors.VectorFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed file is refused with a {@link VectorFormatException} that names the file, the
 * byte offset or line, and what was expected, including the cases gensim loads silently.
 */
class VectorFormatExceptionTest {
    private static final Word2VecOptions W2V = Word2VecOptions.defaults().progress(false);
    private static final GloVeOptions GLOVE = GloVeOptions.defaults().progress(false);
    private static final float[] TWO = {1.5f, -2f};

    @TempDir
    Path dir;

    private VectorFormatException word2vec(String name, byte[] content) throws IOException {
        Path p = write(dir, name, content);
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> Word2Vec.load(p, W2V).close());
        assertEquals(p, e.file());
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        return e;
    }

    private VectorFormatException glove(String name, String content) throws IOException {
        Path p = write(dir, name, utf8(content));
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> GloVe.load(p, GLOVE).close());
        assertEquals(p, e.file());
        return e;
    }

    private static void says(VectorFormatException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void isAnIOException() {
        assertInstanceOf(IOException.class, new VectorFormatException(Path.of("x"), 2, 5, false, "p"));
        assertEquals("x: line 2, byte offset 5: p", new VectorFormatException(Path.of("x"), 2, 5, false, "p")
                .getMessage());
        assertEquals("x: byte offset 5 of the decompressed data: p",
                new VectorFormatException(Path.of("x"), -1, 5, true, "p").getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        VectorFormatException e = word2vec("empty.bin", new byte[0]);
        says(e, "empty file", "expected a header line '<count> <dimension>'");
        assertEquals(0, e.byteOffset());
        says(glove("empty.txt", ""), "empty file");
        says(glove("blank.txt", "\n \n"), "empty file");
    }

    @Test
    void truncatedHeader() throws IOException {
        says(word2vec("trunc.bin", utf8("12")), "truncated header", "'12'", "end of the file");
    }

    @Test
    void headerThatIsNotTwoSizes() throws IOException {
        says(word2vec("words.bin", utf8("hello world\n")), "expected a header line", "'hello world'");
        says(word2vec("dim0.bin", utf8("3 0\n")), "expected a vector dimension between 1 and");
        says(word2vec("huge.bin", utf8("99999999999999999999 3\n")), "fit in 63 bits");
        says(word2vec("glove-given.txt", utf8("the 0.1 0.2 0.3\n")), "GloVe.load");
    }

    @Test
    void truncatedBinaryVector() throws IOException {
        // header (4 bytes), "aaaaaaaaaa " + 8 bytes (19), "bbbbbbbbbb " (11) then 5 of 8 bytes
        byte[] full = binary("2 2\n", "aaaaaaaaaa ", TWO, "bbbbbbbbbb ", TWO);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
        VectorFormatException e = word2vec("cut.bin", cut);
        says(e, "truncated vector #1 ('bbbbbbbbbb')", "expected 8 bytes of float32 values, found 5");
        assertEquals(4 + 19 + 11, e.byteOffset());
        assertEquals(-1, e.line());
    }

    @Test
    void binaryHeaderCountAboveRows() throws IOException {
        VectorFormatException e = word2vec("fewer.bin", binary("3 2\n", "aaaaaaaaaaaaaaaaaaaa ", TWO,
                "bbbbbbbbbbbbbbbbbbbb ", TWO));
        says(e, "the header promises 3 vectors, but the file ends after 2");
        assertEquals(4 + 2 * 29, e.byteOffset());
    }

    @Test
    void binaryHeaderCountBelowRows() throws IOException {
        // gensim loads the first row and ignores the rest
        VectorFormatException e = word2vec("more.bin", binary("1 2\n", "a ", TWO, "b ", TWO));
        says(e, "the header promises 1 vectors, but more data follows them");
        assertEquals(4 + 10, e.byteOffset());
    }

    @Test
    void binaryWithTheWrongDimensionIsRefused() throws IOException {
        // rows of 3 floats under a header that says 2: gensim reads misaligned garbage
        byte[] content = binary("2 2\n", "a ", new float[] {1, 2, 3}, "b ", new float[] {4, 5, 6});
        word2vec("misaligned.bin", content);
    }

    @Test
    void textHeaderCountAboveAndBelowRows() throws IOException {
        VectorFormatException above = word2vec("above.txt", utf8("3 2\nalpha 1 2\nbeta 3 4\n"));
        says(above, "the header promises 3 vectors, but the file ends after 2");
        assertEquals(4, above.line());
        VectorFormatException below = word2vec("below.txt", utf8("1 2\nalpha 1 2\nbeta 3 4\n"));
        says(below, "the header promises 1 vectors, but more data follows them");
        assertEquals(3, below.line());
        assertEquals(14, below.byteOffset());
    }

    @Test
    void textRowWithTheWrongNumberOfValues() throws IOException {
        VectorFormatException few = word2vec("few.txt", utf8("2 3\nalpha 1 2 3\nbeta 3 4\n"));
        says(few, "expected 3 values after the word, found 2");
        assertEquals(3, few.line());
        assertEquals(16, few.byteOffset());
        VectorFormatException many = word2vec("many.txt", utf8("2 3\nalpha 1 2 3\nbeta 3 4 5 6\n"));
        says(many, "expected 3 values after the word, found 4");
        VectorFormatException glove = glove("few.glove", "alpha 1 2 3\nbeta 3 4 5\ngamma 4\n");
        says(glove, "expected a word and 3 values, found 2 fields");
        assertEquals(3, glove.line());
    }

    @Test
    void valueThatIsNotANumber() throws IOException {
        VectorFormatException e = word2vec("nan.txt", utf8("1 3\nalpha 1 abc 3\n"));
        says(e, "expected a number as value 2 of 3, found 'abc'");
        assertEquals(2, e.line());
        assertEquals(12, e.byteOffset());
        says(glove("nan.glove", "alpha 1 2\nbeta 1_0 2\n"), "found '1_0'");
    }

    @Test
    void invalidUtf8UnderTheStrictPolicy() throws IOException {
        VectorFormatException e = word2vec("utf.txt", binary("1 1\n", new byte[] {'a', (byte) 0xc3, 'b'}, " 1\n"));
        says(e, "invalid UTF-8", "0xc3", "UnicodeErrors.REPLACE");
        assertEquals(2, e.line());
        assertEquals(5, e.byteOffset());
        Path p = write(dir, "utf.glove", binary("", new byte[] {(byte) 0xff}, " 1 2\n"));
        says(assertThrows(VectorFormatException.class, () -> GloVe.load(p, GLOVE)), "invalid UTF-8");
        try (KeyedVectors kv = GloVe.load(p, GLOVE.unicodeErrors(UnicodeErrors.REPLACE))) {
            assertEquals("\uFFFD", kv.words().get(0));
        }
    }

    @Test
    void duplicateWords() throws IOException {
        // gensim warns and keeps the first
        VectorFormatException b = word2vec("dup.bin", binary("3 2\n", "a ", TWO, "b ", TWO, "a ", TWO));
        says(b, "duplicate word 'a' in vector #2", "first in vector #0", "expected each word once");
        assertEquals(4 + 20, b.byteOffset());
        VectorFormatException t = word2vec("dup.txt", utf8("3 1\na 1\nb 2\na 3\n"));
        says(t, "duplicate word 'a'", "already on line 2");
        assertEquals(4, t.line());
        VectorFormatException g = glove("dup.glove", "new york 1\nyork 2\nnj 5\nnew york 3\n");
        says(g, "duplicate word 'new york'", "already on line 1");
        assertEquals(4, g.line());
    }

    @Test
    void theFirstFaultInFileOrderIsTheOneReportedInBinaryFiles() throws IOException {
        // words are added to the table in batches: a duplicate must still beat a later fault
        byte[] dupThenCut = binary("5 2\n", "a ", TWO, "b ", TWO, "a ", TWO, "c ", TWO, "dddddddd ", new float[] {1});
        VectorFormatException e = word2vec("dup-cut.bin", dupThenCut);
        says(e, "duplicate word 'a' in vector #2 (first in vector #0)");
        assertEquals(4 + 20, e.byteOffset());
        Object[] rows = new Object[1200];
        for (int r = 0; r < 600; r++) {
            rows[2 * r] = "w" + (r == 550 ? 3 : r) + " ";
            rows[2 * r + 1] = TWO;
        }
        says(word2vec("dup-far.bin", binary("600 2\n", rows)), "duplicate word 'w3' in vector #550 (first in vector #3)");
    }

    @Test
    void headerClaimingMoreThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
        // 3,000,000 x 300 would be a 3.6 GB tensor; the file has 14 bytes of rows
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            VectorFormatException b = word2vec("liar.bin", binary("3000000 300\n", "a ", TWO));
            says(b, "the header promises 3000000 vectors of dimension 300", "the file has 10 bytes after the header");
            VectorFormatException t = word2vec("liar.txt", utf8("3000000 300\na 1 2\n"));
            says(t, "3000000 vectors", "as text");
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(binary("100000000 300\n", "a ", TWO));
            }
            VectorFormatException z = word2vec("liar.bin.gz", gz.toByteArray());
            says(z, "100000000 vectors", "this gzip file of", "can hold at most");
        });
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 200; i++) {
                out.write(binary(i == 0 ? "200 2\n" : "", "w" + i + " ", new float[] {i, -i}));
            }
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        VectorFormatException e = word2vec("cut.bin.gz", cut);
        says(e, "truncated gzip file", "decompressed bytes");
        assertFalse(e.decompressed(), "a fault of the compressed data is placed in the file itself");
        assertTrue(e.byteOffset() > 0 && e.byteOffset() <= cut.length, "where the data broke off: " + e.byteOffset());
    }

    @Test
    void emptyLinesInsideTextAreRefused() throws IOException {
        VectorFormatException g = glove("gap.glove", "a 1 2\n\nb 3 4\n");
        says(g, "found an empty line");
        assertEquals(2, g.line());
        VectorFormatException w = word2vec("gap.txt", utf8("2 2\na 1 2\n\nb 3 4\n"));
        says(w, "found an empty line");
        assertEquals(3, w.line());
    }

    @Test
    void trailingBlankLinesAreFine() throws IOException {
        Path g = write(dir, "trail.glove", utf8("a 1 2\nb 3 4\n\n  \n"));
        try (KeyedVectors kv = GloVe.load(g, GLOVE)) {
            assertEquals(2, kv.size());
        }
        Path w = write(dir, "trail.txt", utf8("2 2\na 1 2\nb 3 4\n\n"));
        try (KeyedVectors kv = Word2Vec.load(w, W2V)) {
            assertEquals(2, kv.size());
        }
    }

    @Test
    void gloveGivenAWord2vecFileSaysSo() throws IOException {
        says(glove("w2v.glove", "2 3\na 1 2 3\nb 4 5 6\n"), "word2vec header", "Word2Vec.load");
    }

    @Test
    void lineStartingWithASpaceHasNoWord() throws IOException {
        says(glove("space.glove", "a 1 2\n 3 4 5\n"), "expected a word before the values");
    }

    /** A file refused after rows were written: every tensor the load allocated must be closed. */
    private void refusedAfterWriting(List<Tensor> seen, String what, Executable load) {
        int before = seen.size();
        VectorFormatException e = assertThrows(VectorFormatException.class, load, what);
        assertTrue(seen.size() > before, what + ": allocated nothing, so it tests nothing (" + e.getMessage() + ")");
        for (int i = before; i < seen.size(); i++) {
            assertTrue(seen.get(i).isClosed(), what + ": tensor " + (i - before) + " of " + (seen.size() - before)
                    + " left open after " + e.getMessage());
        }
    }

    @Test
    void refusedFilesCloseEveryTensorTheyAllocated() throws IOException {
        // 3,000 rows of 64 values and a duplicate word at the end, as binary, text, GloVe and gzip
        StringBuilder text = new StringBuilder("3001 64\n");
        java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
        bin.writeBytes(utf8("3001 64\n"));
        float[] row = new float[64];
        StringBuilder values = new StringBuilder();
        for (int c = 0; c < 64; c++) {
            row[c] = c / 4f;
            values.append(' ').append(c / 4f);
        }
        for (int r = 0; r <= 3000; r++) {
            String w = r == 3000 ? "w0" : "w" + r;
            bin.writeBytes(binary("", w + " ", row));
            text.append(w).append(values).append('\n');
        }
        Path b = write(dir, "dup.bin", bin.toByteArray());
        Path t = write(dir, "dup.txt", utf8(text.toString()));
        Path g = write(dir, "dup.glove", utf8(text.substring(text.indexOf("\n") + 1)));
        // two gzip members: the trailer proves only the last one, so rows go to blocks held to the end
        byte[] all = bin.toByteArray();
        java.io.ByteArrayOutputStream members = new java.io.ByteArrayOutputStream();
        for (byte[] part : new byte[][] {java.util.Arrays.copyOf(all, all.length / 2),
                java.util.Arrays.copyOfRange(all, all.length / 2, all.length)}) {
            try (GZIPOutputStream out = new GZIPOutputStream(members)) {
                out.write(part);
            }
        }
        Path z = write(dir, "dup.bin.gz", members.toByteArray());
        ByteArrayOutputStream gloveGz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gloveGz)) {
            out.write(utf8(text.substring(text.indexOf("\n") + 1)));
        }
        Path gz = write(dir, "dup.glove.gz", gloveGz.toByteArray());
        List<Tensor> seen = Collections.synchronizedList(new ArrayList<>());
        RowSink.allocations = seen::add;
        try {
            refusedAfterWriting(seen, "binary, in place", () -> Word2Vec.load(b, W2V));
            refusedAfterWriting(seen, "binary, one thread", () -> Word2Vec.load(b, W2V.threads(1)));
            refusedAfterWriting(seen, "binary, float16 through staging blocks", () -> Word2Vec.load(b,
                    W2V.dtype(DType.FLOAT16)));
            refusedAfterWriting(seen, "binary gzip, blocks held to the end", () -> Word2Vec.load(z, W2V));
            refusedAfterWriting(seen, "binary, vocabulary", () -> Word2Vec.load(b, W2V.vocabulary(List.of("w0", "w7",
                    "x"))));
            refusedAfterWriting(seen, "text on three threads", () -> Word2Vec.load(t, W2V.threads(3)));
            refusedAfterWriting(seen, "GloVe", () -> GloVe.load(g, GLOVE.threads(2)));
            refusedAfterWriting(seen, "GloVe float16", () -> GloVe.load(g, GLOVE.dtype(DType.FLOAT16)));
            refusedAfterWriting(seen, "GloVe gzip, blocks held to the end", () -> GloVe.load(gz, GLOVE));
            // and a load that succeeds keeps only the tensor it returns
            int before = seen.size();
            try (KeyedVectors kv = Word2Vec.load(z, W2V.limit(2999))) {
                assertTrue(seen.size() > before + 1, "blocks and the final tensor");
                for (int i = before; i < seen.size(); i++) {
                    assertEquals(seen.get(i) != kv.vectors(), seen.get(i).isClosed(), "tensor " + (i - before));
                }
            }
        } finally {
            RowSink.allocations = null;
        }
    }
}
