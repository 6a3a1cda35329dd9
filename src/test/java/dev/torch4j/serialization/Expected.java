package dev.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values PyTorch printed for the fixtures, from {@code *_expected.txt} written by
 * {@code tools/gen_statedict_fixtures.py}: one line per tensor, {@code name TAB dtype TAB shape TAB values}.
 * Parsed as text, so nothing of torch4j's readers is involved.
 */
final class Expected {
    /** One tensor as PyTorch saw it. */
    record Entry(String dtype, long[] shape, String[] values) {
        double[] doubles() {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = switch (values[i]) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(values[i]);
                };
            }
            return d;
        }

        long[] longs() {
            long[] l = new long[values.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = Long.parseLong(values[i]);
            }
            return l;
        }

        /** Asserts that {@code t} has this entry's dtype, shape and values (exactly; NaN equals NaN). */
        void assertMatches(String name, Tensor t) {
            assertNotNull(t, name + " is missing");
            assertEquals(dtype, t.dtype().pythonName(), name + " dtype");
            assertArrayEquals(shape, t.shape(), name + " shape");
            if (values.length == 0) {
                assertEquals(0, t.numel(), name + " numel"); // toXxxArray() of an empty tensor fails in core
                return;
            }
            if (t.dtype() == DType.INT64 || t.dtype() == DType.INT32 || t.dtype() == DType.INT16
                    || t.dtype() == DType.INT8 || t.dtype() == DType.UINT8 || t.dtype() == DType.BOOL) {
                assertArrayEquals(longs(), t.toLongArray(), name + " values");
            } else {
                assertArrayEquals(doubles(), t.toDoubleArray(), name + " values");
            }
        }
    }

    private Expected() {
    }

    static Map<String, Entry> load(String name) {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = Expected.class.getResourceAsStream("/fixtures/statedict/" + name)) {
            assertNotNull(in, "missing fixture " + name + ": run tools/gen_statedict_fixtures.py");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                long[] shape = f[2].isEmpty() ? new long[0]
                        : java.util.Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
                String[] values = f[3].isEmpty() ? new String[0] : f[3].split(",");
                out.put(f[0], new Entry(f[1], shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** @return the fixture file's path (test resources are plain files under target/test-classes) */
    static Path fixture(String name) {
        try {
            var url = Expected.class.getResource("/fixtures/statedict/" + name);
            assertNotNull(url, "missing fixture " + name + ": run tools/gen_statedict_fixtures.py");
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
