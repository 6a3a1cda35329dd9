package dev.torch4j.nn;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import static dev.torch4j.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import java.util.List;
import dev.torch4j.TorchException;
import dev.torch4j.TorchIndexException;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    private final Fixtures f = Fixtures.load("embedding");

    @Test
    void negativePaddingIdxAndScaleGradByFreqGiveTorchsGradient() {
        Embedding e = Embedding.fromPretrained(f.get("weight").tensor(false), false,
                EmbeddingOptions.defaults().paddingIdx(-2).scaleGradByFreq(true));
        assertEquals(8, e.paddingIdx());
        Tensor idx = Tensor.of(new long[] {1, 2, 2, 8, 8, 2}, 2, 3);
        e.forward(idx).mul(f.get("coeff").tensor(false)).sum().backward();
        assertClose(f.get("scale_freq_pad.grad"), e.weight().grad(), 1e-5, "grad");
    }

    @Test
    void maxNormRenormalisesLookedUpRowsInPlace() {
        Embedding e = Embedding.fromPretrained(f.get("weight").tensor(false), true,
                EmbeddingOptions.defaults().maxNorm(1.5).normType(1.0));
        Tensor out = e.forward(f.get("idx").tensor(true));
        assertClose(f.get("max_norm.output"), out, 1e-5, "output");
        assertClose(f.get("max_norm.weight_after"), e.weight(), 1e-5, "weight after");
    }

    @Test
    void paddingRowGetsNoGradient() {
        Embedding e = Embedding.fromPretrained(f.get("weight").tensor(false), false,
                EmbeddingOptions.defaults().paddingIdx(0));
        e.forward(f.get("idx").tensor(true)).mul(f.get("coeff").tensor(false)).sum().backward();
        assertClose(f.get("padding.grad"), e.weight().grad(), 1e-5, "grad");
        float[] row0 = e.weight().grad().select(0, 0).toFloatArray();
        assertArrayEquals(new float[4], row0);
    }

    @Test
    void newEmbeddingZeroesPaddingRowButFromPretrainedKeepsIt() {
        Embedding e = new Embedding(5, 3, EmbeddingOptions.defaults().paddingIdx(-1));
        assertArrayEquals(new float[3], e.weight().select(0, 4).toFloatArray());
        assertTrue(e.weight().requiresGrad());
        Tensor m = Torch.ones(5, 3);
        Embedding p = Embedding.fromPretrained(m, true, EmbeddingOptions.defaults().paddingIdx(4));
        assertArrayEquals(new float[] {1, 1, 1}, p.weight().select(0, 4).toFloatArray());
        assertFalse(p.weight().requiresGrad(), "freeze=true means requires_grad=False");
        assertTrue(Embedding.fromPretrained(m, false).weight().requiresGrad());
        assertFalse(Embedding.fromPretrained(m).weight().requiresGrad(), "freeze defaults to true");
    }

    @Test
    void outputShapeAppendsEmbeddingDim() {
        Embedding e = new Embedding(10, 7);
        assertArrayEquals(new long[] {2, 3, 7}, e.forward(Torch.zeros(new long[] {2, 3}, TensorOptions.defaults().dtype(dev.torch4j.DType.INT64).device(dev.torch4j.Device.cpu()))).shape());
        assertArrayEquals(new long[] {4, 7}, e.forward(Tensor.of(new int[] {1, 2, 3, 9})).shape());
        assertEquals("Embedding(10, 7)", e.toString());
        assertEquals("Embedding(17, 100, padding_idx=0)",
                new Embedding(17, 100, EmbeddingOptions.defaults().paddingIdx(0)).toString());
    }

    @Test
    void badInputIsRejectedWithTheValues() {
        Embedding e = new Embedding(17, 4);
        // libtorch's own check, the IndexError Python raises: "index out of range in self"
        for (Tensor bad : List.of(Tensor.of(new long[] {3, 17}), Tensor.of(new long[] {-1, 2}),
                Tensor.of(new int[] {0, 16, 40}), Tensor.of(new int[] {5, -3, 1}))) {
            var high = assertThrows(TorchIndexException.class, () -> e.forward(bad));
            assertTrue(high.getMessage().contains("index out of range in self"), high.getMessage());
        }
        var flt = assertThrows(TorchException.class, () -> e.forward(Tensor.of(new float[] {1, 2})));
        assertTrue(flt.getMessage().contains("Long, Int") && flt.getMessage().contains("Float"), flt.getMessage());
        var pad = assertThrows(IllegalArgumentException.class,
                () -> new Embedding(5, 2, EmbeddingOptions.defaults().paddingIdx(5)));
        assertTrue(pad.getMessage().contains("Padding_idx must be within num_embeddings"), pad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Embedding(5, 2, EmbeddingOptions.defaults().paddingIdx(-6)));
        var dims = assertThrows(IllegalArgumentException.class, () -> Embedding.fromPretrained(Torch.ones(2, 2, 2)));
        assertTrue(dims.getMessage().contains("2-dimensional") && dims.getMessage().contains("[2, 2, 2]"),
                dims.getMessage());
    }
}
