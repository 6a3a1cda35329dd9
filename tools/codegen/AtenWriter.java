package codegen;

import codegen.Generate.Op;
import codegen.Schema.Arg;
import codegen.Schema.Kind;
import codegen.Schema.Ret;
import java.lang.reflect.Method;
import java.util.List;
import org.bytedeco.javacpp.annotation.ByRef;

/**
 * Writes {@code dev.torch4j.internal.Aten}: one static method per accepted overload, taking and
 * returning torch4j's public types. Each method borrows its tensor arguments for the duration of the
 * native call (a {@code Frame}), converts the rest, calls the binding, and wraps what it returns.
 */
final class AtenWriter {
    private final List<Op> ops;

    AtenWriter(List<Op> ops) {
        this.ops = ops;
    }

    String write() {
        StringBuilder sb = new StringBuilder(Generate.JAVA_HEADER);
        sb.append("""
                package dev.torch4j.internal;

                import dev.torch4j.DType;
                import dev.torch4j.Device;
                import dev.torch4j.Layout;
                import dev.torch4j.MemoryFormat;
                import dev.torch4j.Tensor;
                import dev.torch4j.nn.Reduction;
                import dev.torch4j.returntypes.*;
                import java.util.List;
                import org.bytedeco.pytorch.global.torch;

                /**
                 * The one native boundary of torch4j's op surface: a static method per ATen overload, named
                 * {@code op_overload}, with the schema's arguments in order (generators left out). Tensor
                 * arguments are borrowed for the duration of the call, so that closing one on another thread
                 * waits for the kernel; native errors become {@code TorchException}s. The public methods of
                 * {@code Tensor}, {@code Torch}, {@code nn.Functional}, {@code Linalg}, {@code Special} and
                 * {@code Fft} call these with PyTorch's defaults filled in.
                 */
                @SuppressWarnings({"unused", "checkstyle:all"})
                public final class Aten {
                    static {
                        Native.init();
                    }

                    private Aten() {
                    }
                """);
        for (Op op : ops) {
            if (op.typed() == null) {
                sb.append("\n    private static final Boxed B_").append(op.atenName()).append(" = new Boxed(\"aten::")
                        .append(op.schema().name()).append("\", \"").append(op.schema().overload()).append("\", \"")
                        .append(kinds(op.schema())).append("\");\n");
            }
            method(sb, op);
        }
        return sb.append("}\n").toString();
    }

    static String kinds(Schema s) {
        StringBuilder sb = new StringBuilder();
        for (Arg a : s.args()) {
            sb.append(sb.length() > 0 ? "," : "").append(kindOf(a));
        }
        sb.append("->");
        for (int i = 0; i < s.rets().size(); i++) {
            sb.append(i > 0 ? "," : "").append(s.rets().get(i).kind());
        }
        return sb.toString();
    }

    /** An int argument named {@code reduction} is ATen's Reduction enum. */
    static String kindOf(Arg a) {
        return isReduction(a) ? "REDUCTION" : a.kind().name();
    }

    static boolean isReduction(Arg a) {
        return a.kind() == Kind.INT && a.name().equals("reduction");
    }

    static String atenType(Arg a) {
        if (isReduction(a)) {
            return "Reduction";
        }
        return switch (a.kind()) {
            case TENSOR, OPT_TENSOR -> "Tensor";
            case TENSOR_LIST, OPT_TENSOR_LIST -> "List<Tensor>";
            case INT -> "long";
            case OPT_INT -> "Long";
            case INT_LIST, OPT_INT_LIST -> "long[]";
            case FLOAT -> "double";
            case OPT_FLOAT -> "Double";
            case FLOAT_LIST, OPT_FLOAT_LIST -> "double[]";
            case BOOL -> "boolean";
            case OPT_BOOL -> "Boolean";
            case BOOL_LIST -> "boolean[]";
            case SCALAR, OPT_SCALAR -> "Number";
            case STR, OPT_STR -> "String";
            case SCALAR_TYPE, OPT_SCALAR_TYPE -> "DType";
            case LAYOUT, OPT_LAYOUT -> "Layout";
            case DEVICE, OPT_DEVICE -> "Device";
            case MEMORY_FORMAT, OPT_MEMORY_FORMAT -> "MemoryFormat";
            default -> throw new IllegalStateException(a.toString());
        };
    }

    static String returnType(Op op) {
        List<Ret> rets = op.schema().rets();
        if (rets.isEmpty()) {
            return "void";
        }
        if (op.record() != null) {
            return op.record();
        }
        return switch (rets.get(0).kind()) {
            case TENSOR -> "Tensor";
            case TENSOR_LIST -> "List<Tensor>";
            case BOOL -> "boolean";
            case INT -> "long";
            case FLOAT, SCALAR -> "double";
            case SCALAR_TYPE -> "DType";
            default -> throw new IllegalStateException(rets.toString());
        };
    }

    static String param(Arg a) {
        return Generate.javaIdent(Generate.camel(a.name()));
    }

    /** The input a write-aliased return refers to, or null. */
    static Arg aliasedInput(Schema s, Ret r) {
        if (r.alias() == null || !r.alias().contains("!")) {
            return null;
        }
        String set = r.alias().replace("!", "").trim();
        for (Arg a : s.args()) {
            if (a.alias() != null && a.alias().replace("!", "").trim().equals(set)) {
                return a;
            }
        }
        return null;
    }

    private void method(StringBuilder sb, Op op) {
        Schema s = op.schema();
        sb.append("\n    /** {@code ").append(s.display().replace("*/", "* /")).append("} */\n");
        sb.append("    public static ").append(returnType(op)).append(' ').append(op.atenName()).append('(');
        boolean first = true;
        for (Arg a : s.args()) {
            if (a.kind() == Kind.OPT_GENERATOR) {
                continue;
            }
            sb.append(first ? "" : ", ").append(atenType(a)).append(' ').append(param(a));
            first = false;
        }
        sb.append(") {\n");
        if (op.typed() == null) {
            boxedBody(sb, op);
        } else {
            typedBody(sb, op);
        }
        sb.append("    }\n");
    }

    private void boxedBody(StringBuilder sb, Op op) {
        Schema s = op.schema();
        StringBuilder args = new StringBuilder();
        for (Arg a : s.args()) {
            args.append(args.length() > 0 ? ", " : "").append(a.kind() == Kind.OPT_GENERATOR ? "null" : param(a));
        }
        String call = "B_" + op.atenName() + ".call(" + args + ")";
        List<Ret> rets = s.rets();
        if (rets.isEmpty()) {
            sb.append("        ").append(call).append(";\n");
            return;
        }
        Arg self = rets.size() == 1 ? aliasedInput(s, rets.get(0)) : null;
        if (self != null) {
            sb.append("        ").append(call).append(";\n        return ").append(param(self)).append(";\n");
        } else if (op.record() != null) {
            sb.append("        Object[] r = ").append(call).append(";\n        return new ").append(op.record()).append('(');
            for (int i = 0; i < rets.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(cast(rets.get(i).kind(), "r[" + i + "]"));
            }
            sb.append(");\n");
        } else {
            sb.append("        return ").append(cast(rets.get(0).kind(), call + "[0]")).append(";\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static String cast(Kind k, String expr) {
        return switch (k) {
            case TENSOR -> "(Tensor) " + expr;
            case TENSOR_LIST -> "Boxed.tensors(" + expr + ")";
            case BOOL -> "(Boolean) " + expr;
            case INT -> "(Long) " + expr;
            case FLOAT, SCALAR -> "((Number) " + expr + ").doubleValue()";
            case SCALAR_TYPE -> "(DType) " + expr;
            default -> throw new IllegalStateException(k.name());
        };
    }

    private void typedBody(StringBuilder sb, Op op) {
        Schema s = op.schema();
        Method m = op.typed().method();
        Class<?>[] pt = m.getParameterTypes();
        StringBuilder args = new StringBuilder();
        int p = 0;
        String receiver = null;
        for (int i = 0; i < s.args().size(); i++) {
            Arg a = s.args().get(i);
            if (op.typed().onSelf() && i == op.typed().selfIndex()) {
                receiver = "f.t(" + param(a) + ", \"" + a.name() + "\")";
                continue;
            }
            args.append(args.length() > 0 ? ", " : "").append(convert(a, pt[p++]));
        }
        String call = (receiver == null ? "torch." : receiver + ".") + m.getName() + "(" + args + ")";
        boolean byRef = m.isAnnotationPresent(ByRef.class);
        boolean returnsValue = m.getReturnType() != void.class;
        sb.append("        Frame f = Frame.enter();\n        try {\n");
        List<Ret> rets = s.rets();
        String body;
        if (rets.isEmpty()) {
            body = (returnsValue && !byRef ? "f.own(" + call + ")" : call) + ";\n";
        } else if (rets.size() == 1) {
            Ret r = rets.get(0);
            Arg self = aliasedInput(s, r);
            if (self != null) {
                body = (byRef ? call : "f.own(" + call + ")") + ";\n            return " + param(self) + ";\n";
            } else {
                body = "return " + switch (r.kind()) {
                    case TENSOR -> (byRef ? "f.copy(" : "f.wrap(") + call + ")";
                    case TENSOR_LIST -> (byRef ? "f.copyList(" : "f.list(") + call + ")";
                    case SCALAR -> (byRef ? "f.scalarRef(" : "f.scalarValue(") + call + ")";
                    case SCALAR_TYPE -> "f.dtypeOf(" + call + ")";
                    default -> call;
                } + ";\n";
            }
        } else {
            StringBuilder rec = new StringBuilder("var r = " + (byRef ? call : "f.own(" + call + ")") + ";\n            return new " + op.record() + "(");
            for (int i = 0; i < rets.size(); i++) {
                String get = "r.get" + i + "()";
                rec.append(i > 0 ? ", " : "").append(switch (rets.get(i).kind()) {
                    case TENSOR -> "f.copy(" + get + ")";
                    case TENSOR_LIST -> "f.copyList(" + get + ")";
                    default -> get;
                });
            }
            body = rec + ");\n";
        }
        sb.append("            ").append(body);
        sb.append("        } catch (RuntimeException e) {\n            throw f.fail(e);\n        } finally {\n")
                .append("            f.exit();\n        }\n");
    }

    /** The expression that turns a public argument into what the binding's parameter takes. */
    private static String convert(Arg a, Class<?> c) {
        String x = param(a);
        String q = ", \"" + a.name() + "\")";
        String n = c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
        if (isReduction(a)) {
            return "f.reduction(" + x + q;
        }
        return switch (a.kind()) {
            case TENSOR -> "f.t(" + x + q;
            case OPT_TENSOR -> "f.optT(" + x + ")";
            case TENSOR_LIST -> n.equals("TensorVector") ? "f.tensorVector(" + x + q : "f.tensorArrayRef(" + x + q;
            case OPT_TENSOR_LIST -> "f.optTensorList(" + x + q;
            case INT, FLOAT, BOOL -> x;
            case OPT_INT -> "f.optLong(" + x + ")";
            case INT_LIST -> n.equals("long[]") ? "f.longs(" + x + q : "f.longArrayRef(" + x + q;
            case OPT_INT_LIST -> "f.optLongs(" + x + ")";
            case OPT_FLOAT -> "f.optDouble(" + x + ")";
            case FLOAT_LIST -> n.equals("double[]") ? "f.doubles(" + x + q : "f.doubleArrayRef(" + x + q;
            case OPT_FLOAT_LIST -> "f.optDoubles(" + x + ")";
            case OPT_BOOL -> "f.optBool(" + x + ")";
            case BOOL_LIST -> "f.bools(" + x + q;
            case SCALAR -> "f.scalar(" + x + q;
            case OPT_SCALAR -> "f.optScalar(" + x + ")";
            case STR -> n.equals("String") ? "f.str(" + x + q : "f.bytes(" + x + q;
            case OPT_STR -> "f.optStr(" + x + ")";
            case SCALAR_TYPE -> "f.dtype(" + x + q;
            case OPT_SCALAR_TYPE -> "f.optDtype(" + x + ")";
            case LAYOUT -> "f.layout(" + x + q;
            case OPT_LAYOUT -> "f.optLayout(" + x + ")";
            case DEVICE -> "f.device(" + x + q;
            case OPT_DEVICE -> "f.optDevice(" + x + ")";
            case MEMORY_FORMAT -> "f.memoryFormat(" + x + q;
            case OPT_MEMORY_FORMAT -> "f.optMemoryFormat(" + x + ")";
            case OPT_GENERATOR -> "f.noGenerator()";
            default -> throw new IllegalStateException(a.toString());
        };
    }
}
