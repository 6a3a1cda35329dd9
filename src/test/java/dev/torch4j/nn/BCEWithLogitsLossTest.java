package dev.torch4j.nn;

import dev.torch4j.Torch;
import static dev.torch4j.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import org.junit.jupiter.api.Test;

class BCEWithLogitsLossTest {
    @Test
    void weightAndPosWeightForAllThreeReductions() {
        Fixtures f = Fixtures.load("bce");
        for (Reduction red : Reduction.values()) {
            BCEWithLogitsLoss loss = new BCEWithLogitsLoss(BCEWithLogitsLossOptions.defaults()
                    .weight(f.get("weight").tensor(false)).posWeight(f.get("pos_weight").tensor(false))
                    .reduction(red));
            Tensor x = f.get("input").tensor(false).requiresGrad_(true);
            Tensor l = loss.forward(x, f.get("target").tensor(false));
            assertClose(f.get(red + ".loss"), l, 1e-5, red + " loss");
            l.sum().backward();
            assertClose(f.get(red + ".grad"), x.grad(), 1e-5, red + " grad");
        }
    }

    @Test
    void mismatchedShapesAndBadReductionAreRejected() {
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss();
        var e = assertThrows(IllegalArgumentException.class, () -> loss.forward(Torch.zeros(7, 1), Torch.zeros(7)));
        assertTrue(e.getMessage().contains("Target size (torch.Size([7])) must be the same as input size "
                + "(torch.Size([7, 1]))"), e.getMessage());
        assertThrows(NullPointerException.class, () -> BCEWithLogitsLossOptions.defaults().reduction(null));
        assertThrows(dev.torch4j.TorchException.class,
                () -> loss.forward(Torch.zeros(2), Tensor.of(new long[] {1, 0})));
    }
}
