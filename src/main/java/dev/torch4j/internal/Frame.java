package dev.torch4j.internal;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Layout;
import dev.torch4j.MemoryFormat;
import dev.torch4j.nn.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BoolPointer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.DoubleArrayRef;
import org.bytedeco.pytorch.DoubleArrayRefOptional;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LayoutOptional;
import org.bytedeco.pytorch.LongArrayRef;
import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRef;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptionalList;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The bookkeeping of one native call made by the generated boundary ({@link Aten}): the tensors it
 * borrows, the native temporaries it creates (scalars, optionals, lists), all released when the call
 * ends, and the conversion of its results into public tensors. One reusable frame per thread, nested
 * calls stack; nothing is allocated for the frame itself.
 */
public final class Frame {
    private static final ThreadLocal<Frame> CURRENT = ThreadLocal.withInitial(Frame::new);

    // immutable empty optionals and per-value constants, shared by every call (const references in C++)
    private static final TensorOptional NO_TENSOR = new TensorOptional();
    private static final LongOptional NO_LONG = new LongOptional();
    private static final DoubleOptional NO_DOUBLE = new DoubleOptional();
    private static final BoolOptional NO_BOOL = new BoolOptional();
    private static final ScalarOptional NO_SCALAR = new ScalarOptional();
    private static final StringViewOptional NO_STR = new StringViewOptional();
    private static final LongArrayRefOptional NO_LONGS = new LongArrayRefOptional();
    private static final DoubleArrayRefOptional NO_DOUBLES = new DoubleArrayRefOptional();
    private static final ScalarTypeOptional NO_DTYPE = new ScalarTypeOptional();
    private static final LayoutOptional NO_LAYOUT = new LayoutOptional();
    private static final DeviceOptional NO_DEVICE = new DeviceOptional();
    private static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();
    private static final GeneratorOptional NO_GENERATOR = new GeneratorOptional();
    private static final ScalarTypeOptional[] DTYPES = new ScalarTypeOptional[DType.values().length];
    private static final MemoryFormatOptional[] MEMORY_FORMATS = new MemoryFormatOptional[MemoryFormat.values().length];
    private static final Map<Device, DeviceOptional> DEVICES = new ConcurrentHashMap<>();
    private static final Scalar[] SMALL_LONGS = new Scalar[4];
    private static final Scalar ONE_DOUBLE;

    static {
        Native.init();
        for (DType d : DType.values()) {
            DTYPES[d.ordinal()] = new ScalarTypeOptional(Native.scalarType(d));
        }
        for (MemoryFormat m : MemoryFormat.values()) {
            MEMORY_FORMATS[m.ordinal()] = new MemoryFormatOptional(memoryFormatOf(m));
        }
        for (int i = 0; i < SMALL_LONGS.length; i++) {
            SMALL_LONGS[i] = new Scalar(i - 1L);
        }
        ONE_DOUBLE = new Scalar(1.0);
    }

    private TensorRef[] borrowed = new TensorRef[16];
    /** The native tensors of {@link #borrowed}, which {@link #own} must never close. */
    private Tensor[] borrowedNatives = new Tensor[16];
    private int nBorrowed;
    private Pointer[] owned = new Pointer[16];
    private int nOwned;
    private int[] marks = new int[16];
    private int depth;

    private Frame() {
    }

    /** Opens a call on this thread's frame; pair with {@link #exit()} in a finally block. */
    public static Frame enter() {
        Frame f = CURRENT.get();
        if (2 * f.depth + 2 > f.marks.length) {
            f.marks = java.util.Arrays.copyOf(f.marks, f.marks.length * 2);
        }
        f.marks[2 * f.depth] = f.nBorrowed;
        f.marks[2 * f.depth + 1] = f.nOwned;
        f.depth++;
        return f;
    }

    /** Ends the call: closes its temporaries, then returns its borrowed tensors. */
    public void exit() {
        depth--;
        int ownedMark = marks[2 * depth + 1];
        int borrowedMark = marks[2 * depth];
        while (nOwned > ownedMark) {
            Pointer p = owned[--nOwned];
            owned[nOwned] = null;
            p.close();
        }
        while (nBorrowed > borrowedMark) {
            TensorRef r = borrowed[--nBorrowed];
            borrowed[nBorrowed] = null;
            borrowedNatives[nBorrowed] = null;
            r.release();
        }
    }

    /** @return the exception to throw for {@code e}: native errors become {@code TorchException}s */
    public RuntimeException fail(RuntimeException e) {
        return Errors.translate(e);
    }

    /**
     * Registers a native temporary to close when the call ends. A borrowed tensor is never owned: an
     * in-place op returns its {@code self} by reference, and JavaCPP hands that back as the very Java
     * object that was borrowed, which closing would free under its owner.
     */
    public <P extends Pointer> P own(P p) {
        if (p instanceof Tensor) {
            for (int i = nBorrowed - 1; i >= 0; i--) {
                if (borrowedNatives[i] == p) {
                    return p;
                }
            }
        }
        if (nOwned == owned.length) {
            owned = java.util.Arrays.copyOf(owned, owned.length * 2);
        }
        owned[nOwned++] = p;
        return p;
    }

    // ------------------------------------------------------------------ tensors in

    /**
     * Borrows a required tensor argument.
     *
     * @throws NullPointerException naming the argument when it is null
     * @throws IllegalStateException when the tensor was closed
     */
    public Tensor t(dev.torch4j.Tensor x, String name) {
        if (x == null) {
            throw nullArgument(name, "a Tensor");
        }
        TensorRef r = TensorBridge.ref(x);
        Tensor n = r.acquire();
        if (nBorrowed == borrowed.length) {
            borrowed = java.util.Arrays.copyOf(borrowed, borrowed.length * 2);
            borrowedNatives = java.util.Arrays.copyOf(borrowedNatives, borrowed.length);
        }
        borrowedNatives[nBorrowed] = n;
        borrowed[nBorrowed++] = r;
        return n;
    }

    public TensorOptional optT(dev.torch4j.Tensor x) {
        return x == null ? NO_TENSOR : own(new TensorOptional(t(x, "tensor")));
    }

    public TensorVector tensorVector(List<dev.torch4j.Tensor> xs, String name) {
        if (xs == null) {
            throw nullArgument(name, "a list of Tensors");
        }
        TensorVector v = own(new TensorVector(xs.size()));
        for (int i = 0; i < xs.size(); i++) {
            v.put(i, t(xs.get(i), name + "[" + i + "]"));
        }
        return v;
    }

    public TensorArrayRef tensorArrayRef(List<dev.torch4j.Tensor> xs, String name) {
        return own(new TensorArrayRef(tensorVector(xs, name)));
    }

    public TensorOptionalList optTensorList(List<dev.torch4j.Tensor> xs, String name) {
        if (xs == null) {
            throw nullArgument(name, "a list of optional Tensors");
        }
        TensorOptionalList list = own(new TensorOptionalList());
        for (dev.torch4j.Tensor x : xs) {
            list.push_back(optT(x));
        }
        return list;
    }

    // ------------------------------------------------------------------ other arguments

    public LongOptional optLong(Long v) {
        return v == null ? NO_LONG : own(new LongOptional(v));
    }

    public long[] longs(long[] v, String name) {
        if (v == null) {
            throw nullArgument(name, "a list of ints");
        }
        return v;
    }

    public LongArrayRef longArrayRef(long[] v, String name) {
        longs(v, name);
        return own(new LongArrayRef(own(new LongPointer(v)), v.length));
    }

    public LongArrayRefOptional optLongs(long[] v) {
        return v == null ? NO_LONGS : own(new LongArrayRefOptional(longArrayRef(v, "list")));
    }

    public DoubleOptional optDouble(Double v) {
        return v == null ? NO_DOUBLE : own(new DoubleOptional(v));
    }

    public double[] doubles(double[] v, String name) {
        if (v == null) {
            throw nullArgument(name, "a list of floats");
        }
        return v;
    }

    public DoubleArrayRef doubleArrayRef(double[] v, String name) {
        doubles(v, name);
        return own(new DoubleArrayRef(own(new DoublePointer(v)), v.length));
    }

    public DoubleArrayRefOptional optDoubles(double[] v) {
        return v == null ? NO_DOUBLES : own(new DoubleArrayRefOptional(doubleArrayRef(v, "list")));
    }

    public BoolOptional optBool(Boolean v) {
        return v == null ? NO_BOOL : own(new BoolOptional(v));
    }

    public BoolPointer bools(boolean[] v, String name) {
        if (v == null) {
            throw nullArgument(name, "a list of bools");
        }
        BoolPointer p = own(new BoolPointer(Math.max(1, v.length)));
        for (int i = 0; i < v.length; i++) {
            p.put(i, v[i]);
        }
        return p;
    }

    public Scalar scalar(Number v, String name) {
        if (v == null) {
            throw nullArgument(name, "a number");
        }
        if (v instanceof Double || v instanceof Float) {
            double d = v.doubleValue();
            return d == 1.0 ? ONE_DOUBLE : own(new Scalar(d));
        }
        long l = v.longValue();
        return l >= -1 && l <= 2 ? SMALL_LONGS[(int) l + 1] : own(new Scalar(l));
    }

    public ScalarOptional optScalar(Number v) {
        return v == null ? NO_SCALAR : own(new ScalarOptional(scalar(v, "scalar")));
    }

    public String str(String v, String name) {
        if (v == null) {
            throw nullArgument(name, "a str");
        }
        return v;
    }

    public BytePointer bytes(String v, String name) {
        return own(new BytePointer(str(v, name)));
    }

    public StringViewOptional optStr(String v) {
        return v == null ? NO_STR : own(new StringViewOptional(bytes(v, "str")));
    }

    public ScalarType dtype(DType d, String name) {
        if (d == null) {
            throw nullArgument(name, "a dtype");
        }
        return Native.scalarType(d);
    }

    public ScalarTypeOptional optDtype(DType d) {
        return d == null ? NO_DTYPE : DTYPES[d.ordinal()];
    }

    public torch.Layout layout(Layout l, String name) {
        if (l == null) {
            throw nullArgument(name, "a layout");
        }
        return torch.Layout.values()[l.ordinal()];
    }

    public LayoutOptional optLayout(Layout l) {
        return l == null ? NO_LAYOUT : own(new LayoutOptional(layout(l, "layout")));
    }

    public org.bytedeco.pytorch.Device device(Device d, String name) {
        if (d == null) {
            throw nullArgument(name, "a device");
        }
        return optDevice(d).get();
    }

    public DeviceOptional optDevice(Device d) {
        if (d == null) {
            return NO_DEVICE;
        }
        return DEVICES.computeIfAbsent(d, k -> new DeviceOptional(Native.device(k)));
    }

    public torch.MemoryFormat memoryFormat(MemoryFormat m, String name) {
        if (m == null) {
            throw nullArgument(name, "a memory format");
        }
        return memoryFormatOf(m);
    }

    public MemoryFormatOptional optMemoryFormat(MemoryFormat m) {
        return m == null ? NO_MEMORY_FORMAT : MEMORY_FORMATS[m.ordinal()];
    }

    public GeneratorOptional noGenerator() {
        return NO_GENERATOR;
    }

    public long reduction(Reduction r, String name) {
        if (r == null) {
            throw nullArgument(name, "a Reduction");
        }
        return r.ordinal();
    }

    private static torch.MemoryFormat memoryFormatOf(MemoryFormat m) {
        return switch (m) {
            case CONTIGUOUS_FORMAT -> torch.MemoryFormat.Contiguous;
            case PRESERVE_FORMAT -> torch.MemoryFormat.Preserve;
            case CHANNELS_LAST -> torch.MemoryFormat.ChannelsLast;
            case CHANNELS_LAST_3D -> torch.MemoryFormat.ChannelsLast3d;
        };
    }

    static NullPointerException nullArgument(String name, String what) {
        return new NullPointerException("argument '" + name + "' must be " + what + ", not null");
    }

    // ------------------------------------------------------------------ results out

    /** A public tensor owning {@code result} (returned by value). */
    public dev.torch4j.Tensor wrap(Tensor result) {
        return TensorBridge.own(result);
    }

    /** A public tensor owning a new reference to {@code ref} (a reference into a tuple or a slot). */
    public dev.torch4j.Tensor copy(Tensor ref) {
        return TensorBridge.own(new Tensor(ref));
    }

    /** Public tensors for a list returned by value. */
    public List<dev.torch4j.Tensor> list(TensorVector v) {
        own(v);
        return copyList(v);
    }

    /** Public tensors for a list the caller keeps owning. */
    public List<dev.torch4j.Tensor> copyList(TensorVector v) {
        int n = (int) v.size();
        List<dev.torch4j.Tensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(copy(v.get(i)));
        }
        return out;
    }

    /** The value of a Scalar returned by value (closed when the call ends). */
    public double scalarValue(Scalar s) {
        own(s);
        return scalarRef(s);
    }

    /** The value of a Scalar the caller keeps owning. */
    public double scalarRef(Scalar s) {
        return s.isBoolean() ? (s.toBool() ? 1 : 0) : s.toDouble();
    }

    public DType dtypeOf(ScalarType s) {
        return Native.dtype(s);
    }
}
