package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorScopeTest {
    @Test
    void releasesWhatWasCreatedInsideButNotWhatIsKept() {
        Tensor outside = Torch.ones(2);
        Tensor inner;
        Tensor kept;
        try (TensorScope s = Torch.scope()) {
            inner = outside.add(1.0);
            kept = s.keep(outside.mul(3.0));
            assertEquals(1, s.size());
        }
        assertTrue(inner.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(outside.isClosed());
        assertEquals(6.0, kept.sum().item());
    }

    @Test
    void nestedScopesHandKeptTensorsToTheParent() {
        Tensor kept;
        try (TensorScope outer = Torch.scope()) {
            try (TensorScope inner = Torch.scope()) {
                kept = inner.keep(Torch.ones(1));
            }
            assertFalse(kept.isClosed(), "kept survives the inner scope");
        }
        assertTrue(kept.isClosed(), "and belongs to the outer one");
    }

    @Test
    void closingAnOuterScopeClosesInnerOnesLeftOpen() {
        Tensor t;
        TensorScope outer = Torch.scope();
        Torch.scope();
        t = Torch.ones(1);
        outer.close();
        assertTrue(t.isClosed());
        assertFalse(Torch.ones(1).isClosed(), "no scope is left open on this thread");
    }
}
