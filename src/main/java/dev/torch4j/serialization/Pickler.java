package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the protocol-2 pickle of a checkpoint tree the way Python's pickler writes what
 * {@code torch.save} hands it: dicts ({@code EMPTY_DICT} + {@code SETITEMS} in batches of 1000), a
 * {@link StateDict} as an {@code OrderedDict} with its {@code _metadata}, lists, tuples, str, int
 * (LONG1/LONG4 past 32 bits), float ({@code BINFLOAT}), bool, None, dtypes ({@code GLOBAL torch float32})
 * and tensors as {@code torch._utils._rebuild_tensor_v2} calls on persistent storage ids
 * {@code ('storage', torch.FloatStorage, key, location, numel)}. Objects met twice (the same Java
 * object) are written once and fetched from the memo, as Python does, so a shared subtree stays shared.
 * Only what {@code torch.load(weights_only=True)} accepts.
 */
final class Pickler {
    /** How a tensor refers to its storage, as the archive writer registered it. */
    record TensorEntry(String storageType, String storageKey, String location, long storageNumel, long offset,
            long[] size, long[] stride, boolean requiresGrad) {
    }

    /** Registers a tensor's storage with the archive writer. */
    interface Storages {
        TensorEntry register(Tensor t);
    }

    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final IdentityHashMap<Object, Integer> memo = new IdentityHashMap<>();
    private final Map<String, Integer> names = new HashMap<>();
    private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();
    private final List<String> path = new ArrayList<>();
    private final Storages storages;
    private final boolean detach;
    private final int maxDepth;
    private int memoSize;

    private Pickler(Storages storages, boolean detach) {
        this.storages = storages;
        this.detach = detach;
        this.maxDepth = Limits.depth();
    }

    /**
     * @param root     the tree to write
     * @param storages registers each tensor's storage
     * @param stateDict whether {@code root} is a flat state dict: written as an {@code OrderedDict}, its tensors
     *                  detached ({@code requires_grad=False}) as {@code state_dict()} returns them
     * @return the pickle bytes for {@code data.pkl}
     * @throws IllegalArgumentException naming the place in the tree of a value that cannot be saved, a cycle,
     *                                  or nesting deeper than the readers accept
     */
    static byte[] pickle(Object root, Storages storages, boolean stateDict) {
        Pickler p = new Pickler(storages, stateDict);
        p.op(0x80).op(2);
        if (stateDict) {
            p.orderedDict((Map<?, ?>) root, root instanceof StateDict sd ? sd.metadata() : Map.of(), 1);
        } else {
            p.save(root, 1);
        }
        p.op('.');
        return p.out.toByteArray();
    }

    private IllegalArgumentException error(String detail) {
        StringBuilder where = new StringBuilder("checkpoint");
        path.forEach(where::append);
        return new IllegalArgumentException(where + ": " + detail);
    }

    private void save(Object v, int depth) {
        if (v == null) {
            op('N');
        } else if (v instanceof Boolean b) {
            op(b ? 0x88 : 0x89);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            big(b);
        } else if (v instanceof Double || v instanceof Float) {
            op('G');
            long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)) & 0xff);
            }
        } else if (v instanceof String s) {
            memoString(s);
        } else if (v instanceof DType d) {
            global("torch", d.pythonName().substring("torch.".length()));
        } else if (v instanceof Tensor t) {
            if (!fetch(t)) {
                tensor(t);
                memoize(t);
            }
        } else if (v instanceof Tuple || v instanceof List<?> || v instanceof Map<?, ?>) {
            container(v, depth);
        } else {
            throw error("a " + v.getClass().getName() + " cannot be saved; a checkpoint holds Map, List, Tuple, "
                    + "String, Long/Integer, Double/Float, BigInteger, Boolean, null, DType and Tensor");
        }
    }

    private void container(Object v, int depth) {
        if (inProgress.containsKey(v)) {
            throw error("contains itself; a checkpoint is a tree (shared parts allowed), not a cycle");
        }
        if (fetch(v)) {
            return;
        }
        if (depth > maxDepth) {
            throw error("dicts, lists and tuples nested deeper than " + maxDepth + " levels, more than "
                    + "Torch.load reads (-D" + Limits.DEPTH + ")");
        }
        inProgress.put(v, Boolean.TRUE);
        if (v instanceof Tuple t) {
            tuple(t, depth);
        } else if (v instanceof List<?> l) {
            op(']');
            memoize(l);
            batches(new ArrayList<>(l), depth, false);
        } else if (v instanceof StateDict sd) {
            orderedDict(sd, sd.metadata(), depth);
        } else {
            Map<?, ?> m = (Map<?, ?>) v;
            op('}');
            memoize(m);
            List<Object> kv = new ArrayList<>(2 * m.size());
            m.forEach((k, x) -> {
                kv.add(k);
                kv.add(x);
            });
            batches(kv, depth, true);
        }
        inProgress.remove(v);
    }

    private void tuple(Tuple t, int depth) {
        if (t.isEmpty()) {
            op(')');
            return;
        }
        if (t.size() > 3) {
            op('(');
        }
        for (int i = 0; i < t.size(); i++) {
            path.add("[" + i + "]");
            save(t.get(i), depth + 1);
            path.remove(path.size() - 1);
        }
        op(t.size() > 3 ? 't' : 0x84 + t.size());
        memoize(t);
    }

    /** Items in batches of 1000 (MARK ... APPENDS/SETITEMS, or APPEND/SETITEM for a batch of one), as pickle does. */
    private void batches(List<Object> items, int depth, boolean dict) {
        int step = dict ? 2 : 1;
        for (int start = 0; start < items.size(); start += BATCH * step) {
            int end = Math.min(items.size(), start + BATCH * step);
            boolean one = end - start == step;
            if (!one) {
                op('(');
            }
            for (int i = start; i < end; i += step) {
                if (dict) {
                    Object k = items.get(i);
                    if (!Tuple.hashableValue(k)) {
                        throw error("dict key " + k + (k == null ? "" : " (" + k.getClass().getName() + ")")
                                + " cannot be saved; keys are String, Long/Integer, Double, Boolean, null, DType "
                                + "or a Tuple of those");
                    }
                    save(k, depth + 1);
                    path.add("[" + (k instanceof String s ? "'" + s + "'" : String.valueOf(k)) + "]");
                    save(items.get(i + 1), depth + 1);
                } else {
                    path.add("[" + i + "]");
                    save(items.get(i), depth + 1);
                }
                path.remove(path.size() - 1);
            }
            op(one ? (dict ? 's' : 'a') : (dict ? 'u' : 'e'));
        }
    }

    /** An {@code OrderedDict} of str keys, then {@code BUILD} with {@code {'_metadata': ...}} when there is metadata. */
    private void orderedDict(Map<?, ?> m, Map<String, Map<String, Object>> metadata, int depth) {
        global("collections", "OrderedDict");
        op(')');
        op('R');
        memoize(m);
        List<Object> kv = new ArrayList<>(2 * m.size());
        m.forEach((k, x) -> {
            if (!(k instanceof String)) {
                throw error("state dict key " + k + " is not a String");
            }
            kv.add(k);
            kv.add(x);
        });
        batches(kv, depth, true);
        if (!metadata.isEmpty()) {
            op('}');
            memoString("_metadata");
            global("collections", "OrderedDict");
            op(')');
            op('R');
            op('(');
            for (Map.Entry<String, Map<String, Object>> e : metadata.entrySet()) {
                memoString(e.getKey());
                op('}');
                if (!e.getValue().isEmpty()) {
                    op('(');
                    for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                        memoString(v.getKey());
                        Object x = v.getValue();
                        if (!(x == null || x instanceof String || x instanceof Boolean || x instanceof Long
                                || x instanceof Integer)) {
                            throw error("_metadata value " + x + " of " + x.getClass().getSimpleName() + " cannot be "
                                    + "saved; expected a String, an integer, a Boolean or null");
                        }
                        save(x, depth + 2);
                    }
                    op('u');
                }
            }
            op('u');
            op('s');
            op('b');
        }
    }

    private void tensor(Tensor t) {
        if (t.isClosed()) {
            throw error("the tensor was closed");
        }
        TensorEntry e = storages.register(t);
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        op('(');
        memoString("storage");
        global("torch", e.storageType());
        memoString(e.storageKey());
        memoString(e.location());
        integer(e.storageNumel());
        op('t');
        op('Q');
        integer(e.offset());
        longTuple(e.size());
        longTuple(e.stride());
        op(e.requiresGrad() && !detach ? 0x88 : 0x89);
        global("collections", "OrderedDict");
        op(')');
        op('R');
        op('t');
        op('R');
    }

    private void longTuple(long[] values) {
        if (values.length == 0) {
            op(')');
            return;
        }
        if (values.length > 3) {
            op('(');
        }
        for (long v : values) {
            integer(v);
        }
        op(values.length > 3 ? 't' : 0x84 + values.length);
    }

    /** A global, written once and fetched from the memo after that, as Python's pickler does. */
    private void global(String module, String name) {
        String key = "\u0000global:" + module + "\n" + name;
        Integer m = names.get(key);
        if (m != null) {
            get(m);
            return;
        }
        op('c');
        byte[] b = (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        names.put(key, put());
    }

    private void memoString(String s) {
        Integer m = names.get(s);
        if (m != null) {
            get(m);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le(b.length, 4);
        out.write(b, 0, b.length);
        names.put(s, put());
    }

    private boolean fetch(Object o) {
        Integer m = memo.get(o);
        if (m == null) {
            return false;
        }
        get(m);
        return true;
    }

    private void memoize(Object o) {
        memo.put(o, put());
    }

    private int put() {
        int index = memoSize++;
        if (index < 256) {
            op('q').op(index);
        } else {
            op('r');
            le(index, 4);
        }
        return index;
    }

    private void get(int index) {
        if (index < 256) {
            op('h').op(index);
        } else {
            op('j');
            le(index, 4);
        }
    }

    /** Python's choice: BININT1, BININT2, BININT, then LONG1 with the fewest two's complement bytes. */
    private void integer(long v) {
        if (v >= 0 && v <= 0xff) {
            op('K').op((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            op('M');
            le(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');
            le(v, 4);
        } else {
            big(BigInteger.valueOf(v));
        }
    }

    /** LONG1 (up to 255 bytes) or LONG4: little-endian two's complement, as few bytes as Python uses. */
    private void big(BigInteger v) {
        if (v.bitLength() < 32) {
            integer(v.intValue());
            return;
        }
        byte[] be = v.toByteArray(); // minimal two's complement, big-endian
        if (be.length < 256) {
            op(0x8a).op(be.length);
        } else {
            op(0x8b);
            le(be.length, 4);
        }
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private void le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private Pickler op(int b) {
        out.write(b);
        return this;
    }
}
