package dev.torch4j.examples.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the port of bentrevett's "Upgraded Sentiment Analysis" (2-layer bidirectional LSTM over packed sequences,
 * pretrained vectors, Adam, BCEWithLogitsLoss, 20 epochs on {@code examples/data/sentiment}) and compares every
 * number it prints with {@code fixtures/examples/sentiment.tsv}, written by {@code tools/gen_sentiment_fixtures.py}
 * from the same program in PyTorch.
 */
class UpgradedSentimentAnalysisTest {
    /**
     * Relative tolerance on losses and probabilities. The same seed gives the same vectors for unknown words,
     * weights, shuffling and dropout masks, so only float32 rounding of libtorch 2.10's kernels against 1.13's
     * separates the runs; the largest difference seen is below 1e-6 relative after 160 Adam steps. Accuracies
     * are counts of right answers over a batch and must be equal.
     */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    @Test
    void printsPyTorchsNumbers(@TempDir Path tmp) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        UpgradedSentimentAnalysis run;
        try {
            run = new UpgradedSentimentAnalysis("--save", tmp.resolve("tut2-model.pt").toString()).run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("The model has 78,757 trainable parameters"), out);
        int epochs = 0;
        int predictions = 0;
        for (String[] row : Fixtures.tsv("examples", "sentiment.tsv")) {
            switch (row[0]) {
                case "vocab" -> assertEquals(Integer.parseInt(row[1]), run.vocabSize);
                case "parameters" -> assertEquals(Long.parseLong(row[1]), run.parameterCount);
                case "epoch" -> {
                    UpgradedSentimentAnalysis.Epoch e = run.epochs.get(Integer.parseInt(row[1]) - 1);
                    String where = "epoch " + row[1];
                    close(row[2], e.trainLoss(), where + " train loss");
                    assertEquals(Double.parseDouble(row[3]), e.trainAcc(), 1e-12, where + " train acc");
                    close(row[4], e.validLoss(), where + " valid loss");
                    assertEquals(Double.parseDouble(row[5]), e.validAcc(), 1e-12, where + " valid acc");
                    epochs++;
                }
                case "test" -> {
                    close(row[1], run.testLoss, "test loss of the best model");
                    assertEquals(Double.parseDouble(row[2]), run.testAcc, 1e-12, "test acc");
                }
                case "predict" -> {
                    close(row[2], run.predictions.get(row[1]), "predict_sentiment(\"" + row[1] + "\")");
                    predictions++;
                }
                default -> assertTrue(row[0].startsWith("#"), String.join("\t", row));
            }
        }
        assertEquals(List.of(run.epochs.size(), run.predictions.size()), List.of(epochs, predictions));
    }

    private static void close(String expected, double actual, String what) {
        double want = Double.parseDouble(expected);
        assertEquals(want, actual, RELATIVE_TOLERANCE * Math.abs(want), what);
    }
}
