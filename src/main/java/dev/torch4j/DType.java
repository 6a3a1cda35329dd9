package dev.torch4j;

/**
 * Element type of a tensor, mirroring {@code torch.dtype}: every scalar type libtorch defines, in the
 * order of its codes ({@code c10::ScalarType}: {@link #ordinal()} is the code), so that no result of an op lacks a dtype.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch-dtype">torch.dtype</a>
 */
public enum DType {
    /** {@code torch.uint8}. */
    UINT8("torch.uint8", 1, Kind.INTEGRAL),
    /** {@code torch.int8}. */
    INT8("torch.int8", 1, Kind.INTEGRAL),
    /** {@code torch.int16} ({@code torch.short}). */
    INT16("torch.int16", 2, Kind.INTEGRAL),
    /** {@code torch.int32} ({@code torch.int}). */
    INT32("torch.int32", 4, Kind.INTEGRAL),
    /** {@code torch.int64} ({@code torch.long}). */
    INT64("torch.int64", 8, Kind.INTEGRAL),
    /** {@code torch.float16} ({@code torch.half}). */
    FLOAT16("torch.float16", 2, Kind.FLOATING),
    /** {@code torch.float32} ({@code torch.float}). */
    FLOAT32("torch.float32", 4, Kind.FLOATING),
    /** {@code torch.float64} ({@code torch.double}). */
    FLOAT64("torch.float64", 8, Kind.FLOATING),
    /** {@code torch.complex32} ({@code torch.chalf}). */
    COMPLEX32("torch.complex32", 4, Kind.COMPLEX),
    /** {@code torch.complex64} ({@code torch.cfloat}). */
    COMPLEX64("torch.complex64", 8, Kind.COMPLEX),
    /** {@code torch.complex128} ({@code torch.cdouble}). */
    COMPLEX128("torch.complex128", 16, Kind.COMPLEX),
    /** {@code torch.bool}. */
    BOOL("torch.bool", 1, Kind.BOOL),
    /** {@code torch.qint8}. */
    QINT8("torch.qint8", 1, Kind.QUANTIZED),
    /** {@code torch.quint8}. */
    QUINT8("torch.quint8", 1, Kind.QUANTIZED),
    /** {@code torch.qint32}. */
    QINT32("torch.qint32", 4, Kind.QUANTIZED),
    /** {@code torch.bfloat16}. */
    BFLOAT16("torch.bfloat16", 2, Kind.FLOATING),
    /** {@code torch.quint4x2}. */
    QUINT4X2("torch.quint4x2", 1, Kind.QUANTIZED),
    /** {@code torch.quint2x4}. */
    QUINT2X4("torch.quint2x4", 1, Kind.QUANTIZED),
    /** {@code torch.bits1x8}. */
    BITS1X8("torch.bits1x8", 1, Kind.BITS),
    /** {@code torch.bits2x4}. */
    BITS2X4("torch.bits2x4", 1, Kind.BITS),
    /** {@code torch.bits4x2}. */
    BITS4X2("torch.bits4x2", 1, Kind.BITS),
    /** {@code torch.bits8}. */
    BITS8("torch.bits8", 1, Kind.BITS),
    /** {@code torch.bits16}. */
    BITS16("torch.bits16", 2, Kind.BITS),
    /** {@code torch.float8_e5m2}. */
    FLOAT8_E5M2("torch.float8_e5m2", 1, Kind.FLOATING),
    /** {@code torch.float8_e4m3fn}. */
    FLOAT8_E4M3FN("torch.float8_e4m3fn", 1, Kind.FLOATING),
    /** {@code torch.float8_e5m2fnuz}. */
    FLOAT8_E5M2FNUZ("torch.float8_e5m2fnuz", 1, Kind.FLOATING),
    /** {@code torch.float8_e4m3fnuz}. */
    FLOAT8_E4M3FNUZ("torch.float8_e4m3fnuz", 1, Kind.FLOATING),
    /** {@code torch.uint16}. */
    UINT16("torch.uint16", 2, Kind.INTEGRAL),
    /** {@code torch.uint32}. */
    UINT32("torch.uint32", 4, Kind.INTEGRAL),
    /** {@code torch.uint64}. */
    UINT64("torch.uint64", 8, Kind.INTEGRAL),
    /** {@code torch.uint1}. */
    UINT1("torch.uint1", 1, Kind.INTEGRAL),
    /** {@code torch.uint2}. */
    UINT2("torch.uint2", 1, Kind.INTEGRAL),
    /** {@code torch.uint3}. */
    UINT3("torch.uint3", 1, Kind.INTEGRAL),
    /** {@code torch.uint4}. */
    UINT4("torch.uint4", 1, Kind.INTEGRAL),
    /** {@code torch.uint5}. */
    UINT5("torch.uint5", 1, Kind.INTEGRAL),
    /** {@code torch.uint6}. */
    UINT6("torch.uint6", 1, Kind.INTEGRAL),
    /** {@code torch.uint7}. */
    UINT7("torch.uint7", 1, Kind.INTEGRAL),
    /** {@code torch.int1}. */
    INT1("torch.int1", 1, Kind.INTEGRAL),
    /** {@code torch.int2}. */
    INT2("torch.int2", 1, Kind.INTEGRAL),
    /** {@code torch.int3}. */
    INT3("torch.int3", 1, Kind.INTEGRAL),
    /** {@code torch.int4}. */
    INT4("torch.int4", 1, Kind.INTEGRAL),
    /** {@code torch.int5}. */
    INT5("torch.int5", 1, Kind.INTEGRAL),
    /** {@code torch.int6}. */
    INT6("torch.int6", 1, Kind.INTEGRAL),
    /** {@code torch.int7}. */
    INT7("torch.int7", 1, Kind.INTEGRAL),
    /** {@code torch.float8_e8m0fnu}. */
    FLOAT8_E8M0FNU("torch.float8_e8m0fnu", 1, Kind.FLOATING),
    /** {@code torch.float4_e2m1fn_x2}. */
    FLOAT4_E2M1FN_X2("torch.float4_e2m1fn_x2", 1, Kind.FLOATING);

    /** What kind of number an element is. */
    private enum Kind { BOOL, INTEGRAL, FLOATING, COMPLEX, QUANTIZED, BITS }

    private final String pythonName;
    private final int elementSize;
    private final Kind kind;

    DType(String pythonName, int elementSize, Kind kind) {
        this.pythonName = pythonName;
        this.elementSize = elementSize;
        this.kind = kind;
    }

    /** @return the name PyTorch prints, e.g. {@code torch.float32} */
    public String pythonName() {
        return pythonName;
    }

    /** @return bytes per element, like {@code Tensor.element_size()} (1 for sub-byte and packed types) */
    public int elementSize() {
        return elementSize;
    }

    /** @return whether this is a floating point type, like {@code dtype.is_floating_point} */
    public boolean isFloatingPoint() {
        return kind == Kind.FLOATING;
    }

    /** @return whether this is a complex type, like {@code dtype.is_complex} */
    public boolean isComplex() {
        return kind == Kind.COMPLEX;
    }

    /** @return whether this is a signed type, like {@code dtype.is_signed} */
    public boolean isSigned() {
        return switch (kind) {
            case FLOATING, COMPLEX -> true;
            case INTEGRAL -> name().startsWith("INT");
            case QUANTIZED -> this == QINT8 || this == QINT32;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return pythonName;
    }
}
