package codegen;

import codegen.Generate.Op;
import codegen.Schema.Arg;
import codegen.Schema.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public methods: for each accepted overload and each place PyTorch exposes it (a {@code Tensor}
 * method, {@code torch.*}, {@code torch.nn.functional}, {@code torch.linalg/special/fft}), one Java
 * method per count of trailing arguments given, with Scalars as {@code double} and {@code long},
 * optional numbers as primitives (and boxed where a later argument forces one to be passed as null),
 * a one-element int list also as a plain {@code long} (as Python accepts an int), and the
 * {@code dtype/layout/device/pin_memory} of factories as one {@code TensorOptions}.
 */
final class Surface {
    enum Target { TENSOR, TORCH, FUNCTIONAL, LINALG, SPECIAL, FFT }

    private static final String DOCS = "https://pytorch.org/docs/stable/generated/";

    private final List<Op> ops;
    private final Policy policy;
    private final Binding binding;
    private final Map<Target, Out> outs = new LinkedHashMap<>();
    private final List<String> collisions = new ArrayList<>();

    /** One generated class being written. */
    static final class Out {
        final StringBuilder sb = new StringBuilder();
        final Set<String> erasures = new HashSet<>();
        int count;
    }

    /** A parameter slot of a public method: one schema argument, or the factory options. */
    record Slot(Arg arg, List<Arg> options) {
        boolean isOptions() {
            return options != null;
        }

        boolean defaulted() {
            return isOptions() || arg.def() != null;
        }
    }

    Surface(List<Op> ops, Policy policy, Binding binding) {
        this.ops = ops;
        this.policy = policy;
        this.binding = binding;
        for (Target t : Target.values()) {
            outs.put(t, new Out());
        }
    }

    List<String> collisions() {
        return collisions;
    }

    int methodCount() {
        return outs.values().stream().mapToInt(o -> o.count).sum();
    }

    void build() {
        for (Op op : ops) {
            String n = op.schema().name();
            if (policy.internal().contains(n)) {
                continue;
            }
            if (n.startsWith("linalg_")) {
                emit(Target.LINALG, op, n.substring(7));
            } else if (n.startsWith("special_")) {
                emit(Target.SPECIAL, op, n.substring(8));
            } else if (n.startsWith("fft_")) {
                emit(Target.FFT, op, n.substring(4));
            } else if (policy.nn().contains(n)) {
                emit(Target.FUNCTIONAL, op, n);
            } else if (binding.hasFunction(n) || !binding.hasMethod(n)) {
                emit(Target.TORCH, op, n);
            }
            if (binding.hasMethod(n) && selfIndex(op.schema()) >= 0 && !policy.hand().contains(n)) {
                emit(Target.TENSOR, op, n);
            }
        }
    }

    static int selfIndex(Schema s) {
        for (int i = 0; i < s.args().size(); i++) {
            Arg a = s.args().get(i);
            if (a.name().equals("self") && a.kind() == Kind.TENSOR) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ method variants

    private void emit(Target target, Op op, String pyName) {
        Schema s = op.schema();
        List<Slot> slots = new ArrayList<>();
        int self = target == Target.TENSOR ? selfIndex(s) : -1;
        List<Arg> args = s.args();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (i == self || a.kind() == Kind.OPT_GENERATOR) {
                continue;
            }
            if (a.name().equals("dtype") && a.kind() == Kind.OPT_SCALAR_TYPE && i + 3 < args.size()
                    && args.get(i + 1).kind() == Kind.OPT_LAYOUT && args.get(i + 2).kind() == Kind.OPT_DEVICE
                    && args.get(i + 3).kind() == Kind.OPT_BOOL && args.get(i + 3).name().equals("pin_memory")) {
                slots.add(new Slot(null, args.subList(i, i + 4)));
                i += 3;
                continue;
            }
            slots.add(new Slot(a, null));
        }
        int required = 0;
        for (int i = 0; i < slots.size(); i++) {
            if (!slots.get(i).defaulted()) {
                required = i + 1;
            }
        }
        String javaName = Generate.javaIdent(Generate.camel(pyName));
        for (int cut = required; cut <= slots.size(); cut++) {
            List<Slot> given = slots.subList(0, cut);
            boolean scalar = given.stream().anyMatch(sl -> !sl.isOptions()
                    && (sl.arg().kind() == Kind.SCALAR || sl.arg().kind() == Kind.OPT_SCALAR));
            boolean nullable = false;
            for (int i = 0; i < given.size() - 1; i++) {
                Slot sl = given.get(i);
                if (!sl.isOptions() && isOptionalNumber(sl.arg().kind())) {
                    nullable = true;
                }
            }
            long singles = given.stream().filter(sl -> !sl.isOptions() && sl.arg().n() == 1
                    && (sl.arg().kind() == Kind.INT_LIST || sl.arg().kind() == Kind.OPT_INT_LIST)).count();
            // one variant where every int[1] is a plain long (Python accepts an int for each)
            for (String scalarType : scalar ? List.of("double", "long") : List.of("double")) {
                for (boolean boxed : nullable ? List.of(false, true) : List.of(false)) {
                    for (boolean single : singles >= 1 ? List.of(false, true) : List.of(false)) {
                        variant(target, op, pyName, javaName, slots, cut, scalarType, boxed, single);
                    }
                }
            }
        }
    }

    private static boolean isOptionalNumber(Kind k) {
        return k == Kind.OPT_INT || k == Kind.OPT_FLOAT || k == Kind.OPT_BOOL || k == Kind.OPT_SCALAR;
    }

    private void variant(Target target, Op op, String pyName, String javaName, List<Slot> slots, int cut,
            String scalarType, boolean boxed, boolean single) {
        Schema s = op.schema();
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<Arg, String> passed = new LinkedHashMap<>();
        boolean options = false;
        for (int i = 0; i < cut; i++) {
            Slot sl = slots.get(i);
            boolean last = i == cut - 1;
            if (sl.isOptions()) {
                types.add("TensorOptions");
                names.add("options");
                options = true;
                List<Arg> o = sl.options();
                passed.put(o.get(0), "o.dtypeOr(" + AtenDefaults.literal(o.get(0)) + ")");
                passed.put(o.get(1), "o.layout()");
                passed.put(o.get(2), "o.device()");
                passed.put(o.get(3), "o.pinMemory()");
                continue;
            }
            Arg a = sl.arg();
            String name = AtenWriter.param(a);
            if (target != Target.TENSOR && a.name().equals("self")) {
                name = "input";
            }
            // varargs after a number would make f(1, 2, 3) ambiguous between f(long, long...) overloads
            boolean afterNumber = types.stream().anyMatch(t -> t.equals("long") || t.equals("double"));
            String type = publicType(a, scalarType, boxed, single, last && !afterNumber);
            types.add(type);
            names.add(name);
            passed.put(a, type.equals("long") && a.n() == 1 && (a.kind() == Kind.INT_LIST || a.kind() == Kind.OPT_INT_LIST)
                    ? "new long[] {" + name + "}" : name);
        }
        String erased = javaName + "(" + String.join(",", types.stream()
                .map(t -> t.replace("List<Tensor>", "List").replace("...", "[]")).toList()) + ")";
        Out out = outs.get(target);
        if (!out.erasures.add(erased)) {
            collisions.add(target + " " + erased + " from " + s.qualified());
            return;
        }
        out.count++;
        StringBuilder call = new StringBuilder("Aten.").append(op.atenName()).append('(');
        boolean first = true;
        int self = target == Target.TENSOR ? selfIndex(s) : -1;
        for (int i = 0; i < s.args().size(); i++) {
            Arg a = s.args().get(i);
            if (a.kind() == Kind.OPT_GENERATOR) {
                continue;
            }
            String expr;
            if (i == self) {
                expr = "self()";
            } else if (passed.containsKey(a)) {
                expr = passed.get(a);
            } else {
                expr = AtenDefaults.literal(a);
            }
            call.append(first ? "" : ", ").append(expr);
            first = false;
        }
        call.append(')');
        String ret = AtenWriter.returnType(op);
        StringBuilder sb = out.sb;
        sb.append("\n    /**\n     * Like {@code ").append(pythonName(target, pyName)).append("}: {@code ")
                .append(s.display().replace("*/", "* /")).append("}; arguments left out take the defaults shown.\n");
        sb.append("     *\n     * @see <a href=\"").append(DOCS).append(pythonName(target, pyName)).append(".html\">")
                .append(pythonName(target, pyName)).append("</a>\n     */\n");
        sb.append("    public ").append(target == Target.TENSOR ? "" : "static ").append(ret).append(' ')
                .append(javaName).append('(');
        for (int i = 0; i < types.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(types.get(i)).append(' ').append(names.get(i));
        }
        sb.append(") {\n");
        if (options) {
            sb.append("        TensorOptions o = TensorOptions.orDefaults(options);\n");
            sb.append("        return o.finish(").append(call).append(");\n");
        } else {
            sb.append("        ").append(ret.equals("void") ? "" : "return ").append(call).append(";\n");
        }
        sb.append("    }\n");
    }

    /** The Java type of a given argument in one variant. */
    private static String publicType(Arg a, String scalarType, boolean boxed, boolean single, boolean last) {
        if (AtenWriter.isReduction(a)) {
            return "Reduction";
        }
        return switch (a.kind()) {
            case TENSOR, OPT_TENSOR -> "Tensor";
            case TENSOR_LIST, OPT_TENSOR_LIST -> "List<Tensor>";
            case INT -> "long";
            case OPT_INT -> boxed ? "Long" : "long";
            // varargs only for lists of any length (sizes, dims): f(1, 1) must not fill a fixed-size stride
            case INT_LIST, OPT_INT_LIST -> single && a.n() == 1 ? "long" : last && a.n() < 0 ? "long..." : "long[]";
            case FLOAT -> "double";
            case OPT_FLOAT -> boxed ? "Double" : "double";
            case FLOAT_LIST, OPT_FLOAT_LIST -> last ? "double..." : "double[]";
            case BOOL -> "boolean";
            case OPT_BOOL -> boxed ? "Boolean" : "boolean";
            case BOOL_LIST -> "boolean[]";
            case SCALAR -> scalarType;
            case OPT_SCALAR -> boxed ? "Number" : scalarType;
            case STR, OPT_STR -> "String";
            case SCALAR_TYPE, OPT_SCALAR_TYPE -> "DType";
            case LAYOUT, OPT_LAYOUT -> "Layout";
            case DEVICE, OPT_DEVICE -> "Device";
            case MEMORY_FORMAT, OPT_MEMORY_FORMAT -> "MemoryFormat";
            default -> throw new IllegalStateException(a.toString());
        };
    }

    private static String pythonName(Target t, String pyName) {
        return switch (t) {
            case TENSOR -> "torch.Tensor." + pyName;
            case TORCH -> "torch." + pyName;
            case FUNCTIONAL -> "torch.nn.functional." + pyName;
            case LINALG -> "torch.linalg." + pyName;
            case SPECIAL -> "torch.special." + pyName;
            case FFT -> "torch.fft." + pyName;
        };
    }

    // ------------------------------------------------------------------ files

    private static final String IMPORTS_CORE = """
            import dev.torch4j.internal.Aten;
            import dev.torch4j.nn.Reduction;
            import dev.torch4j.returntypes.*;
            import java.util.List;
            """;

    String tensorMethods() {
        return Generate.JAVA_HEADER + "package dev.torch4j;\n\n" + IMPORTS_CORE + """

                /**
                 * The methods of {@code torch.Tensor} that ATen defines, generated from the operator schemas (see
                 * {@link Tensor} for the ones written by hand). Every method throws {@link TorchException} (or a
                 * subclass) carrying libtorch's message when libtorch rejects its arguments.
                 */
                @SuppressWarnings("unused")
                abstract class TensorMethods {
                    TensorMethods() {
                    }

                    /** @return this tensor, for the generated methods */
                    abstract Tensor self();
                """ + outs.get(Target.TENSOR).sb + "}\n";
    }

    String torchFunctions() {
        return Generate.JAVA_HEADER + "package dev.torch4j;\n\n" + IMPORTS_CORE + """

                /**
                 * The functions of the {@code torch} module that ATen defines, generated from the operator schemas;
                 * {@link Torch} inherits them. Every function throws {@link TorchException} (or a subclass)
                 * carrying libtorch's message when libtorch rejects its arguments.
                 */
                @SuppressWarnings("unused")
                class TorchFunctions {
                    TorchFunctions() {
                    }
                """ + outs.get(Target.TORCH).sb + "}\n";
    }

    String functional() {
        return Generate.JAVA_HEADER + "package dev.torch4j.nn;\n\n" + """
                import dev.torch4j.DType;
                import dev.torch4j.Device;
                import dev.torch4j.Layout;
                import dev.torch4j.MemoryFormat;
                import dev.torch4j.Tensor;
                import dev.torch4j.internal.Aten;
                import dev.torch4j.returntypes.*;
                import java.util.List;

                /**
                 * The native functions of {@code torch.nn.functional} ({@code torch._C._nn}), generated from the
                 * operator schemas; {@link Functional} inherits them. Every function throws
                 * {@link dev.torch4j.TorchException} (or a subclass) carrying libtorch's message when libtorch
                 * rejects its arguments.
                 */
                @SuppressWarnings("unused")
                class NativeFunctional {
                    NativeFunctional() {
                    }
                """ + outs.get(Target.FUNCTIONAL).sb + "}\n";
    }

    String module(String cls, String python, String prefix) {
        Target t = Target.valueOf(cls.toUpperCase());
        return Generate.JAVA_HEADER + "package dev.torch4j;\n\n" + IMPORTS_CORE + "\n/**\n * The functions of {@code "
                + python + "}, generated from the operator schemas ({@code aten::" + prefix
                + "*}). Every function throws {@link TorchException} (or a subclass) carrying libtorch's message\n"
                + " * when libtorch rejects its arguments.\n *\n * @see <a href=\"https://pytorch.org/docs/stable/"
                + python.substring(6) + ".html\">" + python + "</a>\n */\n@SuppressWarnings(\"unused\")\npublic final class "
                + cls + " {\n    private " + cls + "() {\n    }\n" + outs.get(t).sb + "}\n";
    }
}
