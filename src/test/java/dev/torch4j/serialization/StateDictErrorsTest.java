package dev.torch4j.serialization;

import dev.torch4j.examples.Notebook.SimpleNet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malicious, corrupt and foreign files: each refused with the file, the byte offset and what was expected. */
class StateDictErrorsTest {
    /** The file the fixtures' payloads would create if anything ran them. */
    private static final Path MARKER = Path.of("/tmp/torch4j-statedict-pwned");

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "evil_os_system.pt    | 2  | global 'os.system' is not allowed",
        "evil_reduce.pt       | 2  | global 'posix.system' is not allowed",
        "evil_in_dict.pt      | 47 | global 'posix.system' is not allowed",
        "evil_inst.pt         | 42 | opcode INST ('i') is not allowed",
        "evil_stack_global.pt | 18 | global 'builtins.eval' is not allowed",
        "evil_rebuild_args.pt | 44 | torch._utils._rebuild_tensor_v2 arguments ('abc',), expected (storage",
    })
    void maliciousPicklesAreRefusedWithoutRunningAnything(String file, long offset, String detail) throws IOException {
        Files.deleteIfExists(MARKER);
        Path path = Expected.fixture(file);
        UnpicklingException e = assertThrows(UnpicklingException.class, () -> StateDict.load(path));
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(file.replace(".pt", "") + "/data.pkl", e.record());
        assertEquals(path, e.file());
        assertContains(e.getMessage(), path.toString(), "record '" + e.record() + "', byte " + offset + ": ", detail);
        try (SimpleNet model = new SimpleNet(17, 100, 16)) {
            assertThrows(UnpicklingException.class, () -> model.loadStateDict(path));
        }
        assertFalse(Files.exists(MARKER), "the payload ran");
    }

    @Test
    void wrongCrcIsReportedForTheRecord() {
        Path path = Expected.fixture("corrupt_crc.pt");
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertEquals("notebook/data/0", e.record());
        assertContains(e.getMessage(), path.toString(), "record 'notebook/data/0'", "CRC-32 of the record's 6800 bytes",
                "the zip directory says", "corrupt");
    }

    @Test
    void truncatedArchivesAreReportedAtTheirEnd(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(Expected.fixture("notebook.pt"));
        for (int keep : new int[] {all.length / 2, all.length - 10, 100}) {
            Path cut = dir.resolve("cut" + keep + ".pt");
            Files.write(cut, Arrays.copyOf(all, keep));
            StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(cut));
            assertEquals(keep, e.offset(), e.getMessage());
            assertContains(e.getMessage(), cut + ": byte " + keep + ": not a complete zip archive", "truncated");
        }
    }

    @Test
    void truncatedPickleInsideAValidZip(@TempDir Path dir) throws IOException {
        byte[] pkl = {(byte) 0x80, 2, 'c', 'c', 'o', 'l', 'l', 'e', 'c', 't', 'i', 'o', 'n', 's', '\n', 'O', 'r', 'd',
            'e', 'r', 'e', 'd', 'D', 'i', 'c', 't', '\n', ')', 'R', 'X', 9, 0, 0, 0, 'a', 'b'};
        Path path = dir.resolve("short.pt");
        writeZip(path, "short/data.pkl", pkl);
        UnpicklingException e = assertThrows(UnpicklingException.class, () -> StateDict.load(path));
        assertEquals(29, e.offset());
        assertContains(e.getMessage(), "BINUNICODE ('X') string needs 9 bytes at byte 34 but the pickle has 2 left");
    }

    @Test
    void missingStorageRecordIsNamed() {
        Path path = Expected.fixture("missing_record.pt");
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertEquals("missing_record/data/1", e.record());
        assertContains(e.getMessage(), "record is missing", "refers to storage '1'");
    }

    @Test
    void legacyFormatAndCheckpointsAreExplained() {
        StateDictFormatException legacy = assertThrows(StateDictFormatException.class,
                () -> StateDict.load(Expected.fixture("legacy.pt")));
        assertEquals(0, legacy.offset());
        assertContains(legacy.getMessage(), "legacy torch.save format (PyTorch < 1.6");
        StateDictFormatException checkpoint = assertThrows(StateDictFormatException.class,
                () -> StateDict.load(Expected.fixture("checkpoint.pt")));
        assertContains(checkpoint.getMessage(), "record 'checkpoint/data.pkl'",
                "the value of 'model' is an OrderedDict of 7 item(s), expected a tensor", "checkpoint");
    }

    @Test
    void safetensorsHeaderLengthPastTheEnd(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("bad.safetensors");
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1000).put("{\"a\":1}         ".getBytes(StandardCharsets.US_ASCII));
        Files.write(path, b.array());
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertEquals(0, e.offset());
        assertNull(e.record());
        assertContains(e.getMessage(), path + ": byte 0: safetensors header length 1000 is past the file end (24 bytes, "
                + "so at most 16)");
    }

    @Test
    void truncatedSafetensorsDataIsReported(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(Expected.fixture("notebook.safetensors"));
        Path path = dir.resolve("cut.safetensors");
        Files.write(path, Arrays.copyOf(all, all.length - 4));
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertContains(e.getMessage(), "the tensors' data ends at byte " + (all.length - 4 - 8 - n(all) + 4)
                + " of the data section, but the data section has " + (all.length - 4 - 8 - n(all)) + " bytes");
    }

    /** The header length of a safetensors file's bytes. */
    private static long n(byte[] all) {
        return ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void unknownContentIsNeitherFormat(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("notes.pt");
        Files.writeString(path, "these are not weights at all");
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertContains(e.getMessage(), "byte 0: neither a torch.save zip archive", "nor safetensors");
        Path empty = dir.resolve("empty.pt");
        Files.write(empty, new byte[0]);
        assertContains(assertThrows(StateDictFormatException.class, () -> StateDict.load(empty)).getMessage(),
                "file of 0 bytes is too short");
    }

    @Test
    void torchScriptArchiveIsNotAStateDict(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("scripted.pt");
        writeZip(path, "scripted/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(path));
        assertContains(e.getMessage(), "without a '<name>/data.pkl' record", "torch.jit.save");
    }

    private static void writeZip(Path path, String name, byte[] data) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(data);
            zip.closeEntry();
        }
    }
}
