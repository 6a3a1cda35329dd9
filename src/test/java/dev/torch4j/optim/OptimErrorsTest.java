package dev.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.optim.lrscheduler.ConstantLR;
import dev.torch4j.optim.lrscheduler.ConstantLROptions;
import dev.torch4j.optim.lrscheduler.CosineAnnealingWarmRestarts;
import dev.torch4j.optim.lrscheduler.CosineAnnealingWarmRestartsOptions;
import dev.torch4j.optim.lrscheduler.ExponentialLR;
import dev.torch4j.optim.lrscheduler.LambdaLR;
import dev.torch4j.optim.lrscheduler.LinearLR;
import dev.torch4j.optim.lrscheduler.LinearLROptions;
import dev.torch4j.optim.lrscheduler.OneCycleLR;
import dev.torch4j.optim.lrscheduler.OneCycleLROptions;
import dev.torch4j.optim.lrscheduler.ReduceLROnPlateau;
import dev.torch4j.optim.lrscheduler.ReduceLROnPlateauOptions;
import dev.torch4j.optim.lrscheduler.SequentialLR;
import dev.torch4j.optim.lrscheduler.StepLR;
import dev.torch4j.TensorOptions;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong arguments fail with PyTorch's message (errors.tsv, written by PyTorch for the same calls): an
 * optimizer's options ("SGD lr=-1.0" is {@code SGDOptions.defaults().lr(-1.0)}), the optimizer's and
 * the schedulers' checks. PyTorch raises ValueError (KeyError for a missing initial_lr); torch4j throws
 * {@link IllegalArgumentException} with the same text. Messages PyTorch 2 reworded (LinearLR's
 * start_factor, OneCycleLR's step count) are not in the table; torch4j has PyTorch 2's.
 */
class OptimErrorsTest {
    static Tensor leaf(long n) {
        return Torch.zeros(new long[] {n}, TensorOptions.defaults().requiresGrad(true)).unscoped();
    }

    static SGD sgd() {
        return new SGD(List.of(leaf(2)), SGDOptions.defaults().lr(0.1).momentum(0.9));
    }

    /** The calls that are not an optimizer's options. */
    static final Map<String, Executable> CALLS = new LinkedHashMap<>();

    static {
        Tensor p = leaf(2);
        Tensor q = leaf(3);
        LongToDoubleFunction one = e -> 1.0;
        CALLS.put("empty parameter list", () -> new Adam(List.<Tensor>of()));
        CALLS.put("non-leaf", () -> new Adam(List.of(p.mul(2.0))));
        CALLS.put("parameter in two groups", () -> new SGD(List.of(new ParamGroup(List.of(p)),
                new ParamGroup(List.of(p, q))), SGDOptions.defaults().lr(0.1)));
        CALLS.put("load_state_dict group count", () -> new SGD(List.of(new ParamGroup(List.of(p)),
                new ParamGroup(List.of(q))), SGDOptions.defaults()).loadStateDict(new SGD(List.of(p, q)).stateDict()));
        CALLS.put("load_state_dict group size", () -> new SGD(List.of(p)).loadStateDict(new SGD(List.of(p, q)).stateDict()));
        CALLS.put("ConstantLR factor=1.5", () -> new ConstantLR(sgd(), ConstantLROptions.defaults().factor(1.5)));
        CALLS.put("LinearLR end_factor=1.5", () -> new LinearLR(sgd(), LinearLROptions.defaults().endFactor(1.5)));
        CALLS.put("CosineAnnealingWarmRestarts T_0=0", () -> new CosineAnnealingWarmRestarts(sgd(), 0));
        CALLS.put("CosineAnnealingWarmRestarts T_mult=0", () -> new CosineAnnealingWarmRestarts(sgd(), 5,
                CosineAnnealingWarmRestartsOptions.defaults().tMult(0)));
        CALLS.put("OneCycleLR no steps", () -> new OneCycleLR(sgd(), 0.1, OneCycleLROptions.defaults()));
        CALLS.put("OneCycleLR total_steps=0", () -> new OneCycleLR(sgd(), 0.1, OneCycleLROptions.defaults().totalSteps(0)));
        CALLS.put("OneCycleLR epochs=0", () -> new OneCycleLR(sgd(), 0.1,
                OneCycleLROptions.defaults().epochs(0).stepsPerEpoch(10)));
        CALLS.put("OneCycleLR pct_start=1.5", () -> new OneCycleLR(sgd(), 0.1,
                OneCycleLROptions.defaults().totalSteps(10).pctStart(1.5)));
        CALLS.put("ReduceLROnPlateau factor=1.0", () -> new ReduceLROnPlateau(sgd(),
                ReduceLROnPlateauOptions.defaults().factor(1.0)));
        CALLS.put("ReduceLROnPlateau min_lr=2 values", () -> new ReduceLROnPlateau(sgd(),
                ReduceLROnPlateauOptions.defaults().minLr(List.of(0.1, 0.2))));
        CALLS.put("LambdaLR 2 lambdas", () -> new LambdaLR(sgd(), List.of(one, one)));
        CALLS.put("SequentialLR milestones", () -> {
            SGD o = sgd();
            new SequentialLR(o, List.of(new ExponentialLR(o, 0.9), new ExponentialLR(o, 0.8)), List.<Long>of());
        });
        CALLS.put("resume without initial_lr", () -> new StepLR(sgd(), 3, 0.1, 4));
    }

    static Stream<String[]> cases() {
        return OptimFixtures.lines("errors", "error").stream().map(l -> new String[] {l[1], l[2]});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithPyTorchsMessage(String call, String message) {
        Executable run = CALLS.containsKey(call) ? CALLS.get(call) : () -> optimizerWith(call);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run, call);
        assertEquals(message, e.getMessage(), call);
    }

    /** "Adam betas=1.0,0.999": the optimizer made with those options. */
    static void optimizerWith(String call) throws Throwable {
        int space = call.indexOf(' ');
        OptimizerTableTest.Row row = new OptimizerTableTest.Row(call, call.substring(0, space),
                dev.torch4j.DType.FLOAT32, OptimFixtures.kwargs(call.substring(space + 1)), "", List.of(), Map.of());
        try {
            OptimizerTableTest.make(row, List.of(leaf(2)));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void everyCaseOfTheTableIsReached() {
        Set<String> known = new HashSet<>(CALLS.keySet());
        cases().forEach(c -> known.remove(c[0]));
        assertTrue(known.isEmpty(), "calls without a PyTorch case: " + known);
    }
}
