package dev.torch4j;

import dev.torch4j.nn.Functional;
import dev.torch4j.nn.Reduction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the op-parity table's Python expressions ({@code a.topk(2, 0, False)},
 * {@code torch.where(bo, a, b)}, {@code a[0, 1:3, None]}) against torch4j's public API, the way a
 * porting team writes them: each call goes to the method of PyTorch's name camelCased on Tensor,
 * Torch, nn.Functional, Linalg, Special or Fft, overloads chosen as Java would from the argument
 * types (ints as long, floats as double, lists as arrays, tensor lists as List).
 */
final class OpCall {
    /** Python's {@code ...} and {@code slice()} values. */
    record PySlice(Long start, Long stop, Long step) {
    }

    private static final Object ELLIPSIS = new Object();

    /** A keyword argument; {@code dtype=}, {@code device=}, {@code requires_grad=} of factories become TensorOptions. */
    record Kw(String name, Object value) {
    }

    private static final java.util.Set<String> OPTION_KWARGS = java.util.Set.of("dtype", "device", "requires_grad",
            "layout", "pin_memory");

    /** Python method names that are Java keywords, spelled as torch4j spells them. */
    private static final Map<String, String> JAVA_NAMES = Map.of("float", "toFloat", "double", "toDouble", "long",
            "toLong", "int", "toInt", "bool", "toBool");

    private final String src;
    private final Map<String, Tensor> env;
    private int pos;

    private OpCall(String src, Map<String, Tensor> env) {
        this.src = src;
        this.env = env;
    }

    /** @return the value of {@code expr}: a Tensor, a record, a List, a boxed number or boolean */
    static Object eval(String expr, Map<String, Tensor> env) throws Throwable {
        OpCall p = new OpCall(expr, env);
        Object v = p.expr();
        p.ws();
        if (p.pos != expr.length()) {
            throw new IllegalStateException("unparsed input at " + p.pos + " in " + expr);
        }
        return v;
    }

    // ------------------------------------------------------------------ parsing

    private Object expr() throws Throwable {
        Object v = primary();
        while (true) {
            ws();
            if (peek('.')) {
                pos++;
                String name = ident();
                ws();
                List<Object> args = peek('(') ? args() : List.of();
                v = callMethod((Tensor) v, name, args);
            } else if (peek('[')) {
                pos++;
                List<Object> items = subscript();
                v = ((Tensor) v).index(items.toArray());
            } else {
                return v;
            }
        }
    }

    private Object primary() throws Throwable {
        ws();
        char c = src.charAt(pos);
        if (c == '[') {
            pos++;
            List<Object> items = new ArrayList<>();
            ws();
            while (!peek(']')) {
                items.add(expr());
                ws();
                if (peek(',')) {
                    pos++;
                }
                ws();
            }
            pos++;
            return items;
        }
        if (c == '\'' || c == '"') {
            int end = src.indexOf(c, pos + 1);
            String s = src.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        String name = ident();
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            case "Ellipsis":
                return ELLIPSIS;
            case "torch", "F", "NN":
                return module(name);
            case "slice": {
                List<Object> a = args();
                Long[] parts = new Long[3];
                if (a.size() == 1) {
                    parts[1] = (Long) a.get(0);
                } else {
                    for (int i = 0; i < a.size(); i++) {
                        parts[i] = (Long) a.get(i);
                    }
                }
                return new PySlice(parts[0], parts[1], parts[2]);
            }
            case "index_put": {
                List<Object> a = args();
                Tensor t = (Tensor) a.get(0);
                Object[] key = indexKeys((List<?>) a.get(1));
                Object value = a.get(2);
                if (value instanceof Tensor v) {
                    return t.indexPut_(key, v);
                }
                return value instanceof Long l ? t.indexPut_(key, l.longValue())
                        : t.indexPut_(key, ((Number) value).doubleValue());
            }
            default: {
                Tensor t = env.get(name);
                if (t == null) {
                    throw new IllegalStateException("unknown name " + name + " in " + src);
                }
                return t;
            }
        }
    }

    private Object module(String root) throws Throwable {
        Class<?> owner = switch (root) {
            case "F", "NN" -> Functional.class;
            default -> Torch.class;
        };
        expect('.');
        String name = ident();
        if (root.equals("torch") && (name.equals("linalg") || name.equals("special") || name.equals("fft"))) {
            owner = switch (name) {
                case "linalg" -> Linalg.class;
                case "special" -> Special.class;
                default -> Fft.class;
            };
            expect('.');
            name = ident();
        }
        ws();
        if (!peek('(')) {
            DType d = dtype(name);
            if (d == null) {
                throw new IllegalStateException("unknown torch attribute " + name);
            }
            return d;
        }
        return invoke(owner, null, name, args());
    }

    private static DType dtype(String name) {
        for (DType d : DType.values()) {
            if (d.pythonName().equals("torch." + name)) {
                return d;
            }
        }
        return switch (name) {
            case "float" -> DType.FLOAT32;
            case "double" -> DType.FLOAT64;
            case "long" -> DType.INT64;
            case "int" -> DType.INT32;
            case "half" -> DType.FLOAT16;
            default -> null;
        };
    }

    private List<Object> args() throws Throwable {
        expect('(');
        List<Object> out = new ArrayList<>();
        ws();
        while (!peek(')')) {
            int save = pos;
            String keyword = null;
            if (Character.isLetter(src.charAt(pos))) {
                String maybe = ident();
                ws();
                if (peek('=') && src.charAt(pos + 1) != '=') {
                    pos++;
                    keyword = maybe;
                } else {
                    pos = save;
                }
            }
            Object v = expr();
            out.add(keyword == null ? v : new Kw(keyword, v));
            ws();
            if (peek(',')) {
                pos++;
            }
            ws();
        }
        pos++;
        return out;
    }

    private List<Object> subscript() throws Throwable {
        List<Object> items = new ArrayList<>();
        ws();
        while (!peek(']')) {
            items.add(subscriptItem());
            ws();
            if (peek(',')) {
                pos++;
            }
            ws();
        }
        pos++;
        return List.of(indexKeys(items));
    }

    private Object subscriptItem() throws Throwable {
        ws();
        if (src.startsWith("...", pos)) {
            pos += 3;
            return ELLIPSIS;
        }
        Long[] parts = new Long[3];
        int part = 0;
        boolean slice = false;
        Object single = null;
        while (true) {
            ws();
            if (peek(':')) {
                slice = true;
                pos++;
                part++;
                continue;
            }
            if (peek(',') || peek(']')) {
                break;
            }
            Object v = expr();
            if (v instanceof Long l) {
                parts[part] = l;
                single = v;
            } else {
                single = v;
            }
        }
        return slice ? new PySlice(parts[0], parts[1], parts[2]) : single;
    }

    /** Python subscript values as {@link Tensor#index(Object...)} takes them. */
    private static Object[] indexKeys(List<?> items) {
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = items.get(i);
            if (o instanceof PySlice s) {
                out[i] = Indexing.slice(s.start(), s.stop(), s.step());
            } else if (o == ELLIPSIS) {
                out[i] = Indexing.ellipsis();
            } else if (o == null) {
                out[i] = Indexing.newaxis();
            } else if (o instanceof List<?> l) {
                out[i] = l.stream().mapToLong(x -> (Long) x).toArray();
            } else {
                out[i] = o;
            }
        }
        return out;
    }

    private Object number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || "._eE".indexOf(src.charAt(pos)) >= 0
                || (src.charAt(pos) == '-' && "eE".indexOf(src.charAt(pos - 1)) >= 0))) {
            pos++;
        }
        String n = src.substring(start, pos);
        return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
    }

    private String ident() {
        ws();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalStateException("expected a name at " + pos + " in " + src);
        }
        return src.substring(start, pos);
    }

    private void ws() {
        while (pos < src.length() && src.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) {
        ws();
        if (!peek(c)) {
            throw new IllegalStateException("expected '" + c + "' at " + pos + " in " + src);
        }
        pos++;
    }

    // ------------------------------------------------------------------ calling

    private static Object callMethod(Tensor self, String pyName, List<Object> args) throws Throwable {
        return invoke(Tensor.class, self, pyName, args);
    }

    /** Chooses the overload Java would for these argument types and calls it. */
    static Object invoke(Class<?> owner, Tensor self, String pyName, List<Object> given) throws Throwable {
        String name = JAVA_NAMES.getOrDefault(pyName, OpCoverageTest.camel(pyName));
        List<Object> args = new ArrayList<>();
        TensorOptions options = null;
        for (Object a : given) {
            if (a instanceof Kw kw && OPTION_KWARGS.contains(kw.name()) && hasOptions(owner, name)) {
                options = apply(options == null ? TensorOptions.defaults() : options, kw);
            } else {
                args.add(a instanceof Kw kw ? kw.value() : a);
            }
        }
        if (options != null) {
            args.add(options);
        }
        Method best = null;
        Object[] bestArgs = null;
        int bestCost = Integer.MAX_VALUE;
        for (List<Object> variant : packings(args)) {
            for (Method m : owner.getMethods()) {
                if (!m.getName().equals(name) || Modifier.isStatic(m.getModifiers()) != (self == null)) {
                    continue;
                }
                Object[] converted = new Object[m.getParameterCount()];
                int cost = match(m, variant, converted);
                if (cost < bestCost) {
                    best = m;
                    bestArgs = converted;
                    bestCost = cost;
                }
            }
        }
        if (best == null) {
            throw new NoSuchMethodException(owner.getSimpleName() + "." + name + " for arguments " + describe(args));
        }
        try {
            // inherited from the generated package-private bases: reflection needs the access Java code has
            best.setAccessible(true);
            return best.invoke(self, bestArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean hasOptions(Class<?> owner, String name) {
        return Arrays.stream(owner.getMethods()).anyMatch(m -> m.getName().equals(name)
                && Arrays.asList(m.getParameterTypes()).contains(TensorOptions.class));
    }

    private static TensorOptions apply(TensorOptions o, Kw kw) {
        return switch (kw.name()) {
            case "dtype" -> o.dtype((DType) kw.value());
            case "requires_grad" -> o.requiresGrad((Boolean) kw.value());
            case "pin_memory" -> o.pinMemory((Boolean) kw.value());
            default -> throw new IllegalStateException("keyword " + kw.name() + " is not interpreted");
        };
    }

    /** The arguments as written, and with each run of tensors packed into one list (Python's *tensors). */
    private static List<List<Object>> packings(List<Object> args) {
        List<List<Object>> out = new ArrayList<>();
        out.add(args);
        for (int i = 0; i < args.size(); i++) {
            if (!(args.get(i) instanceof Tensor)) {
                continue;
            }
            int j = i;
            while (j < args.size() && args.get(j) instanceof Tensor) {
                j++;
            }
            if (j - i >= 1) {
                List<Object> packed = new ArrayList<>(args.subList(0, i));
                packed.add(new ArrayList<>(args.subList(i, j)));
                packed.addAll(args.subList(j, args.size()));
                out.add(packed);
            }
        }
        return out;
    }

    private static int match(Method m, List<Object> args, Object[] out) {
        Class<?>[] pt = m.getParameterTypes();
        boolean varargs = m.isVarArgs() || pt.length > 0 && pt[pt.length - 1] == long[].class
                && args.size() >= pt.length && args.subList(pt.length - 1, args.size()).stream()
                        .allMatch(a -> a instanceof Long);
        if (varargs && args.size() >= pt.length - 1 && !(args.size() == pt.length
                && (args.get(pt.length - 1) instanceof List || args.get(pt.length - 1) == null))) {
            int fixed = pt.length - 1;
            int cost = 0;
            for (int i = 0; i < fixed; i++) {
                Object c = convert(args.get(i), pt[i]);
                if (c == NO) {
                    return Integer.MAX_VALUE;
                }
                out[i] = c;
                cost += COST.get();
            }
            long[] rest = new long[args.size() - fixed];
            for (int i = fixed; i < args.size(); i++) {
                if (!(args.get(i) instanceof Long l)) {
                    return Integer.MAX_VALUE;
                }
                rest[i - fixed] = l;
            }
            if (pt[fixed] != long[].class) {
                return Integer.MAX_VALUE;
            }
            out[fixed] = rest;
            return cost + 1;
        }
        if (pt.length != args.size()) {
            return Integer.MAX_VALUE;
        }
        int cost = 0;
        for (int i = 0; i < pt.length; i++) {
            Object c = convert(args.get(i), pt[i]);
            if (c == NO) {
                return Integer.MAX_VALUE;
            }
            out[i] = c;
            cost += COST.get();
        }
        return cost;
    }

    private static final Object NO = new Object();
    private static final ThreadLocal<Integer> COST = ThreadLocal.withInitial(() -> 0);

    /** The argument converted to {@code type}, or {@link #NO}; sets {@link #COST} (0 is exact). */
    private static Object convert(Object v, Class<?> type) {
        COST.set(0);
        if (v == null) {
            COST.set(type == Tensor.class ? 1 : 2);
            return type.isPrimitive() ? NO : null;
        }
        if (v instanceof Tensor) {
            return type == Tensor.class ? v : NO;
        }
        if (v instanceof Long l) {
            if (type == long.class || type == Long.class) {
                return l;
            }
            COST.set(type == Number.class ? 1 : type == double.class || type == Double.class ? 2 : 3);
            if (type == Number.class) {
                return l;
            }
            if (type == double.class) {
                return l.doubleValue();
            }
            if (type == long[].class) {
                return new long[] {l};
            }
            if (type == Reduction.class) {
                COST.set(0);
                return Reduction.values()[(int) (long) l];
            }
            return NO;
        }
        if (v instanceof Double d) {
            if (type == double.class || type == Double.class) {
                return d;
            }
            COST.set(1);
            return type == Number.class ? d : NO;
        }
        if (v instanceof Boolean b) {
            return type == boolean.class || type == Boolean.class ? b : NO;
        }
        if (v instanceof String s) {
            if (type == String.class) {
                return s;
            }
            if (type == Reduction.class) {
                return Reduction.valueOf(s.toUpperCase());
            }
            return NO;
        }
        if (v instanceof DType d) {
            return type == DType.class ? d : NO;
        }
        if (v instanceof TensorOptions o) {
            return type == TensorOptions.class ? o : NO;
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                COST.set(1);
                return type == long[].class ? new long[0] : type == List.class ? new ArrayList<Tensor>()
                        : type == double[].class ? new double[0] : NO;
            }
            if (list.stream().allMatch(x -> x instanceof Tensor)) {
                return type == List.class ? list : NO;
            }
            if (list.stream().allMatch(x -> x instanceof Long)) {
                return type == long[].class ? list.stream().mapToLong(x -> (Long) x).toArray() : NO;
            }
            if (list.stream().allMatch(x -> x instanceof Number)) {
                return type == double[].class ? list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray()
                        : NO;
            }
        }
        return NO;
    }

    private static String describe(List<Object> args) {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            out.add(a == null ? "null" : a instanceof Tensor t ? "Tensor" + Arrays.toString(t.shape())
                    : a.getClass().getSimpleName() + "(" + a + ")");
        }
        return out.toString();
    }

    /** The tensors and scalars a result holds, in order, as Python's flattened tuple would list them. */
    static List<Object> flatten(Object r) {
        List<Object> out = new ArrayList<>();
        if (r instanceof List<?> l) {
            for (Object o : l) {
                out.addAll(flatten(o));
            }
        } else if (r != null && r.getClass().isRecord()) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    out.addAll(flatten(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            out.add(r);
        }
        return out;
    }
}
