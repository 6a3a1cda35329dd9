package codegen;

import codegen.Schema.Arg;
import codegen.Schema.Kind;
import codegen.Schema.Ret;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JavaCPP binding's typed entry points, found by reflection: for a schema, the static function
 * in {@code global.torch} or the method of {@code org.bytedeco.pytorch.Tensor} whose parameters are
 * exactly the schema's arguments. A typed call costs one JNI crossing; without one the generated code
 * calls the operator boxed, through the dispatcher.
 */
final class Binding {
    private final Map<String, List<Method>> functions = new HashMap<>();
    private final Map<String, List<Method>> methods = new HashMap<>();

    Binding() throws ClassNotFoundException {
        index(Class.forName("org.bytedeco.pytorch.global.torch"), functions, true);
        index(Class.forName("org.bytedeco.pytorch.Tensor"), methods, false);
    }

    /** Public methods of {@code c} and its binding superclasses ({@code Tensor} inherits from {@code TensorBase}). */
    private static void index(Class<?> c, Map<String, List<Method>> into, boolean statics) {
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) == statics
                    && m.getDeclaringClass().getName().startsWith("org.bytedeco.pytorch")) {
                into.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }
    }

    boolean hasFunction(String name) {
        return functions.containsKey(name);
    }

    boolean hasMethod(String name) {
        return methods.containsKey(name);
    }

    /** A typed entry point: the method and whether it is called on {@code self}. */
    record Typed(Method method, boolean onSelf, int selfIndex) {
    }

    /** @return the best typed entry point for {@code s}, or null */
    Typed find(Schema s, List<Arg> args) {
        Typed best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Method m : functions.getOrDefault(s.name(), List.of())) {
            int score = score(m.getParameterTypes(), args, -1) ;
            if (score > bestScore && returns(m, s)) {
                best = new Typed(m, false, -1);
                bestScore = score;
            }
        }
        if (best != null) {
            return best;
        }
        int self = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).name().equals("self") && args.get(i).kind() == Kind.TENSOR) {
                self = i;
            }
        }
        if (self < 0) {
            return null;
        }
        for (Method m : methods.getOrDefault(s.name(), List.of())) {
            int score = score(m.getParameterTypes(), args, self);
            if (score > bestScore && returns(m, s)) {
                best = new Typed(m, true, self);
                bestScore = score;
            }
        }
        return best;
    }

    /** Higher is better; MIN_VALUE when a parameter does not fit. */
    private static int score(Class<?>[] params, List<Arg> args, int skip) {
        int expected = args.size() - (skip >= 0 ? 1 : 0);
        if (params.length != expected) {
            return Integer.MIN_VALUE;
        }
        int score = 0;
        int p = 0;
        for (int i = 0; i < args.size(); i++) {
            if (i == skip) {
                continue;
            }
            int fit = fit(args.get(i), params[p++]);
            if (fit < 0) {
                return Integer.MIN_VALUE;
            }
            score += fit;
        }
        return score;
    }

    /** How well a JavaCPP parameter class takes a schema argument: -1 not at all, higher preferred. */
    static int fit(Arg a, Class<?> c) {
        String n = c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
        if (c.getEnclosingClass() != null && c.getEnclosingClass().getSimpleName().equals("torch")) {
            n = "torch." + c.getSimpleName();
        }
        return switch (a.kind()) {
            case TENSOR -> n.equals("Tensor") ? 1 : -1;
            case OPT_TENSOR -> n.equals("TensorOptional") ? 1 : -1;
            case TENSOR_LIST -> n.equals("TensorVector") ? 2 : n.equals("TensorArrayRef") ? 1 : -1;
            case OPT_TENSOR_LIST -> n.equals("TensorOptionalList") ? 1 : -1;
            case INT -> n.equals("long") ? 1 : -1;
            case OPT_INT -> n.equals("LongOptional") ? 1 : -1;
            case INT_LIST -> n.equals("long[]") ? 2 : n.equals("LongArrayRef") ? 1 : -1;
            case OPT_INT_LIST -> n.equals("LongArrayRefOptional") ? 1 : -1;
            case FLOAT -> n.equals("double") ? 1 : -1;
            case OPT_FLOAT -> n.equals("DoubleOptional") ? 1 : -1;
            case FLOAT_LIST -> n.equals("double[]") ? 2 : n.equals("DoubleArrayRef") ? 1 : -1;
            case OPT_FLOAT_LIST -> n.equals("DoubleArrayRefOptional") ? 1 : -1;
            case BOOL -> n.equals("boolean") ? 1 : -1;
            case OPT_BOOL -> n.equals("BoolOptional") ? 1 : -1;
            case BOOL_LIST -> n.equals("BoolPointer") ? 1 : -1;
            case SCALAR -> n.equals("Scalar") ? 1 : -1;
            case OPT_SCALAR -> n.equals("ScalarOptional") ? 1 : -1;
            case STR -> n.equals("String") ? 2 : n.equals("BytePointer") ? 1 : -1;
            case OPT_STR -> n.equals("StringViewOptional") ? 1 : -1;
            case SCALAR_TYPE -> n.equals("torch.ScalarType") ? 1 : -1;
            case OPT_SCALAR_TYPE -> n.equals("ScalarTypeOptional") ? 1 : -1;
            case LAYOUT -> n.equals("torch.Layout") ? 1 : -1;
            case OPT_LAYOUT -> n.equals("LayoutOptional") ? 1 : -1;
            case DEVICE -> n.equals("Device") ? 1 : -1;
            case OPT_DEVICE -> n.equals("DeviceOptional") ? 1 : -1;
            case MEMORY_FORMAT -> n.equals("torch.MemoryFormat") ? 1 : -1;
            case OPT_MEMORY_FORMAT -> n.equals("MemoryFormatOptional") ? 1 : -1;
            case OPT_GENERATOR -> n.equals("GeneratorOptional") ? 1 : -1;
            default -> -1;
        };
    }

    /** Whether the method's Java return type carries the schema's returns. */
    private static boolean returns(Method m, Schema s) {
        Class<?> r = m.getReturnType();
        List<Ret> rets = s.rets();
        if (rets.isEmpty()) {
            return r == void.class || r.getSimpleName().equals("Tensor");
        }
        if (rets.size() == 1) {
            return fits(rets.get(0).kind(), r);
        }
        if (!r.getSimpleName().startsWith("T_")) {
            return false;
        }
        for (int i = 0; i < rets.size(); i++) {
            try {
                if (!fits(rets.get(i).kind(), r.getMethod("get" + i).getReturnType())) {
                    return false;
                }
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
        try {
            r.getMethod("get" + rets.size());
            return false;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    static boolean fits(Kind k, Class<?> r) {
        String n = r.getSimpleName();
        return switch (k) {
            case TENSOR -> n.equals("Tensor");
            case TENSOR_LIST -> n.equals("TensorVector");
            case BOOL -> r == boolean.class;
            case INT -> r == long.class;
            case FLOAT -> r == double.class;
            case SCALAR -> n.equals("Scalar");
            case SCALAR_TYPE -> n.equals("ScalarType");
            default -> false;
        };
    }
}
