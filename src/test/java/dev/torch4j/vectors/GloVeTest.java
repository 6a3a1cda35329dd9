package dev.torch4j.vectors;

import static dev.torch4j.vectors.VectorFixtures.assertSame;
import static dev.torch4j.vectors.VectorFixtures.expected;
import static dev.torch4j.vectors.VectorFixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.vectors.VectorFixtures.Expected;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GloVe files, including tokens with spaces that gensim cannot read, against values parsed by numpy. */
class GloVeTest {
    private static final Expected SPACES = expected("glove-spaces.expected.tsv");
    private static final GloVeOptions QUIET = GloVeOptions.defaults().progress(false);

    @TempDir
    Path dir;

    @Test
    void tokensWithSpacesKeepTheirSpacesAndTheLastDimFieldsAreTheVector() throws Exception {
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), QUIET)) {
            assertSame(SPACES, kv);
            assertTrue(kv.contains(". . ."));
            assertTrue(kv.contains("new york"));
            assertEquals(3, kv.dim());
        }
    }

    @Test
    void loadsWithDefaultOptions() throws Exception {
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"))) {
            assertSame(SPACES, kv);
        }
    }

    @Test
    void maxVectorsReadsTheFirstLines() throws Exception {
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), QUIET.maxVectors(4))) {
            assertSame(SPACES.first(4), kv);
        }
    }

    @Test
    void explicitDimChangesWhereTheWordEnds() throws Exception {
        // 'new york 1 2.5 -3.75' read as 2 values would make '1' part of the word: refused, not guessed
        VectorFormatException e = assertThrows(VectorFormatException.class,
                () -> GloVe.load(path("glove-spaces.txt"), QUIET.dim(2).maxVectors(1)));
        assertTrue(e.getMessage().contains("'0.418' among them is a number"), e.getMessage());
        assertEquals(1, e.line());
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), QUIET.dim(3))) {
            assertSame(SPACES, kv);
        }
    }

    @Test
    void vocabularyKeepsOnlyThoseWords() throws Exception {
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), QUIET.vocabulary(List.of("new york", "1", "x")))) {
            assertEquals(List.of("new york", "1"), kv.words());
            assertArrayEquals(SPACES.rows()[3], kv.get("new york").toFloatArray());
            assertArrayEquals(SPACES.rows()[5], kv.get("1").toFloatArray());
        }
    }

    @Test
    void gzipAndCrlfAndNoFinalNewline() throws Exception {
        String text = String.join("\r\n", Files.readAllLines(path("glove-spaces.txt"), StandardCharsets.UTF_8));
        Path gz = dir.resolve("glove.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        try (KeyedVectors kv = GloVe.load(gz, QUIET)) {
            assertSame(SPACES, kv);
        }
    }

    @Test
    void manyLinesOnSeveralThreadsLandInTheirRows() throws Exception {
        // 60,000 lines of 50 values (about 5.5 MB, several 1 MB chunks); value = row + col / 64, exact in float
        int rows = 60_000;
        int dim = 50;
        Path p = dir.resolve("big.txt");
        try (Writer w = Files.newBufferedWriter(p)) {
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                sb.append("w").append(r);
                for (int c = 0; c < dim; c++) {
                    sb.append(' ').append(r + c / 64.0);
                }
                w.write(sb.append('\n').toString());
            }
        }
        for (int threads : new int[] {1, 3}) {
            try (KeyedVectors kv = GloVe.load(p, QUIET.threads(threads).dtype(DType.FLOAT32))) {
                assertEquals(rows, kv.size());
                assertEquals(dim, kv.dim());
                float[] all = kv.vectors().toFloatArray();
                for (int r = 0; r < rows; r += 997) {
                    assertEquals("w" + r, kv.words().get(r));
                    for (int c = 0; c < dim; c++) {
                        assertEquals(r + c / 64.0f, all[r * dim + c], "row " + r + " col " + c);
                    }
                }
                assertEquals(rows - 1 + (dim - 1) / 64.0f, all[rows * dim - 1]);
            }
        }
    }

    @Test
    void float16() throws Exception {
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), QUIET.dtype(DType.FLOAT16))) {
            assertEquals(DType.FLOAT16, kv.dtype());
            assertEquals(0.418f, kv.get("the").toFloatArray()[0], 1e-3);
        }
    }

    @Test
    void optionsRejectBadValues() {
        assertThrows(IllegalArgumentException.class, () -> QUIET.maxVectors(0));
        assertThrows(IllegalArgumentException.class, () -> QUIET.dim(0));
        assertThrows(IllegalArgumentException.class, () -> QUIET.vocabulary(null));
        assertEquals(0, GloVeOptions.defaults().dim());
        assertEquals(Long.MAX_VALUE, GloVeOptions.defaults().maxVectors());
    }

    @Test
    void oneFieldLinesHaveNoVector() throws IOException {
        Path p = dir.resolve("one.txt");
        Files.writeString(p, "a\nb\n");
        VectorFormatException e = assertThrows(VectorFormatException.class, () -> GloVe.load(p, QUIET));
        assertTrue(e.getMessage().contains("at least one value"), e.getMessage());
    }
}
