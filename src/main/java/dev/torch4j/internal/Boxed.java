package dev.torch4j.internal;

import dev.torch4j.DType;
import java.util.List;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.IntType;
import org.bytedeco.pytorch.OperatorHandle;
import org.bytedeco.pytorch.TensorType;
import org.bytedeco.pytorch.Type;

/**
 * An operator called through the dispatcher by its schema name, for the few overloads the binding has
 * no typed function for ({@code tools/codegen/report.txt} lists them). Arguments arrive as the Java
 * values {@link Aten} takes; the kinds string, written by the generator, says how to box each.
 */
final class Boxed {
    private final String name;
    private final String overload;
    private final String[] argKinds;
    private final String[] retKinds;
    private volatile OperatorHandle handle;

    Boxed(String name, String overload, String kinds) {
        this.name = name;
        this.overload = overload;
        int arrow = kinds.indexOf("->");
        String args = kinds.substring(0, arrow);
        String rets = kinds.substring(arrow + 2);
        this.argKinds = args.isEmpty() ? new String[0] : args.split(",");
        this.retKinds = rets.isEmpty() ? new String[0] : rets.split(",");
    }

    private OperatorHandle handle() {
        OperatorHandle h = handle;
        if (h == null) {
            h = handle = Dispatcher.singleton().findSchemaOrThrow(name, overload);
        }
        return h;
    }

    /** Calls the operator; returns its outputs as public values (tensors, lists, numbers, dtypes). */
    Object[] call(Object... args) {
        Frame f = Frame.enter();
        try {
            IValueVector stack = f.own(new IValueVector());
            for (int i = 0; i < args.length; i++) {
                stack.push_back(f.own(box(f, argKinds[i], args[i], i)));
            }
            handle().callBoxed(stack);
            Object[] out = new Object[retKinds.length];
            for (int i = 0; i < out.length; i++) {
                // get() and toTensor() return references into the stack: copy, never own them
                out[i] = unbox(f, retKinds[i], stack.get(i));
            }
            return out;
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    private IValue box(Frame f, String kind, Object v, int i) {
        String argName = name + " argument " + i;
        if (v == null) {
            if (!kind.startsWith("OPT_")) {
                throw Frame.nullArgument(argName, kind.toLowerCase());
            }
            return new IValue();
        }
        return switch (kind) {
            case "TENSOR", "OPT_TENSOR" -> new IValue(f.t((dev.torch4j.Tensor) v, argName));
            case "INT", "OPT_INT" -> new IValue((Long) v);
            case "FLOAT", "OPT_FLOAT" -> new IValue((Double) v);
            case "BOOL", "OPT_BOOL" -> new IValue((Boolean) v);
            case "SCALAR", "OPT_SCALAR" -> new IValue(f.scalar((Number) v, argName));
            case "STR", "OPT_STR" -> new IValue((String) v);
            case "SCALAR_TYPE", "OPT_SCALAR_TYPE" -> new IValue(Native.scalarType((DType) v));
            case "INT_LIST", "OPT_INT_LIST" -> {
                GenericList l = f.own(new GenericList(f.own(new Type.TypePtr(IntType.getIntTypePtr()))));
                for (long x : (long[]) v) {
                    l.push_back(f.own(new IValue(x)));
                }
                yield new IValue(l);
            }
            case "TENSOR_LIST" -> {
                GenericList l = f.own(new GenericList(f.own(new Type.TypePtr(TensorType.get()))));
                @SuppressWarnings("unchecked")
                List<dev.torch4j.Tensor> ts = (List<dev.torch4j.Tensor>) v;
                for (int k = 0; k < ts.size(); k++) {
                    l.push_back(f.own(new IValue(f.t(ts.get(k), argName + "[" + k + "]"))));
                }
                yield new IValue(l);
            }
            default -> throw new UnsupportedOperationException(name + ": cannot box an argument of kind " + kind);
        };
    }

    private Object unbox(Frame f, String kind, IValue v) {
        return switch (kind) {
            case "TENSOR" -> f.copy(v.toTensor());
            case "TENSOR_LIST" -> f.list(v.toTensorVector());
            case "BOOL" -> v.toBool();
            case "INT" -> v.toInt();
            case "FLOAT" -> v.toDouble();
            case "SCALAR" -> f.scalarValue(v.toScalar());
            case "SCALAR_TYPE" -> Native.dtype(v.toScalarType());
            default -> throw new UnsupportedOperationException(name + ": cannot unbox a result of kind " + kind);
        };
    }

    /** The generated code's cast of a boxed list result. */
    @SuppressWarnings("unchecked")
    static List<dev.torch4j.Tensor> tensors(Object o) {
        return (List<dev.torch4j.Tensor>) o;
    }
}
