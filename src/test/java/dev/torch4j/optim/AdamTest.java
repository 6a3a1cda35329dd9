package dev.torch4j.optim;

import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.TorchException;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.EmbeddingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void defaultsAreTorchs() {
        AdamOptions d = AdamOptions.defaults();
        assertEquals(1e-3, d.lr());
        assertEquals(0.9, d.beta1());
        assertEquals(0.999, d.beta2());
        assertEquals(1e-8, d.eps());
        assertEquals(0, d.weightDecay());
        assertEquals(false, d.amsgrad());
    }

    @Test
    void zeroGradDropsGradientsAndFrozenParametersAreSkipped() {
        Tensor p = Tensor.of(new float[] {1, 2}).requiresGrad_(true);
        Tensor frozen = Tensor.of(new float[] {5, 5});
        Adam adam = new Adam(List.of(p, frozen), AdamOptions.defaults().lr(0.5));
        p.mul(p).sum().backward();
        assertNotNull(p.grad());
        adam.step();
        // first Adam step moves each coordinate by lr * sign(grad) (bias-corrected m/sqrt(v) = +-1)
        assertArrayEquals(new float[] {0.5f, 1.5f}, p.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {5, 5}, frozen.toFloatArray());
        adam.zeroGrad();
        assertNull(p.grad());
        p.mul(p).sum().backward();
        adam.zeroGrad(false);
        assertArrayEquals(new float[] {0, 0}, p.grad().toFloatArray());
    }

    /**
     * Only one gradient in step 1, gradients dropped (steps 2, 3) then zeroed in place (4, 5), a
     * parameter whose data is replaced before step 5 as {@code module.to(device)} does, a gradient
     * missing in step 6, and a transposed (non-contiguous) parameter {@code d} beside the fused ones
     * in every step: each path of the update against PyTorch (tools/gen_core_fixtures.py, adam_paths).
     */
    @Test
    void matchesPyTorchWhenGradientsComeAndGoAndDataIsReplaced() {
        Fixtures f = Fixtures.load("adam_paths");
        Tensor a = f.get("init.a").tensor(false).requiresGrad_(true);
        Tensor b = f.get("init.b").tensor(false).requiresGrad_(true);
        Tensor c = f.get("init.c").tensor(false).requiresGrad_(true);
        Tensor d = f.get("init.d").tensor(false).transpose(0, 1).contiguous().transpose(0, 1).detach()
                .requiresGrad_(true);
        assertFalse(d.isContiguous());
        Tensor v = f.get("v").tensor(false);
        Adam adam = new Adam(List.of(a, b, c, d), AdamOptions.defaults().lr(0.05).weightDecay(0.1));
        for (int step = 1; step <= 7; step++) {
            boolean zeroed = step == 4 || step == 5;
            adam.zeroGrad(!zeroed);
            if (zeroed) {
                assertArrayEquals(new float[6], a.grad().toFloatArray(), "zeroed, not dropped");
            } else {
                assertNull(a.grad());
            }
            Tensor loss = c.tanh().sum().add(d.mul(2.0).tanh().pow(3).sum());
            if (step != 1) {
                loss = loss.add(a.matmul(v).pow(2).sum());
            }
            if (step != 1 && step != 6) {
                loss = loss.add(b.pow(3).sum());
            }
            loss.backward();
            if (step == 5) {
                a.setData(a.detach().clone());
            }
            adam.step();
            Fixtures.assertClose(f.get("step" + step + ".a"), a, 1e-5, "a after step " + step);
            Fixtures.assertClose(f.get("step" + step + ".b"), b, 1e-5, "b after step " + step);
            Fixtures.assertClose(f.get("step" + step + ".c"), c, 1e-5, "c after step " + step);
            Fixtures.assertClose(f.get("step" + step + ".d"), d, 1e-5, "d after step " + step);
        }
        adam.close();
    }

    /**
     * A parameter cast to float64 after its first step (as {@code module.to(dtype)} does): torch4j moves
     * the state along, where PyTorch would fail at the next step. The result must be PyTorch's after a
     * state dict round trip, which casts the state the same way (cast.tsv, tools/gen_optim_fixtures.py),
     * for the fused kernels of Adam and Adagrad and for SGD's momentum buffer.
     */
    @Test
    void stateFollowsAParameterCastAfterItsFirstStep() throws Exception {
        for (String[] row : OptimFixtures.lines("cast", "cast")) {
            Tensor p = Tensor.of(new float[] {0.5f, -1.25f, 2f}).requiresGrad_(true);
            OptimizerTableTest.Row r = new OptimizerTableTest.Row(row[1], row[1], dev.torch4j.DType.FLOAT32,
                    OptimFixtures.kwargs(row[2]), "", List.of(), java.util.Map.of());
            try (Optimizer opt = OptimizerTableTest.make(r, List.of(p))) {
                for (int step = 1; step <= 3; step++) {
                    if (step == 2) {
                        p.setData(p.detach().to(dev.torch4j.DType.FLOAT64));
                    }
                    opt.zeroGrad();
                    p.pow(3).sum().backward();
                    opt.step();
                    OptimFixtures.assertClose(OptimFixtures.doubles(row[2 + step]), p.toDoubleArray(), 1e-6, 1e-7,
                            row[1] + " after step " + step);
                }
                assertEquals(dev.torch4j.DType.FLOAT64, p.dtype());
                for (Object v : opt.state().get(p).values()) {
                    if (v instanceof Tensor t && t.numel() == 3) {
                        assertEquals(dev.torch4j.DType.FLOAT64, t.dtype(), row[1] + "'s state followed the parameter");
                    }
                }
            }
        }
    }

    @Test
    void sparseGradientIsRefusedWithPyTorchsMessage() {
        Embedding emb = new Embedding(5, 3, EmbeddingOptions.defaults().sparse(true));
        Adam adam = new Adam(emb.parameters());
        emb.forward(Tensor.of(new long[] {1, 2})).sum().backward();
        var e = assertThrows(TorchException.class, adam::step);
        assertEquals("Adam does not support sparse gradients, please consider SparseAdam instead", e.getMessage());
    }

    @Test
    void closedOptimizerSaysSo() {
        Tensor p = Tensor.of(new float[] {1, 2}).requiresGrad_(true);
        Adam adam = new Adam(List.of(p));
        adam.close();
        adam.close();
        var e = assertThrows(IllegalStateException.class, adam::step);
        assertEquals("this optimizer is closed", e.getMessage());
    }
}
