package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected values written by {@code tools/gen_core_fixtures.py} (PyTorch). Read with this small
 * reader of its own, so a bug in torch4j's safetensors code cannot hide one in the code under test.
 */
public final class Fixtures {
    /** One stored array: its shape and values (floats, or longs as doubles). */
    public record Entry(long[] shape, double[] values) {
        public float[] floats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }

        public long[] longs() {
            long[] l = new long[values.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (long) values[i];
            }
            return l;
        }

        /** A new float32 or int64 CPU tensor with these values. */
        public Tensor tensor(boolean integer) {
            return integer ? Tensor.of(longs(), shape) : Tensor.of(floats(), shape);
        }
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\"([^\"]+)\":\\{\"dtype\":\"(F32|I64)\",\"shape\":\\[([0-9, ]*)\\],\"data_offsets\":\\[(\\d+), ?(\\d+)\\]\\}");

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Fixtures(String directory, String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + directory + "/" + name
                + ".safetensors")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + directory + "/" + name + ": run tools/gen_"
                        + directory + "_fixtures.py");
            }
            ByteBuffer all = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) all.getLong();
            String header = new String(all.array(), 8, n, StandardCharsets.UTF_8);
            Matcher m = ENTRY.matcher(header);
            while (m.find()) {
                String[] dims = m.group(3).isBlank() ? new String[0] : m.group(3).split(",\\s*");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                int begin = 8 + n + Integer.parseInt(m.group(4));
                int end = 8 + n + Integer.parseInt(m.group(5));
                boolean f32 = m.group(2).equals("F32");
                double[] v = new double[(end - begin) / (f32 ? 4 : 8)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = f32 ? all.getFloat(begin + 4 * i) : all.getLong(begin + 8 * i);
                }
                entries.put(m.group(1), new Entry(shape, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the fixture file {@code fixtures/core/<name>.safetensors} */
    public static Fixtures load(String name) {
        return new Fixtures("core", name);
    }

    /** @return the fixture file {@code fixtures/<directory>/<name>.safetensors} */
    public static Fixtures load(String directory, String name) {
        return new Fixtures(directory, name);
    }

    /**
     * The rows of a tab-separated fixture {@code fixtures/<directory>/<name>}, each split on tabs.
     *
     * @return the non-empty lines, split
     */
    public static List<String[]> tsv(String directory, String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + directory + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + directory + "/" + name + ": run tools/gen_"
                        + directory + "_fixtures.py");
            }
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line.split("\t", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file {@code fixtures/<directory>/<name>} (a {@code .pt} PyTorch wrote, say) on disk.
     *
     * @return its path
     */
    public static java.nio.file.Path path(String directory, String name) {
        java.net.URL url = Fixtures.class.getResource("/fixtures/" + directory + "/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + directory + "/" + name + ": run tools/gen_" + directory
                    + "_fixtures.py");
        }
        try {
            return java.nio.file.Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether the fixture has an entry {@code key} */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** @return the entry, failing the test when absent */
    public Entry get(String key) {
        Entry e = entries.get(key);
        assertTrue(e != null, "fixture has no entry " + key + "; has " + entries.keySet());
        return e;
    }

    /** @return every key, in file order */
    public Iterable<String> keys() {
        return entries.keySet();
    }

    /** Asserts shape and values equal within a relative tolerance (plus a tiny absolute floor). */
    public static void assertClose(Entry expected, Tensor actual, double rtol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] a = actual.toFloatArray();
        double[] e = expected.values();
        assertEquals(e.length, a.length, what + ": element count");
        double atol = 1e-7;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            if (diff > atol + rtol * Math.abs(e[i])) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + " but was " + a[i]
                        + " (|diff| " + diff + " > " + rtol + " relative)");
            }
        }
    }
}
