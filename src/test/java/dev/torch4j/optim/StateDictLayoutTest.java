package dev.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code stateDict()} has PyTorch's layout, node by node: the same keys, Python types and values as the
 * {@code state_dict()} PyTorch 1.13 wrote for the same optimizer after the same 15 steps
 * (optimizers.tsv, "sd" lines), except where PyTorch 2 (whose layout torch4j writes) differs from 1.13;
 * those differences are listed here, one rule each, so that any other difference fails.
 */
class StateDictLayoutTest {
    /** Param group keys PyTorch 2 has and 1.13 had not, per optimizer. */
    static final Map<String, Set<String>> ADDED_IN_2 = Map.of(
            "SGD", Set.of("fused"),
            "Adam", Set.of("decoupled_weight_decay"),
            "AdamW", Set.of("differentiable", "fused", "decoupled_weight_decay"),
            "RMSprop", Set.of("capturable"),
            "Adagrad", Set.of("differentiable", "fused"),
            "NAdam", Set.of("decoupled_weight_decay", "maximize", "capturable", "differentiable"),
            "RAdam", Set.of("maximize", "capturable", "decoupled_weight_decay", "differentiable"),
            "Adadelta", Set.of("capturable", "differentiable"));

    static Stream<String[]> firstRows() {
        Map<String, String> firstOfEach = new LinkedHashMap<>();
        for (String[] l : OptimFixtures.lines("optimizers", "sd")) {
            firstOfEach.putIfAbsent(l[1], l[1]);
        }
        List<String[]> rows = new ArrayList<>();
        for (String name : firstOfEach.keySet()) {
            rows.add(new String[] {name});
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstRows")
    void hasPyTorchsKeysTypesAndValues(String name) throws Exception {
        OptimizerTableTest.Row row = OptimizerTableTest.rows().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        List<Tensor> params = OptimizerTableTest.initialParams(row.dtype());
        Tensor x = Tensor.of(OptimizerTableTest.input, OptimizerTableTest.inputShape).to(row.dtype());
        Map<String, String[]> actual = new LinkedHashMap<>();
        try (Optimizer opt = OptimizerTableTest.make(row, params)) {
            for (int step = 1; step <= 15; step++) {
                OptimizerTableTest.trainStep(row, opt, params, x);
            }
            OptimFixtures.tree("", opt.stateDict(), actual);
        }
        Map<String, String[]> expected = new LinkedHashMap<>();
        for (String[] l : OptimFixtures.lines("optimizers", "sd")) {
            if (l[1].equals(name)) {
                expected.put(l[2], new String[] {l[3], l[4]});
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String path = e.getKey();
            String[] want = e.getValue();
            String[] got = actual.get(path);
            if (got == null) {
                if (!(path.endsWith("['momentum_buffer']") && want[0].equals("NoneType")) && !isMomentumOnlyState(path, expected)) {
                    problems.add("missing " + path + " " + String.join(" ", want));
                }
                continue;
            }
            String[] w = pytorch2(row.optimizer(), path, want);
            if (!w[0].equals(got[0]) || !w[1].equals(got[1])) {
                problems.add(path + ": PyTorch " + String.join(" ", w) + ", torch4j " + String.join(" ", got));
            }
        }
        Set<String> added = ADDED_IN_2.getOrDefault(row.optimizer(), Set.of());
        for (String path : actual.keySet()) {
            if (!expected.containsKey(path) && !added.contains(lastKey(path))) {
                problems.add("extra " + path + " " + String.join(" ", actual.get(path)));
            }
        }
        assertEquals(List.of(), problems, name + "'s state dict against PyTorch's");
    }

    /** 1.13's SGD without momentum had {momentum_buffer: None} per parameter; PyTorch 2 keeps no state. */
    private static boolean isMomentumOnlyState(String path, Map<String, String[]> expected) {
        if (!path.matches("\\['state'\\]\\[\\d+\\]") && !path.equals("['state']")) {
            return false;
        }
        return expected.keySet().stream().filter(p -> p.startsWith(path + "['")).allMatch(p -> p.endsWith("['momentum_buffer']"));
    }

    /** What PyTorch 2 writes where 1.13 wrote {@code want}. */
    private static String[] pytorch2(String optimizer, String path, String[] want) {
        String key = lastKey(path);
        if (key.equals("step") && want[0].equals("int")) {
            return new String[] {"tensor", "float32|"}; // RMSprop, Adadelta: PyTorch 2 keeps every step as a tensor
        }
        if (path.equals("['state']") && optimizer.equals("SGD")) {
            return new String[] {"dict", "0"};
        }
        if (key.equals("fused") && optimizer.equals("Adam")) {
            return new String[] {"NoneType", "None"}; // PyTorch 2: fused=None (undecided) instead of False
        }
        if (key.equals("foreach") && optimizer.equals("NAdam")) {
            return new String[] {"NoneType", "None"}; // the generator ran 1.13's foreach path (see its comment)
        }
        if (path.matches("\\['param_groups'\\]\\[\\d+\\]") && want[0].equals("dict")) {
            int count = Integer.parseInt(want[1]) + ADDED_IN_2.getOrDefault(optimizer, Set.of()).size();
            return new String[] {"dict", Integer.toString(count)};
        }
        return want;
    }

    private static String lastKey(String path) {
        int open = path.lastIndexOf("['");
        return open < 0 ? "" : path.substring(open + 2, path.length() - 2);
    }
}
