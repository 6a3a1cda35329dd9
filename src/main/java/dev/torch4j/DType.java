package dev.torch4j;

/**
 * Element type of a tensor, mirroring {@code torch.dtype}.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch-dtype">torch.dtype</a>
 */
public enum DType {
    /** {@code torch.float32} ({@code torch.float}). */
    FLOAT32("torch.float32", 4, true),
    /** {@code torch.float64} ({@code torch.double}). */
    FLOAT64("torch.float64", 8, true),
    /** {@code torch.float16} ({@code torch.half}). */
    FLOAT16("torch.float16", 2, true),
    /** {@code torch.bfloat16}. */
    BFLOAT16("torch.bfloat16", 2, true),
    /** {@code torch.int64} ({@code torch.long}). */
    INT64("torch.int64", 8, false),
    /** {@code torch.int32} ({@code torch.int}). */
    INT32("torch.int32", 4, false),
    /** {@code torch.int16} ({@code torch.short}). */
    INT16("torch.int16", 2, false),
    /** {@code torch.int8}. */
    INT8("torch.int8", 1, false),
    /** {@code torch.uint8}. */
    UINT8("torch.uint8", 1, false),
    /** {@code torch.bool}. */
    BOOL("torch.bool", 1, false);

    private final String pythonName;
    private final int elementSize;
    private final boolean floatingPoint;

    DType(String pythonName, int elementSize, boolean floatingPoint) {
        this.pythonName = pythonName;
        this.elementSize = elementSize;
        this.floatingPoint = floatingPoint;
    }

    /** @return the name PyTorch prints, e.g. {@code torch.float32} */
    public String pythonName() {
        return pythonName;
    }

    /** @return bytes per element, like {@code Tensor.element_size()} */
    public int elementSize() {
        return elementSize;
    }

    /** @return whether this is a floating point type, like {@code dtype.is_floating_point} */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    @Override
    public String toString() {
        return pythonName;
    }
}
