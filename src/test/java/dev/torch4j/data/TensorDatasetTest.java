package dev.torch4j.data;

import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    private static final Fixtures BATCHES = Fixtures.load("batches.txt");
    private static final Fixtures DEFAULTS = Fixtures.load("defaults.txt");

    /** The seed notebook's data: x (7, 4) int64, y (7, 1) float32, as in tools/gen_data_fixtures.py. */
    static Tensor[] notebookData() {
        Tensor x = Torch.arange(28).view(7, 4);
        Tensor y;
        try (Tensor r = Torch.arange(7); Tensor f = r.toFloat(); Tensor h = f.mul(0.5)) {
            y = h.unsqueeze(1);
        }
        return new Tensor[] {x, y};
    }

    @Test
    void sizeAndRowsMatchPyTorch() {
        Tensor[] xy = notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            TensorDataset ds = new TensorDataset(x, y);
            assertEquals(BATCHES.longValue("len(dataset)"), ds.size());
            for (int i : new int[] {0, 5, 6}) {
                List<Tensor> row = ds.get(i);
                try (Tensor xi = row.get(0); Tensor yi = row.get(1)) {
                    assertEquals(2, row.size());
                    assertArrayEquals(BATCHES.longs("dataset[" + i + "] x.shape"), xi.shape());
                    assertArrayEquals(BATCHES.longs("dataset[" + i + "] x"), xi.toLongArray());
                    assertArrayEquals(BATCHES.longs("dataset[" + i + "] y.shape"), yi.shape());
                    assertArrayEquals(BATCHES.doubles("dataset[" + i + "] y"), yi.toDoubleArray(), 0.0);
                }
            }
        }
    }

    @Test
    void closingARowLeavesTheDataIntact() {
        Tensor[] xy = notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            TensorDataset ds = new TensorDataset(x, y);
            ds.get(5).forEach(Tensor::close);
            assertFalse(x.isClosed());
            List<Tensor> row = ds.get(5);
            assertArrayEquals(BATCHES.longs("dataset[5] x"), row.get(0).toLongArray());
            row.forEach(Tensor::close);
        }
    }

    @Test
    void tensorsAreTheGivenOnes() {
        Tensor[] xy = notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            TensorDataset ds = new TensorDataset(x, y);
            assertEquals(2, ds.tensors().size());
            assertSame(x, ds.tensors().get(0));
            assertSame(y, ds.tensors().get(1));
            assertThrows(UnsupportedOperationException.class, () -> ds.tensors().clear());
        }
    }

    @Test
    void sizeMismatchIsRejectedWithPyTorchWordingAndTheSizes() {
        try (Tensor x = Torch.zeros(7, 4); Tensor y = Torch.zeros(6)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, y));
            String m = e.getMessage();
            assertTrue(m.startsWith(DEFAULTS.string("error.size_mismatch")), m);
            assertTrue(m.contains("size(0) = 7"), m);
            assertTrue(m.contains("tensor 1 has size(0) = 6"), m);
        }
    }

    @Test
    void atLeastOneTensorIsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TensorDataset::new);
        assertTrue(e.getMessage().contains("at least one tensor"), e.getMessage());
    }

    @Test
    void scalarTensorsAreRejected() {
        try (Tensor s = Tensor.scalar(1.0f)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(s));
            assertTrue(e.getMessage().contains("no dimensions"), e.getMessage());
        }
    }

    @Test
    void indexOutOfRangeIsRejected() {
        try (Tensor x = Torch.zeros(7, 4)) {
            TensorDataset ds = new TensorDataset(x);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.get(7));
            assertEquals("index 7 is out of bounds for dimension 0 with size 7", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ds.get(-1));
        }
    }
}
