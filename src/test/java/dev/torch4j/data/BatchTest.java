package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void fieldsSizeAndBatchSize() {
        Tensor x = Torch.zeros(3, 4);
        Tensor y = Torch.zeros(3, 1);
        try (Batch b = Batch.of(x, y)) {
            assertEquals(2, b.size());
            assertSame(x, b.get(0));
            assertSame(y, b.get(1));
            assertEquals(List.of(x, y), b.fields());
            assertEquals(3, b.batchSize());
            assertEquals("Batch[[3, 4], [3, 1]]", b.toString());
        }
    }

    @Test
    void fieldIndexOutOfRangeIsRejected() {
        try (Batch b = Batch.of(Torch.zeros(2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.get(1));
            assertTrue(e.getMessage().contains("< 1, got 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.get(-1));
        }
    }

    @Test
    void closeReleasesEveryFieldAndTwiceIsHarmless() {
        Tensor x = Torch.zeros(2, 2);
        Tensor y = Torch.zeros(2);
        Batch b = Batch.of(x, y);
        assertFalse(b.isClosed());
        b.close();
        assertTrue(x.isClosed());
        assertTrue(y.isClosed());
        assertTrue(b.isClosed());
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.get(0));
        assertTrue(e.getMessage().contains("keep()"), e.getMessage());
    }

    @Test
    void fieldsOutliveTheScopeTheyWereMadeIn() {
        Batch b;
        try (var scope = Torch.scope()) {
            b = Batch.of(Torch.ones(2, 3));
        }
        try (b) {
            assertFalse(b.get(0).isClosed());
            assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, b.get(0).toFloatArray());
        }
    }

    @Test
    void keepMarksTheBatch() {
        try (Batch b = Batch.of(Torch.zeros(1))) {
            assertFalse(b.isKept());
            assertSame(b, b.keep());
            assertTrue(b.isKept());
        }
    }

    @Test
    void aBatchNeedsFields() {
        assertThrows(IllegalArgumentException.class, Batch::of);
        assertThrows(IllegalArgumentException.class, () -> new Batch(List.of()));
    }

    @Test
    void batchSizeOfAScalarFieldIsAnError() {
        try (Batch b = Batch.of(Tensor.scalar(1.0f))) {
            assertThrows(IllegalStateException.class, b::batchSize);
        }
    }
}
