package dev.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                    Tensor batched = bf == 1 ? Tensor.zeros(2, 6, 3) : Tensor.zeros(6, 2, 3);
                    for (String mode : new String[] {"batched", "unbatched"}) {
                        Tensor x = mode.equals("batched") ? batched : Tensor.zeros(6, 3);
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

    @Test
    void reprFollowsPyTorch() {
        assertEquals("RNN(100, 16, batch_first=True)",
                new RNN(100, 16, RNNOptions.defaults().batchFirst(true)).toString());
        assertEquals("RNN(5, 4, num_layers=2, nonlinearity=relu, bidirectional=True)",
                new RNN(5, 4, RNNOptions.defaults().numLayers(2).nonlinearity("relu").bidirectional(true)).toString());
    }

    @Test
    void badInputIsRejectedWithTheValues() {
        RNN rnn = new RNN(4, 3);
        var size = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Tensor.zeros(5, 2, 7)));
        assertTrue(size.getMessage().contains("Expected 4, got 7"), size.getMessage());
        var dims = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Tensor.zeros(5)));
        assertTrue(dims.getMessage().contains("2D or 3D, got 1D"), dims.getMessage());
        var hidden = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(Tensor.zeros(5, 2, 4), Tensor.zeros(1, 3, 3)));
        assertTrue(hidden.getMessage().contains("Expected hidden size (1, 2, 3), got [1, 3, 3]"),
                hidden.getMessage());
        var hdim = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(Tensor.zeros(5, 4), Tensor.zeros(1, 1, 3)));
        assertTrue(hdim.getMessage().contains("hx should also be 2-D"), hdim.getMessage());
        var nl = assertThrows(IllegalArgumentException.class,
                () -> new RNN(4, 3, RNNOptions.defaults().nonlinearity("gelu")));
        assertTrue(nl.getMessage().contains("Unknown nonlinearity 'gelu'"), nl.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RNN(4, 3, RNNOptions.defaults().dropout(1.5)));
        assertThrows(IllegalArgumentException.class, () -> new RNN(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new RNN(4, 3, RNNOptions.defaults().numLayers(0)));
    }
}
