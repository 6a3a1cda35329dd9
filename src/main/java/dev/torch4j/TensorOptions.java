package dev.torch4j;

/**
 * The keyword arguments of PyTorch's factory functions ({@code torch.zeros(2, 3, dtype=torch.float64,
 * device="cuda", requires_grad=True)}) as one immutable value:
 * {@code Torch.zeros(new long[] {2, 3}, TensorOptions.defaults().dtype(DType.FLOAT64).requiresGrad(true))}.
 * Each unset option takes PyTorch's default: the default dtype ({@code torch.float32}, or the factory's
 * own, such as int64 for {@code randint}), {@code torch.strided}, the CPU, no gradient, unpinned memory.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html">Tensor attributes</a>
 */
public final class TensorOptions {
    private static final TensorOptions DEFAULTS = new TensorOptions(null, null, null, false, null);

    private final DType dtype;
    private final Device device;
    private final Layout layout;
    private final boolean requiresGrad;
    private final Boolean pinMemory;

    private TensorOptions(DType dtype, Device device, Layout layout, boolean requiresGrad, Boolean pinMemory) {
        this.dtype = dtype;
        this.device = device;
        this.layout = layout;
        this.requiresGrad = requiresGrad;
        this.pinMemory = pinMemory;
    }

    /** @return options with every keyword at PyTorch's default */
    public static TensorOptions defaults() {
        return DEFAULTS;
    }

    /** @return these options with {@code dtype=} set (default: the factory's default dtype) */
    public TensorOptions dtype(DType dtype) {
        return new TensorOptions(dtype, device, layout, requiresGrad, pinMemory);
    }

    /** @return these options with {@code device=} set (default: the CPU) */
    public TensorOptions device(Device device) {
        return new TensorOptions(dtype, device, layout, requiresGrad, pinMemory);
    }

    /** @return these options with {@code layout=} set (default: {@link Layout#STRIDED}) */
    public TensorOptions layout(Layout layout) {
        return new TensorOptions(dtype, device, layout, requiresGrad, pinMemory);
    }

    /** @return these options with {@code requires_grad=} set (default: false) */
    public TensorOptions requiresGrad(boolean requiresGrad) {
        return new TensorOptions(dtype, device, layout, requiresGrad, pinMemory);
    }

    /** @return these options with {@code pin_memory=} set (default: false; needs CUDA) */
    public TensorOptions pinMemory(boolean pinMemory) {
        return new TensorOptions(dtype, device, layout, requiresGrad, pinMemory);
    }

    /** @return the dtype, or null for the factory's default */
    public DType dtype() {
        return dtype;
    }

    /** @return the device, or null for the CPU */
    public Device device() {
        return device;
    }

    /** @return the layout, or null for strided */
    public Layout layout() {
        return layout;
    }

    /** @return whether the new tensor requires grad */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** @return whether to pin the memory, or null for the default */
    public Boolean pinMemory() {
        return pinMemory;
    }

    static TensorOptions orDefaults(TensorOptions o) {
        return o == null ? DEFAULTS : o;
    }

    DType dtypeOr(DType factoryDefault) {
        return dtype == null ? factoryDefault : dtype;
    }

    /** Applies {@code requires_grad}, which PyTorch's factories set after creating the tensor. */
    Tensor finish(Tensor t) {
        return requiresGrad ? t.requiresGrad_(true) : t;
    }

    @Override
    public String toString() {
        return "TensorOptions(dtype=" + (dtype == null ? "default" : dtype) + ", device="
                + (device == null ? "cpu" : device) + ", layout=" + (layout == null ? "strided" : layout)
                + ", requires_grad=" + requiresGrad + ", pin_memory=" + (pinMemory != null && pinMemory) + ")";
    }
}
