package dev.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The torch.optim.Optimizer API: param groups, state, zero_grad, closures, state dict shapes. */
class OptimizerTest {
    static Tensor leaf(float... values) {
        return Tensor.of(values).requiresGrad_(true);
    }

    @Test
    void groupsTakeTheOptimizersDefaultsForWhatTheyDoNotSet() {
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3);
        SGD opt = new SGD(List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b), Map.of("lr", 0.5, "momentum", 0))),
                SGDOptions.defaults().lr(0.1).momentum(0.9));
        assertEquals(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
                "differentiable", "fused"), List.copyOf(opt.paramGroups().get(0).options().keySet()));
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertEquals(0.5, opt.paramGroups().get(1).lr());
        assertEquals(0L, opt.paramGroups().get(1).get("momentum"), "an Integer option is stored as Python's int");
        assertEquals(0.9, opt.paramGroups().get(0).getDouble("momentum"));
        assertSame(a, opt.paramGroups().get(0).params().get(0));
        var e = assertThrows(IllegalArgumentException.class, () -> opt.paramGroups().get(0).get("betas"));
        assertTrue(e.getMessage().startsWith("KeyError: 'betas'"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> opt.paramGroups().get(0).options().put("lr", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> opt.paramGroups().clear());
    }

    /** A group added later steps with its own lr; a changed lr takes effect at the next step. */
    @Test
    void addedGroupsAndChangedOptionsTakeEffect() {
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3);
        SGD opt = new SGD(List.of(a), SGDOptions.defaults().lr(0.1));
        opt.addParamGroup(new ParamGroup(List.of(b), Map.of("lr", 0.01)));
        assertEquals(2, opt.paramGroups().size());
        assertEquals(0L, opt.paramGroups().get(1).get("dampening"), "the default filled in, as Python's int 0");
        a.sum().add(b.sum()).backward();
        opt.step();
        assertArrayEquals(new float[] {0.9f, 1.9f}, a.toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {2.99f}, b.toFloatArray(), 1e-7f);
        opt.paramGroups().get(0).lr(1.0);
        opt.step();
        assertArrayEquals(new float[] {-0.1f, 0.9f}, a.toFloatArray(), 1e-6f);
        var e = assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(new ParamGroup(List.of(a))));
        assertEquals("some parameters appear in more than one parameter group", e.getMessage());
    }

    @Test
    void stateIsAReadOnlyViewOfLiveTensors() {
        Tensor a = leaf(1, 2);
        Adam opt = new Adam(List.of(a), AdamOptions.defaults().lr(0.1));
        assertTrue(opt.state().isEmpty(), "state is made at a parameter's first step");
        a.pow(2).sum().backward();
        opt.step();
        Map<String, Object> s = opt.state().get(a);
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(s.keySet()));
        assertEquals(1.0, ((Tensor) s.get("step")).item());
        assertThrows(UnsupportedOperationException.class, () -> s.put("step", 5.0));
        opt.step();
        assertEquals(2.0, ((Tensor) opt.state().get(a).get("step")).item(), "the same tensors, advanced");
    }

    @Test
    void stateDictNumbersParametersAcrossGroupsAndCopiesSteps() {
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3);
        Tensor c = leaf(4);
        Adam opt = new Adam(List.of(new ParamGroup(List.of(a, b)), new ParamGroup(List.of(c))), AdamOptions.defaults());
        a.sum().add(c.sum()).backward();
        opt.step();
        Map<String, Object> sd = opt.stateDict();
        List<?> groups = (List<?>) sd.get("param_groups");
        assertEquals(List.of(0L, 1L), ((Map<?, ?>) groups.get(0)).get("params"));
        assertEquals(List.of(2L), ((Map<?, ?>) groups.get(1)).get("params"));
        Map<?, ?> state = (Map<?, ?>) sd.get("state");
        assertEquals(new HashSet<>(List.of(0L, 2L)), state.keySet(), "b had no gradient, so no state");
        Tensor step = (Tensor) ((Map<?, ?>) state.get(0L)).get("step");
        assertEquals(DType.FLOAT32, step.dtype());
        assertEquals(0, step.dim());
        step.fill_(7.0);
        assertEquals(1.0, ((Tensor) opt.state().get(a).get("step")).item(), "the state dict's step is a copy");
    }

    /** PyTorch 1.x wrote RMSprop's and Adadelta's step as an int and SGD's missing momentum as None. */
    @Test
    void loadsAPyTorch1StateDict() {
        Tensor a = leaf(1, 2);
        RMSprop opt = new RMSprop(List.of(a), RMSpropOptions.defaults().lr(0.01));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", 3L);
        s.put("square_avg", Tensor.of(new double[] {0.5, 0.25}));
        Map<String, Object> group = new LinkedHashMap<>(opt.paramGroups().get(0).options());
        group.remove("capturable");
        group.put("params", List.of(0L));
        opt.loadStateDict(Map.of("state", Map.of(0L, s), "param_groups", List.of(group)));
        Tensor step = (Tensor) opt.state().get(a).get("step");
        assertEquals(3.0, step.item());
        assertEquals(DType.FLOAT32, step.dtype());
        assertEquals(DType.FLOAT32, ((Tensor) opt.state().get(a).get("square_avg")).dtype(), "cast to the parameter's dtype");
        assertEquals(false, opt.paramGroups().get(0).get("capturable"), "a key PyTorch 1.x lacked takes the default");

        Tensor b = leaf(1);
        SGD sgd = new SGD(List.of(b));
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("momentum_buffer", null);
        Map<String, Object> g = new LinkedHashMap<>(sgd.paramGroups().get(0).options());
        g.put("params", List.of(0L));
        sgd.loadStateDict(Map.of("state", Map.of(0L, none), "param_groups", List.of(g)));
        assertNull(sgd.state().get(b) == null ? null : sgd.state().get(b).get("momentum_buffer"));
    }

    @Test
    void zeroGradFillsOrDropsAndStepTakesAClosure() {
        Tensor a = leaf(1, 2);
        SGD opt = new SGD(List.of(a), SGDOptions.defaults().lr(0.5));
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = a.pow(2).sum();
            l.backward();
            return l;
        });
        assertEquals(5.0, loss.item(), 1e-6);
        assertArrayEquals(new float[] {0, 0}, a.toFloatArray(), 1e-7f, "a - 0.5 * 2a");
        opt.zeroGrad(false);
        assertArrayEquals(new float[] {0, 0}, a.grad().toFloatArray());
        opt.zeroGrad();
        assertNull(a.grad());
    }

    @Test
    void closedOptimizerSaysSoAndReleasesItsState() {
        Tensor a = leaf(1, 2);
        List<Optimizer> all = new ArrayList<>(List.of(new SGD(List.of(a), SGDOptions.defaults().momentum(0.9)),
                new AdamW(List.of(a)), new RMSprop(List.of(a)), new Adagrad(List.of(a)), new NAdam(List.of(a)),
                new RAdam(List.of(a)), new Adadelta(List.of(a))));
        for (Optimizer opt : all) {
            a.pow(2).sum().backward();
            opt.step();
            a.clearGrad();
            Tensor anyState = (Tensor) opt.state().get(a).values().iterator().next();
            opt.close();
            opt.close();
            assertTrue(anyState.isClosed(), opt.getClass().getSimpleName());
            var e = assertThrows(IllegalStateException.class, opt::step);
            assertEquals("this optimizer is closed", e.getMessage());
        }
    }

    @Test
    void reprListsEachGroupsOptions() {
        SGD opt = new SGD(List.of(leaf(1)), SGDOptions.defaults().lr(0.1));
        assertTrue(opt.toString().startsWith("SGD (\nParameter Group 0\n    dampening: 0\n"), opt.toString());
        try (var scope = Torch.scope()) {
            assertTrue(opt.toString().contains("    lr: 0.1\n"));
        }
    }
}
