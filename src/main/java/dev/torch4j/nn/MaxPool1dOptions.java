package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.MaxPool1d}, as an immutable value:
 * each method returns a copy with one argument changed. PyTorch's {@code return_indices=True} is {@link MaxPool1d#forwardWithIndices}.
 *
 * <p>Defaults, as in PyTorch: {@code stride=None}, {@code padding=0}, {@code dilation=1}, {@code ceil_mode=False}.
 */
public final class MaxPool1dOptions {
    private static final MaxPool1dOptions DEFAULTS = new MaxPool1dOptions(null, 0, 1, false);

    private final Long stride;
    private final long padding;
    private final long dilation;
    private final boolean ceilMode;

    private MaxPool1dOptions(Long stride, long padding, long dilation, boolean ceilMode) {
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    /** @return PyTorch's defaults */
    public static MaxPool1dOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The stride of the window.
     * Default: none (the kernel size).
     */
    public MaxPool1dOptions stride(long value) {
        return new MaxPool1dOptions(value, padding, dilation, ceilMode);
    }

    /**
     * Implicit negative infinity added on both sides; at most half the kernel size.
     * Default: 0.
     */
    public MaxPool1dOptions padding(long value) {
        return new MaxPool1dOptions(stride, value, dilation, ceilMode);
    }

    /**
     * The spacing between window elements.
     * Default: 1.
     */
    public MaxPool1dOptions dilation(long value) {
        return new MaxPool1dOptions(stride, padding, value, ceilMode);
    }

    /**
     * Use ceil instead of floor for the output length.
     * Default: false.
     */
    public MaxPool1dOptions ceilMode(boolean value) {
        return new MaxPool1dOptions(stride, padding, dilation, value);
    }

    /** @return the {@code stride} value (null for none) */
    public Long stride() {
        return stride;
    }

    /** @return the {@code padding} value */
    public long padding() {
        return padding;
    }

    /** @return the {@code dilation} value */
    public long dilation() {
        return dilation;
    }

    /** @return the {@code ceil_mode} value */
    public boolean ceilMode() {
        return ceilMode;
    }
}
