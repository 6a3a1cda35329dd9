package dev.torch4j.internal;

import dev.torch4j.DType;
import dev.torch4j.Device;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One owned native {@code at::Tensor}. Every libtorch call on a tensor goes through here, so native
 * errors are translated in one place and no native type escapes this package.
 */
public final class Handle implements AutoCloseable {
    private final Tensor t;

    Handle(Tensor t) {
        this.t = t;
    }

    static {
        Native.init();
    }

    Tensor t() {
        return t;
    }

    @Override
    public void close() {
        t.close();
    }

    static Handle run(Supplier<Tensor> op) {
        try {
            return new Handle(op.get());
        } catch (RuntimeException e) {
            throw e instanceof dev.torch4j.TorchException ? e : Native.translate(e);
        }
    }

    static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw e instanceof dev.torch4j.TorchException ? e : Native.translate(e);
        }
    }

    // ---- creation ----

    public static Handle empty(long[] shape, DType dtype, Device device) {
        return run(() -> torch.empty(shape, Native.options(dtype, device), null));
    }

    public static Handle zeros(long[] shape, DType dtype, Device device) {
        return run(() -> torch.zeros(shape, Native.options(dtype, device)));
    }

    public static Handle ones(long[] shape, DType dtype, Device device) {
        return run(() -> torch.ones(shape, Native.options(dtype, device)));
    }

    public static Handle full(long[] shape, double value, DType dtype, Device device) {
        return run(() -> {
            try (Scalar s = new Scalar(value)) {
                return torch.full(shape, s, Native.options(dtype, device));
            }
        });
    }

    public static Handle randn(long[] shape, DType dtype, Device device) {
        return run(() -> torch.randn(shape, Native.options(dtype, device)));
    }

    public static Handle rand(long[] shape, DType dtype, Device device) {
        return run(() -> torch.rand(shape, Native.options(dtype, device)));
    }

    public static Handle randint(long low, long high, long[] shape, DType dtype, Device device) {
        return run(() -> torch.randint(low, high, shape, Native.options(dtype, device)));
    }

    public static Handle randperm(long n, Device device) {
        return run(() -> torch.randperm(n, Native.options(DType.INT64, device)));
    }

    public static Handle arange(double start, double end, double step, DType dtype, Device device) {
        return run(() -> {
            try (Scalar a = new Scalar(start); Scalar b = new Scalar(end); Scalar c = new Scalar(step)) {
                return torch.arange(a, b, c, Native.options(dtype, device));
            }
        });
    }

    /** A CPU tensor of the given dtype whose native bytes are copied from {@code data}. */
    public static Handle fromBytes(ByteBuffer data, long[] shape, DType dtype) {
        Handle h = empty(shape, dtype, Device.cpu());
        long n = h.t.nbytes();
        if (n != data.remaining()) {
            h.close();
            throw new IllegalArgumentException("expected " + n + " bytes for shape, got " + data.remaining());
        }
        h.buffer().put(data.duplicate());
        return h;
    }

    public static Handle fromFloats(float[] data, long[] shape) {
        Handle h = empty(shape, DType.FLOAT32, Device.cpu());
        if (data.length > 0) {
            new FloatPointer(h.t.data_ptr()).capacity(data.length).put(data, 0, data.length);
        }
        return h;
    }

    public static Handle fromDoubles(double[] data, long[] shape) {
        Handle h = empty(shape, DType.FLOAT64, Device.cpu());
        if (data.length > 0) {
            new DoublePointer(h.t.data_ptr()).capacity(data.length).put(data, 0, data.length);
        }
        return h;
    }

    public static Handle fromLongs(long[] data, long[] shape) {
        Handle h = empty(shape, DType.INT64, Device.cpu());
        if (data.length > 0) {
            new LongPointer(h.t.data_ptr()).capacity(data.length).put(data, 0, data.length);
        }
        return h;
    }

    public static Handle fromInts(int[] data, long[] shape) {
        Handle h = empty(shape, DType.INT32, Device.cpu());
        if (data.length > 0) {
            new IntPointer(h.t.data_ptr()).capacity(data.length).put(data, 0, data.length);
        }
        return h;
    }

    public static Handle fromBooleans(boolean[] data, long[] shape) {
        Handle h = empty(shape, DType.BOOL, Device.cpu());
        BytePointer p = new BytePointer(h.t.data_ptr()).capacity(data.length);
        for (int i = 0; i < data.length; i++) {
            p.put(i, (byte) (data[i] ? 1 : 0));
        }
        return h;
    }

    /**
     * The tensor's own CPU memory as a little-endian {@link ByteBuffer}: writing to it writes the
     * tensor. Only for contiguous CPU tensors; valid while this handle is open.
     */
    public ByteBuffer buffer() {
        if (!t.is_cpu() || !t.is_contiguous()) {
            throw new IllegalStateException("buffer() needs a contiguous CPU tensor");
        }
        long n = t.nbytes();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("tensor of " + n + " bytes is larger than one ByteBuffer");
        }
        return new BytePointer(t.data_ptr()).capacity(n).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** Address of the first element, for bulk writers that fill native memory in slices. */
    public long address() {
        return t.data_ptr().address();
    }

    /**
     * A buffer over {@code length} bytes of this CPU tensor's memory starting at byte {@code offset}
     * (index 0 of the buffer is that byte), so tensors over 2 GB can be filled in windows.
     */
    public ByteBuffer slice(long offset, int length) {
        if (!t.is_cpu() || !t.is_contiguous() || offset < 0 || length < 0 || offset + length > t.nbytes()) {
            throw new IllegalStateException("window [" + offset + ", " + offset + " + " + length
                    + ") outside a contiguous CPU tensor of " + t.nbytes() + " bytes");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.nativeOrder());
        }
        BytePointer at = new BytePointer(t.data_ptr()).getPointer(offset);
        return at.capacity(length).limit(length).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    // ---- reading ----

    public float[] toFloatArray() {
        try (Handle c = cpuContiguous(ScalarType.Float)) {
            float[] out = new float[(int) c.t.numel()];
            if (out.length > 0) {
                new FloatPointer(c.t.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public double[] toDoubleArray() {
        try (Handle c = cpuContiguous(ScalarType.Double)) {
            double[] out = new double[(int) c.t.numel()];
            if (out.length > 0) {
                new DoublePointer(c.t.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    public long[] toLongArray() {
        try (Handle c = cpuContiguous(ScalarType.Long)) {
            long[] out = new long[(int) c.t.numel()];
            if (out.length > 0) {
                new LongPointer(c.t.data_ptr()).capacity(out.length).get(out);
            }
            return out;
        }
    }

    private Handle cpuContiguous(ScalarType type) {
        return run(() -> {
            try (org.bytedeco.pytorch.Device cpu = Native.device(Device.cpu());
                 Tensor detached = t.detach();
                 Tensor moved = detached.to(cpu, type)) {
                return moved.contiguous();
            }
        });
    }

    public double item() {
        return call(() -> {
            try (Scalar s = t.item()) {
                return s.toDouble();
            }
        });
    }

    public long itemLong() {
        return call(() -> {
            try (Scalar s = t.item()) {
                return s.toLong();
            }
        });
    }

    public long[] shape() {
        int d = (int) t.dim();
        long[] s = new long[d];
        for (int i = 0; i < d; i++) {
            s[i] = t.size(i);
        }
        return s;
    }

    public long numel() {
        return t.numel();
    }

    public DType dtype() {
        return Native.dtype(t.scalar_type());
    }

    public Device device() {
        try (org.bytedeco.pytorch.Device d = t.device()) {
            return Native.device(d);
        }
    }

    public boolean requiresGrad() {
        return t.requires_grad();
    }

    public boolean isLeaf() {
        return t.is_leaf();
    }

    public boolean isContiguous() {
        return t.is_contiguous();
    }

    /** @return the autograd node's name, e.g. {@code AddBackward0}, or null for a leaf */
    public String gradFnName() {
        try (Node n = t.grad_fn()) {
            if (n == null || n.isNull()) {
                return null;
            }
            try (BytePointer name = n.name()) {
                String s = name.getString();
                int colon = s.lastIndexOf("::");
                return colon < 0 ? s : s.substring(colon + 2);
            }
        }
    }

    /** @return whether both handles are the same TensorImpl (aliases, like {@code a is b}) */
    public boolean sameAs(Handle o) {
        return t.is_same(o.t);
    }

    // ---- autograd ----

    public void requiresGrad(boolean r) {
        call(() -> t.requires_grad_(r));
    }

    /** @return the gradient, or null when none (PyTorch's {@code None}) */
    public Handle grad() {
        Tensor g = t.grad();
        if (!g.defined()) {
            g.close();
            return null;
        }
        return new Handle(g);
    }

    /** Sets the gradient to none, like {@code p.grad = None}. */
    public void clearGrad() {
        try (Tensor g = t.mutable_grad()) {
            // mutable_grad is a reference to the slot: resetting it frees the gradient tensor
            g.reset();
        }
    }

    public void backward() {
        call(() -> {
            t.backward();
            return null;
        });
    }

    public void backward(Handle gradient) {
        call(() -> {
            t.backward(gradient.t, null, false, null);
            return null;
        });
    }

    public Handle detach() {
        return run(t::detach);
    }

    /** Replaces the data behind this tensor, keeping its identity (PyTorch's {@code p.data = x}). */
    public void setData(Handle data) {
        call(() -> {
            t.set_data(data.t);
            return null;
        });
    }

    // ---- conversion ----

    public Handle to(DType dtype) {
        return run(() -> t.to(Native.scalarType(dtype)));
    }

    public Handle to(Device device, boolean nonBlocking) {
        return run(() -> {
            try (org.bytedeco.pytorch.Device d = Native.device(device)) {
                return t.to(d, t.scalar_type(), nonBlocking, false, null);
            }
        });
    }

    public Handle pinMemory() {
        return run(() -> t.pin_memory());
    }

    public Handle contiguous() {
        return run(t::contiguous);
    }

    public Handle clone_() {
        return run(t::clone);
    }

    // ---- shape ----

    public Handle view(long[] shape) {
        return run(() -> t.view(shape));
    }

    public Handle reshape(long[] shape) {
        return run(() -> t.reshape(shape));
    }

    public Handle squeeze() {
        return run(t::squeeze);
    }

    public Handle squeeze(long dim) {
        return run(() -> t.squeeze(dim));
    }

    public Handle unsqueeze(long dim) {
        return run(() -> t.unsqueeze(dim));
    }

    public Handle narrow(long dim, long start, long length) {
        return run(() -> t.narrow(dim, start, length));
    }

    public Handle select(long dim, long index) {
        return run(() -> t.select(dim, index));
    }

    public Handle indexSelect(long dim, Handle index) {
        return run(() -> t.index_select(dim, index.t));
    }

    public Handle transpose(long a, long b) {
        return run(() -> t.transpose(a, b));
    }

    public Handle permute(long[] dims) {
        return run(() -> t.permute(dims));
    }

    public Handle flatten(long start, long end) {
        return run(() -> t.flatten(start, end));
    }

    public static Handle cat(List<Handle> parts, long dim) {
        return run(() -> {
            try (TensorVector v = vector(parts)) {
                return torch.cat(v, dim);
            }
        });
    }

    public static Handle stack(List<Handle> parts, long dim) {
        return run(() -> {
            try (TensorVector v = vector(parts)) {
                return torch.stack(v, dim);
            }
        });
    }

    static TensorVector vector(List<Handle> parts) {
        TensorVector v = new TensorVector(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            v.put(i, parts.get(i).t);
        }
        return v;
    }

    // ---- arithmetic ----

    public Handle add(Handle o) {
        return run(() -> t.add(o.t));
    }

    public Handle add(double v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.add(s);
            }
        });
    }

    public Handle add(long v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.add(s);
            }
        });
    }

    public Handle sub(Handle o) {
        return run(() -> t.sub(o.t));
    }

    public Handle mul(Handle o) {
        return run(() -> t.mul(o.t));
    }

    public Handle mul(double v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.mul(s);
            }
        });
    }

    public Handle mul(long v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.mul(s);
            }
        });
    }

    public Handle div(Handle o) {
        return run(() -> t.div(o.t));
    }

    public Handle div(double v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.div(s);
            }
        });
    }

    public Handle pow(double v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.pow(s);
            }
        });
    }

    public Handle matmul(Handle o) {
        return run(() -> t.matmul(o.t));
    }

    /** Element-wise unary ops by PyTorch name. */
    public Handle unary(String name) {
        return run(() -> switch (name) {
            case "neg" -> t.neg();
            case "exp" -> t.exp();
            case "log" -> t.log();
            case "sqrt" -> t.sqrt();
            case "abs" -> t.abs();
            case "tanh" -> t.tanh();
            case "relu" -> t.relu();
            case "sigmoid" -> t.sigmoid();
            case "isnan" -> t.isnan();
            default -> throw new IllegalArgumentException("unknown unary op " + name);
        });
    }

    public Handle softmax(long dim) {
        return run(() -> t.softmax(dim));
    }

    public Handle logSoftmax(long dim) {
        return run(() -> t.log_softmax(dim));
    }

    /** Comparison by PyTorch name: eq, ne, lt, le, gt, ge. */
    public Handle compare(String op, Handle o) {
        return run(() -> switch (op) {
            case "eq" -> t.eq(o.t);
            case "ne" -> t.ne(o.t);
            case "lt" -> t.lt(o.t);
            case "le" -> t.le(o.t);
            case "gt" -> t.gt(o.t);
            case "ge" -> t.ge(o.t);
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        });
    }

    public Handle compare(String op, double v) {
        return run(() -> {
            try (Scalar s = new Scalar(v)) {
                return switch (op) {
                    case "eq" -> t.eq(s);
                    case "ne" -> t.ne(s);
                    case "lt" -> t.lt(s);
                    case "le" -> t.le(s);
                    case "gt" -> t.gt(s);
                    case "ge" -> t.ge(s);
                    default -> throw new IllegalArgumentException("unknown comparison " + op);
                };
            }
        });
    }

    public boolean equal(Handle o) {
        return call(() -> t.equal(o.t));
    }

    public boolean allclose(Handle o, double rtol, double atol) {
        return call(() -> t.allclose(o.t, rtol, atol, false));
    }

    // ---- reductions ----

    public Handle sum() {
        return run(t::sum);
    }

    public Handle sum(long dim, boolean keepdim) {
        return run(() -> t.sum(new long[] {dim}, keepdim, null));
    }

    public Handle mean() {
        return run(t::mean);
    }

    public Handle mean(long dim, boolean keepdim) {
        return run(() -> t.mean(new long[] {dim}, keepdim, null));
    }

    public Handle max() {
        return run(t::max);
    }

    public Handle min() {
        return run(t::min);
    }

    /** @return values and indices, like {@code torch.max(x, dim)} */
    public Handle[] max(long dim, boolean keepdim) {
        return call(() -> {
            try (T_TensorTensor_T r = t.max(dim, keepdim)) {
                return new Handle[] {new Handle(new Tensor(r.get0())), new Handle(new Tensor(r.get1()))};
            }
        });
    }

    /** @return values and indices, like {@code torch.min(x, dim)} */
    public Handle[] min(long dim, boolean keepdim) {
        return call(() -> {
            try (T_TensorTensor_T r = t.min(dim, keepdim)) {
                return new Handle[] {new Handle(new Tensor(r.get0())), new Handle(new Tensor(r.get1()))};
            }
        });
    }

    public Handle argmax() {
        return run(t::argmax);
    }

    public Handle argmax(long dim, boolean keepdim) {
        return run(() -> {
            try (LongOptional d = new LongOptional(dim)) {
                return t.argmax(d, keepdim);
            }
        });
    }

    /**
     * @return {min, max} as doubles, in one pass. A contiguous CPU int64 or int32 tensor (indices) is
     *         read straight from its memory: a kernel and two {@code item()} calls cost ~10 us,
     *         as much as the embedding lookup the bounds are checked for
     */
    public double[] aminmax() {
        if (t.is_cpu() && t.is_contiguous() && t.numel() > 0 && t.numel() <= 1 << 20) {
            ScalarType st = t.scalar_type();
            if (st.value == ScalarType.Long.value || st.value == ScalarType.Int.value) {
                return indexBounds(st.value == ScalarType.Long.value);
            }
        }
        return call(() -> {
            try (T_TensorTensor_T r = torch.aminmax(t);
                 Tensor lo = new Tensor(r.get0());
                 Tensor hi = new Tensor(r.get1());
                 Scalar a = lo.item();
                 Scalar b = hi.item()) {
                return new double[] {a.toDouble(), b.toDouble()};
            }
        });
    }

    private double[] indexBounds(boolean int64) {
        int n = (int) t.numel();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (int64) {
            java.nio.LongBuffer b = new LongPointer(t.data_ptr()).capacity(n).asBuffer();
            for (int i = 0; i < n; i++) {
                long v = b.get(i);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        } else {
            java.nio.IntBuffer b = new IntPointer(t.data_ptr()).capacity(n).asBuffer();
            for (int i = 0; i < n; i++) {
                int v = b.get(i);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }

    // ---- in place ----

    public void addInPlace(Handle o, double alpha) {
        call(() -> {
            try (Scalar s = new Scalar(alpha)) {
                return t.add_(o.t, s);
            }
        });
    }

    public void addInPlace(double v) {
        call(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.add_(s);
            }
        });
    }

    public void mulInPlace(Handle o) {
        call(() -> t.mul_(o.t));
    }

    public void mulInPlace(double v) {
        call(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.mul_(s);
            }
        });
    }

    public void copyInPlace(Handle src, boolean nonBlocking) {
        call(() -> t.copy_(src.t, nonBlocking));
    }

    public void zeroInPlace() {
        call(t::zero_);
    }

    public void fillInPlace(double v) {
        call(() -> {
            try (Scalar s = new Scalar(v)) {
                return t.fill_(s);
            }
        });
    }

    public void normalInPlace(double mean, double std) {
        call(() -> t.normal_(mean, std, null));
    }

    public void uniformInPlace(double from, double to) {
        call(() -> t.uniform_(from, to, null));
    }
}
