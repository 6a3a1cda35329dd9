package dev.torch4j.vectors;

import dev.torch4j.TensorOptions;
import static dev.torch4j.vectors.VectorFixtures.expected;
import static dev.torch4j.vectors.VectorFixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.Embedding;
import dev.torch4j.vectors.VectorFixtures.Expected;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lookups, similarities against gensim's, and embedding matrices against PyTorch's initializers. */
class KeyedVectorsTest {
    private static final Expected SMALL = expected("small.expected.tsv");
    private static final double TOL = 1e-6;
    private static KeyedVectors kv;

    @BeforeAll
    static void load() throws Exception {
        kv = Word2Vec.load(path("small.bin"), Word2VecOptions.defaults().progress(false));
    }

    @AfterAll
    static void close() {
        kv.close();
    }

    @Test
    void lookups() {
        assertEquals(12, kv.size());
        assertEquals(5, kv.dim());
        assertEquals(SMALL.words(), kv.words());
        assertTrue(kv.contains("日本"));
        assertFalse(kv.contains("nerd"));
        assertEquals(6, kv.indexOf("café"));
        assertEquals(-1, kv.indexOf("nerd"));
        assertArrayEquals(SMALL.rows()[2], kv.get("great").toFloatArray());
        assertArrayEquals(new long[] {5}, kv.get("great").shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kv.get("nerd"));
        assertEquals("Key 'nerd' not present", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> kv.words().add("x"));
        assertEquals("KeyedVectors(size=12, dim=5, dtype=torch.float32, device=cpu)", kv.toString());
    }

    @Test
    void similarityMatchesGensim() {
        for (String line : VectorFixtures.lines("similarity.tsv")) {
            String[] p = line.split("\t");
            if (p[0].equals("similarity")) {
                assertEquals(Double.parseDouble(p[3]), kv.similarity(p[1], p[2]), TOL, p[1] + " ~ " + p[2]);
                assertEquals(kv.similarity(p[1], p[2]), kv.similarity(p[2], p[1]), TOL);
            }
        }
        assertEquals(1.0, kv.similarity("nice", "nice"), TOL);
    }

    @Test
    void mostSimilarMatchesGensim() {
        int checked = 0;
        for (String line : VectorFixtures.lines("similarity.tsv")) {
            String[] p = line.split("\t");
            if (!p[0].equals("most_similar")) {
                continue;
            }
            List<KeyedVectors.Match> got = kv.mostSimilar(p[1], Integer.parseInt(p[2]));
            String[] expected = p[3].split(" ");
            assertEquals(expected.length, got.size());
            for (int i = 0; i < expected.length; i++) {
                String word = expected[i].substring(0, expected[i].lastIndexOf('='));
                double score = Double.parseDouble(expected[i].substring(expected[i].lastIndexOf('=') + 1));
                assertEquals(word, got.get(i).word(), p[1] + " rank " + i);
                assertEquals(score, got.get(i).similarity(), TOL, p[1] + " rank " + i);
            }
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void mostSimilarNeverReturnsTheWordItselfAndClampsK() {
        List<KeyedVectors.Match> all = kv.mostSimilar("nice", 100);
        assertEquals(11, all.size());
        assertTrue(all.stream().noneMatch(m -> m.word().equals("nice")));
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).similarity() >= all.get(i).similarity());
        }
        assertThrows(IllegalArgumentException.class, () -> kv.mostSimilar("nice", 0));
    }

    @Test
    void mostSimilarToAVectorIncludesTheWordItself() {
        List<KeyedVectors.Match> top = kv.mostSimilar(kv.get("bad"), 2);
        assertEquals("bad", top.get(0).word());
        assertEquals(1.0, top.get(0).similarity(), TOL);
        assertEquals(kv.mostSimilar("bad", 1).get(0), top.get(1));
        assertThrows(IllegalArgumentException.class, () -> kv.mostSimilar(Torch.zeros(4), 1));
    }

    @Test
    void float16VectorsGiveNearlyTheSameNeighbours() throws Exception {
        // without "edge", whose 3.4e38 is infinite in float16
        List<String> finite = SMALL.words().subList(0, 11);
        Word2VecOptions options = Word2VecOptions.defaults().progress(false).vocabulary(finite);
        try (KeyedVectors full = Word2Vec.load(path("small.bin"), options);
             KeyedVectors half = Word2Vec.load(path("small.bin"), options.dtype(DType.FLOAT16))) {
            assertEquals(DType.FLOAT16, half.dtype());
            List<KeyedVectors.Match> a = full.mostSimilar("日本", 3);
            List<KeyedVectors.Match> b = half.mostSimilar("日本", 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(a.get(i).word(), b.get(i).word());
                assertEquals(a.get(i).similarity(), b.get(i).similarity(), 2e-3);
            }
            assertEquals(full.similarity("nice", "great"), half.similarity("nice", "great"), 2e-3);
        }
    }

    @Test
    void embeddingMatrixHasZeroRowsForMissingWordsAndReportsThem() {
        List<String> vocab = List.of("<PAD>", "<UNK>", "nice", "great", "nerd", "日本", "nice");
        try (Tensor m = kv.embeddingMatrix(vocab)) {
            assertArrayEquals(new long[] {7, 5}, m.shape());
            assertEquals(DType.FLOAT32, m.dtype());
            float[] v = m.toFloatArray();
            assertArrayEquals(new float[5], java.util.Arrays.copyOfRange(v, 0, 5));
            assertArrayEquals(new float[5], java.util.Arrays.copyOfRange(v, 5, 10));
            assertArrayEquals(SMALL.rows()[1], java.util.Arrays.copyOfRange(v, 10, 15));
            assertArrayEquals(SMALL.rows()[2], java.util.Arrays.copyOfRange(v, 15, 20));
            assertArrayEquals(new float[5], java.util.Arrays.copyOfRange(v, 20, 25));
            assertArrayEquals(SMALL.rows()[8], java.util.Arrays.copyOfRange(v, 25, 30));
            assertArrayEquals(SMALL.rows()[1], java.util.Arrays.copyOfRange(v, 30, 35));
        }
        assertEquals(List.of("<PAD>", "<UNK>", "nerd"), kv.missing(vocab));
    }

    @Test
    void embeddingMatrixInitializersDrawLikePyTorch() {
        Expected init = expected("init.expected.tsv");
        List<String> vocab = List.of("<PAD>", "nice", "missing-a", "<UNK>", "missing-b", "great", "missing-c");
        Torch.manualSeed(7);
        EmbeddingMatrixOptions options = EmbeddingMatrixOptions.defaults().specials("<PAD>", "<UNK>")
                .specialInit(RowInit.uniform(-0.25, 0.25)).missingInit(RowInit.normal(0.0, 0.5));
        try (Tensor m = kv.embeddingMatrix(vocab, options)) {
            float[] v = m.toFloatArray();
            int[] expectedRow = {0, -1, 2, 1, 3, -2, 4};
            for (int i = 0; i < vocab.size(); i++) {
                float[] row = java.util.Arrays.copyOfRange(v, 5 * i, 5 * i + 5);
                float[] want = expectedRow[i] >= 0 ? init.rows()[expectedRow[i]]
                        : SMALL.rows()[SMALL.words().indexOf(vocab.get(i))];
                assertArrayEquals(want, row, 1e-6f, vocab.get(i));
            }
        }
    }

    @Test
    void specialsOverrideAWordTheVectorsHave() {
        try (Tensor m = kv.embeddingMatrix(List.of("the", "nice"), EmbeddingMatrixOptions.defaults().specials("the")
                .specialInit(RowInit.constant(3)))) {
            float[] v = m.toFloatArray();
            assertArrayEquals(new float[] {3, 3, 3, 3, 3}, java.util.Arrays.copyOfRange(v, 0, 5));
            assertArrayEquals(SMALL.rows()[1], java.util.Arrays.copyOfRange(v, 5, 10));
        }
        try (Tensor empty = kv.embeddingMatrix(List.of())) {
            assertArrayEquals(new long[] {0, 5}, empty.shape());
        }
        assertThrows(IllegalArgumentException.class, () -> RowInit.uniform(1, 0));
        assertThrows(IllegalArgumentException.class, () -> RowInit.normal(0, -1));
        assertEquals("uniform_(-0.25, 0.25)", RowInit.uniform(-0.25, 0.25).toString());
    }

    @Test
    void embeddingMatrixFeedsAFrozenOrTrainableEmbedding() {
        List<String> vocab = List.of("<PAD>", "<UNK>", "nice", "great", "best", "amazing");
        Tensor m = kv.embeddingMatrix(vocab);
        Embedding frozen = Embedding.fromPretrained(m, true);
        Embedding trainable = Embedding.fromPretrained(m, false);
        try (Tensor idx = Tensor.of(new long[] {2, 0}); Tensor out = frozen.forward(idx)) {
            assertArrayEquals(new long[] {2, 5}, out.shape());
            assertArrayEquals(SMALL.rows()[1], java.util.Arrays.copyOfRange(out.toFloatArray(), 0, 5));
        }
        assertFalse(frozen.weight().requiresGrad());
        assertTrue(trainable.weight().requiresGrad());
    }

    @Test
    void ofChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> KeyedVectors.of(List.of("a"), Torch.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> KeyedVectors.of(List.of("a", "a"), Torch.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> KeyedVectors.of(List.of("a"), Torch.zeros(new long[] {1, 3}, TensorOptions.defaults().dtype(DType.INT64).device(Device.cpu()))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add("w" + i);
        }
        try (KeyedVectors big = KeyedVectors.of(many, Torch.zeros(20_000, 2))) {
            for (int i = 0; i < 20_000; i += 123) {
                assertEquals(i, big.indexOf("w" + i));
            }
            assertEquals(-1, big.indexOf("w20000"));
            assertEquals(0.0, big.similarity("w1", "w2"), "zero vectors have similarity 0, as in gensim");
        }
    }

    @Test
    void vectorsOutliveScopesAndCloseOnce() throws Exception {
        KeyedVectors scoped;
        try (var scope = Torch.scope()) {
            scoped = Word2Vec.load(path("small.txt"), Word2VecOptions.defaults().progress(false));
        }
        assertFalse(scoped.vectors().isClosed(), "a scope does not release the vectors");
        scoped.close();
        scoped.close();
        assertTrue(scoped.vectors().isClosed());
        assertEquals("KeyedVectors(<closed>)", scoped.toString());
    }

    @Test
    @Tag("cuda")
    void similaritiesRunOnTheGpu() {
        Assumptions.assumeTrue(Device.isCudaAvailable(), "no CUDA device on this machine");
        try (KeyedVectors gpu = kv.to(Device.cuda())) {
            assertTrue(gpu.vectors().device().isCuda());
            List<KeyedVectors.Match> a = kv.mostSimilar("nice", 4);
            List<KeyedVectors.Match> b = gpu.mostSimilar("nice", 4);
            for (int i = 0; i < 4; i++) {
                assertEquals(a.get(i).word(), b.get(i).word());
                assertEquals(a.get(i).similarity(), b.get(i).similarity(), TOL);
            }
            try (Tensor m = gpu.embeddingMatrix(List.of("<PAD>", "nice"))) {
                assertTrue(m.device().isCuda());
            }
        }
    }
}
