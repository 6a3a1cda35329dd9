package dev.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a checkpoint tree loaded by torch4j with the dump PyTorch wrote of the same file
 * ({@code dump_tree} in {@code tools/gen_statedict_fixtures.py}: one line per node, depth first,
 * {@code path TAB kind TAB payload}). The Java side walks the tree and checks each node against the
 * next line: same path, same Python kind, same value (floats and tensor values exactly, as doubles).
 */
final class TreeDump {
    private final List<String[]> lines = new ArrayList<>();
    private int next;

    private TreeDump(String text) {
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line.split("\t", -1));
            }
        }
    }

    static TreeDump load(String name) {
        try (InputStream in = TreeDump.class.getResourceAsStream("/fixtures/statedict/" + name)) {
            assertNotNull(in, "missing fixture " + name + ": run tools/gen_statedict_fixtures.py");
            return new TreeDump(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code root} is, node for node, the tree PyTorch dumped. */
    void assertMatches(Object root) {
        next = 0;
        walk(root, "checkpoint");
        assertEquals(lines.size(), next, "nodes in PyTorch's dump");
    }

    int nodes() {
        return lines.size();
    }

    private String[] expect(String path, String kind) {
        if (next >= lines.size()) {
            fail(path + ": PyTorch's dump has no more nodes");
        }
        String[] l = lines.get(next++);
        assertEquals(l[0], path, "path of node " + next);
        assertEquals(l[1], kind, "Python kind of " + path);
        return l;
    }

    private static String pythonKey(Object key) {
        if (key instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(key);
    }

    private void walk(Object o, String path) {
        if (o instanceof Tensor t) {
            String[] l = expect(path, "tensor");
            Expected.Entry e = new Expected.Entry(l[2], l[3].isEmpty() ? new long[0]
                    : java.util.Arrays.stream(l[3].split(",")).mapToLong(Long::parseLong).toArray(),
                    l[5].isEmpty() ? new String[0] : l[5].split(","));
            e.assertMatches(path, t);
            assertEquals(Boolean.parseBoolean(l[4].toLowerCase()), t.requiresGrad(), path + " requires_grad");
        } else if (o instanceof Map<?, ?> m) {
            String[] l = expect(path, o instanceof StateDict ? "OrderedDict" : "dict");
            assertEquals(Integer.parseInt(l[2]), m.size(), path + " size");
            m.forEach((k, v) -> walk(v, path + "[" + pythonKey(k) + "]"));
        } else if (o instanceof List<?> list) {
            String[] l = expect(path, o instanceof Tuple ? "tuple" : "list");
            assertEquals(Integer.parseInt(l[2]), list.size(), path + " size");
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]");
            }
        } else if (o == null) {
            expect(path, "None");
        } else if (o instanceof Boolean b) {
            assertEquals(expect(path, "bool")[2], b ? "True" : "False", path);
        } else if (o instanceof Long || o instanceof BigInteger) {
            assertEquals(new BigInteger(expect(path, "int")[2]), new BigInteger(o.toString()), path);
        } else if (o instanceof Double d) {
            String v = expect(path, "float")[2];
            double want = v.equals("inf") ? Double.POSITIVE_INFINITY : v.equals("-inf") ? Double.NEGATIVE_INFINITY
                    : v.equals("nan") ? Double.NaN : Double.parseDouble(v);
            assertEquals(want, d, 0.0, path);
        } else if (o instanceof String s) {
            assertEquals(expect(path, "str")[2], s, path);
        } else if (o instanceof DType d) {
            assertEquals(expect(path, "dtype")[2], d.pythonName(), path);
        } else {
            fail(path + ": unexpected Java value " + o.getClass().getName());
        }
    }
}
