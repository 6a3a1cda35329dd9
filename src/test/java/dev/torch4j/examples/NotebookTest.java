package dev.torch4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main command, run as a test: the ported notebook must learn its seven labels. */
class NotebookTest {
    @Test
    void notebookTrainsToPredictionsEqualToTheLabels() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Notebook.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Vocabulary (17 entries)"), out);
        assertTrue(out.contains("[15, 16,  0,  0]]"), "padded matrix printed:\n" + out);
        assertTrue(out.contains("Total params: 3,605"), out);
        assertTrue(out.contains("Epoch 20: loss"), out);
        assertTrue(out.contains("Predictions: [1, 0, 0, 1, 1, 0, 1]"), out);
    }
}
