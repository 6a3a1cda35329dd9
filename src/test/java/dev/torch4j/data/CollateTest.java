package dev.torch4j.data;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollateTest {
    private static final Fixtures COLLATE = Fixtures.load("collate.txt");
    private static final Fixtures PAD = Fixtures.load("pad.txt");

    /** The samples of pad.txt: tokens (L) int64, features (L, 2) float32, label () int64. */
    static List<List<Tensor>> padSamples() {
        List<List<Tensor>> samples = new ArrayList<>();
        for (int i = 0; PAD.all().containsKey("sample=" + i + " tokens"); i++) {
            long[] tokens = PAD.longs("sample=" + i + " tokens");
            double[] feats = PAD.doubles("sample=" + i + " feats");
            float[] f = new float[feats.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) feats[j];
            }
            // Tensor.of cannot take an empty array (core issue), so empty sequences start as empty()
            Tensor tok = tokens.length == 0 ? Torch.empty(new long[] {0}, TensorOptions.defaults().dtype(DType.INT64).device(Device.cpu()))
                    : Tensor.of(tokens, tokens.length);
            Tensor fts = f.length == 0 ? Torch.empty(0, 2) : Tensor.of(f, tokens.length, 2);
            samples.add(List.of(tok, fts, Tensor.scalar(PAD.longValue("sample=" + i + " label"))));
        }
        return samples;
    }

    static void close(List<List<Tensor>> samples) {
        samples.forEach(s -> s.forEach(Tensor::close));
    }

    /** Asserts batch field {@code f} equals PyTorch's {@code prefix} facts (shape, dtype, values). */
    static void assertField(Fixtures fx, String prefix, Tensor t) {
        assertArrayEquals(fx.longs(prefix + ".shape"), t.shape(), prefix + ".shape");
        assertEquals(fx.string(prefix + ".dtype"), t.dtype().pythonName(), prefix + ".dtype");
        assertArrayEquals(fx.doubles(prefix), t.toDoubleArray(), 0.0, prefix);
    }

    @Test
    void defaultCollateStacksLikePyTorch() {
        List<List<Tensor>> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(List.of(Tensor.of(COLLATE.longs("sample=" + i + " a")),
                    Tensor.scalar((float) Double.parseDouble(COLLATE.string("sample=" + i + " b")))));
        }
        try (Batch b = Collate.defaultCollate().apply(samples)) {
            assertEquals(2, b.size());
            assertField(COLLATE, "batch a", b.get(0));
            assertField(COLLATE, "batch b", b.get(1));
        } finally {
            close(samples);
        }
    }

    @Test
    void defaultCollateIsShared() {
        assertSame(Collate.defaultCollate(), Collate.defaultCollate());
    }

    @Test
    void padSequencesPadsLikePadSequenceBatchFirst() {
        List<List<Tensor>> samples = padSamples();
        double pad = Double.parseDouble(PAD.string("padding_value"));
        try {
            for (int b = 0; b * 4 < samples.size(); b++) {
                List<List<Tensor>> chunk = samples.subList(b * 4, Math.min(samples.size(), b * 4 + 4));
                try (Batch batch = Collate.padSequences(pad).apply(chunk)) {
                    assertField(PAD, "batch=" + b + " tokens", batch.get(0));
                    assertField(PAD, "batch=" + b + " feats", batch.get(1));
                    assertField(PAD, "batch=" + b + " labels", batch.get(2));
                }
            }
        } finally {
            close(samples);
        }
    }

    @Test
    void samplesMustHaveTheSameNumberOfFields() {
        List<List<Tensor>> samples = List.of(List.of(Torch.zeros(2)), List.of(Torch.zeros(2), Torch.zeros(1)));
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Collate.defaultCollate().apply(samples));
            assertTrue(e.getMessage().contains("sample 0 has 1 fields, sample 1 has 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0).apply(samples));
        } finally {
            close(samples);
        }
    }

    @Test
    void defaultCollateRejectsDifferentShapes() {
        List<List<Tensor>> samples = List.of(List.of(Torch.zeros(2)), List.of(Torch.zeros(3)));
        try {
            assertThrows(dev.torch4j.TorchException.class, () -> Collate.defaultCollate().apply(samples));
        } finally {
            close(samples);
        }
    }

    @Test
    void padSequencesRejectsDifferentTrailingDimensions() {
        List<List<Tensor>> samples = List.of(List.of(Torch.zeros(2, 3)), List.of(Torch.zeros(4, 2)));
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Collate.padSequences(0).apply(samples));
            assertTrue(e.getMessage().contains("trailing dimensions [3]"), e.getMessage());
            assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        } finally {
            close(samples);
        }
    }

    @Test
    void padSequencesRejectsMixedDtypes() {
        List<List<Tensor>> samples = List.of(List.of(Torch.zeros(2)),
                List.of(Torch.zeros(new long[] {3}, TensorOptions.defaults().dtype(DType.INT64).device(Device.cpu()))));
        try {
            assertThrows(IllegalArgumentException.class, () -> Collate.padSequences(0).apply(samples));
        } finally {
            close(samples);
        }
    }

    @Test
    void emptySampleListIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Collate.defaultCollate().apply(List.of()));
    }
}
