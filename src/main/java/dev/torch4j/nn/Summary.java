package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * torchinfo's {@code summary(model)} table, with output shapes when inputs are given. Nothing here knows a
 * module type: any module is a row, and an output's shape is that of the first tensor it holds.
 */
final class Summary {
    private static final ThreadLocal<Map<Module, long[]>> RECORDING = new ThreadLocal<>();
    private static final int NAME = 40;
    private static final int SHAPE = 25;
    private static final int PARAMS = 15;

    private Summary() {
    }

    static void observe(Module m, Object output) {
        Map<Module, long[]> rec = RECORDING.get();
        if (rec != null && !rec.containsKey(m)) {
            Tensor t = firstTensor(output, 0);
            if (t != null) {
                rec.put(m, t.shape());
            }
        }
    }

    /** The first tensor in an output: itself, a packed sequence's data, a record's or a collection's first. */
    private static Tensor firstTensor(Object o, int depth) {
        if (o instanceof Tensor t) {
            return t;
        }
        if (o instanceof PackedSequence p) {
            return p.data();
        }
        if (o == null || depth > 3) {
            return null;
        }
        if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    Tensor t = firstTensor(accessor.invoke(r), depth + 1);
                    if (t != null) {
                        return t;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        } else if (o instanceof Collection<?> c) {
            for (Object e : c) {
                Tensor t = firstTensor(e, depth + 1);
                if (t != null) {
                    return t;
                }
            }
        } else if (o instanceof Object[] a) {
            for (Object e : a) {
                Tensor t = firstTensor(e, depth + 1);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    static String of(Module root, Object[] inputs) {
        Map<Module, long[]> shapes = new IdentityHashMap<>();
        boolean withShapes = inputs != null;
        if (withShapes) {
            record(root, inputs, shapes);
        }
        int width = NAME + (withShapes ? SHAPE : 0) + PARAMS;
        String rule = "=".repeat(width) + "\n";
        StringBuilder sb = new StringBuilder(rule);
        sb.append(pad("Layer (type:depth-idx)", NAME));
        if (withShapes) {
            sb.append(pad("Output Shape", SHAPE));
        }
        sb.append("Param #\n").append(rule);
        rows(sb, root, "", 0, new int[64], shapes, withShapes);
        sb.append(rule);
        long total = 0;
        long trainable = 0;
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor p : root.namedParameters().values()) {
            if (seen.add(p)) {
                total += p.numel();
                trainable += p.requiresGrad() ? p.numel() : 0;
            }
        }
        sb.append("Total params: ").append(String.format("%,d", total)).append('\n');
        sb.append("Trainable params: ").append(String.format("%,d", trainable)).append('\n');
        sb.append("Non-trainable params: ").append(String.format("%,d", total - trainable)).append('\n');
        return sb.append(rule).toString();
    }

    private static void rows(StringBuilder sb, Module m, String name, int depth, int[] counters,
            Map<Module, long[]> shapes, boolean withShapes) {
        String type = m.getClass().getSimpleName();
        String label;
        if (depth == 0) {
            label = type;
        } else {
            counters[depth]++;
            String branch = depth == 1 ? "├─" : "│    ".repeat(depth - 1) + "└─";
            label = branch + type + ": " + depth + "-" + counters[depth];
        }
        sb.append(pad(label, NAME));
        if (withShapes) {
            long[] s = shapes.get(m);
            sb.append(pad(s == null ? "--" : Tensor.shapeString(s), SHAPE));
        }
        long own = 0;
        boolean frozen = true;
        for (Tensor p : m.ownParameters().values()) {
            own += p.numel();
            frozen &= !p.requiresGrad();
        }
        String count = own == 0 ? "--" : String.format("%,d", own);
        sb.append(own > 0 && frozen ? "(" + count + ")" : count).append('\n');
        for (Map.Entry<String, Module> c : m.namedChildren().entrySet()) {
            rows(sb, c.getValue(), c.getKey(), depth + 1, counters, shapes, withShapes);
        }
    }

    private static void record(Module root, Object[] inputs, Map<Module, long[]> shapes) {
        Method forward = forwardFor(root, inputs);
        RECORDING.set(shapes);
        try (var scope = Torch.scope(); var g = Torch.noGrad()) {
            Object out = forward.invoke(root, inputs);
            observe(root, out);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            RECORDING.remove();
        }
    }

    /** The public {@code forward} of {@code root}'s class that takes {@code inputs}, most specific first. */
    private static Method forwardFor(Module root, Object[] inputs) {
        Method best = null;
        for (Method m : root.getClass().getMethods()) {
            if (!m.getName().equals("forward") || m.getParameterCount() != inputs.length
                    || Modifier.isStatic(m.getModifiers()) || m.isBridge()) {
                continue;
            }
            Class<?>[] types = m.getParameterTypes();
            boolean fits = true;
            for (int i = 0; i < types.length && fits; i++) {
                fits = inputs[i] == null ? !types[i].isPrimitive() : box(types[i]).isInstance(inputs[i]);
            }
            if (fits && (best == null || moreSpecific(m, best))) {
                best = m;
            }
        }
        if (best == null) {
            StringBuilder types = new StringBuilder();
            for (Object o : inputs) {
                types.append(types.length() == 0 ? "" : ", ").append(o == null ? "null" : o.getClass().getSimpleName());
            }
            throw new IllegalArgumentException(root.getClass().getSimpleName() + " has no public forward(" + types
                    + "): call summary() without inputs, or with the arguments of one of its forward methods");
        }
        best.setAccessible(true);
        return best;
    }

    private static boolean moreSpecific(Method a, Method b) {
        Class<?>[] ta = a.getParameterTypes();
        Class<?>[] tb = b.getParameterTypes();
        for (int i = 0; i < ta.length; i++) {
            if (!tb[i].isAssignableFrom(ta[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == boolean.class ? Boolean.class : t == long.class ? Long.class : t == int.class ? Integer.class
                : t == double.class ? Double.class : t == float.class ? Float.class : t == short.class ? Short.class
                : t == byte.class ? Byte.class : Character.class;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
