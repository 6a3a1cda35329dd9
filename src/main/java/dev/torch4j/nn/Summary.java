package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** torchinfo's {@code summary(model)} table, with output shapes when an input is given. */
final class Summary {
    private static final ThreadLocal<Map<Module, long[]>> RECORDING = new ThreadLocal<>();
    private static final int NAME = 40;
    private static final int SHAPE = 25;
    private static final int PARAMS = 15;

    private Summary() {
    }

    static void observe(Module m, Object output) {
        Map<Module, long[]> rec = RECORDING.get();
        if (rec != null) {
            Tensor t = output instanceof Tensor x ? x : output instanceof RNN.Output o ? o.output() : null;
            if (t != null && !rec.containsKey(m)) {
                rec.put(m, t.shape());
            }
        }
    }

    static String of(Module root, Tensor input) {
        Map<Module, long[]> shapes = new IdentityHashMap<>();
        if (input != null) {
            record(root, input, shapes);
        }
        boolean withShapes = input != null;
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

    private static void record(Module root, Tensor input, Map<Module, long[]> shapes) {
        Method forward;
        try {
            forward = root.getClass().getMethod("forward", Tensor.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(root.getClass().getSimpleName()
                    + " has no public forward(Tensor): call summary() without an input");
        }
        forward.setAccessible(true);
        RECORDING.set(shapes);
        try (var scope = Torch.scope(); AutoCloseable g = Torch.noGrad()) {
            Object out = forward.invoke(root, input);
            observe(root, out);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            RECORDING.remove();
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
