package dev.torch4j.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.stream.Collectors;
import dev.torch4j.Tensor;
import dev.torch4j.internal.PyValues;

/**
 * The tables written by {@code tools/gen_optim_fixtures.py} (PyTorch), read with this small reader of
 * the tests' own: tab-separated lines, the first field naming the kind of line.
 */
public final class OptimFixtures {
    private OptimFixtures() {
    }

    /** @return the lines of {@code fixtures/optim/<name>.tsv.gz}, split at tabs, comments left out */
    public static List<String[]> lines(String name) {
        String path = "/fixtures/optim/" + name + ".tsv.gz";
        try (InputStream in = OptimFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path + ": run tools/gen_optim_fixtures.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    out.add(line.split("\t", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lines of one kind */
    public static List<String[]> lines(String name, String kind) {
        List<String[]> out = new ArrayList<>();
        for (String[] l : lines(name)) {
            if (l[0].equals(kind)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Comma-separated numbers as Python wrote them with repr(). */
    public static double[] doubles(String csv) {
        if (csv.isEmpty()) {
            return new double[0];
        }
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    /** A shape written as comma-separated sizes ("" for a 0-d tensor). */
    public static long[] shape(String csv) {
        if (csv.isEmpty()) {
            return new long[0];
        }
        String[] parts = csv.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }

    /** Keyword arguments written as {@code key=value;key=value} (a pair as {@code a,b}), in order. */
    public static Map<String, String> kwargs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String kv : text.split(";")) {
                int eq = kv.indexOf('=');
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code weight_decay} to {@code weightDecay}. */
    public static String camel(String pythonName) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : pythonName.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** Asserts {@code actual} equals {@code expected} within {@code rtol} relative (plus {@code atol}). */
    public static void assertClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + expected.length + " values expected, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= atol + rtol * Math.abs(expected[i]))) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (|diff| " + diff + ")");
            }
        }
    }

    /** The generator's rendering: path, Python type, value (tensors: dtype and shape). */
    public static void tree(String prefix, Object v, Map<String, String[]> out) {
        if (v instanceof Map<?, ?> m) {
            out.put(prefix, new String[] {"dict", Integer.toString(m.size())});
            m.forEach((k, x) -> tree(prefix + "[" + (k instanceof String s ? "'" + s + "'" : k) + "]", x, out));
        } else if (v instanceof List<?> l) {
            out.put(prefix, new String[] {PyValues.repr(l).startsWith("(") ? "tuple" : "list", Integer.toString(l.size())});
            for (int i = 0; i < l.size(); i++) {
                tree(prefix + "[" + i + "]", l.get(i), out);
            }
        } else if (v instanceof Tensor t) {
            String shape = java.util.Arrays.stream(t.shape()).mapToObj(Long::toString).collect(Collectors.joining(","));
            out.put(prefix, new String[] {"tensor", t.dtype().pythonName().replace("torch.", "") + "|" + shape});
        } else if (v == null) {
            out.put(prefix, new String[] {"NoneType", "None"});
        } else if (v instanceof Boolean b) {
            out.put(prefix, new String[] {"bool", b ? "True" : "False"});
        } else if (v instanceof Long || v instanceof Integer) {
            out.put(prefix, new String[] {"int", v.toString()});
        } else if (v instanceof Double d) {
            out.put(prefix, new String[] {"float", Double.isInfinite(d) || Double.isNaN(d) ? d.toString() : PyValues.repr(d)});
        } else if (v instanceof String s) {
            out.put(prefix, new String[] {"str", "'" + s + "'"});
        } else {
            out.put(prefix, new String[] {v.getClass().getSimpleName(), String.valueOf(v)});
        }
    }
}
