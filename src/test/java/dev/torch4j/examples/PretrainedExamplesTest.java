package dev.torch4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pretrained-vector examples run on the shipped small vectors file, as on a fresh clone. */
class PretrainedExamplesTest {
    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void pretrainedNotebookLoadsTheNotebooksWordsAndTrainsFrozenAndTrainable() throws Exception {
        String out = run(() -> PretrainedNotebook.main(new String[0]));
        assertTrue(out.contains("Loaded 15 of 17 vocabulary words"), out);
        assertTrue(out.contains("Missing from the vectors: [<PAD>, <UNK>]"), out);
        assertTrue(out.contains("Non-trainable params: 1,700"), "frozen variant:\n" + out);
        assertTrue(out.contains("Non-trainable params: 0"), "trainable variant:\n" + out);
        assertTrue(out.contains("Predictions: [1, 0, 0, 1, 1, 0, 1]"), out);
    }

    @Test
    void gloveWalkthroughLooksUpWordsAndFreezes() throws Exception {
        String out = run(() -> GloVeWalkthrough.main(new String[0]));
        assertTrue(out.contains("2408 vectors of 100 dimensions"), out);
        assertTrue(out.contains("vocab['good'] = "), out);
        assertTrue(out.contains("requires_grad=false"), out);
    }
}
