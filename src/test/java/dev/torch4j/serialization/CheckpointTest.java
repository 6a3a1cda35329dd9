package dev.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.internal.TensorStorage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Torch.save / Torch.load of whole checkpoints, against files and dumps PyTorch wrote. */
class CheckpointTest {
    /** Where the files for tools/check_statedict_java.py go (a step done by hand: tests never need Python). */
    private static final Path FOR_PYTHON = Path.of("target", "statedict-java");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adamw"})
    void pythonCheckpointsLoadWithEveryValue(String name) throws IOException {
        TreeDump expected = TreeDump.load("checkpoint_" + name + "_expected.txt");
        Object tree = Torch.load(Expected.fixture("checkpoint_" + name + ".pt"));
        expected.assertMatches(tree);
        assertTrue(expected.nodes() > 60, "the dump covers the whole tree");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adamw"})
    void loadedCheckpointsSaveBackToTheSameTree(String name, @TempDir Path dir) throws IOException {
        TreeDump expected = TreeDump.load("checkpoint_" + name + "_expected.txt");
        Object tree = Torch.load(Expected.fixture("checkpoint_" + name + ".pt"));
        Path copy = dir.resolve("copy.pt");
        Torch.save(tree, copy);
        expected.assertMatches(Torch.load(copy));
        Files.createDirectories(FOR_PYTHON);
        Torch.save(tree, FOR_PYTHON.resolve("checkpoint_" + name + "_java.pt"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOptimizerStateDictHasTheJavaTypesTheJavadocPromises() throws IOException {
        Map<String, Object> ckpt = (Map<String, Object>) Torch.load(Expected.fixture("checkpoint_adamw.pt"));
        StateDict model = (StateDict) ckpt.get("model");
        assertEquals(Map.of("", Map.of("version", 1L), "embedding", Map.of("version", 1L), "rnn", Map.of("version", 1L),
                "out", Map.of("version", 1L)), model.metadata());
        Map<String, Object> optimizer = (Map<String, Object>) ckpt.get("optimizer");
        Map<Object, Object> state = (Map<Object, Object>) optimizer.get("state");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), new ArrayList<>(state.keySet()));
        Map<String, Object> first = (Map<String, Object>) state.get(0L);
        assertEquals(0, ((Tensor) first.get("step")).dim());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) optimizer.get("param_groups");
        Tuple betas = (Tuple) groups.get(0).get("betas");
        assertEquals(List.of(0.9, 0.99), betas);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), groups.get(0).get("params"));
        assertInstanceOf(ArrayList.class, groups.get(0).get("params"));
        assertEquals(3L, ckpt.get("epoch"));
        Map<String, Object> extra = (Map<String, Object>) ckpt.get("extra");
        assertEquals(BigInteger.ONE.shiftLeft(70), extra.get("big"));
        assertSame(DType.FLOAT16, extra.get("dtype"));
        assertEquals(Tuple.of(2L, 3L), extra.get("size"));
        try (SimpleNet net = new SimpleNet(17, 8, 4)) {
            net.loadStateDict(model);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTreeBuiltInJavaKeepsTuplesIntKeysAndSharing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("opt.pt");
        try (Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            Tensor row = w.index(1L);
            Map<Object, Object> state = new LinkedHashMap<>();
            state.put(0L, Map.of("momentum_buffer", w));
            state.put(1, Map.of("momentum_buffer", row));
            List<Object> shared = new ArrayList<>(List.of(1L, 2L));
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lr", 0.01f);
            group.put("betas", Tuple.of(0.9, 0.999));
            group.put("params", List.of(0, 1));
            group.put("nesterov", false);
            group.put("foreach", null);
            group.put("a", shared);
            group.put("b", shared);
            Torch.save(Map.of("state", state, "param_groups", List.of(group)), file);
            row.close();
        }
        Map<String, Object> back = (Map<String, Object>) Torch.load(file);
        Map<Object, Object> state = (Map<Object, Object>) back.get("state");
        assertEquals(List.of(0L, 1L), new ArrayList<>(state.keySet()), "int keys come back as Long");
        Tensor w = (Tensor) ((Map<String, Object>) state.get(0L)).get("momentum_buffer");
        Tensor row = (Tensor) ((Map<String, Object>) state.get(1L)).get("momentum_buffer");
        assertArrayEquals(new float[] {4, 5, 6}, row.toFloatArray());
        assertEquals(TensorStorage.of(w).identity(), TensorStorage.of(row).identity(), "a view stays a view");
        assertEquals(3, TensorStorage.of(row).offset());
        Map<String, Object> group = (Map<String, Object>) ((List<Object>) back.get("param_groups")).get(0);
        assertEquals(Tuple.of(0.9, 0.999), group.get("betas"));
        assertInstanceOf(Tuple.class, group.get("betas"));
        assertEquals((double) 0.01f, group.get("lr"));
        assertInstanceOf(ArrayList.class, group.get("params"));
        assertSame(group.get("a"), group.get("b"), "one list saved twice is one list");
        assertTrue(group.containsKey("foreach") && group.get("foreach") == null);
    }

    @Test
    void viewsStayViewsAsTorchLoadKeepsThem() throws IOException {
        Map<String, String[]> expected = new LinkedHashMap<>();
        try (InputStream in = CheckpointTest.class.getResourceAsStream("/fixtures/statedict/views_expected.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", -1);
                expected.put(f[0], f);
            }
        }
        try (StateDict sd = StateDict.load(Expected.fixture("views.pt"))) {
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(sd.keySet()));
            for (Map.Entry<String, String[]> e : expected.entrySet()) {
                String[] f = e.getValue();
                Tensor t = sd.get(e.getKey());
                assertEquals(f[1], t.dtype().pythonName());
                assertArrayEquals(longs(f[2]), t.shape(), e.getKey() + " shape");
                TensorStorage.Info info = TensorStorage.of(t);
                assertArrayEquals(longs(f[3]), info.stride(), e.getKey() + " stride");
                assertEquals(Long.parseLong(f[4]), info.nbytes(), e.getKey() + " storage bytes, as torch.load has them");
                if (!f[5].isEmpty()) {
                    double[] ends = java.util.Arrays.stream(f[5].split(",")).mapToDouble(Double::parseDouble).toArray();
                    double[] got = new double[ends.length];
                    System.arraycopy(t.index(0L).toDoubleArray(), 0, got, 0, ends.length / 2);
                    System.arraycopy(t.index(-1L).toDoubleArray(), 0, got, ends.length / 2, ends.length / 2);
                    assertArrayEquals(ends, got, e.getKey() + " first and last rows");
                }
            }
        }
    }

    private static long[] longs(String csv) {
        return csv.isEmpty() ? new long[0] : java.util.Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    @Test
    void valuesThatCannotBeSavedAreNamedWithTheirPlace(@TempDir Path dir) {
        Path file = dir.resolve("bad.pt");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("when", new java.util.Date(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.save(Map.of("optimizer", Map.of("state", List.of(inner))), file));
        assertTrue(e.getMessage().startsWith("checkpoint['optimizer']['state'][0]['when']: a java.util.Date cannot be "
                + "saved"), e.getMessage());
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        e = assertThrows(IllegalArgumentException.class, () -> Torch.save(Map.of("x", loop), file));
        assertTrue(e.getMessage().contains("checkpoint['x'][0]: contains itself"), e.getMessage());
        assertTrue(Files.notExists(file), "a failed save leaves no file");
    }

    @Test
    void aSafetensorsFileIsNotACheckpoint() {
        StateDictFormatException e = assertThrows(StateDictFormatException.class,
                () -> Torch.load(Expected.fixture("notebook.safetensors")));
        assertTrue(e.getMessage().contains("a safetensors file, not a torch.save archive"), e.getMessage());
    }
}
