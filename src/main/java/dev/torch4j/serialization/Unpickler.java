package dev.torch4j.serialization;

import dev.torch4j.DType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted unpickler for the {@code data.pkl} of a {@code torch.save} archive, in the spirit of
 * {@code torch.load(weights_only=True)}: it builds only dicts, lists, tuples, strings, numbers,
 * booleans, {@code None}, dtypes and tensor descriptions, and knows only the few globals those need.
 * It calls nothing: every global is checked against the allow list when it is read, and {@code REDUCE}
 * and {@code BUILD} are interpreted for those globals only. Anything else is refused with the opcode
 * and its byte offset.
 *
 * <p>Bounded work: every opcode takes constant time plus time linear in the bytes it reads or the items
 * it moves; the memo takes constant space per entry (a run of {@code MEMOIZE} of one object takes
 * one); tuples hash in time proportional to their width, and tuples used as dict keys are made
 * canonical so that equal keys are one object; the heap the pickle builds is estimated as it goes and
 * refused past {@link Limits#pickleMemory()}. Nothing here recurses on the input's structure except
 * {@link #describe}, which stops after a few levels.
 */
final class Unpickler {
    /** A global the pickle named and the allow list accepted. */
    record Global(String module, String name) {
        String dotted() {
            return module + "." + name;
        }
    }

    /** A Python list. */
    static final class PyList {
        final ArrayList<Object> items = new ArrayList<>();
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
        /** The class of every key so far while they are all of one comparable class, else null. */
        Class<?> keyClass;
        /** Once keys are mixed or not comparable: how many keys share each hash code. */
        HashMap<Integer, Integer> perHash;

        Dict(boolean ordered) {
            this.ordered = ordered;
        }
    }

    static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("FloatStorage", DType.FLOAT32), Map.entry("DoubleStorage", DType.FLOAT64),
            Map.entry("HalfStorage", DType.FLOAT16), Map.entry("BFloat16Storage", DType.BFLOAT16),
            Map.entry("LongStorage", DType.INT64), Map.entry("IntStorage", DType.INT32),
            Map.entry("ShortStorage", DType.INT16), Map.entry("CharStorage", DType.INT8),
            Map.entry("ByteStorage", DType.UINT8), Map.entry("BoolStorage", DType.BOOL),
            Map.entry("ComplexFloatStorage", DType.COMPLEX64), Map.entry("ComplexDoubleStorage", DType.COMPLEX128));

    /** {@code torch.float32} and the other dtypes, by the name pickle writes for them ({@code torch}, {@code float32}). */
    static final Map<String, DType> DTYPES = new HashMap<>();

    static {
        for (DType d : DType.values()) {
            DTYPES.put(d.pythonName().substring("torch.".length()), d);
        }
    }

    static final String ORDERED_DICT = "collections.OrderedDict";
    static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    static final String SIZE = "torch.Size";
    private static final String ALLOWED = ORDERED_DICT + ", " + REBUILD_TENSOR + ", " + REBUILD_PARAMETER + ", "
            + SIZE + ", the dtypes torch.<float32|int64|...> and torch.<Float|Double|Half|BFloat16|Long|Int|Short|"
            + "Char|Byte|Bool|ComplexFloat|ComplexDouble>Storage";

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

    // heap estimates (bytes) for the budget: generous, so that the estimate stays above the real use
    private static final int SLOT = 16;
    private static final int BOX = 24;
    private static final int OBJECT = 64;
    private static final int ENTRY = 64;
    /** A tensor made from the file: its Java objects and libtorch's TensorImpl, about a kilobyte. */
    private static final int TENSOR = 1024;

    private final byte[] data;
    private final int length;
    private final Path file;
    private final String record;
    private final long budget;
    private final int maxDepth;
    private long charged;
    private int pos;
    private int opStart;
    private Object[] stack = new Object[16];
    private int sp;
    private int[] marks = new int[8];
    private int mp;
    private final Memo memo = new Memo();
    private final Map<Shallow, Tuple> canonical = new HashMap<>();
    /** Identity of this unpickler's canonical tuples. */
    private final Object canon = new Object();

    private Unpickler(byte[] data, int length, Path file, String record) {
        this.data = data;
        this.length = length;
        this.file = file;
        this.record = record;
        this.budget = Limits.pickleMemory();
        this.maxDepth = Limits.depth();
        this.charged = length;
    }

    /**
     * Reads one pickled object.
     *
     * @param data   the pickle bytes ({@code length} of them from index 0)
     * @param file   the archive, for messages
     * @param record the record name, for messages
     * @return a {@link Dict}, {@link PyList}, {@link Tuple}, {@link TensorRef}, String, Long, BigInteger,
     *         Double, Boolean, DType or null
     * @throws UnpicklingException at the first opcode that is malformed or not allowed, or when the objects
     *                             it builds would take more heap than {@link Limits#pickleMemory()}
     */
    static Object load(byte[] data, int length, Path file, String record) throws UnpicklingException {
        return new Unpickler(data, length, file, record).run();
    }

    static Object load(byte[] data, Path file, String record) throws UnpicklingException {
        return load(data, data.length, file, record);
    }

    private UnpicklingException fail(String detail) {
        return new UnpicklingException(file, record, opStart, detail);
    }

    private void charge(long bytes) throws UnpicklingException {
        charged += bytes;
        if (charged + (long) sp * SLOT + (long) mp * 4 > budget) {
            throw fail("the pickle (" + length + " bytes) builds more objects than the " + budget + "-byte heap budget "
                    + "allows; no checkpoint needs that many (raise -D" + Limits.PICKLE_MEMORY + " to load it anyway)");
        }
    }

    private Object run() throws UnpicklingException {
        while (true) {
            opStart = pos;
            if (pos >= length) {
                throw fail("the pickle ends without a STOP opcode (" + length + " bytes; truncated?)");
            }
            int op = data[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u8();
                    if (v > 5) {
                        throw fail("pickle protocol " + v + " is newer than the highest known, 5");
                    }
                }
                case 0x95 -> skip(8); // FRAME: only a hint for buffered readers
                case '.' -> {
                    Object result = pop();
                    if (sp != 0 || mp != 0) {
                        throw fail("STOP with " + sp + " more object(s) on the stack and " + mp
                                + " open MARK(s), expected none");
                    }
                    return result;
                }
                case '(' -> {
                    if (mp == marks.length) {
                        charge(4L * mp);
                        marks = Arrays.copyOf(marks, mp * 2);
                    }
                    marks[mp++] = sp;
                }
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | u8() << 8));
                case 'J' -> pushBoxed((long) (int) le(4));
                case 0x8a -> pushBoxed(longN(u8()));
                case 0x8b -> pushBoxed(longN(le(4) & 0xffffffffL));
                case 'G' -> pushBoxed(Double.longBitsToDouble(be8()));
                case 'X' -> push(string(le(4) & 0xffffffffL));
                case 0x8c -> push(string(u8()));
                case 0x8d -> push(string(le(8)));
                case ')' -> push(Tuple.of());
                case 0x85, 0x86, 0x87 -> {
                    int n = op - 0x84;
                    if (sp - n < floor()) {
                        throw fail(opName(op) + " needs " + n + " objects on the stack");
                    }
                    Object[] items = Arrays.copyOfRange(stack, sp - n, sp);
                    sp -= n;
                    push(tuple(items));
                }
                case 't' -> push(tuple(popMark()));
                case ']' -> {
                    charge(OBJECT);
                    push(new PyList());
                }
                case 'a' -> {
                    Object item = pop();
                    list().items.add(item);
                    charge(SLOT);
                }
                case 'e' -> {
                    Object[] items = popMark();
                    charge((long) SLOT * items.length);
                    list().items.addAll(Arrays.asList(items));
                }
                case '}' -> {
                    charge(OBJECT);
                    push(new Dict(false));
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    put(dict(), key, value);
                }
                case 'u' -> {
                    Object[] items = popMark();
                    if (items.length % 2 != 0) {
                        throw fail("SETITEMS with an odd number (" + items.length + ") of keys and values");
                    }
                    Dict d = dict();
                    for (int i = 0; i < items.length; i += 2) {
                        put(d, items[i], items[i + 1]);
                    }
                }
                case 'q' -> memoPut(u8());
                case 'r' -> memoPut(le(4) & 0xffffffffL);
                case 0x94 -> memoPut(memo.size());
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(le(4) & 0xffffffffL));
                case 'c' -> {
                    String module = line();
                    String name = line();
                    push(global(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw fail("STACK_GLOBAL expects two strings, got " + describe(module) + " and "
                                + describe(name));
                    }
                    push(global(m, n));
                }
                case 'Q' -> push(persistent(pop()));
                case 'R' -> {
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args));
                }
                case 'b' -> {
                    Object state = pop();
                    build(peek(), state);
                }
                default -> throw fail("opcode " + opName(op) + " is not allowed in a checkpoint (torch4j reads "
                        + "only the dicts, lists, tuples, strings, numbers and tensors that torch.save writes)");
            }
        }
    }

    static String opName(int op) {
        String name = NAMES.get(op);
        String code = op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : String.format("0x%02x", op);
        return name != null ? name + " (" + code + ")" : String.format("0x%02x", op) + " (unknown)";
    }

    // ------------------------------------------------------------------ reading bytes

    private void need(long n, String what) throws UnpicklingException {
        if (n < 0 || n > length - pos) {
            throw fail(what + " needs " + (n < 0 ? Long.toUnsignedString(n) : n) + " bytes at byte " + pos
                    + " but the pickle has " + (length - pos) + " left (truncated?)");
        }
    }

    private int u8() throws UnpicklingException {
        need(1, opName(data[opStart] & 0xff));
        return data[pos++] & 0xff;
    }

    private void skip(int n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff));
        pos += n;
    }

    /** {@code n} bytes little-endian, unsigned. */
    private long le(int n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff));
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (data[pos + i] & 0xff) << (8 * i);
        }
        pos += n;
        return v;
    }

    private long be8() throws UnpicklingException {
        need(8, "BINFLOAT");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (data[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** LONG1 / LONG4: a little-endian two's complement integer of {@code n} bytes; Long when it fits. */
    private Object longN(long n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff));
        int len = (int) n;
        if (len == 0) {
            return 0L;
        }
        if (len <= 8) {
            long v = 0;
            for (int i = 0; i < len; i++) {
                v |= (long) (data[pos + i] & 0xff) << (8 * i);
            }
            if (len < 8 && (data[pos + len - 1] & 0x80) != 0) {
                v -= 1L << (8 * len);
            }
            pos += len;
            return v;
        }
        charge(OBJECT + len);
        byte[] big = new byte[len];
        for (int i = 0; i < len; i++) {
            big[i] = data[pos + len - 1 - i];
        }
        pos += len;
        BigInteger b = new BigInteger(big);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private String string(long n) throws UnpicklingException {
        need(n, opName(data[opStart] & 0xff) + " string");
        charge(OBJECT + 2 * n);
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
        int end = pos;
        while (end < length && data[end] != '\n') {
            end++;
        }
        if (end >= length) {
            throw fail("GLOBAL name has no terminating newline (truncated?)");
        }
        String s = string(end - pos);
        pos++; // the newline
        return s;
    }

    // ------------------------------------------------------------------ stack, marks, memo

    private int floor() {
        return mp == 0 ? 0 : marks[mp - 1];
    }

    private void push(Object o) throws UnpicklingException {
        if (sp == stack.length) {
            charge(0);
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = o;
    }

    private void pushBoxed(Object o) throws UnpicklingException {
        charge(BOX);
        push(o);
    }

    private Object pop() throws UnpicklingException {
        if (sp <= floor()) {
            throw fail(opName(data[opStart] & 0xff) + " needs an object on the stack, but it is empty");
        }
        Object o = stack[--sp];
        stack[sp] = null;
        return o;
    }

    private Object peek() throws UnpicklingException {
        if (sp <= floor()) {
            throw fail(opName(data[opStart] & 0xff) + " needs an object on the stack, but it is empty");
        }
        return stack[sp - 1];
    }

    private Object[] popMark() throws UnpicklingException {
        if (mp == 0) {
            throw fail(opName(data[opStart] & 0xff) + " without a MARK before it");
        }
        int m = marks[--mp];
        Object[] items = Arrays.copyOfRange(stack, m, sp);
        Arrays.fill(stack, m, sp, null);
        sp = m;
        return items;
    }

    private void memoPut(long index) throws UnpicklingException {
        Object top = peek();
        if (memo.put(index, top)) {
            charge(ENTRY);
        }
    }

    private Object memoGet(long index) throws UnpicklingException {
        Object o = memo.get(index);
        if (o == Memo.ABSENT) {
            throw fail("memo index " + index + " was never stored (BINPUT/MEMOIZE)");
        }
        return o;
    }

    /**
     * Python's memo (index to object) in constant space per entry: indices 0..n-1 stored in order are
     * runs of one object each, so a flood of MEMOIZE of the same object takes one run; other indices
     * (a BINPUT out of order, or over an index already stored) go to a hash map.
     */
    static final class Memo {
        static final Object ABSENT = new Object();
        private int[] runStart = new int[16];
        private Object[] runValue = new Object[16];
        private int runs;
        private long dense;
        private final HashMap<Long, Object> other = new HashMap<>();

        long size() {
            return dense + other.size();
        }

        /** @return whether this took new space (a new run or a hash map entry) */
        boolean put(long index, Object value) {
            if (index == dense && dense < Integer.MAX_VALUE && !other.containsKey(index)) {
                boolean grew = false;
                if (runs == 0 || runValue[runs - 1] != value) {
                    if (runs == runStart.length) {
                        runStart = Arrays.copyOf(runStart, runs * 2);
                        runValue = Arrays.copyOf(runValue, runs * 2);
                    }
                    runStart[runs] = (int) dense;
                    runValue[runs] = value;
                    runs++;
                    grew = true;
                }
                dense++;
                return grew;
            }
            return other.put(index, value) == null;
        }

        Object get(long index) {
            Object o = other.get(index);
            if (o != null || other.containsKey(index)) {
                return o;
            }
            if (index < 0 || index >= dense) {
                return ABSENT;
            }
            int r = Arrays.binarySearch(runStart, 0, runs, (int) index);
            return runValue[r >= 0 ? r : -r - 2];
        }
    }

    // ------------------------------------------------------------------ containers

    private Tuple tuple(Object[] items) throws UnpicklingException {
        charge(OBJECT + (long) SLOT * items.length);
        Tuple t = items.length == 0 ? Tuple.of() : new Tuple(items, null);
        if (t.depth > maxDepth) {
            throw fail("tuples nested deeper than " + maxDepth + " levels (raise -D" + Limits.DEPTH
                    + " to load it anyway)");
        }
        return t;
    }

    private PyList list() throws UnpicklingException {
        Object t = peek();
        if (!(t instanceof PyList l)) {
            throw fail(opName(data[opStart] & 0xff) + " on " + describe(t) + ", expected a list");
        }
        return l;
    }

    private Dict dict() throws UnpicklingException {
        Object t = peek();
        if (!(t instanceof Dict d)) {
            throw fail(opName(data[opStart] & 0xff) + " on " + describe(t) + ", expected a dict");
        }
        return d;
    }

    private void put(Dict d, Object key, Object value) throws UnpicklingException {
        if (!Tuple.hashableValue(key)) {
            throw fail("dict key " + describe(key) + " is not a str, int, float, bool, None or a tuple of those "
                    + "(unhashable, or not something a checkpoint keys a dict by)");
        }
        if (key instanceof Tuple t) {
            key = canonical(t);
        }
        charge(ENTRY);
        collisions(d, key);
        d.items.put(key, value);
    }

    /** The most keys of one dict that may share a hash code unless they are all of one comparable class. */
    static final int MAX_SHARED_HASH = 64;

    /**
     * Keeps dict lookups fast: Java's HashMap finds a key among keys of one hash code in logarithmic
     * time when they are all of one comparable class (str, int, float), but walks them one by one when
     * classes are mixed or not comparable (tuples), which a hostile file can exploit with many keys of
     * one hash code (seconds for 10,000 keys, quadratic beyond). No real checkpoint has more than a
     * handful of such keys in a dict; more than {@link #MAX_SHARED_HASH} are refused.
     */
    private void collisions(Dict d, Object key) throws UnpicklingException {
        if (d.perHash == null) {
            boolean comparable = key instanceof String || key instanceof Long || key instanceof Double
                    || key instanceof BigInteger || key instanceof Boolean;
            if (d.items.isEmpty() && comparable) {
                d.keyClass = key.getClass();
                return;
            }
            if (comparable && key.getClass() == d.keyClass) {
                return;
            }
            d.perHash = new HashMap<>();
            for (Object k : d.items.keySet()) {
                d.perHash.merge(k == null ? 0 : k.hashCode(), 1, Integer::sum);
            }
            d.keyClass = null;
        }
        if (d.items.containsKey(key)) {
            return;
        }
        charge(ENTRY);
        int shared = d.perHash.merge(key == null ? 0 : key.hashCode(), 1, Integer::sum);
        if (shared > MAX_SHARED_HASH) {
            throw fail("more than " + MAX_SHARED_HASH + " keys of one dict share the hash code " + key.hashCode()
                    + " while being of different types or tuples: a file built to make lookups slow, not a "
                    + "checkpoint");
        }
    }

    /** A tuple's elements compared shallowly: nested tuples by identity (they are canonical already). */
    private record Shallow(Tuple t) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Shallow s) || s.t.size() != t.size() || s.t.hashCode() != t.hashCode()) {
                return false;
            }
            for (int i = 0; i < t.size(); i++) {
                Object a = t.get(i);
                Object b = s.t.get(i);
                if (a instanceof Tuple ? a != b : !java.util.Objects.equals(a, b)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return t.hashCode();
        }
    }

    /**
     * The canonical copy of a hashable tuple: structurally equal tuples used as keys become one object,
     * so that comparing two keys never walks their structure. Iterative, post-order, each distinct
     * tuple visited once: linear in the distinct tuples reachable from {@code root}.
     */
    private Tuple canonical(Tuple root) throws UnpicklingException {
        if (root.canon == canon) {
            return root;
        }
        IdentityHashMap<Tuple, Tuple> done = new IdentityHashMap<>();
        ArrayDeque<Tuple> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Tuple t = work.peek();
            if (done.containsKey(t)) {
                work.pop();
                continue;
            }
            boolean ready = true;
            for (Object o : t) {
                if (o instanceof Tuple c && c.canon != canon && !done.containsKey(c)) {
                    work.push(c);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            work.pop();
            Object[] items = new Object[t.size()];
            for (int i = 0; i < items.length; i++) {
                Object o = t.get(i);
                items[i] = o instanceof Tuple c && c.canon != canon ? done.get(c) : o;
            }
            Tuple candidate = new Tuple(items, canon);
            Tuple existing = canonical.get(new Shallow(candidate));
            if (existing == null) {
                charge(OBJECT + ENTRY + (long) SLOT * items.length);
                canonical.put(new Shallow(candidate), candidate);
                existing = candidate;
            }
            done.put(t, existing);
        }
        return done.get(root);
    }

    // ------------------------------------------------------------------ the allow list

    private Object global(String module, String name) throws UnpicklingException {
        String dotted = module + "." + name;
        if (module.equals("torch") && DTYPES.containsKey(name)) {
            return DTYPES.get(name);
        }
        boolean ok = dotted.equals(ORDERED_DICT) || dotted.equals(REBUILD_TENSOR) || dotted.equals(REBUILD_PARAMETER)
                || dotted.equals(SIZE) || (module.equals("torch") && STORAGES.containsKey(name));
        if (!ok) {
            throw fail("global '" + dotted + "' is not allowed: a checkpoint may only name " + ALLOWED
                    + " (like torch.load(weights_only=True)); torch4j never runs code from a file");
        }
        charge(OBJECT);
        return new Global(module, name);
    }

    private StorageRef persistent(Object pid) throws UnpicklingException {
        if (pid instanceof Tuple t && t.size() == 5 && "storage".equals(t.get(0))
                && t.get(1) instanceof Global g && g.module().equals("torch")
                && STORAGES.containsKey(g.name()) && t.get(2) instanceof String key
                && t.get(3) instanceof String location && t.get(4) instanceof Long numel && numel >= 0) {
            charge(OBJECT);
            return new StorageRef(key, STORAGES.get(g.name()), g.dotted(), location, numel, opStart);
        }
        throw fail("persistent id " + describe(pid) + " is not ('storage', torch.<Type>Storage, key, location, "
                + "numel)");
    }

    private Object reduce(Object callable, Object args) throws UnpicklingException {
        if (!(callable instanceof Global g)) {
            throw fail("REDUCE calls " + describe(callable) + ", expected an allowed global");
        }
        if (!(args instanceof Tuple a)) {
            throw fail("REDUCE of " + g.dotted() + " with arguments " + describe(args) + ", expected a tuple");
        }
        switch (g.dotted()) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) {
                    throw fail("collections.OrderedDict called with " + a.size() + " argument(s), expected ()");
                }
                charge(OBJECT);
                return new Dict(true);
            }
            case SIZE -> {
                if (a.size() != 1 || !(a.get(0) instanceof Tuple dims) || !nonNegativeLongs(dims)) {
                    throw fail(SIZE + " arguments " + describe(args) + ", expected a tuple of non-negative ints");
                }
                return dims;
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
                charge(TENSOR + 16L * sz.length);
                return new TensorRef(storage, offset, sz, st, requiresGrad, opStart);
            }
            case REBUILD_PARAMETER -> {
                if (a.size() != 3 || !(a.get(0) instanceof TensorRef data) || !(a.get(1) instanceof Boolean rg)
                        || !emptyDict(a.get(2))) {
                    throw fail(REBUILD_PARAMETER + " arguments " + describe(args)
                            + ", expected (tensor, requires_grad, empty OrderedDict of hooks)");
                }
                charge(TENSOR);
                return new TensorRef(data.storage(), data.storageOffset(), data.size(), data.stride(), rg,
                        data.pickleOffset());
            }
            default -> throw fail(g.dotted() + " cannot be called; only " + ORDERED_DICT + ", " + SIZE + ", "
                    + REBUILD_TENSOR + " and " + REBUILD_PARAMETER + " are");
        }
    }

    private static boolean nonNegativeLongs(Tuple t) {
        for (Object o : t) {
            if (!(o instanceof Long v) || v < 0) {
                return false;
            }
        }
        return true;
    }

    private long[] longs(Tuple t, String what) throws UnpicklingException {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v) || v < 0) {
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
            charge(ENTRY);
            d.attributes.put(k, e.getValue());
        }
    }

    // ------------------------------------------------------------------ messages

    /** A short Python-like description of an unpickled value, for messages: at most a few levels and ~120 characters. */
    static String describe(Object o) {
        StringBuilder sb = new StringBuilder();
        describe(o, sb, 0);
        return sb.length() > 160 ? sb.substring(0, 157) + "..." : sb.toString();
    }

    private static void describe(Object o, StringBuilder sb, int level) {
        if (sb.length() > 160) {
            return;
        }
        if (o == null) {
            sb.append("None");
        } else if (o instanceof String s) {
            sb.append('\'').append(s.length() > 60 ? s.substring(0, 60) + "..." : s).append('\'');
        } else if (o instanceof BigInteger b) {
            sb.append("an int of ").append(b.bitLength()).append(" bits");
        } else if (o instanceof Long || o instanceof Boolean || o instanceof Double) {
            sb.append(o);
        } else if (o instanceof DType d) {
            sb.append(d.pythonName());
        } else if (o instanceof Tuple t) {
            if (level >= 3) {
                sb.append("(...)");
                return;
            }
            sb.append('(');
            for (int i = 0; i < t.size() && i < 6 && sb.length() <= 160; i++) {
                sb.append(i == 0 ? "" : ", ");
                describe(t.get(i), sb, level + 1);
            }
            sb.append(t.size() > 6 ? ", ...)" : t.size() == 1 ? ",)" : ")");
        } else if (o instanceof PyList l) {
            sb.append("a list of ").append(l.items.size()).append(" item(s)");
        } else if (o instanceof Dict d) {
            sb.append(d.ordered ? "an OrderedDict" : "a dict").append(" of ").append(d.items.size()).append(" item(s)");
        } else if (o instanceof Global g) {
            sb.append(g.dotted());
        } else if (o instanceof StorageRef s) {
            sb.append("storage '").append(s.key()).append('\'');
        } else if (o instanceof TensorRef) {
            sb.append("a tensor");
        } else {
            sb.append(o.getClass().getSimpleName());
        }
    }
}
