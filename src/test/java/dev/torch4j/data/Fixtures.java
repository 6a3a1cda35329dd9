package dev.torch4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code key: value} fixtures written by tools/gen_data_fixtures.py from PyTorch. */
final class Fixtures {
    private final String name;
    private final Map<String, String> facts;

    private Fixtures(String name, Map<String, String> facts) {
        this.name = name;
        this.facts = facts;
    }

    static Fixtures load(String name) {
        String resource = "/fixtures/data/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource + "; run tools/gen_data_fixtures.py");
            }
            Map<String, String> facts = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    colon = line.length() - 1;  // "key:" with an empty value
                }
                facts.put(line.substring(0, colon), line.substring(Math.min(line.length(), colon + 2)).trim());
            }
            return new Fixtures(name, facts);
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

    long[] longs(String key) {
        String v = string(key);
        return v.isEmpty() ? new long[0] : Arrays.stream(v.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    double[] doubles(String key) {
        String v = string(key);
        return v.isEmpty() ? new double[0] : Arrays.stream(v.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    long longValue(String key) {
        return Long.parseLong(string(key));
    }

    Map<String, String> all() {
        return facts;
    }
}
