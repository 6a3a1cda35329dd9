package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void createsFromJavaArraysWithShapesAndDtypes() {
        Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new long[] {2, 3}, f.shape());
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(Device.cpu(), f.device());
        assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).dtype());
        assertEquals(DType.INT32, Tensor.of(new int[] {1, 2}).dtype());
        assertEquals(DType.FLOAT64, Tensor.of(new double[] {1}).dtype());
        assertArrayEquals(new long[] {1}, Tensor.of(new double[] {1}).shape(), "a one-element array is 1-D");
        assertArrayEquals(new long[0], Tensor.scalar(2.5f).shape());
        assertEquals(2.5, Tensor.scalar(2.5f).item());
        assertArrayEquals(new long[] {0, 1, 2, 3}, Torch.arange(4).toLongArray());
        assertArrayEquals(new float[] {0, 0.5f, 1}, Torch.arange(0.0, 1.5, 0.5).toFloatArray());
        assertArrayEquals(new float[] {1, 1}, Torch.ones(2).toFloatArray());
        assertArrayEquals(new float[] {7, 7}, Torch.full(new long[] {2}, 7, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cpu())).toFloatArray());
        long[] r = Torch.randint(3, 5, new long[] {100}).toLongArray();
        for (long v : r) {
            assertTrue(v >= 3 && v < 5, "randint value " + v);
        }
        assertArrayEquals(new long[] {0, 3}, Tensor.of(new float[0], 0, 3).shape());
        assertEquals(0, Torch.zeros(0).toDoubleArray().length, "empty tensors read as empty arrays");
        assertEquals(0, Tensor.of(new long[0]).toLongArray().length);
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("size 3"), e.getMessage());
    }

    @Test
    void shapeOpsFollowPyTorch() {
        Tensor x = Torch.arange(24).view(2, 3, 4);
        assertArrayEquals(new long[] {6, 4}, x.reshape(-1, 4).shape());
        assertArrayEquals(new long[] {2, 1, 3, 4}, x.unsqueeze(1).shape());
        assertArrayEquals(new long[] {2, 3, 4, 1}, x.unsqueeze(-1).shape());
        assertArrayEquals(new long[] {3, 4}, Torch.zeros(1, 3, 4).squeeze(0).shape());
        assertArrayEquals(new long[] {3}, Torch.zeros(1, 3, 1).squeeze().shape());
        assertArrayEquals(new long[] {4, 3, 2}, x.transpose(0, 2).shape());
        assertArrayEquals(new long[] {12, 13, 14, 15, 16, 17, 18, 19}, x.narrow(0, 1, 1).narrow(1, 0, 2).flatten().toLongArray());
        assertArrayEquals(new long[] {4, 5, 6, 7, 0, 1, 2, 3}, x.select(0, 0).indexSelect(0, Tensor.of(new long[] {1, 0})).flatten().toLongArray());
        assertArrayEquals(new long[] {4, 3, 4}, Torch.cat(List.of(x, x), 0).shape());
        assertArrayEquals(new long[] {2, 2, 3, 4}, Torch.stack(List.of(x, x), 1).shape());
        assertArrayEquals(new long[] {4, 2, 3}, x.permute(2, 0, 1).shape());
        assertThrows(TorchException.class, () -> x.view(5, 5));
        var dim = assertThrows(TorchIndexException.class, () -> x.squeeze(3));
        assertTrue(dim.getMessage().contains("[-3, 2], but got 3"), dim.getMessage());
        assertThrows(TorchException.class, () -> x.narrow(1, 2, 2));
        assertThrows(TorchIndexException.class, () -> x.indexSelect(0, Tensor.of(new long[] {2})));
        assertThrows(TorchException.class, () -> x.indexSelect(0, Tensor.of(new float[] {0})));
        assertThrows(TorchException.class, () -> Torch.stack(List.of(x, x.view(3, 2, 4)), 0));
        assertThrows(TorchException.class, () -> Torch.cat(List.of(), 0));
    }

    @Test
    void arithmeticComparisonsAndReductions() {
        Tensor a = Tensor.of(new float[] {1, -2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {2, 2, 2, 2}, 2, 2);
        assertArrayEquals(new float[] {3, 0, 5, 6}, a.add(b).toFloatArray());
        assertArrayEquals(new float[] {-1, -4, 1, 2}, a.sub(b).toFloatArray());
        assertArrayEquals(new float[] {2, -4, 6, 8}, a.mul(b).toFloatArray());
        assertArrayEquals(new float[] {0.5f, -1, 1.5f, 2}, a.div(b).toFloatArray());
        assertArrayEquals(new float[] {1.5f, -1.5f, 3.5f, 4.5f}, a.add(0.5).toFloatArray());
        assertArrayEquals(new float[] {-3, 4, 11, -8}, a.matmul(Tensor.of(new float[] {1, 0, 2, -2}, 2, 2)).toFloatArray());
        assertArrayEquals(new long[] {2, 3}, Tensor.of(new long[] {1, 2}).add(1).toLongArray());
        assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).add(1).dtype(), "int + int stays int");
        assertEquals(DType.FLOAT32, Tensor.of(new long[] {1, 2}).add(0.5).dtype(), "int + float promotes");
        assertArrayEquals(new long[] {1, 0, 1, 1}, a.gt(0.0).toLong().toLongArray());
        assertArrayEquals(new long[] {1, 1, 0, 0}, a.lt(b).toLong().toLongArray());
        assertEquals(6.0, a.sum().item());
        assertEquals(1.5, a.mean().item());
        assertEquals(4.0, a.max().item());
        assertEquals(-2.0, a.min().item());
        assertEquals(3, (long) a.argmax().item());
        assertArrayEquals(new float[] {4, 2}, a.sum(0, false).toFloatArray());
        assertArrayEquals(new long[] {2, 1}, a.mean(1, true).shape());
        var mx = a.max(1, false);
        assertArrayEquals(new float[] {1, 4}, mx.values().toFloatArray());
        assertArrayEquals(new long[] {0, 1}, mx.indices().toLongArray());
        assertEquals(0.5, Tensor.scalar(0.0f).sigmoid().item(), 1e-7);
        assertThrows(TorchException.class, () -> a.item());
    }

    @Test
    void inPlaceOpsReturnThisAndChangeData() {
        Tensor t = Torch.zeros(3);
        assertTrue(t.fill_(2) == t);
        t.add_(Torch.ones(3)).mul_(2.0);
        assertArrayEquals(new float[] {6, 6, 6}, t.toFloatArray());
        t.add_(Torch.ones(3), -2);
        assertArrayEquals(new float[] {4, 4, 4}, t.toFloatArray());
        t.copy_(Tensor.of(new long[] {1, 2, 3}));
        assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray());
        assertArrayEquals(new float[3], t.zero_().toFloatArray());
    }

    @Test
    void autogradComputesGradientsAndDetaches() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}).requiresGrad_(true);
        assertTrue(w.isLeaf());
        assertNull(w.grad());
        Tensor y = w.mul(w).sum();
        assertEquals("SumBackward0", y.gradFn());
        y.backward();
        assertArrayEquals(new float[] {2, 4, 6}, w.grad().toFloatArray());
        assertFalse(w.detach().requiresGrad());
        w.clearGrad();
        assertNull(w.grad());
        try (AutoCloseable g = Torch.noGrad()) {
            assertFalse(Torch.isGradEnabled());
            assertFalse(w.mul(2.0).requiresGrad());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(Torch.isGradEnabled());
        assertThrows(TorchException.class, () -> Torch.ones(2).sum().backward());
        assertThrows(TorchException.class, () -> w.mul(2.0).backward());
        assertThrows(TorchException.class, () -> Tensor.of(new long[] {1}).requiresGrad_(true));
    }

    @Test
    void differentDevicesAreRejectedBeforeAnyNativeCall() {
        // Only a CUDA machine has two devices; here the check is exercised through Device equality.
        assertEquals("cuda:1", Device.of("cuda:1").toString());
        assertThrows(IllegalArgumentException.class, () -> Device.of("tpu"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Device.isCudaAvailable(),
                "needs a CUDA device to hold a second tensor on another device");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Torch.ones(2).add(Torch.ones(2).to(Device.cuda())));
        assertTrue(e.getMessage().contains("same device"), e.getMessage());
    }

    @Test
    void closedTensorsFailClearlyAndCloseTwiceIsHarmless() {
        Tensor t = Torch.ones(2);
        t.close();
        t.close();
        assertTrue(t.isClosed());
        var e = assertThrows(IllegalStateException.class, t::sum);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals("tensor(<closed>)", t.toString());
    }

    @Test
    void toStringMatchesPyTorchRepr() throws IOException {
        Map<String, String> expected = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/core/reprs.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] kv = line.split("\t", 2);
                expected.put(kv[0], kv[1].replace("\\n", "\n"));
            }
        }
        assertEquals(expected.get("matrix"), Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).toString());
        assertEquals(expected.get("arange"), Torch.arange(5).toString());
        assertEquals(expected.get("fractions"), Tensor.of(new float[] {0.1234567f, -2.5f, 10f}).toString());
        assertEquals(expected.get("sci"), Tensor.of(new double[] {1e-5, 3}).toString());
        assertEquals(expected.get("bools"), Tensor.of(new boolean[] {true, false}).toString());
        assertEquals(expected.get("int32"), Tensor.of(new int[] {1, -20}).toString());
        Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad_(true);
        assertEquals(expected.get("leaf"), w.toString());
        assertEquals(expected.get("grad_fn"), w.mul(2.0).sum().toString());
        assertEquals(expected.get("scalar"), Tensor.scalar(3.5f).toString());
        assertEquals(expected.get("complex"), Torch.complex(Tensor.of(new float[] {1, -2.5f, 0}),
                Tensor.of(new float[] {0, 3, -1.25f})).toString());
        assertEquals(expected.get("complex_ints"), Torch.complex(Tensor.of(new float[] {1, 2}, 1, 2),
                Tensor.of(new float[] {0.5f, -1e-3f}, 1, 2)).toString());
        assertEquals(expected.get("complex128"), Torch.ones(new long[] {2},
                TensorOptions.defaults().dtype(DType.COMPLEX128)).toString());
        Torch.manualSeed(0);
        String summarized = Torch.randn(40, 40).toString();
        // torch4j adds the shape where values are elided; the rest is PyTorch's text
        assertTrue(summarized.endsWith(", size=(40, 40))"), summarized);
        assertEquals(expected.get("summarized"), summarized.replace(", size=(40, 40))", ")"));
    }
}
