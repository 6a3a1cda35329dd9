package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixtures that {@code tools/gen_vector_fixtures.py} wrote with gensim and PyTorch, read with a
 * small reader of their own: expected floats are stored as their bits in hex.
 */
final class VectorFixtures {
    private VectorFixtures() {
    }

    /** Expected words and rows. */
    record Expected(List<String> words, float[][] rows) {
        int dim() {
            return rows[0].length;
        }

        Expected first(int n) {
            return new Expected(words.subList(0, n), java.util.Arrays.copyOf(rows, n));
        }
    }

    static Path path(String name) {
        URL url = VectorFixtures.class.getResource("/fixtures/vectors/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + ": run tools/gen_vector_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String name) {
        try {
            return Files.readAllLines(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Expected expected(String name) {
        List<String> words = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (String line : lines(name)) {
            String[] parts = line.split("\t");
            words.add(parts[0]);
            rows.add(floats(parts[1]));
        }
        return new Expected(words, rows.toArray(new float[0][]));
    }

    static float[] floats(String hexes) {
        String[] h = hexes.trim().split(" ");
        float[] v = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(h[i], 16));
        }
        return v;
    }

    /** Asserts the words and every value, bit for bit. */
    static void assertSame(Expected expected, KeyedVectors kv) {
        assertEquals(expected.words(), kv.words(), "words in file order");
        assertEquals(expected.rows().length, kv.size(), "size");
        assertEquals(expected.dim(), kv.dim(), "dim");
        float[] actual = kv.vectors().toFloatArray();
        for (int r = 0; r < expected.rows().length; r++) {
            for (int c = 0; c < expected.dim(); c++) {
                float e = expected.rows()[r][c];
                float a = actual[r * expected.dim() + c];
                if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(a)) {
                    throw new AssertionError("row " + r + " ('" + expected.words().get(r) + "') value " + c
                            + ": expected " + e + " but was " + a);
                }
            }
        }
    }

    /** A float32 tensor of the expected rows. */
    static Tensor tensor(Expected e) {
        float[] flat = new float[e.rows().length * e.dim()];
        for (int r = 0; r < e.rows().length; r++) {
            System.arraycopy(e.rows()[r], 0, flat, r * e.dim(), e.dim());
        }
        return Tensor.of(flat, e.rows().length, e.dim());
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** Bytes of a word2vec binary file: the header, then for each row the word, a space, little-endian floats. */
    static byte[] binary(String header, Object... wordsAndRows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        for (Object o : wordsAndRows) {
            if (o instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (o instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                float[] f = (float[]) o;
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(4 * f.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float x : f) {
                    bb.putFloat(x);
                }
                out.writeBytes(bb.array());
            }
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
