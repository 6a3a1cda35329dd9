package dev.torch4j.vectors;

import dev.torch4j.Torch;
import static dev.torch4j.vectors.VectorFixtures.assertSame;
import static dev.torch4j.vectors.VectorFixtures.expected;
import static dev.torch4j.vectors.VectorFixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.vectors.VectorFixtures.Expected;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Round trips through the writers. The files are also left in {@code target/vectors-written/} for
 * {@code tools/gen_vector_fixtures.py --check}, which has gensim read them back.
 */
class WritersTest {
    private static final Expected SMALL = expected("small.expected.tsv");
    private static final Word2VecOptions QUIET = Word2VecOptions.defaults().progress(false);
    private static final Path OUT = Path.of("target", "vectors-written");

    @BeforeAll
    static void outputFolder() throws Exception {
        Files.createDirectories(OUT);
    }

    private static KeyedVectors small() throws Exception {
        return Word2Vec.load(path("small.txt"), QUIET);
    }

    @Test
    void binaryIsByteForByteWhatGensimWrites() throws Exception {
        Path out = OUT.resolve("small.bin");
        try (KeyedVectors kv = small()) {
            Word2Vec.save(kv, out, true);
        }
        assertArrayEquals(Files.readAllBytes(path("small.bin")), Files.readAllBytes(out));
        try (KeyedVectors back = Word2Vec.load(out, QUIET)) {
            assertSame(SMALL, back);
        }
    }

    @Test
    void textRoundTripsBitForBitAndEveryValueParsesBackAsNumpyWould() throws Exception {
        Path out = OUT.resolve("small.txt");
        try (KeyedVectors kv = small()) {
            Word2Vec.save(kv, out, false);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("12 5", lines.get(0));
        for (int r = 0; r < 12; r++) {
            String[] fields = lines.get(r + 1).split(" ");
            assertEquals(SMALL.words().get(r), fields[0]);
            for (int c = 0; c < 5; c++) {
                // numpy.float32(token): decimal -> double -> float
                float viaDouble = (float) Double.parseDouble(fields[c + 1]);
                assertEquals(Float.floatToRawIntBits(SMALL.rows()[r][c]), Float.floatToRawIntBits(viaDouble),
                        fields[c + 1]);
            }
        }
        try (KeyedVectors back = Word2Vec.load(out, QUIET)) {
            assertSame(SMALL, back);
        }
    }

    @Test
    void gzipWhenTheNameEndsInGz() throws Exception {
        for (boolean binary : new boolean[] {true, false}) {
            Path out = OUT.resolve(binary ? "small.bin.gz" : "small.txt.gz");
            try (KeyedVectors kv = small()) {
                Word2Vec.save(kv, out, binary);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
                assertTrue(new String(in.readNBytes(5), StandardCharsets.US_ASCII).startsWith("12 5\n"));
            }
            try (KeyedVectors back = Word2Vec.load(out, QUIET)) {
                assertSame(SMALL, back);
            }
        }
    }

    @Test
    void gloveRoundTripKeepsSpacesInWords() throws Exception {
        Expected spaces = expected("glove-spaces.expected.tsv");
        Path out = OUT.resolve("glove-spaces.txt");
        try (KeyedVectors kv = GloVe.load(path("glove-spaces.txt"), GloVeOptions.defaults().progress(false))) {
            GloVe.save(kv, out);
        }
        assertTrue(Files.readAllLines(out, StandardCharsets.UTF_8).get(2).startsWith(". . . "));
        try (KeyedVectors back = GloVe.load(out, GloVeOptions.defaults().progress(false))) {
            assertSame(spaces, back);
        }
    }

    @Test
    void float16VectorsAreWrittenAsTheirFloat32Values() throws Exception {
        Path out = OUT.resolve("half.bin");
        try (KeyedVectors half = Word2Vec.load(path("small.bin"), QUIET.dtype(DType.FLOAT16))) {
            Word2Vec.save(half, out, true);
            try (KeyedVectors back = Word2Vec.load(out, QUIET); Tensor f = half.vectors().to(DType.FLOAT32)) {
                assertArrayEquals(f.toFloatArray(), back.vectors().toFloatArray());
            }
        }
        Files.delete(out);
    }

    @Test
    void wordsTheFormatCannotHoldAreRefusedBeforeWriting() throws Exception {
        Path out = OUT.resolve("refused.bin");
        try (KeyedVectors spaced = KeyedVectors.of(List.of("ok", "new york"), Torch.zeros(2, 2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Word2Vec.save(spaced, out, true));
            assertTrue(e.getMessage().contains("'new york'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Word2Vec.save(spaced, out, false));
            GloVe.save(spaced, OUT.resolve("spaced.glove"));
        }
        try (KeyedVectors newline = KeyedVectors.of(List.of("a\nb"), Torch.zeros(1, 2))) {
            assertThrows(IllegalArgumentException.class, () -> GloVe.save(newline, OUT.resolve("nl.glove")));
        }
        assertTrue(Files.notExists(out));
    }
}
