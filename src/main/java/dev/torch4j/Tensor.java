package dev.torch4j;

import dev.torch4j.internal.Handle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-dimensional array in native (CPU or CUDA) memory with autograd, mirroring
 * {@code torch.Tensor}. Java holds a handle; {@link #close()} or the enclosing
 * {@link Torch#scope()} releases the native memory.
 *
 * <p>Methods keep PyTorch's names camelCased; in-place methods keep the trailing underscore.
 * Dimension arguments accept negative values counted from the end, as in PyTorch.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensors.html">torch.Tensor</a>
 */
public final class Tensor implements AutoCloseable {
    private Handle handle;
    private DType dtype;
    private Device device;

    Tensor(Handle handle) {
        this.handle = handle;
        TensorScope.track(this);
    }

    /** Wraps a handle produced by torch4j's own native layer; not for user code. */
    public static Tensor wrap(Handle handle) {
        return new Tensor(handle);
    }

    /**
     * The native handle, for torch4j's own packages.
     *
     * @throws IllegalStateException when this tensor was closed
     */
    public Handle handle() {
        Handle h = handle;
        if (h == null) {
            throw new IllegalStateException(
                    "Tensor is closed: it was released by close() or by the Torch.scope() that created it");
        }
        return h;
    }

    // ------------------------------------------------------------------ creation

    /**
     * A float32 tensor with the given values, like {@code torch.tensor(data).view(shape)}.
     *
     * @param data  values in row-major order
     * @param shape the shape; omitted means one dimension of {@code data.length}
     * @return a new CPU tensor
     * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length} values
     */
    public static Tensor of(float[] data, long... shape) {
        return new Tensor(Handle.fromFloats(data, shapeFor(data.length, shape)));
    }

    /** Like {@link #of(float[], long...)} for float64. */
    public static Tensor of(double[] data, long... shape) {
        return new Tensor(Handle.fromDoubles(data, shapeFor(data.length, shape)));
    }

    /** Like {@link #of(float[], long...)} for int64 ({@code torch.long}). */
    public static Tensor of(long[] data, long... shape) {
        return new Tensor(Handle.fromLongs(data, shapeFor(data.length, shape)));
    }

    /** Like {@link #of(float[], long...)} for int32, the type of a Java {@code int[]}. */
    public static Tensor of(int[] data, long... shape) {
        return new Tensor(Handle.fromInts(data, shapeFor(data.length, shape)));
    }

    /** Like {@link #of(float[], long...)} for {@code torch.bool}. */
    public static Tensor of(boolean[] data, long... shape) {
        return new Tensor(Handle.fromBooleans(data, shapeFor(data.length, shape)));
    }

    /** A 0-dimensional float32 tensor, like {@code torch.tensor(3.5)}. */
    public static Tensor scalar(float value) {
        return new Tensor(Handle.fromFloats(new float[] {value}, new long[0]));
    }

    /** A 0-dimensional float64 tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(Handle.fromDoubles(new double[] {value}, new long[0]));
    }

    /** A 0-dimensional int64 tensor, like {@code torch.tensor(3)}. */
    public static Tensor scalar(long value) {
        return new Tensor(Handle.fromLongs(new long[] {value}, new long[0]));
    }

    /**
     * A CPU tensor whose bytes are copied from {@code data} (native byte order).
     *
     * @throws IllegalArgumentException if {@code data.remaining()} is not the size of the shape
     */
    public static Tensor fromBuffer(ByteBuffer data, DType dtype, long... shape) {
        checkShape(shape);
        return new Tensor(Handle.fromBytes(data, shape, dtype));
    }

    /** Uninitialised float32 CPU tensor, like {@code torch.empty(shape)}. */
    public static Tensor empty(long... shape) {
        return empty(shape, DType.FLOAT32, Device.cpu());
    }

    /** Uninitialised tensor, like {@code torch.empty(shape, dtype=, device=)}. */
    public static Tensor empty(long[] shape, DType dtype, Device device) {
        checkShape(shape);
        return new Tensor(Handle.empty(shape, dtype, device));
    }

    /** float32 zeros on the CPU, like {@code torch.zeros(shape)}. */
    public static Tensor zeros(long... shape) {
        return zeros(shape, DType.FLOAT32, Device.cpu());
    }

    /** Zeros, like {@code torch.zeros(shape, dtype=, device=)}. */
    public static Tensor zeros(long[] shape, DType dtype, Device device) {
        checkShape(shape);
        return new Tensor(Handle.zeros(shape, dtype, device));
    }

    /** float32 ones on the CPU, like {@code torch.ones(shape)}. */
    public static Tensor ones(long... shape) {
        return ones(shape, DType.FLOAT32, Device.cpu());
    }

    /** Ones, like {@code torch.ones(shape, dtype=, device=)}. */
    public static Tensor ones(long[] shape, DType dtype, Device device) {
        checkShape(shape);
        return new Tensor(Handle.ones(shape, dtype, device));
    }

    /** A tensor filled with {@code value}, like {@code torch.full(shape, value, dtype=, device=)}. */
    public static Tensor full(long[] shape, double value, DType dtype, Device device) {
        checkShape(shape);
        return new Tensor(Handle.full(shape, value, dtype, device));
    }

    /** Standard normal float32 CPU samples from the global generator, like {@code torch.randn(shape)}. */
    public static Tensor randn(long... shape) {
        return randn(shape, DType.FLOAT32, Device.cpu());
    }

    /** Standard normal samples, like {@code torch.randn(shape, dtype=, device=)}. */
    public static Tensor randn(long[] shape, DType dtype, Device device) {
        checkShape(shape);
        requireFloating(dtype, "randn");
        return new Tensor(Handle.randn(shape, dtype, device));
    }

    /** Uniform [0, 1) float32 CPU samples, like {@code torch.rand(shape)}. */
    public static Tensor rand(long... shape) {
        checkShape(shape);
        return new Tensor(Handle.rand(shape, DType.FLOAT32, Device.cpu()));
    }

    /**
     * int64 integers uniform in {@code [low, high)}, like {@code torch.randint(low, high, shape)}.
     *
     * @throws IllegalArgumentException if {@code low >= high}
     */
    public static Tensor randint(long low, long high, long... shape) {
        return randint(low, high, shape, Device.cpu());
    }

    /** Like {@link #randint(long, long, long...)} on a device. */
    public static Tensor randint(long low, long high, long[] shape, Device device) {
        checkShape(shape);
        if (low >= high) {
            throw new IllegalArgumentException(
                    "random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        return new Tensor(Handle.randint(low, high, shape, DType.INT64, device));
    }

    /** A random permutation of {@code 0..n-1}, like {@code torch.randperm(n)}. */
    public static Tensor randperm(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got" + n);
        }
        return new Tensor(Handle.randperm(n, Device.cpu()));
    }

    /** int64 {@code 0, 1, ..., end-1}, like {@code torch.arange(end)}. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** int64 {@code start, start+step, ...} below {@code end}, like {@code torch.arange(start, end, step)}. */
    public static Tensor arange(long start, long end, long step) {
        checkArange(start, end, step);
        return new Tensor(Handle.arange(start, end, step, DType.INT64, Device.cpu()));
    }

    /** float32 {@code torch.arange(start, end, step)}. */
    public static Tensor arange(double start, double end, double step) {
        checkArange(start, end, step);
        return new Tensor(Handle.arange(start, end, step, DType.FLOAT32, Device.cpu()));
    }

    private static void checkArange(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if ((step > 0 && start > end) || (step < 0 && start < end)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign: start="
                    + start + ", end=" + end + ", step=" + step);
        }
    }

    /**
     * Concatenates along an existing dimension, like {@code torch.cat(tensors, dim)}.
     *
     * @throws IllegalArgumentException for an empty list, or tensors on different devices
     */
    public static Tensor cat(List<Tensor> tensors, long dim) {
        return new Tensor(Handle.cat(handles(tensors, "cat"), dim));
    }

    /**
     * Stacks along a new dimension, like {@code torch.stack(tensors, dim)}.
     *
     * @throws IllegalArgumentException for an empty list, different shapes, or different devices
     */
    public static Tensor stack(List<Tensor> tensors, long dim) {
        List<Handle> hs = handles(tensors, "stack");
        long[] first = tensors.get(0).shape();
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(first, tensors.get(i).shape())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + shapeString(first) + " at entry 0 and " + shapeString(tensors.get(i).shape())
                        + " at entry " + i);
            }
        }
        return new Tensor(Handle.stack(hs, dim));
    }

    private static List<Handle> handles(List<Tensor> tensors, String op) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(op + "(): expected a non-empty list of Tensors");
        }
        List<Handle> hs = new ArrayList<>(tensors.size());
        Device d = tensors.get(0).device();
        for (Tensor t : tensors) {
            t.sameDevice(d, op);
            hs.add(t.handle());
        }
        return hs;
    }

    // ------------------------------------------------------------------ properties

    /** @return the sizes, like {@code tensor.shape} */
    public long[] shape() {
        return handle().shape();
    }

    /**
     * @param dim a dimension, negative counts from the end
     * @return the size of that dimension, like {@code tensor.size(dim)}
     */
    public long size(long dim) {
        long[] s = shape();
        return s[(int) wrapDim(dim, s.length)];
    }

    /** @return the number of dimensions, like {@code tensor.dim()} */
    public int dim() {
        return shape().length;
    }

    /** @return the number of elements, like {@code tensor.numel()} */
    public long numel() {
        return handle().numel();
    }

    /** @return the element type, like {@code tensor.dtype} */
    public DType dtype() {
        DType d = dtype;
        if (d == null) {
            d = dtype = handle().dtype();
        }
        return d;
    }

    /** @return where the data lives, like {@code tensor.device} */
    public Device device() {
        Device d = device;
        if (d == null) {
            d = device = handle().device();
        }
        return d;
    }

    /** @return whether autograd records operations on this tensor */
    public boolean requiresGrad() {
        return handle().requiresGrad();
    }

    /** @return whether this tensor is a leaf of the autograd graph, like {@code tensor.is_leaf} */
    public boolean isLeaf() {
        return handle().isLeaf();
    }

    /** @return the name of the autograd function that made this tensor, e.g. {@code AddBackward0}, or null */
    public String gradFn() {
        return handle().gradFnName();
    }

    /** @return whether {@link #close()} has released this tensor */
    public boolean isClosed() {
        return handle == null;
    }

    // ------------------------------------------------------------------ reading values

    /**
     * The value of a one-element tensor, like {@code tensor.item()}.
     *
     * @throws IllegalArgumentException if the tensor has more or fewer than one element
     */
    public double item() {
        long n = numel();
        if (n != 1) {
            throw new IllegalArgumentException(
                    "a Tensor with " + n + " elements cannot be converted to Scalar");
        }
        return handle().item();
    }

    /** The values as float32, row-major, copied to the JVM (from any device or dtype). */
    public float[] toFloatArray() {
        return handle().toFloatArray();
    }

    /** The values as float64, row-major, copied to the JVM. */
    public double[] toDoubleArray() {
        return handle().toDoubleArray();
    }

    /** The values as int64, row-major, copied to the JVM (floats are truncated like {@code .long()}). */
    public long[] toLongArray() {
        return handle().toLongArray();
    }

    // ------------------------------------------------------------------ conversion

    /** A copy with another element type, like {@code tensor.to(dtype)}; this tensor if already so. */
    public Tensor to(DType dtype) {
        return new Tensor(handle().to(dtype));
    }

    /** A copy on another device, like {@code tensor.to(device)}. */
    public Tensor to(Device device) {
        return to(device, false);
    }

    /** Like {@code tensor.to(device, non_blocking=)}: non-blocking pays off from pinned memory to CUDA. */
    public Tensor to(Device device, boolean nonBlocking) {
        return new Tensor(handle().to(device, nonBlocking));
    }

    /** Like {@code tensor.float()}. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** Like {@code tensor.double()}. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** Like {@code tensor.long()}. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** A copy in page-locked host memory, like {@code tensor.pin_memory()}; needs CUDA. */
    public Tensor pinMemory() {
        return new Tensor(handle().pinMemory());
    }

    /** Like {@code tensor.contiguous()}. */
    public Tensor contiguous() {
        return new Tensor(handle().contiguous());
    }

    /** A copy that autograd tracks, like {@code tensor.clone()}. */
    public Tensor clone() {
        return new Tensor(handle().clone_());
    }

    /** Shares data but not history, like {@code tensor.detach()}. */
    public Tensor detach() {
        return new Tensor(handle().detach());
    }

    // ------------------------------------------------------------------ shape ops

    /**
     * Same data, another shape, like {@code tensor.view(*shape)}; one size may be -1.
     *
     * @throws IllegalArgumentException when the shape does not hold {@link #numel()} elements
     */
    public Tensor view(long... shape) {
        checkReshape("view", shape);
        return new Tensor(handle().view(shape));
    }

    /** Like {@link #view} but copies when it must, like {@code tensor.reshape(*shape)}. */
    public Tensor reshape(long... shape) {
        checkReshape("reshape", shape);
        return new Tensor(handle().reshape(shape));
    }

    /** Removes every dimension of size 1, like {@code tensor.squeeze()}. */
    public Tensor squeeze() {
        return new Tensor(handle().squeeze());
    }

    /** Removes {@code dim} if its size is 1, like {@code tensor.squeeze(dim)}. */
    public Tensor squeeze(long dim) {
        return new Tensor(handle().squeeze(wrapDim(dim, dim())));
    }

    /** Inserts a dimension of size 1 at {@code dim}, like {@code tensor.unsqueeze(dim)}. */
    public Tensor unsqueeze(long dim) {
        return new Tensor(handle().unsqueeze(wrapDim(dim, dim() + 1)));
    }

    /**
     * {@code length} entries of {@code dim} from {@code start}, like {@code tensor.narrow(dim, start, length)}.
     *
     * @throws IllegalArgumentException when the range leaves the dimension
     */
    public Tensor narrow(long dim, long start, long length) {
        long[] s = shape();
        long d = wrapDim(dim, s.length);
        long st = start < 0 ? start + s[(int) d] : start;
        if (st < 0 || length < 0 || st + length > s[(int) d]) {
            throw new IllegalArgumentException("start (" + start + ") + length (" + length
                    + ") exceeds dimension size (" + s[(int) d] + ").");
        }
        return new Tensor(handle().narrow(d, st, length));
    }

    /** The slice at {@code index} of {@code dim}, which disappears, like {@code tensor.select(dim, index)}. */
    public Tensor select(long dim, long index) {
        long[] s = shape();
        long d = wrapDim(dim, s.length);
        long size = s[(int) d];
        if (index < -size || index >= size) {
            throw new IllegalArgumentException("select(): index " + index + " out of range for tensor of size "
                    + shapeString(s) + " at dimension " + d);
        }
        return new Tensor(handle().select(d, index));
    }

    /**
     * Rows (or entries of {@code dim}) picked by an integer index tensor, like {@code tensor.index_select}.
     *
     * @throws IllegalArgumentException for a non-integer index, an index out of range, or another device
     */
    public Tensor indexSelect(long dim, Tensor index) {
        long[] s = shape();
        long d = wrapDim(dim, s.length);
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_select(): Expected dtype int32 or int64 for index, got "
                    + index.dtype());
        }
        sameDevice(index.device(), "index_select");
        if (index.numel() > 0) {
            double[] mm = index.handle().aminmax();
            if (mm[0] < 0 || mm[1] >= s[(int) d]) {
                throw new IllegalArgumentException("index_select(): index out of range in self: expected indices in [0, "
                        + s[(int) d] + "), got " + (long) (mm[0] < 0 ? mm[0] : mm[1]));
            }
        }
        return new Tensor(handle().indexSelect(d, index.handle()));
    }

    /** Swaps two dimensions, like {@code tensor.transpose(dim0, dim1)}. */
    public Tensor transpose(long dim0, long dim1) {
        int n = dim();
        return new Tensor(handle().transpose(wrapDim(dim0, n), wrapDim(dim1, n)));
    }

    /** Reorders dimensions, like {@code tensor.permute(*dims)}. */
    public Tensor permute(long... dims) {
        int n = dim();
        if (dims.length != n) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not "
                    + "match the length of the desired ordering of dimensions i.e. input.dim() = " + n
                    + " is not equal to len(dims) = " + dims.length);
        }
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = wrapDim(dims[i], n);
        }
        return new Tensor(handle().permute(w));
    }

    /** Flattens all dimensions into one, like {@code tensor.flatten()}. */
    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** Flattens {@code startDim..endDim}, like {@code tensor.flatten(start_dim, end_dim)}. */
    public Tensor flatten(long startDim, long endDim) {
        int n = Math.max(1, dim());
        return new Tensor(handle().flatten(wrapDim(startDim, n), wrapDim(endDim, n)));
    }

    // ------------------------------------------------------------------ arithmetic

    /** Element-wise sum with broadcasting, like {@code a + b}. */
    public Tensor add(Tensor other) {
        return new Tensor(handle().add(binary(other, "add")));
    }

    /** Adds a Python float, like {@code a + 0.5}. */
    public Tensor add(double value) {
        return new Tensor(handle().add(value));
    }

    /** Adds a Python int (keeps integer tensors integer), like {@code a + 1}. */
    public Tensor add(long value) {
        return new Tensor(handle().add(value));
    }

    /** Like {@code a - b}. */
    public Tensor sub(Tensor other) {
        return new Tensor(handle().sub(binary(other, "sub")));
    }

    /** Like {@code a - value}. */
    public Tensor sub(double value) {
        return new Tensor(handle().add(-value));
    }

    /** Like {@code a * b}. */
    public Tensor mul(Tensor other) {
        return new Tensor(handle().mul(binary(other, "mul")));
    }

    /** Like {@code a * value}. */
    public Tensor mul(double value) {
        return new Tensor(handle().mul(value));
    }

    /** Like {@code a * value} with a Python int. */
    public Tensor mul(long value) {
        return new Tensor(handle().mul(value));
    }

    /** True division, like {@code a / b}. */
    public Tensor div(Tensor other) {
        return new Tensor(handle().div(binary(other, "div")));
    }

    /** Like {@code a / value}. */
    public Tensor div(double value) {
        return new Tensor(handle().div(value));
    }

    /** Like {@code a ** exponent}. */
    public Tensor pow(double exponent) {
        return new Tensor(handle().pow(exponent));
    }

    /** Matrix product with broadcasting, like {@code a @ b}. */
    public Tensor matmul(Tensor other) {
        return new Tensor(handle().matmul(binary(other, "matmul")));
    }

    /** Like {@code -a}. */
    public Tensor neg() {
        return unary("neg");
    }

    /** Like {@code tensor.exp()}. */
    public Tensor exp() {
        return unary("exp");
    }

    /** Natural logarithm, like {@code tensor.log()}. */
    public Tensor log() {
        return unary("log");
    }

    /** Like {@code tensor.sqrt()}. */
    public Tensor sqrt() {
        return unary("sqrt");
    }

    /** Like {@code tensor.abs()}. */
    public Tensor abs() {
        return unary("abs");
    }

    /** Like {@code tensor.tanh()}. */
    public Tensor tanh() {
        return unary("tanh");
    }

    /** Like {@code tensor.relu()}. */
    public Tensor relu() {
        return unary("relu");
    }

    /** Logistic function, like {@code tensor.sigmoid()}. */
    public Tensor sigmoid() {
        return unary("sigmoid");
    }

    /** Like {@code tensor.isnan()}. */
    public Tensor isnan() {
        return unary("isnan");
    }

    /** Like {@code tensor.softmax(dim)}. */
    public Tensor softmax(long dim) {
        return new Tensor(handle().softmax(wrapDim(dim, dim())));
    }

    /** Like {@code tensor.log_softmax(dim)}. */
    public Tensor logSoftmax(long dim) {
        return new Tensor(handle().logSoftmax(wrapDim(dim, dim())));
    }

    private Tensor unary(String op) {
        return new Tensor(handle().unary(op));
    }

    // ------------------------------------------------------------------ comparisons

    /** Element-wise {@code a == b} as a bool tensor. */
    public Tensor eq(Tensor other) {
        return compare("eq", other);
    }

    /** Element-wise {@code a == value}. */
    public Tensor eq(double value) {
        return new Tensor(handle().compare("eq", value));
    }

    /** Element-wise {@code a != b}. */
    public Tensor ne(Tensor other) {
        return compare("ne", other);
    }

    /** Element-wise {@code a < b}. */
    public Tensor lt(Tensor other) {
        return compare("lt", other);
    }

    /** Element-wise {@code a <= b}. */
    public Tensor le(Tensor other) {
        return compare("le", other);
    }

    /** Element-wise {@code a > b}. */
    public Tensor gt(Tensor other) {
        return compare("gt", other);
    }

    /** Element-wise {@code a >= b}. */
    public Tensor ge(Tensor other) {
        return compare("ge", other);
    }

    /** Element-wise {@code a > value}. */
    public Tensor gt(double value) {
        return new Tensor(handle().compare("gt", value));
    }

    /** Element-wise {@code a >= value}, e.g. {@code torch.sigmoid(logits) >= 0.5}. */
    public Tensor ge(double value) {
        return new Tensor(handle().compare("ge", value));
    }

    /** Element-wise {@code a < value}. */
    public Tensor lt(double value) {
        return new Tensor(handle().compare("lt", value));
    }

    /** Element-wise {@code a <= value}. */
    public Tensor le(double value) {
        return new Tensor(handle().compare("le", value));
    }

    private Tensor compare(String op, Tensor other) {
        return new Tensor(handle().compare(op, binary(other, op)));
    }

    /** Same shape and values, like {@code torch.equal(a, b)}. */
    public boolean equal(Tensor other) {
        return handle().equal(binary(other, "equal"));
    }

    /** Like {@code torch.allclose(a, b, rtol, atol)}. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        return handle().allclose(binary(other, "allclose"), rtol, atol);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements, like {@code tensor.sum()}. */
    public Tensor sum() {
        return new Tensor(handle().sum());
    }

    /** Like {@code tensor.sum(dim, keepdim)}. */
    public Tensor sum(long dim, boolean keepdim) {
        return new Tensor(handle().sum(wrapDim(dim, dim()), keepdim));
    }

    /** Mean of all elements, like {@code tensor.mean()}. */
    public Tensor mean() {
        return new Tensor(handle().mean());
    }

    /** Like {@code tensor.mean(dim, keepdim)}. */
    public Tensor mean(long dim, boolean keepdim) {
        return new Tensor(handle().mean(wrapDim(dim, dim()), keepdim));
    }

    /** Largest element, like {@code tensor.max()}. */
    public Tensor max() {
        requireNonEmpty("max");
        return new Tensor(handle().max());
    }

    /** Smallest element, like {@code tensor.min()}. */
    public Tensor min() {
        requireNonEmpty("min");
        return new Tensor(handle().min());
    }

    /**
     * Largest values along {@code dim} with their indices, like {@code torch.max(x, dim, keepdim)}.
     *
     * @return {@code {values, indices}}
     */
    public Tensor[] max(long dim, boolean keepdim) {
        Handle[] r = handle().max(wrapDim(dim, dim()), keepdim);
        return new Tensor[] {new Tensor(r[0]), new Tensor(r[1])};
    }

    /** Smallest values along {@code dim} with their indices, like {@code torch.min(x, dim, keepdim)}. */
    public Tensor[] min(long dim, boolean keepdim) {
        Handle[] r = handle().min(wrapDim(dim, dim()), keepdim);
        return new Tensor[] {new Tensor(r[0]), new Tensor(r[1])};
    }

    /** Index of the largest element of the flattened tensor, like {@code tensor.argmax()}. */
    public Tensor argmax() {
        requireNonEmpty("argmax");
        return new Tensor(handle().argmax());
    }

    /** Like {@code tensor.argmax(dim, keepdim)}. */
    public Tensor argmax(long dim, boolean keepdim) {
        return new Tensor(handle().argmax(wrapDim(dim, dim()), keepdim));
    }

    private void requireNonEmpty(String op) {
        if (numel() == 0) {
            throw new IllegalArgumentException(op + "(): Expected reduction dim to be specified for input.numel() == 0.");
        }
    }

    // ------------------------------------------------------------------ in place

    /** {@code this += other}, like {@code tensor.add_(other)}. @return this */
    public Tensor add_(Tensor other) {
        handle().addInPlace(binary(other, "add_"), 1.0);
        return this;
    }

    /** {@code this += alpha * other}, like {@code tensor.add_(other, alpha=alpha)}. @return this */
    public Tensor add_(Tensor other, double alpha) {
        handle().addInPlace(binary(other, "add_"), alpha);
        return this;
    }

    /** {@code this += value}. @return this */
    public Tensor add_(double value) {
        handle().addInPlace(value);
        return this;
    }

    /** {@code this *= other}. @return this */
    public Tensor mul_(Tensor other) {
        handle().mulInPlace(binary(other, "mul_"));
        return this;
    }

    /** {@code this *= value}. @return this */
    public Tensor mul_(double value) {
        handle().mulInPlace(value);
        return this;
    }

    /**
     * Copies {@code src} (broadcast, converted) into this tensor, like {@code tensor.copy_(src)}.
     *
     * @return this
     */
    public Tensor copy_(Tensor src) {
        handle().copyInPlace(src.handle(), false);
        return this;
    }

    /** Like {@code tensor.copy_(src, non_blocking=)}. @return this */
    public Tensor copy_(Tensor src, boolean nonBlocking) {
        handle().copyInPlace(src.handle(), nonBlocking);
        return this;
    }

    /** Fills with zeros, like {@code tensor.zero_()}. @return this */
    public Tensor zero_() {
        handle().zeroInPlace();
        return this;
    }

    /** Fills with {@code value}, like {@code tensor.fill_(value)}. @return this */
    public Tensor fill_(double value) {
        handle().fillInPlace(value);
        return this;
    }

    /** Normal samples from the global generator, like {@code tensor.normal_(mean, std)}. @return this */
    public Tensor normal_(double mean, double std) {
        if (std < 0) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
        }
        handle().normalInPlace(mean, std);
        return this;
    }

    /** Uniform samples in {@code [from, to)}, like {@code tensor.uniform_(from, to)}. @return this */
    public Tensor uniform_(double from, double to) {
        if (from > to) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from="
                    + from + " > to=" + to);
        }
        handle().uniformInPlace(from, to);
        return this;
    }

    // ------------------------------------------------------------------ autograd

    /**
     * Starts or stops recording operations for autograd, like {@code tensor.requires_grad_(flag)}.
     *
     * @return this
     * @throws IllegalArgumentException for a non-leaf tensor turned off, or a non-float tensor turned on
     */
    public Tensor requiresGrad_(boolean flag) {
        if (flag && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients, got "
                    + dtype());
        }
        if (!flag && !isLeaf()) {
            throw new IllegalArgumentException("you can only change requires_grad flags of leaf variables. If you "
                    + "want to use a computed variable in a subgraph that doesn't require differentiation use "
                    + "var_no_grad = var.detach().");
        }
        handle().requiresGrad(flag);
        return this;
    }

    /** @return the accumulated gradient, or null when none (PyTorch's {@code None}), like {@code tensor.grad} */
    public Tensor grad() {
        Handle g = handle().grad();
        return g == null ? null : new Tensor(g);
    }

    /** Drops the gradient, like {@code tensor.grad = None}. */
    public void clearGrad() {
        handle().clearGrad();
    }

    /**
     * Computes gradients of this scalar with respect to graph leaves, like {@code tensor.backward()}.
     *
     * @throws IllegalArgumentException if this tensor does not require grad or is not a scalar
     */
    public void backward() {
        if (!requiresGrad()) {
            throw new IllegalArgumentException(
                    "element 0 of tensors does not require grad and does not have a grad_fn");
        }
        if (numel() != 1) {
            throw new IllegalArgumentException("grad can be implicitly created only for scalar outputs, got shape "
                    + shapeString(shape()));
        }
        handle().backward();
    }

    /** Like {@code tensor.backward(gradient)} for a non-scalar tensor. */
    public void backward(Tensor gradient) {
        if (!requiresGrad()) {
            throw new IllegalArgumentException(
                    "element 0 of tensors does not require grad and does not have a grad_fn");
        }
        if (!Arrays.equals(shape(), gradient.shape())) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[0] has a shape of "
                    + shapeString(gradient.shape()) + " and output[0] has a shape of " + shapeString(shape()) + ".");
        }
        handle().backward(gradient.handle());
    }

    /**
     * Replaces the data behind this tensor, keeping its identity, like {@code param.data = data}.
     * Optimizers holding this tensor keep working.
     */
    public void setData(Tensor data) {
        handle().setData(data.handle());
        dtype = null;
        device = null;
    }

    // ------------------------------------------------------------------ lifetime

    /**
     * Releases the native memory now. Closing twice is harmless; any later use throws
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        TensorScope.untrack(this);
        release();
    }

    /** Called by a closing scope: frees without searching the scope stack. */
    void release() {
        Handle h = handle;
        if (h != null) {
            handle = null;
            h.close();
        }
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
        if (handle == null) {
            return "tensor(<closed>)";
        }
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------ checks

    private Handle binary(Tensor other, String op) {
        sameDevice(other.device(), op);
        return other.handle();
    }

    private void sameDevice(Device other, String op) {
        Device mine = device();
        if (!mine.equals(other)) {
            throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least "
                    + "two devices, " + mine + " and " + other + "! (in " + op + ")");
        }
    }

    private static void requireFloating(DType dtype, String op) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + op + "\" not implemented for '" + dtype + "'");
        }
    }

    /** Wraps a possibly negative dimension into {@code [0, rank)}; a scalar accepts 0 and -1. */
    static long wrapDim(long dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    private void checkReshape(String op, long[] shape) {
        long n = numel();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred");
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + shape[i]);
            } else {
                known *= shape[i];
            }
        }
        boolean ok = infer >= 0 ? (known != 0 && n % known == 0) || (known == 0 && n == 0) : known == n;
        if (!ok) {
            throw new IllegalArgumentException("shape '" + shapeString(shape) + "' is invalid for input of size " + n
                    + " (in " + op + ")");
        }
    }

    private static long[] shapeFor(int length, long[] shape) {
        if (shape.length == 0) {
            return new long[] {length};
        }
        checkShape(shape);
        long n = 1;
        for (long s : shape) {
            n *= s;
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
