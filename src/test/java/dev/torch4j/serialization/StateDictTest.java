package dev.torch4j.serialization;

import dev.torch4j.examples.Notebook.SimpleNet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files written by Python PyTorch, and writing files it reads back. */
class StateDictTest {
    /** The tolerance the issue asks for between Python's and torch4j's logits. */
    private static final double LOGITS_TOLERANCE = 1e-6;

    private static float[] logits(SimpleNet model, Map<String, Expected.Entry> expected) {
        try (var s = Torch.scope(); var g = Torch.noGrad()) {
            Tensor x = Tensor.of(expected.get("x").longs(), expected.get("x").shape());
            model.eval();
            return model.forward(x).toFloatArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertLogits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], LOGITS_TOLERANCE, "logit " + i);
        }
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void notebookModelTrainedInPythonGivesTheSameLogitsFromTorchSave() throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("notebook_expected.txt");
        try (SimpleNet model = new SimpleNet(17, 100, 16)) {
            IncompatibleKeys keys = model.loadStateDict(Expected.fixture("notebook.pt"));
            assertTrue(keys.isEmpty());
            assertLogits(floats(expected.get("logits").doubles()), logits(model, expected));
        }
    }

    @Test
    void notebookModelTrainedInPythonGivesTheSameLogitsFromSafetensors() throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("notebook_expected.txt");
        try (SimpleNet model = new SimpleNet(17, 100, 16)) {
            model.loadStateDict(Expected.fixture("notebook.safetensors"));
            assertLogits(floats(expected.get("logits").doubles()), logits(model, expected));
        }
    }

    @Test
    void torchSaveArchiveKeepsPyTorchsOrderAndMetadata() throws IOException {
        try (StateDict sd = StateDict.load(Expected.fixture("notebook.pt"))) {
            assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                    "rnn.bias_hh_l0", "out.weight", "out.bias"), new ArrayList<>(sd.keySet()));
            assertEquals(List.of("", "embedding", "rnn", "out"), new ArrayList<>(sd.metadata().keySet()));
            assertEquals(1L, sd.metadata().get("rnn").get("version"));
            assertArrayEquals(new long[] {17, 100}, sd.get("embedding.weight").shape());
        }
    }

    @Test
    void everyDtypeViewAndSharedStorageFromTorchSave() throws IOException {
        assertDtypes("dtypes.pt", true);
    }

    @Test
    void bigEndianArchiveIsSwappedToNativeOrder() throws IOException {
        assertDtypes("dtypes_big_endian.pt", true);
    }

    @Test
    void everyDtypeFromSafetensorsWrittenWithNumpy() throws IOException {
        assertDtypes("dtypes.safetensors", false);
    }

    private static void assertDtypes(String file, boolean keepsRequiresGrad) throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("dtypes_expected.txt");
        try (StateDict sd = StateDict.load(Expected.fixture(file))) {
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(sd.keySet()), file + " keys");
            expected.forEach((k, e) -> e.assertMatches(file + ": " + k, sd.get(k)));
            assertEquals(keepsRequiresGrad, sd.get("requires_grad").requiresGrad());
            assertFalse(sd.get("f32").requiresGrad());
            assertNotSame(sd.get("shared.a"), sd.get("shared.b"));
        }
    }

    @Test
    void pickleProtocol4AndParametersAreRead() throws IOException {
        try (StateDict sd = StateDict.load(Expected.fixture("protocol4.pt"))) {
            assertArrayEquals(new double[] {0, 1, 2, 3, 4}, sd.get("a").toDoubleArray());
            assertEquals(DType.INT64, sd.get("b").dtype());
            assertArrayEquals(new long[] {1, 2, 3, 4}, sd.get("b").toLongArray());
        }
        try (StateDict sd = StateDict.load(Expected.fixture("parameter.pt"))) {
            assertArrayEquals(new long[] {2, 3}, sd.get("w").shape());
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, sd.get("w").toDoubleArray());
            assertTrue(sd.get("w").requiresGrad(), "nn.Parameter keeps requires_grad=True, as torch.load does");
        }
    }

    @Test
    void torchArchiveRoundTripKeepsValuesOrderAndMetadata(@TempDir Path dir) throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("dtypes_expected.txt");
        Path file = dir.resolve("copy.pth");
        try (StateDict sd = StateDict.load(Expected.fixture("dtypes.pt"))) {
            sd.metadata().put("", new LinkedHashMap<>(Map.of("version", 2L)));
            StateDict.save(sd, file);
        }
        try (StateDict back = StateDict.load(file)) {
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(back.keySet()));
            expected.forEach((k, e) -> e.assertMatches(k, back.get(k)));
            assertEquals(Map.of("", Map.of("version", 2L)), back.metadata());
        }
        // views and shared tensors keep sharing: as many storages as torch.save wrote for the same tensors
        assertArchiveLikeTorchSave(file, storageRecords(Expected.fixture("dtypes.pt")));
    }

    /** The number of storage records in a torch.save archive, counted with java.util.zip. */
    private static int storageRecords(Path archive) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(archive.toFile())) {
            return (int) z.stream().filter(e -> e.getName().contains("/data/")).count();
        }
    }

    @Test
    void safetensorsRoundTripFollowsTheSpec(@TempDir Path dir) throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("dtypes_expected.txt");
        Path file = dir.resolve("copy.safetensors");
        try (StateDict sd = StateDict.load(Expected.fixture("dtypes.pt"))) {
            StateDict.save(sd, file);
        }
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"f32\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
        assertTrue(header.contains("\"bf16\":{\"dtype\":\"BF16\",\"shape\":[4]"), header);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        try (StateDict back = StateDict.load(file)) {
            expected.forEach((k, e) -> e.assertMatches(k, back.get(k)));
        }
    }

    @Test
    void modelSavedFromJavaLoadsBackWithTheSameLogits(@TempDir Path dir) throws IOException {
        Map<String, Expected.Entry> expected = Expected.load("notebook_expected.txt");
        Torch.manualSeed(1234);
        try (SimpleNet a = new SimpleNet(17, 100, 16); SimpleNet b = new SimpleNet(17, 100, 16);
             SimpleNet c = new SimpleNet(17, 100, 16)) {
            float[] want = logits(a, expected);
            assertFalse(java.util.Arrays.equals(want, logits(b, expected)), "two random models differ");
            Path pt = dir.resolve("model.pt");
            Path st = dir.resolve("model.safetensors");
            a.saveStateDict(pt);
            a.saveStateDict(st);
            assertEquals(StateDict.Format.TORCH, StateDict.Format.detect(pt));
            assertEquals(StateDict.Format.SAFETENSORS, StateDict.Format.detect(st));
            b.loadStateDict(pt);
            c.loadStateDict(st);
            assertArrayEquals(want, logits(b, expected));
            assertArrayEquals(want, logits(c, expected));
            assertArchiveLikeTorchSave(pt, 7);
            writeForPythonCheck(a, want);
        }
    }

    /**
     * Leaves the Java-written files and their logits in target/statedict-java/ for
     * tools/check_statedict_java.py, which loads them with torch.load(weights_only=True) and a
     * safetensors reader (a step done by hand: tests never need Python).
     */
    private static void writeForPythonCheck(SimpleNet model, float[] logits) throws IOException {
        Path out = Path.of("target", "statedict-java");
        Files.createDirectories(out);
        model.saveStateDict(out.resolve("notebook_java.pt"));
        model.saveStateDict(out.resolve("notebook_java.safetensors"));
        StringBuilder sb = new StringBuilder();
        for (float f : logits) {
            sb.append(sb.length() == 0 ? "" : ",").append(f);
        }
        Files.writeString(out.resolve("notebook_java_logits.txt"), sb + "\n");
        try (StateDict sd = StateDict.load(Expected.fixture("dtypes.pt"))) {
            sd.metadata().put("", new LinkedHashMap<>(Map.of("version", 1L)));
            sd.metadata().put("view", new LinkedHashMap<>(Map.of("version", 2L, "note", "from Java")));
            StateDict.save(sd, out.resolve("dtypes_java.pt"));
            StateDict.save(sd, out.resolve("dtypes_java.safetensors"));
        }
    }

    @Test
    void theSameTensorTwiceIsWrittenAsOneStorage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tied.pt");
        try (Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3); Tensor b = Tensor.of(new float[] {7})) {
            Map<String, Tensor> tied = new LinkedHashMap<>();
            tied.put("encoder.weight", w);
            tied.put("bias", b);
            tied.put("decoder.weight", w);
            StateDict.save(tied, file);
        }
        assertArchiveLikeTorchSave(file, 2);
        try (StateDict back = StateDict.load(file)) {
            assertEquals(List.of("encoder.weight", "bias", "decoder.weight"), new ArrayList<>(back.keySet()));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.get("decoder.weight").toFloatArray());
            assertArrayEquals(new float[] {7}, back.get("bias").toFloatArray());
        }
    }

    /**
     * Walks the zip's local headers independently of java.util.zip.ZipFile: the records torch.save
     * writes, stored (not compressed), each storage's data on a 64-byte boundary; then reads it with
     * ZipInputStream, which verifies every CRC-32.
     */
    private static void assertArchiveLikeTorchSave(Path file, int storages) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        int pos = 0;
        while (b.getInt(pos) == 0x04034b50) {
            int method = b.getShort(pos + 8);
            long size = b.getInt(pos + 18) & 0xffffffffL;
            int nameLen = b.getShort(pos + 26) & 0xffff;
            int extraLen = b.getShort(pos + 28) & 0xffff;
            String name = new String(all, pos + 30, nameLen, StandardCharsets.UTF_8);
            int data = pos + 30 + nameLen + extraLen;
            assertEquals(0, method, name + " is stored");
            if (name.startsWith("archive/data/")) {
                assertEquals(0, data % 64, name + " data at byte " + data + " is 64-byte aligned");
            }
            names.add(name);
            pos = (int) (data + size);
        }
        List<String> want = new ArrayList<>(List.of("archive/data.pkl", "archive/byteorder"));
        for (int i = 0; i < storages; i++) {
            want.add("archive/data/" + i);
        }
        want.add("archive/version");
        assertEquals(want, names);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            int n = 0;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("archive/version")) {
                    assertEquals("3\n", new String(content, StandardCharsets.US_ASCII));
                }
                if (e.getName().equals("archive/byteorder")) {
                    assertEquals("little", new String(content, StandardCharsets.US_ASCII));
                }
                n++;
            }
            assertEquals(want.size(), n);
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals('P', in.read());
        }
    }
}
