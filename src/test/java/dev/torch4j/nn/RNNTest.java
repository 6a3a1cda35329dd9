package dev.torch4j.nn;

import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import org.junit.jupiter.api.Test;

class RNNTest {
    @Test
    void shapesMatchPyTorchInEveryMode() {
        Fixtures f = Fixtures.load("rnn_shapes");
        int checked = 0;
        for (int layers = 1; layers <= 2; layers++) {
            for (int bidir = 0; bidir <= 1; bidir++) {
                for (int bf = 0; bf <= 1; bf++) {
                    RNN rnn = new RNN(3, 5, RNNOptions.defaults().numLayers(layers).bidirectional(bidir == 1)
                            .batchFirst(bf == 1));
                    Tensor batched = bf == 1 ? Torch.zeros(2, 6, 3) : Torch.zeros(6, 2, 3);
                    for (String mode : new String[] {"batched", "unbatched"}) {
                        Tensor x = mode.equals("batched") ? batched : Torch.zeros(6, 3);
                        RNN.Output r = rnn.forward(x);
                        String key = "l" + layers + "_b" + bidir + "_f" + bf + "_" + mode;
                        assertArrayEquals(f.get(key + ".output").longs(), r.output().shape(), key + " output");
                        assertArrayEquals(f.get(key + ".h_n").longs(), r.hN().shape(), key + " h_n");
                        checked++;
                    }
                }
            }
        }
        assertEquals(16, checked);
    }

    /**
     * Every variant of the one-layer RNN that runs step by step on CPU (nonlinearity, bias, batch
     * first, h0, unbatched): output, h_n and every gradient against PyTorch's rnn_tanh/rnn_relu
     * (tools/gen_core_fixtures.py, rnn_one_layer), within 1e-5 relative.
     */
    @Test
    void oneLayerMatchesPyTorchInEveryVariant() {
        Fixtures f = Fixtures.load("rnn_one_layer");
        int checked = 0;
        for (String nonlin : new String[] {"tanh", "relu"}) {
            for (int bias = 1; bias >= 0; bias--) {
                for (int bf = 0; bf <= 1; bf++) {
                    for (int withH0 = 0; withH0 <= 1; withH0++) {
                        for (String mode : new String[] {"batched", "unbatched"}) {
                            String key = nonlin + "_b" + bias + "_f" + bf + "_h" + withH0 + "_" + mode;
                            RNN rnn = new RNN(3, 4, RNNOptions.defaults().nonlinearity(nonlin).bias(bias == 1)
                                    .batchFirst(bf == 1));
                            NumericsTest.loadPrefixed(rnn, f, key + ".init.");
                            Tensor x = f.get(key + ".x").tensor(false).requiresGrad_(true);
                            Tensor h0 = withH0 == 1 ? f.get(key + ".h0").tensor(false).requiresGrad_(true) : null;
                            RNN.Output r = rnn.forward(x, h0);
                            r.output().pow(2).sum().add(r.hN().sum()).backward();
                            Fixtures.assertClose(f.get(key + ".output"), r.output(), 1e-5, key + " output");
                            Fixtures.assertClose(f.get(key + ".h_n"), r.hN(), 1e-5, key + " h_n");
                            Fixtures.assertClose(f.get(key + ".grad.x"), x.grad(), 1e-5, key + " grad x");
                            if (h0 != null) {
                                Fixtures.assertClose(f.get(key + ".grad.h0"), h0.grad(), 1e-5, key + " grad h0");
                            }
                            rnn.namedParameters().forEach((k, p) ->
                                    Fixtures.assertClose(f.get(key + ".grad." + k), p.grad(), 1e-5, key + " grad " + k));
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(32, checked);
    }
}
