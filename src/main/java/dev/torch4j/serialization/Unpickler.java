package dev.torch4j.serialization;

import dev.torch4j.DType;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted unpickler for the {@code data.pkl} of a {@code torch.save} archive, in the spirit of
 * {@code torch.load(weights_only=True)}: it builds only dicts, tuples, strings, numbers, booleans,
 * {@code None} and tensor descriptions, and knows only the few globals a state dict names. It calls
 * nothing: every global is checked against the allow list when it is read, and {@code REDUCE} and
 * {@code BUILD} are interpreted for those globals only. Anything else is refused with the opcode and
 * its byte offset.
 */
final class Unpickler {
    /** A global the pickle named and the allow list accepted. */
    record Global(String module, String name) {
        String dotted() {
            return module + "." + name;
        }
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A storage named by a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}. */
    record StorageRef(String key, DType dtype, String typeName, String location, long numel, long pickleOffset) {
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)}. */
    record TensorRef(StorageRef storage, long storageOffset, long[] size, long[] stride, boolean requiresGrad,
            long pickleOffset) {
    }

    /** A dict or {@code collections.OrderedDict}; {@code attributes} holds what BUILD set, e.g. {@code _metadata}. */
    static final class Dict {
        final Map<Object, Object> items = new LinkedHashMap<>();
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final boolean ordered;

        Dict(boolean ordered) {
            this.ordered = ordered;
        }
    }

    private static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("FloatStorage", DType.FLOAT32), Map.entry("DoubleStorage", DType.FLOAT64),
            Map.entry("HalfStorage", DType.FLOAT16), Map.entry("BFloat16Storage", DType.BFLOAT16),
            Map.entry("LongStorage", DType.INT64), Map.entry("IntStorage", DType.INT32),
            Map.entry("ShortStorage", DType.INT16), Map.entry("CharStorage", DType.INT8),
            Map.entry("ByteStorage", DType.UINT8), Map.entry("BoolStorage", DType.BOOL));

    static final String ORDERED_DICT = "collections.OrderedDict";
    static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    private static final String ALLOWED = ORDERED_DICT + ", " + REBUILD_TENSOR + ", " + REBUILD_PARAMETER
            + " and torch.<Float|Double|Half|BFloat16|Long|Int|Short|Char|Byte|Bool>Storage";

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        String[] table = {
            "(", "MARK", ".", "STOP", "0", "POP", "1", "POP_MARK", "2", "DUP", "F", "FLOAT", "I", "INT",
            "J", "BININT", "K", "BININT1", "L", "LONG", "M", "BININT2", "N", "NONE", "P", "PERSID",
            "Q", "BINPERSID", "R", "REDUCE", "S", "STRING", "T", "BINSTRING", "U", "SHORT_BINSTRING",
            "V", "UNICODE", "X", "BINUNICODE", "a", "APPEND", "b", "BUILD", "c", "GLOBAL", "d", "DICT",
            "}", "EMPTY_DICT", "e", "APPENDS", "g", "GET", "h", "BINGET", "i", "INST", "j", "LONG_BINGET",
            "l", "LIST", "]", "EMPTY_LIST", "o", "OBJ", "p", "PUT", "q", "BINPUT", "r", "LONG_BINPUT",
            "s", "SETITEM", "t", "TUPLE", ")", "EMPTY_TUPLE", "u", "SETITEMS", "G", "BINFLOAT",
            "\u0080", "PROTO", "\u0081", "NEWOBJ", "\u0082", "EXT1", "\u0083", "EXT2", "\u0084", "EXT4",
            "\u0085", "TUPLE1", "\u0086", "TUPLE2", "\u0087", "TUPLE3", "\u0088", "NEWTRUE", "\u0089", "NEWFALSE",
            "\u008a", "LONG1", "\u008b", "LONG4", "B", "BINBYTES", "C", "SHORT_BINBYTES",
            "\u008c", "SHORT_BINUNICODE", "\u008d", "BINUNICODE8", "\u008e", "BINBYTES8",
            "\u008f", "EMPTY_SET", "\u0090", "ADDITEMS", "\u0091", "FROZENSET", "\u0092", "NEWOBJ_EX",
            "\u0093", "STACK_GLOBAL", "\u0094", "MEMOIZE", "\u0095", "FRAME", "\u0096", "BYTEARRAY8",
            "\u0097", "NEXT_BUFFER", "\u0098", "READONLY_BUFFER"};
        for (int i = 0; i < table.length; i += 2) {
            NAMES.put((int) table[i].charAt(0), table[i + 1]);
        }
    }

    private final byte[] data;
    private final Path file;
    private final String record;
    private int pos;
    private int opStart;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(byte[] data, Path file, String record) {
        this.data = data;
        this.file = file;
        this.record = record;
    }

    /**
     * Reads one pickled object.
     *
     * @param data   the pickle bytes
     * @param file   the archive, for messages
     * @param record the record name, for messages
     * @return a {@link Dict}, {@link Tuple}, {@link TensorRef}, String, Long, Boolean or null
     * @throws UnpicklingException at the first opcode that is malformed or not allowed
     */
    static Object load(byte[] data, Path file, String record) throws UnpicklingException {
        return new Unpickler(data, file, record).run();
    }

    private UnpicklingException fail(String detail) {
        return new UnpicklingException(file, record, opStart, detail);
    }

    private Object run() throws UnpicklingException {
        while (true) {
            opStart = pos;
            if (pos >= data.length) {
                throw fail("the pickle ends without a STOP opcode (" + data.length + " bytes; truncated?)");
            }
            int op = data[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u8();
                    if (v > 5) {
                        throw fail("pickle protocol " + v + " is newer than the highest known, 5");
                    }
                }
                case 0x95 -> bytes(8); // FRAME: only a hint for buffered readers
                case '.' -> {
                    Object result = pop();
                    if (!stack.isEmpty() || !marks.isEmpty()) {
                        throw fail("STOP with " + stack.size() + " more object(s) on the stack, expected none");
                    }
                    return result;
                }
                case '(' -> marks.push(stack.size());
                case 'N' -> stack.add(null);
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'K' -> stack.add((long) u8());
                case 'M' -> stack.add((long) (u8() | u8() << 8));
                case 'J' -> stack.add((long) le(4));
                case 0x8a -> stack.add(long1());
                case 'X' -> stack.add(string(le(4) & 0xffffffffL));
                case 0x8c -> stack.add(string(u8()));
                case 0x8d -> stack.add(string(le(8)));
                case ')' -> stack.add(new Tuple(List.of()));
                case 0x85, 0x86, 0x87 -> {
                    int n = op - 0x84;
                    if (stack.size() - n < (marks.isEmpty() ? 0 : marks.peek())) {
                        throw fail(NAMES.get(op) + " needs " + n + " objects on the stack");
                    }
                    List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
                    stack.subList(stack.size() - n, stack.size()).clear();
                    stack.add(new Tuple(items));
                }
                case 't' -> stack.add(new Tuple(popMark()));
                case '}' -> stack.add(new Dict(false));
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    put(target(), key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    if (items.size() % 2 != 0) {
                        throw fail("SETITEMS with an odd number (" + items.size() + ") of keys and values");
                    }
                    Dict d = target();
                    for (int i = 0; i < items.size(); i += 2) {
                        put(d, items.get(i), items.get(i + 1));
                    }
                }
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(le(4) & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> stack.add(get(u8()));
                case 'j' -> stack.add(get(le(4) & 0xffffffffL));
                case 'c' -> {
                    String module = line();
                    String name = line();
                    stack.add(global(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw fail("STACK_GLOBAL expects two strings, got " + describe(module) + " and "
                                + describe(name));
                    }
                    stack.add(global(m, n));
                }
                case 'Q' -> stack.add(persistent(pop()));
                case 'R' -> {
                    Object args = pop();
                    Object callable = pop();
                    stack.add(reduce(callable, args));
                }
                case 'b' -> {
                    Object state = pop();
                    build(peek(), state);
                }
                default -> throw fail("opcode " + opName(op) + " is not allowed in a state dict (torch4j reads "
                        + "only the dicts, tuples, strings, numbers and tensors that torch.save writes for one)");
            }
        }
    }

    private static String opName(int op) {
        String name = NAMES.get(op);
        String code = op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : String.format("0x%02x", op);
        return name != null ? name + " (" + code + ")" : "0x" + String.format("%02x", op) + " (unknown)";
    }

    // ------------------------------------------------------------------ reading bytes

    private void need(long n, String what) throws UnpicklingException {
        if (n < 0 || n > data.length - pos) {
            throw fail(what + " needs " + n + " bytes at byte " + pos + " but the pickle has " + (data.length - pos)
                    + " left (truncated?)");
        }
    }

    private int u8() throws UnpicklingException {
        need(1, opName(data[opStart] & 0xff));
        return data[pos++] & 0xff;
    }

    private void bytes(int n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff));
        pos += n;
    }

    private long le(int n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff));
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (data[pos + i] & 0xff) << (8 * i);
        }
        pos += n;
        if (n == 4) {
            v = (int) v;
        }
        return v;
    }

    private long long1() throws UnpicklingException {
        int n = u8();
        if (n > 8) {
            throw fail("LONG1 integer of " + n + " bytes is larger than 64 bits");
        }
        need(n, "LONG1");
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (data[pos + i] & 0xff) << (8 * i);
        }
        if (n > 0 && n < 8 && (data[pos + n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n);
        }
        pos += n;
        return v;
    }

    private String string(long n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff) + " string");
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, pos, (int) n)).toString();
            pos += (int) n;
            return s;
        } catch (CharacterCodingException e) {
            throw fail("string of " + n + " bytes is not valid UTF-8");
        }
    }

    private String line() throws UnpicklingException {
        int start = pos;
        while (pos < data.length && data[pos] != '\n') {
            pos++;
        }
        if (pos >= data.length) {
            throw fail("GLOBAL name has no terminating newline (truncated?)");
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    // ------------------------------------------------------------------ stack

    private Object pop() throws UnpicklingException {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw fail(opName(data[opStart] & 0xff) + " needs an object on the stack, but it is empty");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws UnpicklingException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
            throw fail(opName(data[opStart] & 0xff) + " needs an object on the stack, but it is empty");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws UnpicklingException {
        if (marks.isEmpty()) {
            throw fail(opName(data[opStart] & 0xff) + " without a MARK before it");
        }
        int m = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object get(long index) throws UnpicklingException {
        if (!memo.containsKey(index)) {
            throw fail("memo index " + index + " was never stored (BINPUT/MEMOIZE)");
        }
        return memo.get(index);
    }

    private Dict target() throws UnpicklingException {
        Object t = peek();
        if (!(t instanceof Dict d)) {
            throw fail(opName(data[opStart] & 0xff) + " on " + describe(t) + ", expected a dict");
        }
        return d;
    }

    private void put(Dict d, Object key, Object value) throws UnpicklingException {
        if (!(key == null || key instanceof String || key instanceof Long || key instanceof Boolean
                || key instanceof Tuple)) {
            throw fail("dict key " + describe(key) + " is not hashable");
        }
        d.items.put(key, value);
    }

    // ------------------------------------------------------------------ the allow list

    private Global global(String module, String name) throws UnpicklingException {
        String dotted = module + "." + name;
        boolean ok = dotted.equals(ORDERED_DICT) || dotted.equals(REBUILD_TENSOR) || dotted.equals(REBUILD_PARAMETER)
                || (module.equals("torch") && STORAGES.containsKey(name));
        if (!ok) {
            throw fail("global '" + dotted + "' is not allowed: a state dict may only name " + ALLOWED
                    + " (like torch.load(weights_only=True)); torch4j never runs code from a file");
        }
        return new Global(module, name);
    }

    private StorageRef persistent(Object pid) throws UnpicklingException {
        if (pid instanceof Tuple t && t.items().size() == 5 && "storage".equals(t.items().get(0))
                && t.items().get(1) instanceof Global g && g.module().equals("torch")
                && STORAGES.containsKey(g.name()) && t.items().get(2) instanceof String key
                && t.items().get(3) instanceof String location && t.items().get(4) instanceof Long numel
                && numel >= 0) {
            return new StorageRef(key, STORAGES.get(g.name()), g.dotted(), location, numel, opStart);
        }
        throw fail("persistent id " + describe(pid) + " is not ('storage', torch.<Type>Storage, key, location, "
                + "numel)");
    }

    private Object reduce(Object callable, Object args) throws UnpicklingException {
        if (!(callable instanceof Global g)) {
            throw fail("REDUCE calls " + describe(callable) + ", expected an allowed global");
        }
        if (!(args instanceof Tuple t)) {
            throw fail("REDUCE of " + g.dotted() + " with arguments " + describe(args) + ", expected a tuple");
        }
        List<Object> a = t.items();
        switch (g.dotted()) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) {
                    throw fail("collections.OrderedDict called with " + a.size() + " argument(s), expected ()");
                }
                return new Dict(true);
            }
            case REBUILD_TENSOR -> {
                if ((a.size() != 6 && a.size() != 7) || !(a.get(0) instanceof StorageRef storage)
                        || !(a.get(1) instanceof Long offset) || !(a.get(2) instanceof Tuple size)
                        || !(a.get(3) instanceof Tuple stride) || !(a.get(4) instanceof Boolean requiresGrad)
                        || !emptyDict(a.get(5)) || (a.size() == 7 && a.get(6) != null && !emptyDict(a.get(6)))) {
                    throw fail(REBUILD_TENSOR + " arguments " + describe(args) + ", expected (storage, offset, "
                            + "size tuple, stride tuple, requires_grad, empty OrderedDict of hooks[, metadata])");
                }
                long[] sz = longs(size, "size");
                long[] st = longs(stride, "stride");
                if (sz.length != st.length) {
                    throw fail(REBUILD_TENSOR + " with " + sz.length + " sizes but " + st.length + " strides");
                }
                if (offset < 0) {
                    throw fail(REBUILD_TENSOR + " with a negative storage offset " + offset);
                }
                return new TensorRef(storage, offset, sz, st, requiresGrad, opStart);
            }
            case REBUILD_PARAMETER -> {
                if (a.size() != 3 || !(a.get(0) instanceof TensorRef data) || !(a.get(1) instanceof Boolean rg)
                        || !emptyDict(a.get(2))) {
                    throw fail(REBUILD_PARAMETER + " arguments " + describe(args)
                            + ", expected (tensor, requires_grad, empty OrderedDict of hooks)");
                }
                return new TensorRef(data.storage(), data.storageOffset(), data.size(), data.stride(), rg,
                        data.pickleOffset());
            }
            default -> throw fail(g.dotted() + " cannot be called; only " + ORDERED_DICT + ", " + REBUILD_TENSOR
                    + " and " + REBUILD_PARAMETER + " are");
        }
    }

    private long[] longs(Tuple t, String what) throws UnpicklingException {
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.items().get(i) instanceof Long v) || v < 0) {
                throw fail(REBUILD_TENSOR + " " + what + " " + describe(t) + " must hold non-negative integers");
            }
            out[i] = v;
        }
        return out;
    }

    private static boolean emptyDict(Object o) {
        return o instanceof Dict d && d.items.isEmpty();
    }

    private void build(Object target, Object state) throws UnpicklingException {
        if (!(target instanceof Dict d) || !d.ordered) {
            throw fail("BUILD on " + describe(target) + "; only an OrderedDict's attributes (like _metadata) may "
                    + "be set");
        }
        if (!(state instanceof Dict s)) {
            throw fail("BUILD with state " + describe(state) + ", expected a dict of attributes");
        }
        for (Map.Entry<Object, Object> e : s.items.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw fail("BUILD attribute name " + describe(e.getKey()) + " is not a string");
            }
            d.attributes.put(k, e.getValue());
        }
    }

    /** A short Python-like description of an unpickled value, for messages. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
        }
        if (o instanceof Long || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof Tuple t) {
            List<String> parts = new ArrayList<>();
            for (Object i : t.items()) {
                parts.add(describe(i));
                if (parts.size() == 6) {
                    parts.add("...");
                    break;
                }
            }
            return "(" + String.join(", ", parts) + (t.items().size() == 1 ? ",)" : ")");
        }
        if (o instanceof Dict d) {
            return (d.ordered ? "an OrderedDict" : "a dict") + " of " + d.items.size() + " item(s)";
        }
        if (o instanceof Global g) {
            return g.dotted();
        }
        if (o instanceof StorageRef s) {
            return "storage '" + s.key() + "'";
        }
        if (o instanceof TensorRef) {
            return "a tensor";
        }
        return o.getClass().getSimpleName();
    }
}
