package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torch4j.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The op-parity table written by {@code tools/gen_ops_fixtures.py}: one row per call, run through
 * torch4j's public API by {@link OpCall}. Each row checks the outputs (dtype, shape, values), the
 * gradient of {@code sum(output * weights)} with respect to every float input, which inputs an
 * in-place change of each output reaches (views exactly where Python has them), or the error type and
 * message. Float tolerance: {@code 1e-5} relative plus {@code 1e-6} absolute (fixtures come from
 * PyTorch 1.13, torch4j runs libtorch 2.10); integers, booleans and dtypes are exact.
 */
class OpParityTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;
    /** Rows whose result differs between PyTorch 1.13 (the fixtures) and libtorch 2.10, with the reason. */
    static final Map<String, String> VERSION_DIFFERENCES = Map.of(
            "torch.arange(1, 0, 1)", "libtorch 2.10 words this error differently from PyTorch 1.13",
            "torch.zeros(-1)", "libtorch 2.10 words this error differently from PyTorch 1.13",
            "a.masked_fill(i, 0.0)", "libtorch 2.10 refuses an int64 mask with another message than PyTorch 1.13");
    /**
     * Rows where PyTorch 2.x raises another exception type than 1.13 for the same message: 2.x raises
     * NotImplementedError for a dtype a kernel lacks, and ValueError for an empty list to cat.
     */
    static final Map<String, Class<?>> TYPE_IN_2_X = Map.of(
            "a.bitwise_and(b)", TorchNotImplementedException.class,
            "torch.cat([])", TorchValueException.class);

    /** Rows whose backward PyTorch 1.13 could not run and libtorch 2.10 can (a derivative added since). */
    static final Map<String, String> GRAD_IN_2_X = Map.of(
            "torch.channel_shuffle(img, 2)", "channel_shuffle has a derivative since PyTorch 2.0");

    private static Map<String, Object> fixture;

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture() throws IOException {
        if (fixture == null) {
            try (InputStream in = OpParityTest.class.getResourceAsStream("/fixtures/ops/ops.json")) {
                fixture = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return fixture;
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyRowMatchesPyTorch() throws IOException {
        Map<String, Object> f = fixture();
        Map<String, Object> inputs = (Map<String, Object>) f.get("inputs");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) f.get("cases");
        assertTrue(cases.size() >= 300, "the table has at least 300 rows");
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("expr"), () -> {
            String expr = (String) c.get("expr");
            String skip = VERSION_DIFFERENCES.get(expr);
            if (skip != null) {
                org.junit.jupiter.api.Assumptions.abort(skip);
            }
            try (var scope = Torch.scope()) {
                check(expr, c, inputs);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static void check(String expr, Map<String, Object> c, Map<String, Object> inputs) throws Throwable {
        List<String> names = reads(expr, inputs);
        Map<String, Tensor> env = new LinkedHashMap<>();
        List<String> floats = new ArrayList<>();
        for (String n : names) {
            Tensor t = tensor((Map<String, Object>) inputs.get(n));
            if (t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64) {
                t.requiresGrad_(true);
                floats.add(n);
            }
            env.put(n, t);
        }
        Map<String, Object> error = (Map<String, Object>) c.get("error");
        if (error != null) {
            Throwable thrown = null;
            try {
                OpCall.eval(expr, env);
            } catch (Throwable e) {
                thrown = e;
            }
            if (thrown == null) {
                fail(expr + ": PyTorch raised " + error.get("type") + ": " + error.get("message") + ", torch4j did not");
            }
            Class<?> type = TYPE_IN_2_X.getOrDefault(expr, javaType((String) error.get("type")));
            assertEquals(type, thrown.getClass(), expr + ": " + thrown);
            assertEquals(error.get("message"), thrown.getMessage().split("\n")[0], expr);
            return;
        }
        List<Object> outs = OpCall.flatten(OpCall.eval(expr, env));
        List<Map<String, Object>> expected = (List<Map<String, Object>>) c.get("outputs");
        assertEquals(expected.size(), outs.size(), expr + ": number of outputs");
        for (int k = 0; k < outs.size(); k++) {
            compare(expr + " output " + k, expected.get(k), outs.get(k));
        }
        gradients(expr, c, env, floats, outs);
        aliases(expr, c, inputs, names);
    }

    @SuppressWarnings("unchecked")
    private static void gradients(String expr, Map<String, Object> c, Map<String, Tensor> env, List<String> floats,
            List<Object> outs) {
        Tensor loss = null;
        for (int k = 0; k < outs.size(); k++) {
            if (outs.get(k) instanceof Tensor o && (o.dtype() == DType.FLOAT32 || o.dtype() == DType.FLOAT64)
                    && o.requiresGrad()) {
                Tensor term = o.mul(weights(o.shape(), k).to(o.dtype())).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        Map<String, Object> grads = (Map<String, Object>) c.get("grads");
        if (loss == null) {
            assertTrue(grads == null && c.get("grad_error") == null, expr + ": PyTorch differentiated an output");
            return;
        }
        if (c.get("grad_error") != null) {
            String why = GRAD_IN_2_X.get(expr);
            try {
                loss.backward();
                assertTrue(why != null, expr + ": PyTorch's backward failed with " + c.get("grad_error")
                        + ", torch4j's did not");
            } catch (TorchException e) {
                assertEquals(c.get("grad_error"), pythonTypeNames(e.getMessage().split("\n")[0]),
                        expr + ": backward's error");
            }
            return;
        }
        loss.backward();
        for (String n : floats) {
            Map<String, Object> g = grads == null ? null : (Map<String, Object>) grads.get(n);
            Tensor actual = env.get(n).grad();
            if (g == null) {
                assertTrue(actual == null || actual.abs().sum().item() == 0, expr + ": unexpected gradient for " + n);
            } else {
                assertTrue(actual != null, expr + ": no gradient for " + n);
                compare(expr + " grad " + n, g, actual);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void aliases(String expr, Map<String, Object> c, Map<String, Object> inputs, List<String> names)
            throws Throwable {
        List<List<String>> expected = (List<List<String>>) c.get("aliases");
        try (NoGradGuard g = Torch.noGrad()) {
            Map<String, Tensor> env = new LinkedHashMap<>();
            for (String n : names) {
                env.put(n, tensor((Map<String, Object>) inputs.get(n)));
            }
            List<Object> outs = OpCall.flatten(OpCall.eval(expr, env));
            for (int k = 0; k < outs.size() && k < expected.size(); k++) {
                if (!(outs.get(k) instanceof Tensor o) || o.numel() == 0) {
                    continue;
                }
                Map<String, Tensor> snapshot = new LinkedHashMap<>();
                env.forEach((n, t) -> snapshot.put(n, t.clone()));
                List<String> changed = new ArrayList<>();
                try {
                    if (o.dtype() == DType.BOOL) {
                        o.logicalNot_();
                    } else {
                        o.add_(1);
                    }
                    env.forEach((n, t) -> {
                        if (!t.equal(snapshot.get(n))) {
                            changed.add(n);
                        }
                    });
                } catch (TorchException e) {
                    changed.add("<refused>");
                }
                assertEquals(new TreeSet<>(expected.get(k)), new TreeSet<>(changed),
                        expr + " output " + k + ": inputs an in-place change reaches (views)");
            }
        }
    }

    /**
     * The one place libtorch's words differ from Python's by construction: C++ prints a tensor's type as
     * {@code CPUFloatType} where Python's binding prints {@code torch.FloatTensor}.
     */
    private static String pythonTypeNames(String message) {
        return message.replaceAll("\\[CPU(\\w+)Type ", "[torch.$1Tensor ");
    }

    /** Weights of the loss whose gradient is compared: PyTorch's {@code cos(arange(n) * 0.7 + salt)}. */
    private static Tensor weights(long[] shape, int salt) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) Math.cos(i * 0.7 + salt);
        }
        return shape.length == 0 ? Tensor.of(w, 1).squeeze() : Tensor.of(w, shape);
    }

    private static void compare(String what, Map<String, Object> expected, Object actual) {
        if (expected.containsKey("scalar")) {
            Object e = expected.get("scalar");
            if (e instanceof Boolean b) {
                assertEquals(b, actual, what);
            } else {
                double ev = value(e);
                double av = ((Number) actual).doubleValue();
                assertTrue(close(ev, av, RTOL), what + ": expected " + ev + " got " + av);
            }
            return;
        }
        assertTrue(actual instanceof Tensor, what + ": expected a tensor, got " + actual);
        Tensor t = (Tensor) actual;
        String dtype = (String) expected.get("dtype");
        assertEquals(dtype, t.dtype().pythonName(), what + ": dtype");
        long[] shape = ((List<?>) expected.get("shape")).stream().mapToLong(x -> (Long) x).toArray();
        if (t.dtype().isComplex()) {
            t = Torch.viewAsReal(t);
        }
        assertEquals(java.util.Arrays.toString(shape), java.util.Arrays.toString(t.shape()), what + ": shape");
        List<?> values = (List<?>) expected.get("values");
        double[] actualValues = t.dtype() == DType.BOOL ? bools(t) : t.toDoubleArray();
        double rtol = dtype.equals("torch.float16") || dtype.equals("torch.bfloat16") ? 1e-2 : RTOL;
        for (int i = 0; i < values.size(); i++) {
            double e = value(values.get(i));
            if (!close(e, actualValues[i], rtol)) {
                fail(what + ": element " + i + " expected " + e + " got " + actualValues[i]);
            }
        }
    }

    private static double[] bools(Tensor t) {
        boolean[] b = t.toBooleanArray();
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = b[i] ? 1 : 0;
        }
        return d;
    }

    private static boolean close(double e, double a, double rtol) {
        if (Double.isNaN(e)) {
            return Double.isNaN(a);
        }
        if (Double.isInfinite(e)) {
            return e == a;
        }
        return Math.abs(e - a) <= rtol * Math.abs(e) + ATOL;
    }

    private static double value(Object o) {
        if (o instanceof String s) {
            return switch (s) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).doubleValue();
    }

    /** A new tensor holding the fixture's values. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Map<String, Object> spec) {
        List<Object> values = (List<Object>) spec.get("values");
        long[] shape = ((List<?>) spec.get("shape")).stream().mapToLong(x -> (Long) x).toArray();
        String dtype = (String) spec.get("dtype");
        double[] d = values.stream().mapToDouble(OpParityTest::value).toArray();
        long[] s = shape.length == 0 ? new long[0] : shape;
        Tensor t = switch (dtype) {
            case "torch.int64", "torch.int32", "torch.uint8" -> {
                long[] l = new long[d.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = (long) d[i];
                }
                yield shape.length == 0 ? Tensor.scalar(l[0]) : Tensor.of(l, s);
            }
            case "torch.bool" -> {
                boolean[] b = new boolean[d.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = d[i] != 0;
                }
                yield Tensor.of(b, s);
            }
            case "torch.float64" -> shape.length == 0 ? Tensor.scalar(d[0]) : Tensor.of(d, s);
            default -> {
                float[] f = new float[d.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) d[i];
                }
                yield shape.length == 0 ? Tensor.scalar(f[0]) : Tensor.of(f, s);
            }
        };
        return switch (dtype) {
            case "torch.int32" -> t.to(DType.INT32);
            case "torch.uint8" -> t.to(DType.UINT8);
            case "torch.float16" -> t.to(DType.FLOAT16);
            default -> t;
        };
    }

    private static final Pattern NAME = Pattern.compile("\\b([a-z][a-z0-9]*)\\b");

    /** The inputs an expression reads, in the fixture's order (as the generator computes them). */
    static List<String> reads(String expr, Map<String, Object> inputs) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = NAME.matcher(expr);
        while (m.find()) {
            found.add(m.group(1));
        }
        List<String> out = new ArrayList<>();
        for (String n : inputs.keySet()) {
            if (found.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static Class<?> javaType(String pythonType) {
        return switch (pythonType) {
            case "IndexError" -> TorchIndexException.class;
            case "ValueError" -> TorchValueException.class;
            case "TypeError" -> TorchTypeException.class;
            case "NotImplementedError" -> TorchNotImplementedException.class;
            default -> TorchException.class;
        };
    }
}
