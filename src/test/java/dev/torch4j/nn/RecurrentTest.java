package dev.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import dev.torch4j.nn.utils.Rnn;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The recurrent modules' errors, reprs, state dicts written by PyTorch, and API that the fixture table does not
 * exercise ({@code tools/gen_rnn_fixtures.py} writes errors.tsv, reprs.tsv, lstm_state.pt, gru_state.pt and
 * states.safetensors).
 */
class RecurrentTest {
    private static Tensor zeros(long... shape) {
        return Torch.zeros(shape);
    }

    /** Each mistake Python's own layer checks, made in Java; the message must be Python's (errors.tsv). */
    @Test
    void mistakesRaisePythonsMessages() {
        Map<String, Executable> cases = new HashMap<>();
        cases.put("dropout", () -> new LSTM(2, 4, LSTMOptions.defaults().dropout(1.5)));
        cases.put("input_size", () -> new LSTM(0, 4));
        cases.put("hidden_size", () -> new GRU(2, 0));
        cases.put("num_layers", () -> new GRU(2, 4, 0));
        cases.put("proj_negative", () -> new LSTM(2, 4, LSTMOptions.defaults().projSize(-1)));
        cases.put("proj_too_big", () -> new LSTM(2, 4, LSTMOptions.defaults().projSize(4)));
        cases.put("nonlinearity", () -> new RNN(2, 4, RNNOptions.defaults().nonlinearity("gelu")));
        cases.put("input_size_mismatch", () -> new LSTM(2, 4).forward(zeros(4, 3, 4)));
        cases.put("rnn_hidden_shape", () -> new RNN(2, 4).forward(zeros(4, 3, 2), zeros(1, 4, 4)));
        cases.put("gru_hidden_dim", () -> new GRU(2, 4).forward(zeros(4, 2), zeros(1, 1, 4)));
        cases.put("rnn_batched_hidden_dim", () -> new RNN(2, 4).forward(zeros(4, 3, 2), zeros(3, 4)));
        cases.put("lstm_h_shape", () -> new LSTM(2, 4).forward(zeros(4, 3, 2), zeros(1, 2, 4), zeros(1, 3, 4)));
        cases.put("lstm_c_shape", () -> new LSTM(2, 4, LSTMOptions.defaults().projSize(2))
                .forward(zeros(4, 3, 2), zeros(1, 3, 2), zeros(1, 3, 2)));
        cases.put("lstm_unbatched_states", () -> new LSTM(2, 4).forward(zeros(4, 2), zeros(1, 1, 4), zeros(1, 1, 4)));
        cases.put("rnn_input_dim", () -> new RNN(2, 4).forward(zeros(2)));
        cases.put("lstm_input_dim", () -> new LSTM(2, 4).forward(zeros(1, 4, 3, 2)));
        cases.put("gru_input_dim", () -> new GRU(2, 4).forward(zeros(2)));
        cases.put("dtype", () -> new RNN(2, 4).forward(Torch.zeros(new long[] {4, 3, 2},
                TensorOptions.defaults().dtype(DType.FLOAT64))));
        cases.put("cell_nonlinearity", () -> new RNNCell(2, 4, true, "gelu"));
        cases.put("grucell_input_dim", () -> new GRUCell(2, 4).forward(zeros(1, 1, 2)));
        cases.put("lstmcell_hx_dim", () -> new LSTMCell(2, 4).forward(zeros(3, 2), zeros(1, 3, 4), zeros(3, 4)));
        cases.put("total_length", () -> Rnn.padPackedSequence(Rnn.packSequence(List.of(Torch.ones(3), Torch.ones(1))),
                false, 0.0, 2L));
        Map<String, Executable> native_ = Map.of(
                "not_sorted", () -> Rnn.packSequence(List.of(Torch.ones(1), Torch.ones(3))),
                "not_positive", () -> Rnn.packPaddedSequence(Torch.ones(3, 2), new long[] {3, 0}, false, true));
        int checked = 0;
        for (String[] row : Fixtures.tsv("rnn", "errors.tsv")) {
            String key = row[0];
            String python = row[1];
            if (native_.containsKey(key)) {
                TorchException e = assertThrows(TorchException.class, native_.get(key), key);
                assertTrue(e.getMessage().startsWith(python), key + ": " + e.getMessage());
            } else {
                assertTrue(cases.containsKey(key), "no Java case for " + key);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cases.get(key), key);
                assertEquals(python, e.getMessage(), key);
            }
            checked++;
        }
        assertEquals(cases.size() + native_.size(), checked, "every Java case has Python's message in errors.tsv");
    }

    @Test
    void reprsArePyTorchs() {
        Map<String, Supplier<Module>> modules = Map.of(
                "rnn", () -> new RNN(5, 4, RNNOptions.defaults().numLayers(2).nonlinearity("relu").bidirectional(true)),
                "rnn_bf", () -> new RNN(100, 16, RNNOptions.defaults().batchFirst(true)),
                "lstm", () -> new LSTM(5, 4, LSTMOptions.defaults().projSize(2).bias(false).batchFirst(true)
                        .dropout(0.25).numLayers(2)),
                "gru", () -> new GRU(3, 6, GRUOptions.defaults().bidirectional(true)),
                "rnncell", () -> new RNNCell(3, 4, false, "relu"),
                "lstmcell", () -> new LSTMCell(3, 4),
                "grucell", () -> new GRUCell(3, 4, false));
        List<String[]> rows = Fixtures.tsv("rnn", "reprs.tsv");
        assertEquals(modules.size(), rows.size());
        for (String[] row : rows) {
            assertEquals(row[1].replace("\\n", "\n"), modules.get(row[0]).get().toString(), row[0]);
        }
    }

    /**
     * An LSTM large enough that, with one intra-op thread and several BLAS threads, torch4j runs libtorch's
     * generic CPU kernel instead of oneDNN's (faster there); outputs and gradients match PyTorch's, on both paths.
     */
    @Test
    void aLargeLstmMatchesPyTorchOnTheBlasPathAndOnOneDnn() {
        Fixtures f = Fixtures.load("rnn", "lstm_large");
        int threads = Torch.getNumThreads();
        try {
            // one intra-op thread: OpenBLAS follows with one per core, and (on 2+ cores) the generic kernel runs;
            // two: OpenBLAS follows with one, and oneDNN's runs. The BLAS count is left to follow, not chosen.
            for (int intraOp : new int[] {1, 2}) {
                Torch.setNumThreads(intraOp);
                String what = intraOp == 1 ? "generic kernel (on 2+ cores)" : "oneDNN";
                try (var scope = Torch.scope()) {
                    Torch.manualSeed(5);
                    LSTM lstm = new LSTM(256, 256);
                    Tensor x = Torch.randn(3, 16, 256).requiresGrad_(true);
                    LSTM.Output o = lstm.forward(x);
                    o.output().pow(2).sum().add(o.hN().sum()).add(o.cN().sum().mul(2)).backward();
                    Fixtures.assertClose(f.get("out_head"), o.output().narrow(2, 0, 6), 1e-5, what + " output");
                    Fixtures.assertClose(f.get("hn_head"), o.hN().narrow(2, 0, 6), 1e-5, what + " h_n");
                    Fixtures.assertClose(f.get("cn_head"), o.cN().narrow(2, 0, 6), 1e-5, what + " c_n");
                    Fixtures.assertClose(f.get("out_sum"), o.output().sum().reshape(1), 1e-5, what + " output sum");
                    Fixtures.assertClose(f.get("grad_x_head"), x.grad().narrow(2, 0, 6), 1e-4, what + " input grad");
                    Tensor[] sums = lstm.parameters().stream().map(p -> p.grad().sum()).toArray(Tensor[]::new);
                    Fixtures.assertClose(f.get("grad_sums"), Torch.stack(java.util.List.of(sums)), 1e-4,
                            what + " parameter gradient sums");
                }
            }
        } finally {
            Torch.setNumThreads(threads);
        }
    }

    /** nn.LSTM and nn.GRU state dicts saved by torch.save load unchanged and give PyTorch's outputs. */
    @Test
    void stateDictsSavedByPyTorchLoadAndGiveItsOutputs() throws IOException {
        Fixtures f = Fixtures.load("rnn", "states");
        Tensor x = f.get("x").tensor(false);
        LSTM lstm = new LSTM(2, 4, LSTMOptions.defaults().numLayers(2).bidirectional(true).projSize(2));
        lstm.loadStateDict(Fixtures.path("rnn", "lstm_state.pt"));
        LSTM.Output o = lstm.forward(x);
        Fixtures.assertClose(f.get("lstm.output"), o.output(), 1e-5, "lstm output");
        Fixtures.assertClose(f.get("lstm.hN"), o.hN(), 1e-5, "lstm h_n");
        Fixtures.assertClose(f.get("lstm.cN"), o.cN(), 1e-5, "lstm c_n");

        GRU gru = new GRU(2, 4, GRUOptions.defaults().numLayers(2).bidirectional(true).batchFirst(true));
        gru.loadStateDict(Fixtures.path("rnn", "gru_state.pt"));
        GRU.Output g = gru.forward(x.transpose(0, 1));
        Fixtures.assertClose(f.get("gru.output"), g.output(), 1e-5, "gru output");
        Fixtures.assertClose(f.get("gru.hN"), g.hN(), 1e-5, "gru h_n");

        LSTM noProjection = new LSTM(2, 4, LSTMOptions.defaults().numLayers(2).bidirectional(true));
        var e = assertThrows(IllegalArgumentException.class,
                () -> noProjection.loadStateDict(Fixtures.path("rnn", "lstm_state.pt")));
        assertTrue(e.getMessage().contains("Unexpected key(s) in state_dict: \"weight_hr_l0\""), e.getMessage());
    }

    @Test
    void parameterNamesAndShapesArePyTorchs() {
        LSTM lstm = new LSTM(3, 5, LSTMOptions.defaults().numLayers(2).bidirectional(true).projSize(2));
        Map<String, Tensor> p = lstm.namedParameters();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_hr_l0_reverse", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "weight_hr_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
                "weight_hr_l1_reverse"), List.copyOf(p.keySet()));
        assertArrayEquals(new long[] {20, 3}, p.get("weight_ih_l0").shape());
        assertArrayEquals(new long[] {20, 2}, p.get("weight_hh_l0").shape());
        assertArrayEquals(new long[] {2, 5}, p.get("weight_hr_l0").shape());
        assertArrayEquals(new long[] {20, 4}, p.get("weight_ih_l1_reverse").shape(), "D * proj_size inputs");
        assertEquals(4, lstm.allWeights().size());
        assertSame(p.get("weight_hr_l1_reverse"), lstm.allWeights().get(3).get(4));
        GRU gru = new GRU(3, 5, GRUOptions.defaults().bias(false));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(gru.namedParameters().keySet()));
        assertArrayEquals(new long[] {15, 3}, gru.namedParameters().get("weight_ih_l0").shape());
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                List.copyOf(new LSTMCell(3, 5).namedParameters().keySet()));
        assertArrayEquals(new long[] {20, 3}, new LSTMCell(3, 5).weightIh().shape());
        assertEquals(null, new GRUCell(3, 5, false).biasIh());
        assertTrue(lstm.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    /** A replaced parameter is what the next forward uses, as Python's _flat_weights follow setattr. */
    @Test
    void replacedParametersAreUsedByTheKernel() {
        LSTM lstm = new LSTM(2, 3);
        Tensor x = Torch.randn(4, 1, 2);
        assertTrue(lstm.forward(x).output().abs().sum().item() > 0);
        for (String name : List.copyOf(lstm.namedParameters().keySet())) {
            lstm.registerParameter(name, Torch.zerosLike(lstm.namedParameters().get(name)));
        }
        // all gates sigmoid(0) = 0.5 and the candidate tanh(0) = 0, so c and h stay 0
        assertEquals(0.0, lstm.forward(x).output().abs().sum().item());
    }

    @Test
    void lstmStatesReadLikePythonsTuple() {
        LSTM lstm = new LSTM(2, 3, 2);
        Tensor x = Torch.randn(5, 4, 2);
        LSTM.Output first = lstm.forward(x);
        LSTM.State hidden = first.hidden();
        assertSame(first.hN(), hidden.h());
        assertSame(first.cN(), hidden.c());
        LSTM.Output viaState = lstm.forward(x, hidden.detach());
        LSTM.Output viaTensors = lstm.forward(x, hidden.h(), hidden.c());
        assertTrue(viaState.output().equal(viaTensors.output()));
        assertTrue(hidden.detach().h().isLeaf(), "detach cuts the graph");
        assertFalse(viaState.output().equal(first.output()), "the state was used");
        assertThrows(IllegalArgumentException.class, () -> new LSTM.State(x, null));
        LSTM.State step = new LSTMCell(2, 3).forward(Torch.randn(4, 2));
        assertArrayEquals(new long[] {4, 3}, step.c().shape());
    }

    @Test
    void packedInputComesBackInTheCallersOrder() {
        GRU gru = new GRU(2, 3, GRUOptions.defaults().batchFirst(true));
        Tensor a = Torch.randn(2, 2);
        Tensor b = Torch.randn(4, 2);
        Tensor padded = Rnn.padSequence(List.of(a, b), true);
        PackedSequence packed = Rnn.packPaddedSequence(padded, new long[] {2, 4}, true, false);
        GRU.PackedOutput out = gru.forward(packed);
        Tensor aAlone = gru.forward(a.unsqueeze(0)).hN();
        Tensor bAlone = gru.forward(b.unsqueeze(0)).hN();
        assertTrue(out.hN().select(1, 0).allclose(aAlone.select(1, 0), 1e-6, 1e-6), "row 0 is a's state");
        assertTrue(out.hN().select(1, 1).allclose(bAlone.select(1, 0), 1e-6, 1e-6), "row 1 is b's state");
        List<Tensor> back = Rnn.unpackSequence(out.output());
        assertArrayEquals(new long[] {2, 3}, back.get(0).shape());
        assertArrayEquals(new long[] {4, 3}, back.get(1).shape());
    }

    @Test
    void flattenParametersIsANoOpOnTheCpu() {
        LSTM lstm = new LSTM(2, 3);
        Tensor w = lstm.namedParameters().get("weight_ih_l0");
        float[] before = w.toFloatArray();
        lstm.flattenParameters();
        assertSame(w, lstm.namedParameters().get("weight_ih_l0"));
        assertArrayEquals(before, w.toFloatArray());
    }

    @Test
    void resetParametersDrawsAgainInRegistrationOrder() {
        Torch.manualSeed(3);
        GRU a = new GRU(2, 3);
        Torch.manualSeed(3);
        GRU b = new GRU(2, 3);
        b.resetParameters();
        assertFalse(a.parameters().get(0).equal(b.parameters().get(0)));
        Torch.manualSeed(3);
        b.resetParameters();
        for (int i = 0; i < a.parameters().size(); i++) {
            assertTrue(a.parameters().get(i).equal(b.parameters().get(i)), "parameter " + i);
        }
    }

    /** PyTorch users subclass nn.LSTM (weight drop), nn.Linear and nn.Embedding: those are not final. */
    @Test
    void builtInRecurrentModulesCanBeSubclassed() {
        class ScaledLSTM extends LSTM {
            ScaledLSTM() {
                super(2, 3);
            }

            @Override
            public LSTM.Output forward(Tensor input, LSTM.State hx) {
                LSTM.Output o = super.forward(input, hx);
                return new LSTM.Output(o.output().mul(2.0), o.hN(), o.cN());
            }
        }
        class FrozenRowsEmbedding extends Embedding {
            FrozenRowsEmbedding() {
                super(5, 2);
            }
        }
        class NoBiasLinear extends Linear {
            NoBiasLinear() {
                super(2, 2, false);
            }
        }
        assertEquals(1, new FrozenRowsEmbedding().parameters().size());
        assertEquals(1, new NoBiasLinear().parameters().size());
        ScaledLSTM s = new ScaledLSTM();
        Tensor x = Torch.randn(3, 1, 2);
        assertTrue(s.forward(x).output().allclose(s.forward(x, (LSTM.State) null).output()));
        assertEquals(4, s.parameters().size());
        assertSame(s, s.train(false));
    }

    @Test
    void summaryRunsAnyForwardAndShowsItsFirstTensor() {
        final class Tagger extends Module {
            final Embedding embedding = register("embedding", new Embedding(10, 4));
            final LSTM lstm = register("lstm", new LSTM(4, 6, LSTMOptions.defaults().batchFirst(true)));
            final Linear out = register("out", new Linear(6, 3));

            public Tensor forward(Tensor x, LSTM.State hx) {
                return out.forward(lstm.forward(embedding.forward(x), hx).output());
            }
        }
        Tagger t = new Tagger();
        Tensor x = Torch.randint(0, 10, new long[] {2, 5});
        String s = t.summary(x, null);
        assertTrue(s.contains("├─LSTM: 1-2") && s.contains("[2, 5, 6]"), s);
        assertTrue(s.contains("[2, 5, 3]"), s);
        var e = assertThrows(IllegalArgumentException.class, () -> t.summary(x));
        assertTrue(e.getMessage().contains("no public forward(Tensor)"), e.getMessage());
        String packed = new GRU(2, 3).summary(Rnn.packSequence(List.of(Torch.randn(3, 2), Torch.randn(1, 2))));
        assertTrue(packed.contains("[4, 3]"), "a packed output shows its data's shape: " + packed);
    }
}
