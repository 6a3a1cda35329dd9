package dev.torch4j.examples.wordlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.torch4j.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the port of pytorch/examples' word_language_model small ({@code examples/data/wordlm}, 16-wide models,
 * 3-4 epochs) with the flags of each run in {@code fixtures/examples/wordlm.tsv}, written by
 * {@code tools/gen_wordlm_fixtures.py} from PyTorch running the upstream main.py with the same flags, and
 * compares every number main.py prints: each log interval's training loss (and its lr, which shows the
 * annealing), each epoch's validation loss, and the best saved model's test loss.
 */
class WordLanguageModelTest {
    /**
     * Relative tolerance on every loss. The same seed gives the same initial weights and dropout masks, so the
     * runs differ only by float32 rounding where libtorch 2.10's kernels (and its BLAS) sum in another order
     * than PyTorch 1.13's: the largest difference seen is 1.5e-7 relative (one or two float ulps of a loss
     * near 5), over 3-4 epochs of 48 steps. 1e-5 leaves room for another BLAS or CPU, while any real
     * difference (a dropout mask, a skipped clip, an unannealed lr, a wrong weight tie) moves the losses by
     * 1e-3 or more within a few steps. The flags keep training stable: at lr 20 a GRU's rounding difference
     * doubles every step (PyTorch itself would diverge the same way from a one-ulp change), see the generator.
     */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String[] row : Fixtures.tsv("examples", "wordlm.tsv")) {
            if (!row[0].startsWith("#") && row[1].equals("args")) {
                out.add(Arguments.of(row[0], row[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void printsPyTorchsNumbers(String name, String flags, @TempDir Path tmp) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--data", "examples/data/wordlm", "--save",
                tmp.resolve("model.pt").toString()));
        argv.addAll(List.of(flags.split(" ")));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Main main;
        try {
            main = new Main(argv.toArray(String[]::new)).run();
        } finally {
            System.setOut(original);
        }
        List<String[]> expected = new ArrayList<>();
        for (String[] row : Fixtures.tsv("examples", "wordlm.tsv")) {
            if (row[0].equals(name) && !row[1].equals("args")) {
                expected.add(row);
            }
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(expected.size(), main.log.size(), out);
        assertTrue(out.contains("| End of training | test loss"), out);
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i);
            Main.Logged got = main.log.get(i);
            String where = name + " row " + i + " (" + String.join(" ", e) + ")";
            assertEquals(e[1], got.kind(), where);
            if (e[1].equals("train")) {
                assertEquals(Integer.parseInt(e[2]), got.epoch(), where);
                assertEquals(Integer.parseInt(e[3]), got.batch(), where);
                assertEquals(Double.parseDouble(e[4]), got.lr(), 0.0, where);
            }
            double want = Double.parseDouble(e[5]);
            assertEquals(want, got.loss(), RELATIVE_TOLERANCE * Math.abs(want), where);
        }
    }

    @Test
    void modelsHavePyTorchsStateDictKeysAndShapes() {
        Map<String, Module> models = Map.of(
                "RNNModel('LSTM', 10, 6, 6, 2, 0.5, True)", new RNNModel("LSTM", 10, 6, 6, 2, 0.5, true),
                "RNNModel('GRU', 10, 6, 4, 1)", new RNNModel("GRU", 10, 6, 4, 1),
                "TransformerModel(10, 6, 2, 8, 2)", new TransformerModel(10, 6, 2, 8, 2));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String[] row : Fixtures.tsv("examples", "wordlm_keys.tsv")) {
            if (!row[0].startsWith("#")) {
                expected.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1] + " " + row[2]);
            }
        }
        assertEquals(models.keySet(), expected.keySet());
        for (var e : expected.entrySet()) {
            List<String> got = new ArrayList<>();
            models.get(e.getKey()).stateDict().forEach((k, v) -> got.add(k + " " + Arrays.stream(v.shape())
                    .mapToObj(Long::toString).collect(Collectors.joining(","))));
            assertEquals(e.getValue(), got, e.getKey());
        }
        RNNModel tied = (RNNModel) models.get("RNNModel('LSTM', 10, 6, 6, 2, 0.5, True)");
        assertSame(tied.encoder.weight(), tied.decoder.weight(), "one tensor, as Python's tied Parameter");
    }
}
