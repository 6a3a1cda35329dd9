package dev.torch4j;

import dev.torch4j.internal.Native;
import dev.torch4j.internal.NativeMemory;
import dev.torch4j.internal.TensorBridge;
import dev.torch4j.internal.TensorRef;
import dev.torch4j.internal.Tensors;
import dev.torch4j.internal.Tensors.Index;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-dimensional array in native (CPU or CUDA) memory with autograd, mirroring
 * {@code torch.Tensor}. Java holds a handle; {@link #close()} or the enclosing {@link Torch#scope()}
 * releases the native memory, and a tensor left to the garbage collector is released by it.
 *
 * <p>Every ATen method of {@code torch.Tensor} is here with PyTorch's name camelCased (in-place
 * methods keep the trailing underscore: {@code maskedFill_}), PyTorch's argument order and trailing
 * defaults as overloads ({@code t.topk(3)}, {@code t.topk(3, 0, false, true)}); they are generated from
 * libtorch's operator schemas. This class adds what Python adds by hand: Java arrays in and out,
 * {@link #item()}, Python's indexing, gradients as tensors of their own, lifetime and {@link #toString()}.
 * Libtorch's errors arrive as {@link TorchException} carrying its message.
 *
 * <p>Tensors may be used from several threads. Closing a tensor while another thread runs an op on it
 * never frees memory under the running kernel: the memory is released when that op returns, and any
 * later use throws {@link IllegalStateException}.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensors.html">torch.Tensor</a>
 */
public final class Tensor extends TensorMethods implements AutoCloseable {
    static {
        Native.init();
        TensorBridge.install(new TensorBridge.Access() {
            @Override
            public TensorRef ref(Tensor t) {
                return t.ref;
            }

            @Override
            public Tensor wrap(TensorRef ref) {
                return new Tensor(ref);
            }
        });
    }

    private final TensorRef ref;

    private Tensor(TensorRef ref) {
        this.ref = ref;
        if (!TensorScope.track(this)) {
            NativeMemory.unscoped(ref);
        }
    }

    @Override
    Tensor self() {
        return this;
    }

    // ------------------------------------------------------------------ creation from Java values

    /**
     * A float32 CPU tensor with the given values, like {@code torch.tensor(data).view(shape)}.
     *
     * @param data  values in row-major order
     * @param shape the shape; omitted means one dimension of {@code data.length}
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length} values
     */
    public static Tensor of(float[] data, long... shape) {
        return Tensors.fromFloats(data, shapeFor(data.length, shape));
    }

    /** Like {@link #of(float[], long...)} for float64. */
    public static Tensor of(double[] data, long... shape) {
        return Tensors.fromDoubles(data, shapeFor(data.length, shape));
    }

    /** Like {@link #of(float[], long...)} for int64 ({@code torch.long}). */
    public static Tensor of(long[] data, long... shape) {
        return Tensors.fromLongs(data, shapeFor(data.length, shape));
    }

    /** Like {@link #of(float[], long...)} for int32, the type of a Java {@code int[]}. */
    public static Tensor of(int[] data, long... shape) {
        return Tensors.fromInts(data, shapeFor(data.length, shape));
    }

    /** Like {@link #of(float[], long...)} for {@code torch.bool}. */
    public static Tensor of(boolean[] data, long... shape) {
        return Tensors.fromBooleans(data, shapeFor(data.length, shape));
    }

    /** A 0-dimensional float32 tensor, like {@code torch.tensor(3.5)}. */
    public static Tensor scalar(float value) {
        return Tensors.fromFloats(new float[] {value}, new long[0]);
    }

    /** A 0-dimensional float64 tensor. */
    public static Tensor scalar(double value) {
        return Tensors.fromDoubles(new double[] {value}, new long[0]);
    }

    /** A 0-dimensional int64 tensor, like {@code torch.tensor(3)}. */
    public static Tensor scalar(long value) {
        return Tensors.fromLongs(new long[] {value}, new long[0]);
    }

    /**
     * A CPU tensor whose bytes are copied from {@code data} (native byte order).
     *
     * @throws IllegalArgumentException if {@code data.remaining()} is not the size of the shape
     */
    public static Tensor fromBuffer(ByteBuffer data, DType dtype, long... shape) {
        checkShape(shape);
        return Tensors.fromBytes(data, shape, dtype);
    }

    // ------------------------------------------------------------------ properties

    /** @return the sizes, like {@code tensor.shape} */
    public long[] shape() {
        return Tensors.shape(this);
    }

    /** @return the number of dimensions, like {@code tensor.dim()} */
    public int dim() {
        return Tensors.dim(this);
    }

    /** @return the number of elements, like {@code tensor.numel()} */
    public long numel() {
        return Tensors.numel(this);
    }

    /** @return the element type, like {@code tensor.dtype} */
    public DType dtype() {
        return Tensors.dtype(this);
    }

    /** @return where the data lives, like {@code tensor.device} */
    public Device device() {
        return Tensors.device(this);
    }

    /** @return whether the elements are contiguous in row-major order, like {@code tensor.is_contiguous()} */
    public boolean isContiguous() {
        return Tensors.isContiguous(this);
    }

    /** @return whether the data is on a CUDA device, like {@code tensor.is_cuda} */
    public boolean isCuda() {
        return device().isCuda();
    }

    /** @return whether autograd records operations on this tensor, like {@code tensor.requires_grad} */
    public boolean requiresGrad() {
        return Tensors.requiresGrad(this);
    }

    /** @return the name of the autograd function that made this tensor, e.g. {@code AddBackward0}, or null */
    public String gradFn() {
        return Tensors.gradFn(this);
    }

    /** @return whether {@link #close()} (or a scope) has released this tensor */
    public boolean isClosed() {
        return ref.isClosed();
    }

    // ------------------------------------------------------------------ reading values

    /**
     * The value of a one-element tensor, like {@code tensor.item()} (a bool gives 1 or 0).
     *
     * @throws TorchException if the tensor has more or fewer than one element
     */
    public double item() {
        return Tensors.item(this);
    }

    /** The values as float32, row-major, copied to the JVM (from any device or dtype). */
    public float[] toFloatArray() {
        return Tensors.toFloats(this);
    }

    /** The values as float64, row-major, copied to the JVM. */
    public double[] toDoubleArray() {
        return Tensors.toDoubles(this);
    }

    /** The values as int64, row-major, copied to the JVM (floats are truncated like {@code .long()}). */
    public long[] toLongArray() {
        return Tensors.toLongs(this);
    }

    /** The values as int32, row-major, copied to the JVM. */
    public int[] toIntArray() {
        return Tensors.toInts(this);
    }

    /** The values as booleans (non-zero is true), row-major, copied to the JVM. */
    public boolean[] toBooleanArray() {
        return Tensors.toBooleans(this);
    }

    // ------------------------------------------------------------------ conversion Python adds

    /** A copy on another device, like {@code tensor.to(device)}; this tensor's data if already there. */
    public Tensor to(Device device) {
        return Tensors.to(this, device, false);
    }

    /** Like {@code tensor.to(device, non_blocking=)}: non-blocking pays off from pinned memory to CUDA. */
    public Tensor to(Device device, boolean nonBlocking) {
        return Tensors.to(this, device, nonBlocking);
    }

    /** Like {@code tensor.cpu()}. */
    public Tensor cpu() {
        return to(Device.cpu());
    }

    /** Like {@code tensor.cuda()}: to {@code cuda:0}. */
    public Tensor cuda() {
        return to(Device.cuda());
    }

    /** Like {@code tensor.float()}. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** Like {@code tensor.double()}. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** Like {@code tensor.half()}. */
    public Tensor half() {
        return to(DType.FLOAT16);
    }

    /** Like {@code tensor.bfloat16()}. */
    public Tensor bfloat16() {
        return to(DType.BFLOAT16);
    }

    /** Like {@code tensor.long()}. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** Like {@code tensor.int()}. */
    public Tensor toInt() {
        return to(DType.INT32);
    }

    /** Like {@code tensor.bool()}. */
    public Tensor toBool() {
        return to(DType.BOOL);
    }

    /** The unique elements, sorted, like {@code tensor.unique()}. */
    public Tensor unique() {
        return Torch.unique(this);
    }

    /** @return the size of one element in bytes, like {@code tensor.element_size()} */
    public long elementSize() {
        return dtype().elementSize();
    }

    // ------------------------------------------------------------------ indexing

    /**
     * Python's {@code t[indices]}: each index is a {@code long}/{@code int} (selects, negative counts from
     * the end), an {@link Indexing#slice} or {@link Indexing#all()} ({@code :}), {@link Indexing#ellipsis()},
     * {@link Indexing#newaxis()} ({@code None}), a {@code boolean}, a long or bool {@code Tensor}, or a
     * {@code long[]}/{@code int[]}/{@code boolean[]} (Python's list index). Returns a view exactly where
     * Python does (ints, slices, ellipsis, newaxis) and a copy for tensor indices.
     *
     * @throws IllegalArgumentException for an index of any other type
     * @throws TorchIndexException      for an index out of range (libtorch's message)
     * @see <a href="https://pytorch.org/docs/stable/tensor_view.html">tensor views</a>
     */
    public Tensor index(Object... indices) {
        List<Tensor> temporaries = new ArrayList<>();
        try {
            return Tensors.index(this, indices(indices, temporaries));
        } finally {
            temporaries.forEach(Tensor::close);
        }
    }

    /**
     * Python's {@code t[indices] = value}, in place; indices as for {@link #index(Object...)}, the value
     * broadcast to the indexed region.
     *
     * @return this
     */
    public Tensor indexPut_(Object[] indices, Tensor value) {
        List<Tensor> temporaries = new ArrayList<>();
        try {
            Tensors.indexPut(this, indices(indices, temporaries), value);
            return this;
        } finally {
            temporaries.forEach(Tensor::close);
        }
    }

    /** Python's {@code t[indices] = value} for a number. @return this */
    public Tensor indexPut_(Object[] indices, double value) {
        List<Tensor> temporaries = new ArrayList<>();
        try {
            Tensors.indexPut(this, indices(indices, temporaries), value);
            return this;
        } finally {
            temporaries.forEach(Tensor::close);
        }
    }

    /** Python's {@code t[indices] = value} for an integer. @return this */
    public Tensor indexPut_(Object[] indices, long value) {
        List<Tensor> temporaries = new ArrayList<>();
        try {
            Tensors.indexPut(this, indices(indices, temporaries), value);
            return this;
        } finally {
            temporaries.forEach(Tensor::close);
        }
    }

    private static List<Index> indices(Object[] indices, List<Tensor> temporaries) {
        List<Index> out = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            Object o = indices[i];
            if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                out.add(new Index.Int(((Number) o).longValue()));
            } else if (o instanceof Indexing.Slice s) {
                out.add(new Index.Range(s.start(), s.stop(), s.step()));
            } else if (o == Indexing.Marker.ELLIPSIS) {
                out.add(new Index.Ellipsis());
            } else if (o == Indexing.Marker.NEWAXIS) {
                out.add(new Index.NewAxis());
            } else if (o instanceof Boolean b) {
                out.add(new Index.Bool(b));
            } else if (o instanceof Tensor t) {
                out.add(new Index.Of(t));
            } else if (o instanceof long[] a) {
                out.add(new Index.Of(keep(temporaries, Tensors.fromLongs(a, new long[] {a.length}))));
            } else if (o instanceof int[] a) {
                out.add(new Index.Of(keep(temporaries,
                        Tensors.fromLongs(Arrays.stream(a).asLongStream().toArray(), new long[] {a.length}))));
            } else if (o instanceof boolean[] a) {
                out.add(new Index.Of(keep(temporaries, Tensors.fromBooleans(a, new long[] {a.length}))));
            } else {
                throw new IllegalArgumentException("index " + i + ": expected an integer, a slice (Indexing.slice), "
                        + "Indexing.ellipsis(), Indexing.newaxis(), a boolean, a Tensor or a long[]/int[]/boolean[], got "
                        + (o == null ? "null (use Indexing.newaxis() for None)" : o.getClass().getName()));
            }
        }
        return out;
    }

    private static Tensor keep(List<Tensor> temporaries, Tensor t) {
        temporaries.add(t);
        return t.unscoped();
    }

    // ------------------------------------------------------------------ autograd

    /**
     * The accumulated gradient, like {@code tensor.grad}: a tensor of its own that keeps its values when
     * the gradient is later cleared or replaced (as Python's reference does), and that stays valid after
     * this tensor is closed.
     *
     * @return the gradient, or null when none (PyTorch's {@code None})
     */
    public Tensor grad() {
        return Tensors.grad(this);
    }

    /** Sets the gradient, like {@code tensor.grad = gradient}; null clears it. */
    public void setGrad(Tensor gradient) {
        Tensors.setGrad(this, gradient);
    }

    /** Drops the gradient, like {@code tensor.grad = None}. */
    public void clearGrad() {
        Tensors.setGrad(this, null);
    }

    /**
     * Computes gradients of this scalar with respect to graph leaves, like {@code tensor.backward()}.
     *
     * @throws TorchException if this tensor does not require grad or is not a scalar (libtorch's message)
     */
    public void backward() {
        Tensors.backward(this, null, null, false);
    }

    /** Like {@code tensor.backward(gradient)} for a non-scalar tensor. */
    public void backward(Tensor gradient) {
        Tensors.backward(this, gradient, null, false);
    }

    /** Like {@code tensor.backward(gradient, retain_graph, create_graph)}; gradient may be null for a scalar. */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Tensors.backward(this, gradient, retainGraph, createGraph);
    }

    // ------------------------------------------------------------------ lifetime

    /**
     * Releases the native memory now (or, when another thread is running an op on this tensor, as soon
     * as that op returns). Closing twice is harmless; any later use throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        TensorScope.untrack(this);
        ref.close();
    }

    /** Called by a closing scope: frees without searching the scope stack. */
    void release() {
        ref.close();
    }

    /** Removes this tensor from any scope so that only {@link #close()} releases it. @return this */
    public Tensor unscoped() {
        TensorScope.untrack(this);
        return this;
    }

    // ------------------------------------------------------------------ text

    /** PyTorch's rendering, e.g. {@code tensor([[1., 2.]], grad_fn=<AddBackward0>)}. */
    @Override
    public String toString() {
        if (ref.isClosed()) {
            return "tensor(<closed>)";
        }
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------ checks

    private static long[] shapeFor(int length, long[] shape) {
        if (shape.length == 0) {
            return new long[] {length};
        }
        checkShape(shape);
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        if (n != length) {
            throw new IllegalArgumentException("shape '" + shapeString(shape) + "' is invalid for input of size "
                    + length);
        }
        return shape;
    }

    private static void checkShape(long[] shape) {
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": "
                        + shapeString(shape));
            }
        }
    }

    /** @return PyTorch's list spelling of a shape, e.g. {@code [7, 4]} */
    public static String shapeString(long[] shape) {
        return Arrays.toString(shape);
    }
}
