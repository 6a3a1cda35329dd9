package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.Conv1d}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code stride=1}, {@code padding=0}, {@code dilation=1}, {@code groups=1}, {@code bias=True}, {@code padding_mode='zeros'}.
 */
public final class Conv1dOptions {
    private static final Conv1dOptions DEFAULTS = new Conv1dOptions(1, 0, null, 1, 1, true, Conv1d.PaddingMode.ZEROS);

    private final long stride;
    private final long padding;
    private final String paddingString;
    private final long dilation;
    private final long groups;
    private final boolean bias;
    private final Conv1d.PaddingMode paddingMode;

    private Conv1dOptions(long stride, long padding, String paddingString, long dilation, long groups, boolean bias, Conv1d.PaddingMode paddingMode) {
        this.stride = stride;
        this.padding = padding;
        this.paddingString = paddingString;
        this.dilation = dilation;
        this.groups = groups;
        this.bias = bias;
        this.paddingMode = paddingMode;
    }

    /** @return PyTorch's defaults */
    public static Conv1dOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The stride of the convolution.
     * Default: 1.
     */
    public Conv1dOptions stride(long value) {
        return new Conv1dOptions(value, padding, paddingString, dilation, groups, bias, paddingMode);
    }

    /**
     * Zeros (or {@link #paddingMode} values) added on both sides; see also {@link #padding(String)}.
     * Default: 0.
     */
    public Conv1dOptions padding(long value) {
        return new Conv1dOptions(stride, value, null, dilation, groups, bias, paddingMode);
    }

    /**
     * {@code "valid"} (no padding) or {@code "same"} (the output as long as the input; stride 1 only), instead
     * of a number.
     */
    public Conv1dOptions padding(String value) {
        if (!value.equals("same") && !value.equals("valid")) {
            throw new IllegalArgumentException("Invalid padding string '" + value + "', should be one of {'valid', 'same'}");
        }
        return new Conv1dOptions(stride, 0, value, dilation, groups, bias, paddingMode);
    }

    /**
     * The spacing between kernel elements.
     * Default: 1.
     */
    public Conv1dOptions dilation(long value) {
        return new Conv1dOptions(stride, padding, paddingString, value, groups, bias, paddingMode);
    }

    /**
     * The number of blocked connections from input to output channels; both channel counts must be divisible by it.
     * Default: 1.
     */
    public Conv1dOptions groups(long value) {
        return new Conv1dOptions(stride, padding, paddingString, dilation, value, bias, paddingMode);
    }

    /**
     * Whether to learn an additive bias.
     * Default: true.
     */
    public Conv1dOptions bias(boolean value) {
        return new Conv1dOptions(stride, padding, paddingString, dilation, groups, value, paddingMode);
    }

    /**
     * How the padding is filled.
     * Default: {@code ZEROS}.
     */
    public Conv1dOptions paddingMode(Conv1d.PaddingMode value) {
        java.util.Objects.requireNonNull(value, "padding_mode");
        return new Conv1dOptions(stride, padding, paddingString, dilation, groups, bias, value);
    }

    /** @return the {@code stride} value */
    public long stride() {
        return stride;
    }

    /** @return the {@code padding} value */
    public long padding() {
        return padding;
    }

    /** @return the {@code padding} string, or null when it is a number */
    public String paddingString() {
        return paddingString;
    }

    /** @return the {@code dilation} value */
    public long dilation() {
        return dilation;
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
