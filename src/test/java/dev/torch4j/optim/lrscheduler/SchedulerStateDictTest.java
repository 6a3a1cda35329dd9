package dev.torch4j.optim.lrscheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torch4j.optim.OptimFixtures;
import dev.torch4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scheduler's {@code stateDict()} after 60 steps has the keys, Python types and values of the
 * {@code state_dict()} PyTorch 1.13 wrote for the same schedule (schedulers.tsv, "sd" lines), except the
 * differences of PyTorch 2, whose layout torch4j writes; each is one rule below, so any other
 * difference fails.
 */
class SchedulerStateDictTest {
    /** Keys PyTorch 2 dropped: {@code verbose}; 1.13's unpicklable method and weakref. */
    static final Set<String> DROPPED_IN_2 = Set.of("verbose", "anneal_func", "_scale_fn_ref");
    /** Keys PyTorch 2 added: the initial-step flag, OneCycleLR's strategy name, CyclicLR's beta1 switch, ReduceLROnPlateau's default bound. */
    static final Set<String> ADDED_IN_2 = Set.of("_is_initial", "_anneal_func_type", "use_beta1", "default_min_lr");

    static Stream<String> names() {
        return SchedulerTableTest.expected().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void hasPyTorchsKeysTypesAndValues(String name) {
        SchedulerTableTest.Case c = SchedulerTableTest.CASES.get(name);
        double[] metric = c.metric() == null ? null : SchedulerTableTest.metrics().get(c.metric());
        Optimizer o = c.optimizer().get();
        LRScheduler s = c.scheduler().apply(o);
        for (int step = 1; step <= SchedulerTableTest.STEPS; step++) {
            o.step();
            SchedulerTableTest.stepOnce(s, c, metric, step);
        }
        Map<String, String[]> actual = new LinkedHashMap<>();
        OptimFixtures.tree("", s.stateDict(), actual);
        Map<String, String[]> expected = new LinkedHashMap<>();
        for (String[] l : OptimFixtures.lines("schedulers", "sd")) {
            if (l[1].equals(name)) {
                expected.put(l[2], new String[] {l[3], l[4]});
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String path = e.getKey();
            if (DROPPED_IN_2.contains(lastKey(path))) {
                continue;
            }
            String[] got = actual.get(path);
            String[] want = e.getValue();
            if (got == null) {
                problems.add("missing " + path + " " + String.join(" ", want));
            } else if (!same(path, want, got)) {
                problems.add(path + ": PyTorch " + String.join(" ", want) + ", torch4j " + String.join(" ", got));
            }
        }
        for (String path : actual.keySet()) {
            if (!expected.containsKey(path) && !ADDED_IN_2.contains(lastKey(path))) {
                problems.add("extra " + path + " " + String.join(" ", actual.get(path)));
            }
        }
        assertEquals(List.of(), problems, name + "'s state dict against PyTorch's");
    }

    private static boolean same(String path, String[] want, String[] got) {
        String key = lastKey(path);
        if (want[0].equals("dict") || want[0].equals("Counter")) {
            // a dict's size counts keys PyTorch 2 dropped or added; its entries are compared one by one
            return got[0].equals("dict");
        }
        if (want[0].equals("int") && got[0].equals("float") || want[0].equals("float") && got[0].equals("int")) {
            // PyTorch writes the literal the caller gave (eta_min=0 is an int); torch4j's options are doubles
            return Double.parseDouble(want[1]) == Double.parseDouble(got[1]);
        }
        if (key.equals("_step_count") && path.startsWith("['_schedulers']")) {
            // 1.13's SequentialLR stepped the next scheduler with step(0), which counts; PyTorch 2's _update_lr(0) does not
            return got[0].equals("int");
        }
        return want[0].equals(got[0]) && want[1].equals(got[1]);
    }

    private static String lastKey(String path) {
        int open = path.lastIndexOf("['");
        return open < 0 ? "" : path.substring(open + 2, path.length() - 2);
    }
}
