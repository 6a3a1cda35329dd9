package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.MaxPool2d}, as an immutable value: each method returns a copy with one
 * argument changed. A single number stands for both dimensions, as in PyTorch.
 *
 * <p>Defaults, as in PyTorch: {@code stride=None}, {@code padding=0}, {@code dilation=1}, {@code ceil_mode=False}.
 */
public final class MaxPool2dOptions {
    private static final MaxPool2dOptions DEFAULTS = new MaxPool2dOptions(null, new long[] {0}, new long[] {1}, false);

    private final long[] stride;
    private final long[] padding;
    private final long[] dilation;
    private final boolean ceilMode;

    private MaxPool2dOptions(long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    /** @return PyTorch's defaults */
    public static MaxPool2dOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The stride of the window: one number or {@code (height, width)}.
     * Default: none (the kernel size).
     */
    public MaxPool2dOptions stride(long... value) {
        return new MaxPool2dOptions(checked("stride", value), padding, dilation, ceilMode);
    }

    /**
     * Implicit negative infinity added on both sides: one number or {@code (height, width)}; at most half the
     * kernel size.
     * Default: 0.
     */
    public MaxPool2dOptions padding(long... value) {
        return new MaxPool2dOptions(stride, checked("padding", value), dilation, ceilMode);
    }

    /**
     * The spacing between window elements: one number or {@code (height, width)}.
     * Default: 1.
     */
    public MaxPool2dOptions dilation(long... value) {
        return new MaxPool2dOptions(stride, padding, checked("dilation", value), ceilMode);
    }

    /**
     * Whether the output size rounds up instead of down.
     * Default: false.
     */
    public MaxPool2dOptions ceilMode(boolean value) {
        return new MaxPool2dOptions(stride, padding, dilation, value);
    }

    private static long[] checked(String name, long[] value) {
        Conv2dOptions.pair(name, value);
        return value.clone();
    }

    /** @return the {@code stride} as given (one number or two), or null for the kernel size */
    public long[] stride() {
        return stride == null ? null : stride.clone();
    }

    /** @return the {@code padding} as given (one number or two) */
    public long[] padding() {
        return padding.clone();
    }

    /** @return the {@code dilation} as given (one number or two) */
    public long[] dilation() {
        return dilation.clone();
    }

    /** @return the {@code ceil_mode} value */
    public boolean ceilMode() {
        return ceilMode;
    }
}
