package dev.torch4j.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code key: value} fixtures written by tools/gen_distributed_fixtures.py from PyTorch. */
final class DistFixtures {
    private final String name;
    private final Map<String, String> facts = new LinkedHashMap<>();

    private DistFixtures(String name) {
        this.name = name;
    }

    static DistFixtures load(String name) {
        String resource = "/fixtures/distributed/" + name;
        DistFixtures f = new DistFixtures(name);
        try (InputStream in = DistFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource + "; run tools/gen_distributed_fixtures.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int colon = line.indexOf(": ");
                    f.facts.put(line.substring(0, colon), line.substring(colon + 2).trim());
                }
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String string(String key) {
        String v = facts.get(key);
        if (v == null) {
            throw new IllegalStateException("fixture " + name + " has no key '" + key + "'");
        }
        return v;
    }

    /** The values, or null for PyTorch's None. */
    double[] doubles(String key) {
        String v = string(key);
        return v.equals("None") ? null : Arrays.stream(v.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    float[] floats(String key) {
        double[] d = doubles(key);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    long[] longs(String key) {
        return Arrays.stream(string(key).split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
