package dev.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.utils.Rnn;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RNN, LSTM, GRU and the three cells against PyTorch, one row per configuration of
 * {@code fixtures/rnn/cases.tsv} (written with the Python side of each row by {@code tools/gen_rnn_fixtures.py}):
 * after the row's {@code manual_seed} the parameters equal PyTorch's bit for bit; the outputs, final states and
 * every gradient (input, initial states, each parameter) of the loss {@code sum(out * g)} for fixed random
 * {@code g} agree within 1e-5 relative; for packed input the packed sequence, the packed output and the output
 * padded back (in the caller's order) agree too. Each element may also differ by 1e-6 of its tensor's largest
 * magnitude: a gradient element that is a sum of larger terms of both signs carries their rounding, and
 * libtorch 2.10 with OpenBLAS sums in another order than the 1.13 with generic BLAS that wrote the fixtures
 * (lstm_nobias_bf: 0.0018944592 against 0.0018945824, from terms of order 0.1).
 */
class RecurrentFixturesTest {
    static final double RTOL = 1e-5;
    /** The absolute allowance, as a fraction of the tensor's largest magnitude (see the class comment). */
    static final double SCALE_TOL = 1e-6;

    static void assertClose(Fixtures.Entry expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.values();
        float[] a = actual.toFloatArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            double allowed = RTOL * Math.abs(e[i]) + SCALE_TOL * scale + 1e-7;
            if (!(Math.abs(a[i] - e[i]) <= allowed)) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + " but was " + a[i]
                        + " (|diff| " + Math.abs(a[i] - e[i]) + " > " + allowed + ")");
            }
        }
    }

    /** A row of cases.tsv by column name. */
    record Row(Map<String, String> cells) {
        String get(String column) {
            return cells.get(column);
        }

        long num(String column) {
            return Long.parseLong(cells.get(column));
        }

        boolean flag(String column) {
            return num(column) != 0;
        }

        @Override
        public String toString() {
            return get("name");
        }
    }

    static Stream<Row> rows() {
        List<String[]> table = Fixtures.tsv("rnn", "cases.tsv");
        String[] header = table.get(0);
        List<Row> rows = new ArrayList<>();
        for (String[] r : table.subList(1, table.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                cells.put(header[i], r[i]);
            }
            rows.add(new Row(cells));
        }
        return rows.stream();
    }

    /** The module the row describes, built as Python built it (input 2, hidden 4). */
    static Module build(Row r) {
        long in = 2;
        long hid = 4;
        long layers = r.num("num_layers");
        boolean bias = r.flag("bias");
        boolean bf = r.flag("batch_first");
        double dropout = Double.parseDouble(r.get("dropout"));
        boolean bidir = r.flag("bidirectional");
        return switch (r.get("module")) {
            case "RNN" -> new RNN(in, hid, RNNOptions.defaults().numLayers(layers).nonlinearity(r.get("nonlinearity"))
                    .bias(bias).batchFirst(bf).dropout(dropout).bidirectional(bidir));
            case "LSTM" -> new LSTM(in, hid, LSTMOptions.defaults().numLayers(layers).bias(bias).batchFirst(bf)
                    .dropout(dropout).bidirectional(bidir).projSize(r.num("proj_size")));
            case "GRU" -> new GRU(in, hid, GRUOptions.defaults().numLayers(layers).bias(bias).batchFirst(bf)
                    .dropout(dropout).bidirectional(bidir));
            case "RNNCell" -> new RNNCell(in, hid, bias, r.get("nonlinearity"));
            case "LSTMCell" -> new LSTMCell(in, hid, bias);
            case "GRUCell" -> new GRUCell(in, hid, bias);
            default -> throw new IllegalArgumentException(r.get("module"));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesPyTorch(Row r) {
        Fixtures f = Fixtures.load("rnn", r.get("name"));
        Torch.manualSeed(r.num("seed"));
        Module m = build(r);
        assertArrayEquals(f.get("init").floats(), flat(m.parameters()).toFloatArray(),
                "parameters right after construction, in registration order, bit for bit");
        m.train(r.flag("train"));

        Tensor x = f.get("x").tensor(false).requiresGrad_(true);
        Tensor h0 = f.has("h0") ? f.get("h0").tensor(false).requiresGrad_(true) : null;
        Tensor c0 = f.has("c0") ? f.get("c0").tensor(false).requiresGrad_(true) : null;
        Torch.manualSeed(2000 + r.num("seed"));
        Map<String, Tensor> results = r.get("input").startsWith("packed") ? runPacked(r, f, m, x, h0, c0)
                : run(m, x, h0, c0);

        Tensor loss = Torch.zeros();
        for (Map.Entry<String, Tensor> e : results.entrySet()) {
            assertClose(f.get(e.getKey()), e.getValue(), r + " " + e.getKey());
            loss = loss.add(e.getValue().mul(f.get("g." + e.getKey()).tensor(false)).sum());
        }
        loss.backward();
        assertClose(f.get("grad.x"), x.grad(), r + " grad of x");
        if (h0 != null) {
            assertClose(f.get("grad.h0"), h0.grad(), r + " grad of h0");
        }
        if (c0 != null) {
            assertClose(f.get("grad.c0"), c0.grad(), r + " grad of c0");
        }
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : m.parameters()) {
            grads.add(p.grad() == null ? Torch.zerosLike(p) : p.grad());
        }
        assertClose(f.get("grads"), flat(grads), r + " gradients of the parameters");
    }

    /** Runs a module on a padded (or unbatched) tensor; the results by fixture key. */
    /** The rows of RNN, LSTM and GRU on padded input (packed input and the cells have no RNNBase form). */
    static Stream<Row> rnnBaseRows() {
        return rows().filter(r -> !r.get("input").startsWith("packed") && !r.get("module").endsWith("Cell"));
    }

    /**
     * The same rows through {@link RNNBase}'s layer-independent API, as Python's {@code self.rnn(emb, hidden)} is
     * written once for RNN, LSTM and GRU: outputs and final states equal PyTorch's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rnnBaseRows")
    void matchesPyTorchThroughRNNBase(Row r) {
        Fixtures f = Fixtures.load("rnn", r.get("name"));
        Torch.manualSeed(r.num("seed"));
        RNNBase rnn = (RNNBase) build(r);
        rnn.train(r.flag("train"));
        Tensor x = f.get("x").tensor(false);
        Tensor h0 = f.has("h0") ? f.get("h0").tensor(false) : null;
        Object hx = h0 == null ? null : rnn instanceof LSTM ? new LSTM.State(h0, f.get("c0").tensor(false)) : h0;
        Torch.manualSeed(2000 + r.num("seed"));
        RNNBase.Result o = rnn.forward(x, hx);
        assertClose(f.get("output"), o.output(), r + " output");
        assertClose(f.get("hN"), o.hN(), r + " hN");
        if (o.hidden() instanceof LSTM.State s) {
            assertClose(f.get("cN"), s.c(), r + " cN");
        }
        Object wrong = rnn instanceof LSTM ? (Object) Torch.zeros(1) : new LSTM.State(Torch.zeros(1), Torch.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> rnn.forward(x, wrong), "a state of the other kind");
    }

    private static Map<String, Tensor> run(Module m, Tensor x, Tensor h0, Tensor c0) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (m instanceof RNN rnn) {
            RNN.Output o = rnn.forward(x, h0);
            out.put("output", o.output());
            out.put("hN", o.hN());
        } else if (m instanceof GRU gru) {
            GRU.Output o = gru.forward(x, h0);
            out.put("output", o.output());
            out.put("hN", o.hN());
        } else if (m instanceof LSTM lstm) {
            LSTM.Output o = h0 == null ? lstm.forward(x) : lstm.forward(x, h0, c0);
            out.put("output", o.output());
            out.put("hN", o.hN());
            out.put("cN", o.cN());
        } else if (m instanceof LSTMCell cell) {
            LSTM.State s = h0 == null ? cell.forward(x) : cell.forward(x, new LSTM.State(h0, c0));
            out.put("hN", s.h());
            out.put("cN", s.c());
        } else if (m instanceof RNNCell cell) {
            out.put("hN", cell.forward(x, h0));
        } else {
            out.put("hN", ((GRUCell) m).forward(x, h0));
        }
        return out;
    }

    /** Packs the padded input as Python did, checks the packing, runs the module and pads its output back. */
    private static Map<String, Tensor> runPacked(Row r, Fixtures f, Module m, Tensor x, Tensor h0, Tensor c0) {
        boolean bf = r.flag("batch_first");
        PackedSequence p = Rnn.packPaddedSequence(x, f.get("lengths").tensor(true), bf,
                r.get("input").equals("packed_sorted"));
        Fixtures.assertClose(f.get("packed.data"), p.data(), 0, r + " packed data");
        assertArrayEquals(f.get("packed.batch_sizes").longs(), p.batchSizes().toLongArray(), r + " batch sizes");
        if (f.has("packed.sorted_indices")) {
            assertArrayEquals(f.get("packed.sorted_indices").longs(), p.sortedIndices().toLongArray());
            assertArrayEquals(f.get("packed.unsorted_indices").longs(), p.unsortedIndices().toLongArray());
        } else {
            assertNull(p.sortedIndices(), "enforce_sorted packs in the order given");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        PackedSequence output;
        if (m instanceof RNN rnn) {
            RNN.PackedOutput o = rnn.forward(p, h0);
            output = o.output();
            out.put("hN", o.hN());
        } else if (m instanceof GRU gru) {
            GRU.PackedOutput o = gru.forward(p, h0);
            output = o.output();
            out.put("hN", o.hN());
        } else {
            LSTM.PackedOutput o = ((LSTM) m).forward(p, h0 == null ? null : new LSTM.State(h0, c0));
            output = o.output();
            out.put("hN", o.hN());
            out.put("cN", o.cN());
        }
        assertClose(f.get("output.data"), output.data(), r + " packed output");
        Rnn.PaddedSequence padded = Rnn.padPackedSequence(output, bf);
        assertArrayEquals(f.get("output.lengths").longs(), padded.lengths().toLongArray(), r + " lengths");
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        ordered.put("output", padded.output());
        ordered.putAll(out);
        return ordered;
    }

    private static Tensor flat(List<Tensor> tensors) {
        List<Tensor> parts = new ArrayList<>();
        for (Tensor t : tensors) {
            parts.add(t.detach().reshape(-1));
        }
        return Torch.cat(parts, 0);
    }

    @org.junit.jupiter.api.Test
    void everyModuleKindAndInputModeHasRows() {
        List<String> kinds = rows().map(r -> r.get("module") + "/" + r.get("input")).distinct().sorted().toList();
        assertEquals(List.of("GRU/batched", "GRU/packed_sorted", "GRU/packed_unsorted", "GRU/unbatched",
                "GRUCell/batched", "GRUCell/unbatched", "LSTM/batched", "LSTM/packed_sorted", "LSTM/packed_unsorted",
                "LSTM/unbatched", "LSTMCell/batched", "LSTMCell/unbatched", "RNN/batched", "RNN/packed_sorted",
                "RNN/packed_unsorted", "RNN/unbatched", "RNNCell/batched", "RNNCell/unbatched"), kinds);
    }
}
