package dev.torch4j.optim;

import dev.torch4j.internal.PyValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.torch4j.serialization.Tuple;

/** The hyper-parameter maps behind the options classes, and PyTorch's checks of them. */
final class Hyper {
    private Hyper() {
    }

    /** An unmodifiable ordered map of alternating keys and values. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A copy of {@code m} with {@code key} set to {@code value}, in place. */
    static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> c = new LinkedHashMap<>(m);
        c.put(key, value);
        return Collections.unmodifiableMap(c);
    }

    /** Python's {@code (a, b)}, a tuple, which {@code Torch.save} writes as one ({@code betas}). */
    static List<Object> pair(double a, double b) {
        return Tuple.of(a, b);
    }

    static double num(Map<String, ?> m, String key) {
        Object v = m.get(key);
        // read at every step: the message is made only when needed
        return v instanceof Double d ? d : PyValues.number("'" + key + "'", v);
    }

    static boolean bool(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Boolean b ? b : PyValues.bool("'" + key + "'", v);
    }

    /** Element {@code i} of a pair option ({@code betas}). */
    static double at(Map<String, ?> m, String key, int i) {
        Object v = m.get(key);
        if (v instanceof List<?> l && l.size() == 2) {
            Object x = l.get(i);
            return x instanceof Double d ? d : PyValues.number("'" + key + "'[" + i + "]", x);
        }
        throw new IllegalArgumentException("'" + key + "' must be a pair of numbers, got " + PyValues.describe(v));
    }

    /** Throws PyTorch's ValueError text unless {@code ok}. */
    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code if not 0.0 <= value: raise ValueError(f"Invalid {what}: {value}")}. */
    static void nonNegative(Map<String, ?> m, String key, String what) {
        Object v = m.get(key);
        check(PyValues.number("'" + key + "'", v) >= 0.0, "Invalid " + what + ": " + PyValues.repr(v));
    }

    /** PyTorch's checks of {@code betas}: each in [0, 1). */
    static void betas(Map<String, ?> m) {
        for (int i = 0; i < 2; i++) {
            double b = at(m, "betas", i);
            check(0.0 <= b && b < 1.0, "Invalid beta parameter at index " + i + ": " + PyValues.repr(((List<?>) m.get("betas")).get(i)));
        }
    }
}
