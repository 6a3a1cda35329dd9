package dev.torch4j.nn;

import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void computesXWTransposePlusBias() {
        Linear l = new Linear(2, 1);
        l.loadStateDict(Map.of("weight", Tensor.of(new float[] {2, -1}, 1, 2), "bias", Tensor.of(new float[] {0.5f})));
        // [1, 3] . [2, -1] + 0.5 = -0.5 ; [4, 1] . [2, -1] + 0.5 = 7.5 (worked by hand)
        assertArrayEquals(new float[] {-0.5f, 7.5f}, l.forward(Tensor.of(new float[] {1, 3, 4, 1}, 2, 2)).toFloatArray());
    }

    @Test
    void withoutBiasHasOnlyAWeight() {
        Linear l = new Linear(3, 2, false);
        assertNull(l.bias());
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        assertEquals("Linear(in_features=3, out_features=2, bias=False)", l.toString());
        assertArrayEquals(new long[] {4, 5, 2}, l.forward(Torch.zeros(4, 5, 3)).shape());
    }

    @Test
    void wrongInputSizeIsRejected() {
        Linear l = new Linear(16, 1);
        var e = assertThrows(dev.torch4j.TorchException.class, () -> l.forward(Torch.zeros(7, 15)));
        assertTrue(e.getMessage().contains("(7x15 and 16x1)"), e.getMessage());
    }
}
