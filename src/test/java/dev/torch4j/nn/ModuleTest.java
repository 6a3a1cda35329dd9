package dev.torch4j.nn;

import dev.torch4j.TensorOptions;
import dev.torch4j.examples.Notebook.SimpleNet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {
    /** The notebook's model with a frozen 300-d pretrained embedding. */
    static final class PretrainedNet extends Module {
        final Embedding embedding;
        final RNN rnn;
        final Linear out;

        PretrainedNet(Tensor matrix) {
            embedding = register("embedding", Embedding.fromPretrained(matrix, true));
            rnn = register("rnn", new RNN(matrix.size(1), 16, RNNOptions.defaults().batchFirst(true)));
            out = register("out", new Linear(16, 1));
        }

        public Tensor forward(Tensor x) {
            return out.forward(rnn.forward(embedding.forward(x)).hN().squeeze(0));
        }
    }

    @Test
    void parametersHavePyTorchsNamesInRegistrationOrder() {
        SimpleNet m = new SimpleNet(17, 100, 16);
        assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                "rnn.bias_hh_l0", "out.weight", "out.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(7, m.parameters().size());
        assertEquals("SimpleNet(\n  (embedding): Embedding(17, 100, padding_idx=0)\n"
                + "  (rnn): RNN(100, 16, batch_first=True)\n"
                + "  (out): Linear(in_features=16, out_features=1, bias=True)\n)", m.toString());
    }

    @Test
    void summaryCountsMatchTheNotebook() {
        SimpleNet m = new SimpleNet(17, 100, 16);
        String s = m.summary(Torch.zeros(new long[] {7, 4}, TensorOptions.defaults().dtype(dev.torch4j.DType.INT64).device(Device.cpu())));
        assertTrue(s.contains("Total params: 3,605"), s);
        assertTrue(s.contains("Trainable params: 3,605"), s);
        assertTrue(s.contains("Non-trainable params: 0"), s);
        assertTrue(s.contains("├─Embedding: 1-1") && s.contains("[7, 4, 100]") && s.contains("1,700"), s);
        assertTrue(s.contains("├─RNN: 1-2") && s.contains("[7, 4, 16]") && s.contains("1,888"), s);
        assertTrue(s.contains("├─Linear: 1-3") && s.contains("[7, 1]"), s);

        PretrainedNet p = new PretrainedNet(Torch.zeros(17, 300));
        String ps = p.summary();
        assertTrue(ps.contains("Total params: 10,205"), ps);
        assertTrue(ps.contains("Trainable params: 5,105"), ps);
        assertTrue(ps.contains("Non-trainable params: 5,100"), ps);
        assertTrue(ps.contains("(5,100)"), "frozen layer's count is parenthesised: " + ps);
    }

    @Test
    void freezeTrainEvalZeroGradAndTo() {
        SimpleNet m = new SimpleNet(5, 3, 2);
        assertTrue(m.isTraining());
        m.eval();
        assertFalse(m.isTraining());
        assertFalse(m.namedChildren().get("rnn").isTraining(), "eval reaches submodules");
        m.train();
        m.freeze();
        m.parameters().forEach(p -> assertFalse(p.requiresGrad()));
        m.unfreeze();
        m.parameters().forEach(p -> assertTrue(p.requiresGrad()));
        m.forward(Tensor.of(new long[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        m.parameters().forEach(p -> assertTrue(p.grad() != null));
        m.zeroGrad();
        m.parameters().forEach(p -> assertNull(p.grad(), "zeroGrad sets grads to none"));
        Tensor w = m.parameters().get(0);
        Module same = m.to(Device.cpu());
        assertSame(m, same);
        assertSame(w, m.parameters().get(0), "to() keeps parameter identity");
    }

    @Test
    void parametersOutliveScopes() {
        SimpleNet m;
        try (var s = Torch.scope()) {
            m = new SimpleNet(5, 3, 2);
        }
        assertEquals(5 * 3, m.parameters().get(0).numel(), "parameters were not released by the scope");
    }

    @Test
    void saveAndLoadRoundTripAndStrictErrors(@TempDir Path dir) throws Exception {
        SimpleNet a = new SimpleNet(17, 8, 4);
        Path file = dir.resolve("m.safetensors");
        a.saveStateDict(file);
        assertTrue(Files.size(file) > 0);
        SimpleNet b = new SimpleNet(17, 8, 4);
        b.loadStateDict(file);
        a.namedParameters().forEach((k, p) ->
                assertArrayEquals(p.toFloatArray(), b.namedParameters().get(k).toFloatArray(), k));
        SimpleNet wrong = new SimpleNet(17, 9, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> wrong.loadStateDict(file));
        assertTrue(e.getMessage().contains("size mismatch for embedding.weight") && e.getMessage().contains("[17, 8]"),
                e.getMessage());
        var keys = assertThrows(IllegalArgumentException.class,
                () -> b.loadStateDict(Map.of("extra", Torch.zeros(1))));
        assertTrue(keys.getMessage().contains("Missing key(s)") && keys.getMessage().contains("Unexpected key(s)")
                && keys.getMessage().contains("\"extra\""), keys.getMessage());
    }
}
