package dev.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.serialization.Tuple;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer with each of its options, 15 steps on the model of PyTorch's
 * {@code test/cpp/api/optim_baseline.py} (Linear(2, 3), Sigmoid, Linear(3, 1), Sigmoid, loss = sum),
 * against PyTorch (tools/gen_optim_fixtures.py, optimizers.tsv): the parameters after steps 1, 2, 3, 5,
 * 8, 12 and 15 within 1e-5 relative. One row per configuration; the options come from the row's keyword
 * arguments by name, so a row added to the generator is tested here without a change. Some rows change
 * {@code lr} or {@code betas} in the param groups before every step, as a scheduler does, which the fused
 * kernels must read. Rows run in
 * float64 (the update is then well conditioned, so 1e-5 leaves no room for a wrong formula) and, for the
 * fused kernels, in float32 (plus 1e-7 absolute: a float32 weight crossing zero keeps ulps of its size).
 */
class OptimizerTableTest {
    static final double RTOL = 1e-5;

    /** Below this the relative tolerance means nothing: a float32 weight that crosses zero keeps ulps of its size. */
    static double atol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-7 : 1e-12;
    }

    /** One row: how the optimizer is made, and PyTorch's parameters after the recorded steps. */
    record Row(String name, String optimizer, DType dtype, Map<String, String> kwargs, String change,
            List<String[]> groups, Map<Integer, List<double[]>> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<double[]> init;
    static List<long[]> shapes;
    static double[] input;
    static long[] inputShape;

    static Stream<Row> rows() {
        List<String[]> lines = OptimFixtures.lines("optimizers");
        Map<String, Row> rows = new LinkedHashMap<>();
        init = new ArrayList<>();
        shapes = new ArrayList<>();
        for (String[] l : lines) {
            switch (l[0]) {
                case "init" -> {
                    shapes.add(OptimFixtures.shape(l[2]));
                    init.add(OptimFixtures.doubles(l[3]));
                }
                case "input" -> {
                    inputShape = OptimFixtures.shape(l[1]);
                    input = OptimFixtures.doubles(l[2]);
                }
                case "row" -> rows.put(l[1], new Row(l[1], l[2], l[3].equals("float32") ? DType.FLOAT32 : DType.FLOAT64,
                        OptimFixtures.kwargs(l[4]), l[5], new ArrayList<>(), new LinkedHashMap<>()));
                case "group" -> rows.get(l[1]).groups().add(l);
                case "step" -> rows.get(l[1]).steps().computeIfAbsent(Integer.parseInt(l[2]), k -> new ArrayList<>())
                        .add(OptimFixtures.doubles(l[4]));
                default -> {
                }
            }
        }
        return rows.values().stream();
    }

    /** The optimizer of a row: {@code <Name>Options.defaults()} with each keyword argument set by name. */
    static Optimizer make(Row row, List<Tensor> params) throws Exception {
        Class<?> optionsClass = Class.forName("dev.torch4j.optim." + row.optimizer() + "Options");
        Object options = optionsClass.getMethod("defaults").invoke(null);
        for (Map.Entry<String, String> kw : row.kwargs().entrySet()) {
            options = set(optionsClass, options, kw.getKey(), kw.getValue());
        }
        Class<?> cls = Class.forName("dev.torch4j.optim." + row.optimizer());
        if (row.groups().isEmpty()) {
            return (Optimizer) cls.getConstructor(java.util.Collection.class, optionsClass).newInstance(params, options);
        }
        List<ParamGroup> groups = new ArrayList<>();
        for (String[] g : row.groups()) {
            List<Tensor> ps = new ArrayList<>();
            for (long i : OptimFixtures.shape(g[2])) {
                ps.add(params.get((int) i));
            }
            Map<String, Object> overrides = new LinkedHashMap<>();
            OptimFixtures.kwargs(g[3]).forEach((k, v) -> overrides.put(k, value(v)));
            groups.add(new ParamGroup(ps, overrides));
        }
        return (Optimizer) cls.getConstructor(List.class, optionsClass).newInstance(groups, options);
    }

    static Object set(Class<?> optionsClass, Object options, String key, String value) throws Exception {
        String method = OptimFixtures.camel(key);
        if (value.contains(",")) {
            double[] pair = OptimFixtures.doubles(value);
            return optionsClass.getMethod(method, double.class, double.class).invoke(options, pair[0], pair[1]);
        }
        Object v = value(value);
        Method m = optionsClass.getMethod(method, v instanceof Boolean ? boolean.class : double.class);
        return m.invoke(options, v);
    }

    /** A Python literal of the table: True/False, a pair, or a number. */
    static Object value(String text) {
        if (text.equals("True") || text.equals("False")) {
            return text.equals("True");
        }
        if (text.contains(",")) {
            double[] pair = OptimFixtures.doubles(text);
            return Tuple.of(pair[0], pair[1]);
        }
        return Double.parseDouble(text);
    }

    static List<Tensor> initialParams(DType dtype) {
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i < init.size(); i++) {
            params.add(Tensor.of(init.get(i), shapes.get(i)).to(dtype).requiresGrad_(true).unscoped());
        }
        return params;
    }

    /** One training step on the baseline model: the row's change of the options, zero_grad, forward, backward, step. */
    static void trainStep(Row row, Optimizer opt, List<Tensor> p, Tensor x) {
        for (ParamGroup g : opt.paramGroups()) {
            switch (row.change()) {
                case "lr*0.8" -> g.lr(g.lr() * 0.8);
                case "beta1-0.02" -> {
                    List<?> betas = (List<?>) g.get("betas");
                    g.set("betas", Tuple.of((Double) betas.get(0) - 0.02, betas.get(1)));
                }
                case "" -> {
                }
                default -> throw new IllegalArgumentException("unknown change " + row.change());
            }
        }
        try (var scope = Torch.scope()) {
            opt.zeroGrad();
            x.matmul(p.get(0).t()).add(p.get(1)).sigmoid().matmul(p.get(2).t()).add(p.get(3)).sigmoid().sum().backward();
            opt.step();
        }
    }

    static void assertStep(Row row, int step, List<Tensor> params) {
        List<double[]> expected = row.steps().get(step);
        if (expected == null) {
            return;
        }
        for (int k = 0; k < params.size(); k++) {
            OptimFixtures.assertClose(expected.get(k), params.get(k).toDouble().toDoubleArray(), RTOL, atol(row.dtype()),
                    row + ": parameter " + k + " after step " + step);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesPyTorchStepByStep(Row row) throws Exception {
        List<Tensor> params = initialParams(row.dtype());
        Tensor x = Tensor.of(input, inputShape).to(row.dtype());
        try (Optimizer opt = make(row, params)) {
            for (int step = 1; step <= 15; step++) {
                trainStep(row, opt, params, x);
                assertStep(row, step, params);
            }
        }
        assertEquals(7, row.steps().size(), "steps recorded by the generator");
    }

    /**
     * The state dict of step 5 loaded into a new optimizer over new parameters (with step 5's values):
     * ten more steps must give PyTorch's uninterrupted run, so every piece of state the update reads
     * (moments, buffers, step counts, per-group options) goes through {@code stateDict}/{@code loadStateDict}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void resumesFromItsStateDictAsIfUninterrupted(Row row) throws Exception {
        List<Tensor> params = initialParams(row.dtype());
        Tensor x = Tensor.of(input, inputShape).to(row.dtype());
        Map<String, Object> saved;
        try (Optimizer first = make(row, params)) {
            for (int step = 1; step <= 5; step++) {
                trainStep(row, first, params, x);
            }
            saved = first.stateDict();
            List<Tensor> resumed = new ArrayList<>();
            for (Tensor p : params) {
                resumed.add(p.detach().clone().requiresGrad_(true).unscoped());
            }
            // a fresh optimizer with the defaults only: the loaded param groups must bring the options back
            Row defaultsOnly = new Row(row.name(), row.optimizer(), row.dtype(), Map.of(), row.change(), row.groups().isEmpty()
                    ? List.of() : withoutOverrides(row.groups()), row.steps());
            try (Optimizer second = make(defaultsOnly, resumed)) {
                second.loadStateDict(saved);
                for (int step = 6; step <= 15; step++) {
                    trainStep(row, second, resumed, x);
                    assertStep(row, step, resumed);
                }
            }
        }
        assertTrue(saved.containsKey("state") && saved.containsKey("param_groups"));
    }

    private static List<String[]> withoutOverrides(List<String[]> groups) {
        List<String[]> out = new ArrayList<>();
        for (String[] g : groups) {
            out.add(new String[] {g[0], g[1], g[2], ""});
        }
        return out;
    }
}
