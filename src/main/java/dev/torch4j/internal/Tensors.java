package dev.torch4j.internal;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.LongArrayRef;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.SymInt;
import org.bytedeco.pytorch.SymIntOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.TensorIndexVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.EllipsisIndexType;
import org.bytedeco.pytorch.Slice;

/**
 * The native side of what {@code Tensor} writes by hand, where Python adds behaviour of its own to
 * ATen: Java arrays in and out, properties, gradients and backward, device moves, and Python's
 * indexing. Every call borrows its tensors through a {@link Frame}, like the generated ops.
 */
public final class Tensors {
    static {
        Native.init();
    }

    private Tensors() {
    }

    // ------------------------------------------------------------------ creation from Java arrays

    /** An uninitialised contiguous CPU tensor. */
    public static dev.torch4j.Tensor empty(long[] shape, DType dtype) {
        return Aten.empty_memory_format(shape, dtype, null, null, null, null);
    }

    /** A CPU tensor holding a copy of {@code data} (row-major). */
    public static dev.torch4j.Tensor fromFloats(float[] data, long[] shape) {
        dev.torch4j.Tensor t = empty(shape, DType.FLOAT32);
        if (data.length > 0) {
            new FloatPointer(pointer(t)).capacity(data.length).put(data, 0, data.length);
        }
        return t;
    }

    public static dev.torch4j.Tensor fromDoubles(double[] data, long[] shape) {
        dev.torch4j.Tensor t = empty(shape, DType.FLOAT64);
        if (data.length > 0) {
            new DoublePointer(pointer(t)).capacity(data.length).put(data, 0, data.length);
        }
        return t;
    }

    public static dev.torch4j.Tensor fromLongs(long[] data, long[] shape) {
        dev.torch4j.Tensor t = empty(shape, DType.INT64);
        if (data.length > 0) {
            new LongPointer(pointer(t)).capacity(data.length).put(data, 0, data.length);
        }
        return t;
    }

    public static dev.torch4j.Tensor fromInts(int[] data, long[] shape) {
        dev.torch4j.Tensor t = empty(shape, DType.INT32);
        if (data.length > 0) {
            new IntPointer(pointer(t)).capacity(data.length).put(data, 0, data.length);
        }
        return t;
    }

    public static dev.torch4j.Tensor fromBooleans(boolean[] data, long[] shape) {
        dev.torch4j.Tensor t = empty(shape, DType.BOOL);
        BytePointer p = new BytePointer(pointer(t)).capacity(data.length);
        for (int i = 0; i < data.length; i++) {
            p.put(i, (byte) (data[i] ? 1 : 0));
        }
        return t;
    }

    /** A CPU tensor whose bytes are copied from {@code data} (native order). */
    public static dev.torch4j.Tensor fromBytes(ByteBuffer data, long[] shape, DType dtype) {
        dev.torch4j.Tensor t = empty(shape, dtype);
        long n = nbytes(t);
        if (n != data.remaining()) {
            t.close();
            throw new IllegalArgumentException("expected " + n + " bytes for shape " + java.util.Arrays.toString(shape)
                    + " of " + dtype + ", got " + data.remaining());
        }
        if (n > 0) {
            TensorMemory.buffer(t).put(data.duplicate());
        }
        return t;
    }

    /** The data pointer of a tensor this class just created (no other thread can hold it yet). */
    private static Pointer pointer(dev.torch4j.Tensor t) {
        return TensorBridge.borrow(t).data_ptr();
    }

    // ------------------------------------------------------------------ Java arrays out

    public static float[] toFloats(dev.torch4j.Tensor t) {
        try (Tensor c = cpuContiguous(t, DType.FLOAT32)) {
            float[] out = new float[checkedLength(c)];
            if (out.length > 0) {
                new FloatPointer(c.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public static double[] toDoubles(dev.torch4j.Tensor t) {
        try (Tensor c = cpuContiguous(t, DType.FLOAT64)) {
            double[] out = new double[checkedLength(c)];
            if (out.length > 0) {
                new DoublePointer(c.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public static long[] toLongs(dev.torch4j.Tensor t) {
        try (Tensor c = cpuContiguous(t, DType.INT64)) {
            long[] out = new long[checkedLength(c)];
            if (out.length > 0) {
                new LongPointer(c.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public static int[] toInts(dev.torch4j.Tensor t) {
        try (Tensor c = cpuContiguous(t, DType.INT32)) {
            int[] out = new int[checkedLength(c)];
            if (out.length > 0) {
                new IntPointer(c.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public static boolean[] toBooleans(dev.torch4j.Tensor t) {
        try (Tensor c = cpuContiguous(t, DType.BOOL)) {
            boolean[] out = new boolean[checkedLength(c)];
            BytePointer p = new BytePointer(c.data_ptr()).capacity(out.length);
            for (int i = 0; i < out.length; i++) {
                out[i] = p.get(i) != 0;
            }
            return out;
        }
    }

    private static int checkedLength(Tensor c) {
        long n = c.numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a tensor of " + n + " elements does not fit in one Java array");
        }
        return (int) n;
    }

    /** A detached, contiguous CPU copy (or view) of {@code t} in {@code dtype}, owned by the caller. */
    private static Tensor cpuContiguous(dev.torch4j.Tensor t, DType dtype) {
        Frame f = Frame.enter();
        try {
            Tensor d = f.own(f.t(t, "self").detach());
            Tensor moved = f.own(d.to(f.device(Device.cpu(), "device"), Native.scalarType(dtype), false, false,
                    f.optMemoryFormat(null)));
            return moved.contiguous();
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    // ------------------------------------------------------------------ properties

    public static long[] shape(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try (LongArrayRef sizes = n.sizes()) {
            long[] out = new long[(int) sizes.size()];
            if (out.length > 0) {
                sizes.data().get(out);
            }
            return out;
        } finally {
            r.release();
        }
    }

    public static int dim(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return (int) n.dim();
        } finally {
            r.release();
        }
    }

    public static long numel(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return n.numel();
        } finally {
            r.release();
        }
    }

    public static long nbytes(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return n.nbytes();
        } finally {
            r.release();
        }
    }

    public static DType dtype(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return Native.dtype(n.scalar_type());
        } finally {
            r.release();
        }
    }

    public static Device device(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try (org.bytedeco.pytorch.Device d = n.device()) {
            return Native.device(d);
        } finally {
            r.release();
        }
    }

    public static boolean requiresGrad(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return n.requires_grad();
        } finally {
            r.release();
        }
    }

    public static boolean isContiguous(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try {
            return n.is_contiguous();
        } finally {
            r.release();
        }
    }

    /** @return the autograd node's name, e.g. {@code AddBackward0}, or null for a leaf */
    public static String gradFn(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        Tensor n = r.acquire();
        try (Node node = n.grad_fn()) {
            if (node == null || node.isNull()) {
                return null;
            }
            try (BytePointer name = node.name()) {
                String s = name.getString();
                int colon = s.lastIndexOf("::");
                return colon < 0 ? s : s.substring(colon + 2);
            }
        } finally {
            r.release();
        }
    }

    public static double item(dev.torch4j.Tensor t) {
        Frame f = Frame.enter();
        try {
            return f.scalarValue(f.t(t, "self").item());
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    // ------------------------------------------------------------------ autograd

    /**
     * The gradient as a tensor of its own (a new reference, like Python's {@code p.grad}): it keeps its
     * values when the slot is cleared or replaced, and stays valid after {@code t} is closed.
     *
     * @return the gradient, or null when none
     */
    public static dev.torch4j.Tensor grad(dev.torch4j.Tensor t) {
        Frame f = Frame.enter();
        try {
            Tensor slot = f.own(f.t(t, "self").grad());
            return slot.defined() ? f.copy(slot) : null;
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    /** Sets the gradient slot, like {@code p.grad = g}; null clears it, like {@code p.grad = None}. */
    public static void setGrad(dev.torch4j.Tensor t, dev.torch4j.Tensor g) {
        Frame f = Frame.enter();
        try {
            Tensor slot = f.own(f.t(t, "self").mutable_grad());
            if (g == null) {
                slot.reset();
            } else {
                slot.put(f.t(g, "grad"));
            }
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    /** Like {@code tensor.backward(gradient, retain_graph, create_graph)}; gradient may be null. */
    public static void backward(dev.torch4j.Tensor t, dev.torch4j.Tensor gradient, Boolean retainGraph,
            boolean createGraph) {
        Frame f = Frame.enter();
        try {
            Tensor self = f.t(t, "self");
            Tensor grad = gradient == null ? f.own(new Tensor()) : f.t(gradient, "gradient");
            self.backward(grad, f.optBool(retainGraph), createGraph, f.own(new TensorArrayRefOptional()));
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    // ------------------------------------------------------------------ devices

    /** Like {@code tensor.to(device, non_blocking=)}, keeping the dtype. */
    public static dev.torch4j.Tensor to(dev.torch4j.Tensor t, Device device, boolean nonBlocking) {
        Frame f = Frame.enter();
        try {
            Tensor self = f.t(t, "self");
            return f.wrap(self.to(f.device(device, "device"), self.scalar_type(), nonBlocking, false,
                    f.optMemoryFormat(null)));
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    // ------------------------------------------------------------------ indexing

    /** One Python index: an int, a slice, {@code ...}, {@code None}, a bool, or a tensor. */
    public sealed interface Index permits Index.Int, Index.Range, Index.Ellipsis, Index.NewAxis, Index.Bool,
            Index.Of {
        /** {@code t[i]}. */
        record Int(long index) implements Index {
        }

        /** {@code t[start:stop:step]}; null ends are open. */
        record Range(Long start, Long stop, Long step) implements Index {
        }

        /** {@code t[...]}. */
        record Ellipsis() implements Index {
        }

        /** {@code t[None]}. */
        record NewAxis() implements Index {
        }

        /** {@code t[True]} / {@code t[False]}. */
        record Bool(boolean value) implements Index {
        }

        /** {@code t[tensor]}: a long or bool tensor. */
        record Of(dev.torch4j.Tensor tensor) implements Index {
        }
    }

    /** Like Python's {@code t[indices]}: views where Python returns views. */
    public static dev.torch4j.Tensor index(dev.torch4j.Tensor t, List<Index> indices) {
        Frame f = Frame.enter();
        try {
            Tensor base = withNewAxes(f, f.t(t, "self"), indices);
            return f.wrap(base.index(vector(f, indices)));
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    /** Like Python's {@code t[indices] = value}. */
    public static void indexPut(dev.torch4j.Tensor t, List<Index> indices, dev.torch4j.Tensor value) {
        Frame f = Frame.enter();
        try {
            // index_put_ returns self by reference, which JavaCPP hands back as the same Java object: never own it
            withNewAxes(f, f.t(t, "self"), indices).index_put_(vector(f, indices), f.t(value, "value"));
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    /** Like Python's {@code t[indices] = number}. */
    public static void indexPut(dev.torch4j.Tensor t, List<Index> indices, Number value) {
        Frame f = Frame.enter();
        try {
            withNewAxes(f, f.t(t, "self"), indices).index_put_(vector(f, indices), f.scalar(value, "value"));
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            f.exit();
        }
    }

    /**
     * Python's {@code None} as the binding cannot pass it (its TensorIndex has no None constructor):
     * each new axis becomes a size-1 dimension inserted into a view of the input where libtorch's own
     * slicing would insert it (after the input dimensions the indices before it consume), and the
     * {@code None} itself a full slice of that dimension. {@code indices} is rewritten in place.
     */
    private static Tensor withNewAxes(Frame f, Tensor t, List<Index> indices) {
        if (indices.stream().noneMatch(i -> i instanceof Index.NewAxis)) {
            return t;
        }
        long ndim = t.dim();
        long specified = 0;
        for (Index i : indices) {
            specified += consumed(i);
        }
        Tensor base = t;
        long position = 0;
        for (int k = 0; k < indices.size(); k++) {
            Index i = indices.get(k);
            if (i instanceof Index.NewAxis) {
                base = f.own(base.unsqueeze(position));
                indices.set(k, new Index.Range(null, null, null));
                position++;
            } else if (i instanceof Index.Ellipsis) {
                position += Math.max(0, ndim - specified);
            } else {
                position += consumed(i);
            }
        }
        return base;
    }

    /** Input dimensions an index uses up: a bool or byte tensor its rank, ints, slices and tensors one. */
    private static long consumed(Index i) {
        if (i instanceof Index.Int || i instanceof Index.Range) {
            return 1;
        }
        if (i instanceof Index.Of o) {
            DType d = o.tensor().dtype();
            return d == DType.BOOL || d == DType.UINT8 ? o.tensor().dim() : 1;
        }
        return 0;
    }

    private static TensorIndexVector vector(Frame f, List<Index> indices) {
        TensorIndexVector v = f.own(new TensorIndexVector());
        for (Index i : indices) {
            v.push_back(f.own(tensorIndex(f, i)));
        }
        return v;
    }

    private static TensorIndex tensorIndex(Frame f, Index i) {
        if (i instanceof Index.Int n) {
            return new TensorIndex(n.index());
        } else if (i instanceof Index.Range r) {
            return new TensorIndex(f.own(new Slice(symInt(f, r.start()), symInt(f, r.stop()), symInt(f, r.step()))));
        } else if (i instanceof Index.Ellipsis) {
            return new TensorIndex(f.own(new EllipsisIndexType()));
        } else if (i instanceof Index.NewAxis) {
            return new TensorIndex();
        } else if (i instanceof Index.Bool b) {
            // a 0-d bool tensor indexes as Python's True / False does
            return new TensorIndex(f.own(torch.scalar_tensor(f.scalar(b.value() ? 1L : 0L, "index"),
                    f.optDtype(DType.BOOL), f.optLayout(null), f.optDevice(null), f.optBool(null))));
        } else {
            return new TensorIndex(f.t(((Index.Of) i).tensor(), "index"));
        }
    }

    private static SymIntOptional symInt(Frame f, Long v) {
        return f.own(v == null ? new SymIntOptional() : new SymIntOptional(f.own(new SymInt(v))));
    }
}
