package dev.torch4j.serialization;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the {@link Unpickler} built into the Java tree {@link Checkpoint#load} returns, in two
 * iterative walks over the object graph (no recursion, so no input overflows the stack; each distinct
 * object visited once, so a graph that shares its children costs its size, not its size expanded):
 * {@link #analyse} refuses cycles, nesting deeper than {@link Limits#depth()} and values a checkpoint
 * cannot hold, and lists the tensors to read; {@link #build} makes the Java values, keeping shared
 * objects shared.
 */
final class Trees {
    private Trees() {
    }

    private static boolean container(Object o) {
        return o instanceof Unpickler.Dict || o instanceof Unpickler.PyList || (o instanceof Tuple t && !t.isEmpty());
    }

    /** The children of a container, keys before values for a dict. */
    private static Object[] children(Object o) {
        if (o instanceof Unpickler.Dict d) {
            Object[] out = new Object[2 * d.items.size()];
            int i = 0;
            for (Map.Entry<Object, Object> e : d.items.entrySet()) {
                out[i++] = e.getKey();
                out[i++] = e.getValue();
            }
            return out;
        }
        if (o instanceof Unpickler.PyList l) {
            return l.items.toArray();
        }
        return ((Tuple) o).toArray();
    }

    /** One container being walked: its children and how far the walk has come. */
    private static final class Frame {
        final Object node;
        final Object[] children;
        int next;
        int height;
        final Object[] results;

        Frame(Object node, boolean withResults) {
            this.node = node;
            this.children = children(node);
            this.results = withResults ? new Object[children.length] : null;
        }
    }

    /**
     * Checks the graph under {@code root} and lists its tensors in the order a depth-first walk meets them.
     *
     * @throws StateDictFormatException on a cycle, nesting deeper than the limit, or a value that is not
     *                                  a dict, list, tuple, str, int, float, bool, None, dtype or tensor
     */
    static List<Unpickler.TensorRef> analyse(Object root, Path file, String record) throws StateDictFormatException {
        int maxDepth = Limits.depth();
        List<Unpickler.TensorRef> tensors = new ArrayList<>();
        IdentityHashMap<Object, Boolean> seenTensors = new IdentityHashMap<>();
        leaf(root, file, record, tensors, seenTensors);
        if (!container(root)) {
            return tensors;
        }
        IdentityHashMap<Object, Integer> heights = new IdentityHashMap<>();
        IdentityHashMap<Object, Boolean> onPath = new IdentityHashMap<>();
        ArrayDeque<Frame> path = new ArrayDeque<>();
        path.push(new Frame(root, false));
        onPath.put(root, Boolean.TRUE);
        while (!path.isEmpty()) {
            Frame f = path.peek();
            if (f.next < f.children.length) {
                Object c = f.children[f.next++];
                if (!container(c)) {
                    leaf(c, file, record, tensors, seenTensors);
                    continue;
                }
                if (onPath.containsKey(c)) {
                    throw new StateDictFormatException(file, record, -1, Unpickler.describe(c) + " contains itself; "
                            + "a checkpoint is a tree (shared parts allowed), not a cycle");
                }
                Integer h = heights.get(c);
                if (h != null) {
                    depth(path.size() + h, maxDepth, file, record);
                    f.height = Math.max(f.height, h);
                } else {
                    depth(path.size() + 1, maxDepth, file, record);
                    path.push(new Frame(c, false));
                    onPath.put(c, Boolean.TRUE);
                }
                continue;
            }
            path.pop();
            onPath.remove(f.node);
            heights.put(f.node, f.height + 1);
            if (!path.isEmpty()) {
                path.peek().height = Math.max(path.peek().height, f.height + 1);
            }
        }
        return tensors;
    }

    private static void depth(long depth, int max, Path file, String record) throws StateDictFormatException {
        if (depth > max) {
            throw new StateDictFormatException(file, record, -1, "dicts, lists and tuples nested deeper than " + max
                    + " levels (raise -D" + Limits.DEPTH + " to load it anyway)");
        }
    }

    private static void leaf(Object o, Path file, String record, List<Unpickler.TensorRef> tensors,
            IdentityHashMap<Object, Boolean> seen) throws StateDictFormatException {
        if (o instanceof Unpickler.TensorRef t) {
            if (seen.put(t, Boolean.TRUE) == null) {
                tensors.add(t);
            }
        } else if (o instanceof Unpickler.Global g) {
            throw new StateDictFormatException(file, record, -1, "the checkpoint holds " + g.dotted() + " itself, not "
                    + "a value; torch4j reads dicts, lists, tuples, str, int, float, bool, None, dtypes and tensors");
        } else if (o instanceof Unpickler.StorageRef s) {
            throw new StateDictFormatException(file, record, s.pickleOffset(), "the checkpoint holds storage '"
                    + s.key() + "' outside a tensor; torch4j reads tensors, not bare storages");
        } else if (!(o == null || o instanceof String || o instanceof Long || o instanceof BigInteger
                || o instanceof Double || o instanceof Boolean || o instanceof DType || container(o)
                || o instanceof Tuple)) {
            throw new StateDictFormatException(file, record, -1, "unexpected " + Unpickler.describe(o));
        }
    }

    /**
     * The Java tree for an analysed graph: dicts become {@link LinkedHashMap}s (an OrderedDict of
     * tensors with string keys, as {@code state_dict()} returns, a {@link StateDict} with its
     * {@code _metadata}), lists {@link ArrayList}s, tuples {@link Tuple}s, tensors the tensors read.
     */
    static Object build(Object root, Map<Unpickler.TensorRef, Tensor> tensors) {
        if (!container(root)) {
            return value(root, tensors);
        }
        IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
        ArrayDeque<Frame> path = new ArrayDeque<>();
        path.push(new Frame(root, true));
        Object result = null;
        while (!path.isEmpty()) {
            Frame f = path.peek();
            if (f.next < f.children.length) {
                Object c = f.children[f.next];
                if (!container(c)) {
                    f.results[f.next++] = value(c, tensors);
                } else if (done.containsKey(c)) {
                    f.results[f.next++] = done.get(c);
                } else {
                    path.push(new Frame(c, true));
                }
                continue;
            }
            path.pop();
            Object made = make(f);
            done.put(f.node, made);
            if (path.isEmpty()) {
                result = made;
            } else {
                Frame parent = path.peek();
                parent.results[parent.next++] = made;
            }
        }
        return result;
    }

    private static Object value(Object o, Map<Unpickler.TensorRef, Tensor> tensors) {
        return o instanceof Unpickler.TensorRef t ? tensors.get(t) : o;
    }

    private static Object make(Frame f) {
        Object[] r = f.results;
        if (f.node instanceof Unpickler.PyList) {
            return new ArrayList<>(java.util.Arrays.asList(r));
        }
        if (f.node instanceof Tuple t) {
            for (int i = 0; i < r.length; i++) {
                if (r[i] != t.get(i)) {
                    return Tuple.of(r);
                }
            }
            return t;
        }
        Unpickler.Dict d = (Unpickler.Dict) f.node;
        boolean stateDict = d.ordered;
        for (int i = 0; i < r.length && stateDict; i += 2) {
            stateDict = r[i] instanceof String && r[i + 1] instanceof Tensor;
        }
        if (stateDict) {
            StateDict sd = new StateDict();
            for (int i = 0; i < r.length; i += 2) {
                sd.put((String) r[i], (Tensor) r[i + 1]);
            }
            if (d.attributes.get("_metadata") instanceof Unpickler.Dict meta) {
                sd.metadata().putAll(metadata(meta));
            }
            return sd;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < r.length; i += 2) {
            m.put(r[i], r[i + 1]);
        }
        return m;
    }

    /** {@code _metadata} of a state dict: per module prefix, its str/int/bool/None attributes; anything else dropped. */
    static Map<String, Map<String, Object>> metadata(Unpickler.Dict meta) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : meta.items.entrySet()) {
            if (e.getKey() instanceof String prefix && e.getValue() instanceof Unpickler.Dict d) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<Object, Object> v : d.items.entrySet()) {
                    Object value = v.getValue();
                    if (v.getKey() instanceof String k && (value == null || value instanceof String
                            || value instanceof Long || value instanceof Boolean)) {
                        values.put(k, value);
                    }
                }
                out.put(prefix, values);
            }
        }
        return out;
    }
}
