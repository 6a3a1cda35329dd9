package dev.torch4j.vectors;

import static dev.torch4j.vectors.VectorFixtures.assertSame;
import static dev.torch4j.vectors.VectorFixtures.expected;
import static dev.torch4j.vectors.VectorFixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.vectors.VectorFixtures.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by gensim's {@code save_word2vec_format} read back with identical words and values. */
class Word2VecTest {
    private static final Expected SMALL = expected("small.expected.tsv");
    private static final Word2VecOptions QUIET = Word2VecOptions.defaults().progress(false);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"small.bin", "small.txt", "small.bin.gz", "small.txt.gz", "small-newlines.bin"})
    void readsWhatGensimWroteExactly(String name) throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path(name), QUIET)) {
            assertSame(SMALL, kv);
            assertEquals(DType.FLOAT32, kv.dtype());
            assertEquals(Device.cpu(), kv.device());
        }
    }

    @Test
    void loadsWithDefaultOptions() throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path("small.bin"))) {
            assertSame(SMALL, kv);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"small.bin", "small.txt", "small.bin.gz", "small.txt.gz"})
    void tellsFormatsApartByContentNotName(String name) throws Exception {
        // a binary file named .txt, a text file named .bin, gzip without .gz
        String misleading = name.contains(".txt") ? "vectors.bin" : name.endsWith(".gz") ? "vectors.txt" : "vectors.txt";
        Path copy = Files.copy(path(name), dir.resolve(misleading));
        try (KeyedVectors kv = Word2Vec.load(copy, QUIET)) {
            assertSame(SMALL, kv);
        }
    }

    @Test
    void binaryOptionOverridesDetection() throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path("small.txt"), QUIET.binary(false))) {
            assertSame(SMALL, kv);
        }
        assertThrows(VectorFormatException.class, () -> Word2Vec.load(path("small.txt"), QUIET.binary(true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"small.bin", "small.txt", "small.bin.gz"})
    void limitReadsTheFirstRowsLikeGensim(String name) throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path(name), QUIET.limit(3))) {
            assertSame(SMALL.first(3), kv);
            assertArrayEquals(new long[] {3, 5}, kv.vectors().shape());
        }
        try (KeyedVectors kv = Word2Vec.load(path(name), QUIET.limit(100))) {
            assertSame(SMALL, kv);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"small.bin", "small.txt", "small.txt.gz", "small-newlines.bin"})
    void vocabularyKeepsOnlyThoseWordsInFileOrder(String name) throws Exception {
        Set<String> wanted = Set.of("日本", "great", "not-in-file", "edge");
        try (KeyedVectors kv = Word2Vec.load(path(name), QUIET.vocabulary(wanted))) {
            assertEquals(List.of("great", "日本", "edge"), kv.words());
            assertArrayEquals(new long[] {3, 5}, kv.vectors().shape(), "memory only for the kept rows");
            for (String w : kv.words()) {
                assertArrayEquals(SMALL.rows()[SMALL.words().indexOf(w)], kv.get(w).toFloatArray(), w);
            }
        }
    }

    @Test
    void vocabularyWithNoWordInTheFileGivesEmptyVectors() throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path("small.bin"), QUIET.vocabulary(List.of("absent")))) {
            assertEquals(0, kv.size());
            assertArrayEquals(new long[] {0, 5}, kv.vectors().shape());
        }
    }

    @Test
    void vocabularyAndLimitTogether() throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path("small.bin"), QUIET.limit(4).vocabulary(List.of("nice", "日本")))) {
            assertEquals(List.of("nice"), kv.words());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-utf8.bin", "bad-utf8.txt"})
    void unicodeErrorsReplaceAndIgnoreAsGensimDoes(String name) throws Exception {
        for (String line : VectorFixtures.lines("bad-utf8.expected.tsv")) {
            String[] parts = line.split("\t");
            UnicodeErrors policy = UnicodeErrors.valueOf(parts[0].toUpperCase());
            List<String> words = java.util.Arrays.stream(parts).skip(1).map(Word2VecTest::unescape).toList();
            try (KeyedVectors kv = Word2Vec.load(path(name), QUIET.unicodeErrors(policy))) {
                assertEquals(words, kv.words(), policy.toString());
                assertArrayEquals(new float[] {2, 3}, kv.get(words.get(1)).toFloatArray());
            }
        }
    }

    @Test
    void strictUnicodeNamesTheByteOffset() {
        VectorFormatException e = assertThrows(VectorFormatException.class,
                () -> Word2Vec.load(path("bad-utf8.bin"), QUIET));
        // "5 2\n" (4 bytes) + "café " (6) + 8 bytes of floats + "bad" (3): the 0xff is at byte 21
        assertEquals(21, e.byteOffset(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid UTF-8") && e.getMessage().contains("0xff"), e.getMessage());
        VectorFormatException t = assertThrows(VectorFormatException.class,
                () -> Word2Vec.load(path("bad-utf8.txt"), QUIET));
        assertEquals(3, t.line(), t.getMessage());
    }

    @Test
    void float16HalvesTheMemory() throws Exception {
        try (KeyedVectors kv = Word2Vec.load(path("small.bin"), QUIET.dtype(DType.FLOAT16));
             Tensor expected = VectorFixtures.tensor(SMALL).to(DType.FLOAT16)) {
            assertEquals(DType.FLOAT16, kv.dtype());
            assertTrue(expected.equal(kv.vectors()), "same values as torch's float32 -> float16 conversion");
        }
    }

    @Test
    void textParsingGivesTheSameResultOnOneOrManyThreads() throws Exception {
        try (KeyedVectors one = Word2Vec.load(path("small.txt"), QUIET.threads(1));
             KeyedVectors many = Word2Vec.load(path("small.txt"), QUIET.threads(4))) {
            assertSame(SMALL, one);
            assertSame(SMALL, many);
        }
    }

    @Test
    void emptyHeaderCountGivesNoVectors() throws Exception {
        Path p = VectorFixtures.write(dir, "none.bin", VectorFixtures.utf8("0 7\n"));
        try (KeyedVectors kv = Word2Vec.load(p, QUIET)) {
            assertEquals(0, kv.size());
            assertEquals(7, kv.dim());
        }
    }

    @Test
    void optionsRejectBadValues() {
        assertThrows(IllegalArgumentException.class, () -> QUIET.limit(0));
        assertThrows(IllegalArgumentException.class, () -> QUIET.dtype(DType.INT64));
        assertThrows(IllegalArgumentException.class, () -> QUIET.threads(0));
        assertThrows(IllegalArgumentException.class, () -> QUIET.unicodeErrors(null));
        assertEquals(Long.MAX_VALUE, Word2VecOptions.defaults().limit());
        assertEquals(UnicodeErrors.STRICT, Word2VecOptions.defaults().unicodeErrors());
        assertEquals(null, Word2VecOptions.defaults().binary());
        assertTrue(Word2VecOptions.defaults().progress());
    }

    @Test
    @Tag("cuda")
    void loadsStraightOntoTheGpu() throws Exception {
        Assumptions.assumeTrue(Device.isCudaAvailable(), "no CUDA device on this machine");
        for (String name : List.of("small.bin", "small.txt")) {
            try (KeyedVectors kv = Word2Vec.load(path(name), QUIET.device(Device.cuda()))) {
                assertTrue(kv.device().isCuda());
                assertSame(SMALL, kv);
            }
        }
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (c == '\\' && s.charAt(i + 1) == 'u') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
