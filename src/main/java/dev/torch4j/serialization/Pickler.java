package dev.torch4j.serialization;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the protocol-2 pickle of a state dict the way {@code torch.save} does: an
 * {@code OrderedDict} of {@code torch._utils._rebuild_tensor_v2} calls whose storages are
 * persistent ids {@code ('storage', torch.FloatStorage, key, 'cpu', numel)}, and an optional
 * {@code _metadata} attribute. Only what {@code torch.load(weights_only=True)} accepts.
 */
final class Pickler {
    /** One tensor as the pickle describes it. */
    record TensorEntry(String name, String storageType, String storageKey, long storageNumel, long[] size,
            long[] stride, boolean requiresGrad) {
    }

    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> memo = new HashMap<>();

    private Pickler() {
    }

    /** @return the pickle bytes for {@code data.pkl} */
    static byte[] stateDict(List<TensorEntry> tensors, Map<String, Map<String, Object>> metadata) {
        Pickler p = new Pickler();
        p.op(0x80).op(2);
        p.orderedDict();
        for (int start = 0; start < tensors.size(); start += BATCH) {
            p.op('(');
            for (TensorEntry t : tensors.subList(start, Math.min(tensors.size(), start + BATCH))) {
                p.string(t.name());
                p.tensor(t);
            }
            p.op('u');
        }
        if (!metadata.isEmpty()) {
            p.op('}');
            p.string("_metadata");
            p.orderedDict();
            p.op('(');
            for (Map.Entry<String, Map<String, Object>> e : metadata.entrySet()) {
                p.string(e.getKey());
                p.op('}');
                if (!e.getValue().isEmpty()) {
                    p.op('(');
                    for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                        p.string(v.getKey());
                        p.value(v.getValue());
                    }
                    p.op('u');
                }
            }
            p.op('u');
            p.op('s');
            p.op('b');
        }
        p.op('.');
        return p.out.toByteArray();
    }

    private void tensor(TensorEntry t) {
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        op('(');
        memoString("storage");
        global("torch", t.storageType());
        string(t.storageKey());
        memoString("cpu");
        integer(t.storageNumel());
        op('t');
        op('Q');
        integer(0);
        tuple(t.size());
        tuple(t.stride());
        op(t.requiresGrad() ? 0x88 : 0x89);
        orderedDict();
        op('t');
        op('R');
    }

    private void orderedDict() {
        global("collections", "OrderedDict");
        op(')');
        op('R');
    }

    private void tuple(long[] values) {
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

    private void value(Object v) {
        if (v == null) {
            op('N');
        } else if (v instanceof Boolean b) {
            op(b ? 0x88 : 0x89);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof String s) {
            string(s);
        } else {
            throw new IllegalArgumentException("_metadata value " + v + " of " + v.getClass().getSimpleName()
                    + " cannot be saved; expected a String, an integer, a Boolean or null");
        }
    }

    /** A global, written once and fetched from the memo after that, as Python's pickler does. */
    private void global(String module, String name) {
        String key = "\u0000global:" + module + "\n" + name;
        Integer m = memo.get(key);
        if (m != null) {
            get(m);
            return;
        }
        op('c');
        byte[] b = (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        put(key);
    }

    private void memoString(String s) {
        Integer m = memo.get(s);
        if (m != null) {
            get(m);
            return;
        }
        string(s);
        put(s);
    }

    private void put(String key) {
        int index = memo.size();
        memo.put(key, index);
        if (index < 256) {
            op('q').op(index);
        } else {
            op('r');
            le(index, 4);
        }
    }

    private void get(int index) {
        if (index < 256) {
            op('h').op(index);
        } else {
            op('j');
            le(index, 4);
        }
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le(b.length, 4);
        out.write(b, 0, b.length);
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
            int n = 8;
            while (n > 1 && (v >> (8 * (n - 1) - 1)) == (v >> 63)) {
                n--;
            }
            op(0x8a).op(n);
            le(v, n);
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
