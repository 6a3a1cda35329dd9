package dev.torch4j.nn;

import java.util.Arrays;

/**
 * Keyword arguments of {@code nn.Conv2d}, as an immutable value: each method returns a copy with one
 * argument changed. A single number stands for both dimensions, as in PyTorch; two numbers are
 * {@code (height, width)}.
 *
 * <p>Defaults, as in PyTorch: {@code stride=1}, {@code padding=0}, {@code dilation=1}, {@code groups=1},
 * {@code bias=True}, {@code padding_mode='zeros'}.
 */
public final class Conv2dOptions {
    private static final Conv2dOptions DEFAULTS = new Conv2dOptions(new long[] {1, 1}, new long[] {0, 0}, null,
            new long[] {1, 1}, 1, true, Conv1d.PaddingMode.ZEROS);

    private final long[] stride;
    private final long[] padding;
    private final String paddingString;
    private final long[] dilation;
    private final long groups;
    private final boolean bias;
    private final Conv1d.PaddingMode paddingMode;

    private Conv2dOptions(long[] stride, long[] padding, String paddingString, long[] dilation, long groups,
            boolean bias, Conv1d.PaddingMode paddingMode) {
        this.stride = stride;
        this.padding = padding;
        this.paddingString = paddingString;
        this.dilation = dilation;
        this.groups = groups;
        this.bias = bias;
        this.paddingMode = paddingMode;
    }

    /** @return PyTorch's defaults */
    public static Conv2dOptions defaults() {
        return DEFAULTS;
    }

    /** One number for both dimensions, or {@code (height, width)}, as PyTorch's {@code _pair} expands it. */
    static long[] pair(String name, long... value) {
        if (value.length == 1) {
            return new long[] {value[0], value[0]};
        }
        if (value.length != 2) {
            throw new IllegalArgumentException(name + " must be one number or two (height, width), got "
                    + Arrays.toString(value));
        }
        return value.clone();
    }

    /**
     * The stride of the convolution: one number or {@code (height, width)}.
     * Default: 1.
     */
    public Conv2dOptions stride(long... value) {
        return new Conv2dOptions(pair("stride", value), padding, paddingString, dilation, groups, bias, paddingMode);
    }

    /**
     * Zeros (or {@link #paddingMode} values) added on both sides of each dimension: one number or
     * {@code (height, width)}; see also {@link #padding(String)}.
     * Default: 0.
     */
    public Conv2dOptions padding(long... value) {
        return new Conv2dOptions(stride, pair("padding", value), null, dilation, groups, bias, paddingMode);
    }

    /**
     * {@code "valid"} (no padding) or {@code "same"} (the output as large as the input; stride 1 only),
     * instead of numbers.
     */
    public Conv2dOptions padding(String value) {
        if (!value.equals("same") && !value.equals("valid")) {
            throw new IllegalArgumentException("Invalid padding string '" + value + "', should be one of {'valid', 'same'}");
        }
        return new Conv2dOptions(stride, new long[] {0, 0}, value, dilation, groups, bias, paddingMode);
    }

    /**
     * The spacing between kernel elements: one number or {@code (height, width)}.
     * Default: 1.
     */
    public Conv2dOptions dilation(long... value) {
        return new Conv2dOptions(stride, padding, paddingString, pair("dilation", value), groups, bias, paddingMode);
    }

    /**
     * The number of blocked connections from input to output channels; both channel counts must be divisible by it.
     * Default: 1.
     */
    public Conv2dOptions groups(long value) {
        return new Conv2dOptions(stride, padding, paddingString, dilation, value, bias, paddingMode);
    }

    /**
     * Whether to learn an additive bias.
     * Default: true.
     */
    public Conv2dOptions bias(boolean value) {
        return new Conv2dOptions(stride, padding, paddingString, dilation, groups, value, paddingMode);
    }

    /**
     * How the padding is filled.
     * Default: {@code ZEROS}.
     */
    public Conv2dOptions paddingMode(Conv1d.PaddingMode value) {
        java.util.Objects.requireNonNull(value, "padding_mode");
        return new Conv2dOptions(stride, padding, paddingString, dilation, groups, bias, value);
    }

    /** @return the {@code stride}, {@code (height, width)} */
    public long[] stride() {
        return stride.clone();
    }

    /** @return the {@code padding}, {@code (height, width)} */
    public long[] padding() {
        return padding.clone();
    }

    /** @return the {@code padding} string, or null when it is numbers */
    public String paddingString() {
        return paddingString;
    }

    /** @return the {@code dilation}, {@code (height, width)} */
    public long[] dilation() {
        return dilation.clone();
    }

    /** @return the {@code groups} value */
    public long groups() {
        return groups;
    }

    /** @return the {@code bias} value */
    public boolean bias() {
        return bias;
    }

    /** @return the {@code padding_mode} value */
    public Conv1d.PaddingMode paddingMode() {
        return paddingMode;
    }
}
