package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vectors file the examples ship (tools/train_small_vectors.py) covers the notebook's vocabulary. */
class SmallVectorsFileTest {
    private static final Path FILE = Path.of("examples", "data", "small-vectors.bin");
    private static final List<String> NOTEBOOK = List.of("nice", "great", "best", "amazing", "stop", "lies", "pitiful",
            "nerd", "excellent", "work", "supreme", "quality", "bad", "highly", "respectable");

    @Test
    void holdsTheFifteenNotebookWordsIn100Dimensions() throws Exception {
        assertTrue(Files.size(FILE) <= 2 << 20, "at most 2 MB");
        try (KeyedVectors wv = Word2Vec.load(FILE, Word2VecOptions.defaults().progress(false))) {
            assertEquals(100, wv.dim());
            assertEquals(2408, wv.size());
            List<String> vocab = new java.util.ArrayList<>(List.of("<PAD>", "<UNK>"));
            vocab.addAll(NOTEBOOK);
            assertEquals(List.of("<PAD>", "<UNK>"), wv.missing(vocab));
            try (Tensor m = wv.embeddingMatrix(vocab)) {
                assertEquals(17, m.shape()[0]);
            }
            assertTrue(wv.similarity("excellent", "glorious") > 0.5, "trained on real text, not noise");
        }
    }
}
