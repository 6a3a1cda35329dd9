package dev.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restricted unpickler on hand-written opcodes, and the pickler's output read back. */
class UnpicklerTest {
    private static final Path FILE = Path.of("x.pt");

    private static Object load(Object... parts) throws UnpicklingException {
        return Unpickler.load(TestFiles.bytes(parts), FILE, "x/data.pkl");
    }

    @Test
    void integersOfEveryWidthAsPythonEncodesThem() throws UnpicklingException {
        Object t = load(0x80, 2, '(', 'K', 255, 'M', 0x34, 0x12, 'J', 0xff, 0xff, 0xff, 0xff,
                0x8a, 5, 0, 0, 0, 0, 0x80, 0x8a, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x8a, 0, 't', '.');
        assertEquals(Tuple.of(255L, 0x1234L, -1L, -(1L << 39), Long.MAX_VALUE, 0L), t);
        assertTrue(t instanceof Tuple);
    }

    @Test
    void memoAndUtf8Strings() throws UnpicklingException {
        Object d = load(0x80, 2, '}', 'q', 0, 'X', 8, 0, 0, 0, "ключ", 'q', 1, 0x88, 's', 'h', 1, 0x89,
                's', '.');
        assertTrue(d instanceof Unpickler.Dict);
        assertEquals(Map.of("ключ", false), ((Unpickler.Dict) d).items);
        assertThrows(UnpicklingException.class, () -> load(0x80, 2, '}', 'q', 0, 'h', 1, '.'));
    }

    @Test
    void refusesOpcodesAStateDictNeverUses() {
        String[][] cases = {
            {"\u0080\u0002(l", "LIST ('l')", "3"},
            {"\u0080\u0002S'x'\n", "STRING ('S')", "2"},
            {"\u0080\u0002N\u0081", "NEWOBJ (0x81)", "3"},
            {"\u0080\u0002\u00ff", "0xff (unknown)", "2"},
            {"\u0080\u0006", "protocol 6", "0"},
        };
        for (String[] c : cases) {
            byte[] b = new byte[c[0].length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) c[0].charAt(i);
            }
            UnpicklingException e = assertThrows(UnpicklingException.class, () -> Unpickler.load(b, FILE, "x/data.pkl"));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(Long.parseLong(c[2]), e.offset(), e.getMessage());
        }
    }

    @Test
    void allowedGlobalsCannotBeCalledAnyOtherWay() {
        // an allowed storage type used as a function
        UnpicklingException e = assertThrows(UnpicklingException.class,
                () -> load(0x80, 2, 'c', "torch\nFloatStorage\n", ')', 'R', '.'));
        assertTrue(e.getMessage().contains("torch.FloatStorage cannot be called"), e.getMessage());
        // OrderedDict with arguments (it would accept an iterable of anything)
        e = assertThrows(UnpicklingException.class,
                () -> load(0x80, 2, 'c', "collections\nOrderedDict\n", 'K', 1, 0x85, 'R', '.'));
        assertTrue(e.getMessage().contains("called with 1 argument(s), expected ()"), e.getMessage());
        // BUILD on a plain dict, which in Python would set items through __setstate__ of other types
        e = assertThrows(UnpicklingException.class, () -> load(0x80, 2, '}', '}', 'b', '.'));
        assertTrue(e.getMessage().contains("BUILD on a dict of 0 item(s)"), e.getMessage());
        // a persistent id that is not a storage
        e = assertThrows(UnpicklingException.class, () -> load(0x80, 2, 'X', 3, 0, 0, 0, "abc", 'Q', '.'));
        assertTrue(e.getMessage().contains("persistent id 'abc' is not ('storage'"), e.getMessage());
        assertEquals(10, e.offset());
    }

    @Test
    void stopMustEndAnEmptyStack() {
        UnpicklingException e = assertThrows(UnpicklingException.class, () -> load(0x80, 2, 'N', 'N', '.'));
        assertTrue(e.getMessage().contains("STOP with 1 more object(s) on the stack"), e.getMessage());
        e = assertThrows(UnpicklingException.class, () -> load(0x80, 2, 'N'));
        assertTrue(e.getMessage().contains("ends without a STOP opcode"), e.getMessage());
    }

    @Test
    void picklerOutputReadsBackAsTheSameTensorDescriptions() throws UnpicklingException {
        try (Tensor a = Torch.zeros(2, 3); Tensor b = Torch.zeros(1); Tensor c = Torch.zeros(1); Tensor d = Torch.zeros(1)) {
            Map<Tensor, Pickler.TensorEntry> entries = new java.util.IdentityHashMap<>();
            entries.put(a, new Pickler.TensorEntry("HalfStorage", "0", "cpu", 6, 0, new long[] {2, 3},
                    new long[] {3, 1}, false));
            entries.put(b, new Pickler.TensorEntry("LongStorage", "1", "cpu", 70000, 5, new long[] {70000},
                    new long[] {1}, false));
            entries.put(c, new Pickler.TensorEntry("BoolStorage", "2", "cuda:1", 1, 0, new long[] {}, new long[] {},
                    true));
            entries.put(d, new Pickler.TensorEntry("FloatStorage", "3", "cpu", 1L << 33, 0,
                    new long[] {1, 2, 2, 1L << 31}, new long[] {1L << 33, 1L << 32, 1L << 31, 1}, false));
            StateDict sd = new StateDict();
            sd.put("a", a);
            sd.put("b", b);
            sd.put("c", c);
            sd.put("d", d);
            sd.metadata().put("", Map.of("version", 1L));
            byte[] pkl = Pickler.pickle(sd, entries::get, true);
            Unpickler.Dict r = (Unpickler.Dict) Unpickler.load(pkl, FILE, "x/data.pkl");
            assertTrue(r.ordered);
            assertEquals(List.of("a", "b", "c", "d"), List.copyOf(r.items.keySet()));
            Unpickler.TensorRef ra = (Unpickler.TensorRef) r.items.get("a");
            assertEquals(DType.FLOAT16, ra.storage().dtype());
            assertArrayEquals(new long[] {3, 1}, ra.stride());
            Unpickler.TensorRef rb = (Unpickler.TensorRef) r.items.get("b");
            assertEquals(70000, rb.storage().numel());
            assertEquals(5, rb.storageOffset());
            Unpickler.TensorRef rc = (Unpickler.TensorRef) r.items.get("c");
            assertEquals(DType.BOOL, rc.storage().dtype());
            assertEquals("cuda:1", rc.storage().location());
            assertFalse(rc.requiresGrad(), "a flat state dict is saved detached");
            Unpickler.TensorRef big = (Unpickler.TensorRef) r.items.get("d");
            assertArrayEquals(new long[] {1, 2, 2, 1L << 31}, big.size());
            assertEquals(1L << 33, big.storage().numel());
            Unpickler.Dict meta = (Unpickler.Dict) r.attributes.get("_metadata");
            assertEquals(Map.of("version", 1L), ((Unpickler.Dict) meta.items.get("")).items);
            sd.clear();
        }
    }
}
