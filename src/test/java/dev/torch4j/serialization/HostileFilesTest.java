package dev.torch4j.serialization;

import static dev.torch4j.serialization.TestFiles.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's reproductions for the serialization readers (items 10, 11 and 14): small files that hung,
 * exhausted the heap, overflowed the stack or allocated from an unchecked size. Each now loads or is
 * refused with a {@link StateDictFormatException} at once. The timeouts only catch a hang (the old
 * code never returned); they are no benchmark.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFilesTest {
    @TempDir
    Path dir;

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    /** {@code None}, then {@code levels} times (top, top): a tuple DAG of 2^levels leaves in 5 bytes a level. */
    private static byte[] sharedTuple(int levels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('N');
        for (int i = 0; i < levels; i++) {
            out.writeBytes(bytes('q', 0, 'h', 0, 0x86));
        }
        return out.toByteArray();
    }

    @Test
    void aHundredLevelSharedTupleAsADictKeyLoadsAtOnce() throws IOException {
        byte[] pkl = bytes(0x80, 2, '}', sharedTuple(100), 'K', 1, 's', '.');
        assertTrue(pkl.length < 520, pkl.length + " bytes");
        Path file = TestFiles.torchArchive(dir.resolve("dag_key.pt"), pkl);
        Map<?, ?> m = (Map<?, ?>) Torch.load(file);
        assertEquals(1, m.size());
        Object key = m.keySet().iterator().next();
        assertEquals(1L, m.get(key));
        for (int level = 0; level < 100; level++) {
            Tuple t = (Tuple) key;
            assertSame(t.get(0), t.get(1), "level " + level + " shares its children");
            key = t.get(0);
        }
        assertNull(key);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "key (((", "is not a string");
        assertTrue(e.getMessage().length() < 600, e.getMessage());
    }

    @Test
    void theSameTupleAsAValueGetsAShortMessage() throws IOException {
        byte[] pkl = bytes(0x80, 2, '}', 'X', TestFiles.le4(1), "k", sharedTuple(100), 's', '.');
        Path file = TestFiles.torchArchive(dir.resolve("dag_value.pt"), pkl);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "the value of 'k' is (((", "expected a tensor");
        assertTrue(e.getMessage().length() < 600, e.getMessage());
        Tuple v = (Tuple) ((Map<?, ?>) Torch.load(file)).get("k");
        assertSame(v.get(0), v.get(1));
    }

    @Test
    void tenThousandNestedTuplesAreRefusedAtTheDepthLimitOrLoadedAboveIt() throws IOException {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(bytes(0x80, 2, 'N'));
        for (int i = 0; i < 10_000; i++) {
            pkl.write(0x85);
        }
        pkl.write('.');
        Path file = TestFiles.torchArchive(dir.resolve("deep.pt"), pkl.toByteArray());
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "tuples nested deeper than 1000 levels", "torch4j.serialization.maxDepth");
        withProperty("torch4j.serialization.maxDepth", "20000", () -> {
            Object o = Torch.load(file);
            int depth = 0;
            while (o instanceof Tuple t) {
                o = t.get(0);
                depth++;
            }
            assertEquals(10_000, depth);
        });
    }

    @Test
    void nestedListsAndDictsPastTheLimitAreRefusedWithoutRecursion() throws IOException {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(bytes(0x80, 2, ']'));
        for (int i = 0; i < 5_000; i++) {
            pkl.writeBytes(bytes('(', ']')); // as pickle writes [[[...]]]: each list, then its items, then APPENDS
        }
        for (int i = 0; i < 5_000; i++) {
            pkl.write('e');
        }
        pkl.write('.');
        Path file = TestFiles.torchArchive(dir.resolve("deep_lists.pt"), pkl.toByteArray());
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "nested deeper than 1000 levels");
    }

    @Test
    void aSafetensorsHeaderNested3000DeepIsRefused() throws IOException {
        String header = "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        Path file = TestFiles.safetensors(dir.resolve("deep.safetensors"), header, new byte[0]);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "nesting deeper than 128 arrays and objects");
    }

    @Test
    void threeHundredMillionMemoizeOpcodesAreRefusedBeforeTheyAreRead() throws IOException {
        TestFiles.Entry pkl = TestFiles.Entry.deflatedRun("data.pkl", bytes(0x80, 4, 'N'), (byte) 0x94, 300_000_000L,
                bytes('.'));
        Path file = TestFiles.torchArchive(dir.resolve("memoize.pt"), pkl);
        assertTrue(Files.size(file) < 400_000, Files.size(file) + " bytes");
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "the zip directory says 300000004 bytes", "heap budget",
                "torch4j.serialization.maxPickleMemory");
    }

    @Test
    void aPickleThatLiesAboutItsSizeIsCutAtTheBudget() throws IOException {
        TestFiles.Entry pkl = TestFiles.Entry.deflatedRun("data.pkl", bytes(0x80, 4, 'N'), (byte) 0x94, 20_000_000L,
                bytes('.')).size(1000);
        Path file = TestFiles.torchArchive(dir.resolve("memoize_lie.pt"), pkl);
        withProperty("torch4j.serialization.maxPickleMemory", "16000000", () -> {
            StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
            assertContains(e.getMessage(), "the pickle is larger than the 16000000-byte heap budget");
        });
    }

    private interface Body {
        void run() throws IOException;
    }

    /** Runs {@code body} with a system property set, restoring it after. */
    private static void withProperty(String name, String value, Body body) throws IOException {
        String old = System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }

    @Test
    void thirtyMillionMemoizeOpcodesOfOneObjectTakeOneMemoEntry() throws IOException {
        TestFiles.Entry pkl = TestFiles.Entry.deflatedRun("data.pkl", bytes(0x80, 4, ')'), (byte) 0x94, 30_000_000L,
                bytes('.'));
        Path file = TestFiles.torchArchive(dir.resolve("memoize_ok.pt"), pkl);
        assertEquals(List.of(), Torch.load(file));
    }

    @Test
    void aPickleRecordClaiming2GBInASmallFileIsRefusedBeforeAllocating() throws IOException {
        TestFiles.Entry pkl = new TestFiles.Entry("data.pkl", bytes(0x80, 2, 'N', '.')).size(Integer.MAX_VALUE)
                .compressedSize(Integer.MAX_VALUE);
        Path file = TestFiles.torchArchive(dir.resolve("claim.pt"), pkl);
        assertTrue(Files.size(file) < 1000);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "data.pkl", "the zip directory says 2147483647 bytes");
    }

    @Test
    void aStorageRecordClaiming2GBInASmallFileIsRefusedBeforeAllocating() throws IOException {
        long numel = 1L << 29; // 2 GiB of floats
        Path file = TestFiles.torchArchive(dir.resolve("storage.pt"),
                TestFiles.tensorPickle("w", numel, new long[] {numel}, new long[] {1}),
                new TestFiles.Entry("data/0", new byte[8]).size(numel * 4).compressedSize(numel * 4));
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "storage/data/0", "record claims 2147483648 bytes (stored), more than a file of",
                "refused before allocating");
    }

    @Test
    void aZip64StorageOf128GiBIsRefusedBeforeAllocating() throws IOException {
        long numel = 1L << 35; // 128 GiB of floats
        Path file = TestFiles.torchArchive(dir.resolve("zip64.pt"),
                TestFiles.tensorPickle("w", numel, new long[] {numel}, new long[] {1}),
                new TestFiles.Entry("data/0", new byte[16]).size(numel * 4).compressedSize(numel * 4).zip64());
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "zip64/data/0", "record claims 137438953472 bytes (stored)",
                "refused before allocating");
    }

    @Test
    void aDeflatedStorageCannotClaimMoreThanDeflateExpands() throws IOException {
        long numel = 1L << 28;
        Path file = TestFiles.torchArchive(dir.resolve("deflated.pt"),
                TestFiles.tensorPickle("w", numel, new long[] {numel}, new long[] {1}),
                new TestFiles.Entry("data/0", new byte[64]).deflate().size(numel * 4));
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "record claims 1073741824 bytes (deflated to", "refused before allocating");
    }

    @Test
    void aViewReachingPastItsStorageIsRefusedNotGrown() throws IOException {
        Path file = TestFiles.torchArchive(dir.resolve("past.pt"),
                TestFiles.tensorPickle("w", 6, new long[] {4, 2}, new long[] {2, 1}),
                new TestFiles.Entry("data/0", new byte[24]));
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> StateDict.load(file));
        assertContains(e.getMessage(), "tensor (offset 0, size [4, 2], stride [2, 1]) reaches element 7 of storage "
                + "'0', which holds 6");
        Path overflow = TestFiles.torchArchive(dir.resolve("overflow.pt"),
                TestFiles.tensorPickle("w", 6, new long[] {1L << 62, 1L << 62, 0}, new long[] {1, 1, 1}),
                new TestFiles.Entry("data/0", new byte[24]));
        e = assertThrows(StateDictFormatException.class, () -> StateDict.load(overflow));
        assertContains(e.getMessage(), "has more elements than 2^63-1");
    }

    @Test
    void aStrideZeroViewOfTwoBillionRowsTakesItsTwentyFourBytes() throws IOException {
        Path file = TestFiles.torchArchive(dir.resolve("expand.pt"),
                TestFiles.tensorPickle("w", 6, new long[] {1L << 31, 6}, new long[] {0, 1}),
                new TestFiles.Entry("data/0", new byte[24]));
        try (StateDict sd = StateDict.load(file)) {
            Tensor w = sd.get("w");
            assertArrayEquals(new long[] {1L << 31, 6}, w.shape());
            assertEquals(24, dev.torch4j.internal.TensorStorage.of(w).nbytes());
        }
    }

    /** {@code n} strings of "Aa"/"BB" pairs: all share one String.hashCode. */
    private static String[] collidingStrings(int n) {
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int b = 0; b < bits; b++) {
                sb.append(((i >> b) & 1) == 0 ? "Aa" : "BB");
            }
            out[i] = sb.toString();
        }
        return out;
    }

    private static byte[] dictPickle(List<byte[]> keys) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(bytes(0x80, 2, '}', '('));
        for (byte[] k : keys) {
            p.writeBytes(k);
            p.write('N');
        }
        p.writeBytes(bytes('u', '.'));
        return p.toByteArray();
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bytes('X', TestFiles.le4(b.length), b);
    }

    @Test
    void keysOfMixedTypesSharingAHashCodeAreRefusedInsteadOfTakingQuadraticTime() throws IOException {
        String[] strings = collidingStrings(20_000);
        int h = strings[0].hashCode();
        List<byte[]> keys = new java.util.ArrayList<>();
        for (String s : strings) {
            keys.add(str(s));
        }
        Path same = TestFiles.torchArchive(dir.resolve("strings.pt"), dictPickle(keys));
        assertEquals(20_000, ((Map<?, ?>) Torch.load(same)).size(), "one comparable class: loads, in n log n");
        for (long x = 1; x <= 20_000; x++) {
            long v = (x << 32) | ((x ^ h) & 0xffffffffL); // Long.hashCode(v) == h
            keys.add(TestFiles.long1(v));
        }
        Path mixed = TestFiles.torchArchive(dir.resolve("mixed.pt"), dictPickle(keys));
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(mixed));
        assertContains(e.getMessage(), "more than 64 keys of one dict share the hash code " + h);
        List<byte[]> tuples = new java.util.ArrayList<>();
        for (long a = 0; a < 100; a++) {
            tuples.add(bytes(TestFiles.long1(a), TestFiles.long1(3100 - 31 * a), 0x86)); // (a, b): 31 * (31 + a) + b
        }
        Path tupleKeys = TestFiles.torchArchive(dir.resolve("tuples.pt"), dictPickle(tuples));
        e = assertThrows(StateDictFormatException.class, () -> Torch.load(tupleKeys));
        assertContains(e.getMessage(), "more than 64 keys of one dict share the hash code");
    }

    @Test
    void aZipCommentLongerThanTheFileIsAFormatErrorWithAMessage() throws IOException {
        byte[] zip = TestFiles.zip(new TestFiles.Entry("z/data.pkl", bytes(0x80, 2, 'N', '.')));
        zip[zip.length - 1] = 0x10; // the END record's comment length: 4096 bytes that are not there
        Path file = dir.resolve("z.pt");
        Files.write(file, zip);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Torch.load(file));
        assertContains(e.getMessage(), "not a complete zip archive (", "expected the zip directory at the end");
    }
}
