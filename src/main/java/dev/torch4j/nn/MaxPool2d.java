package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The maximum over sliding 2-D windows of {@code (N, C, H, W)} or {@code (C, H, W)} input, mirroring
 * {@code nn.MaxPool2d}; each output dimension
 * {@code floor((size + 2 padding - dilation (kernel - 1) - 1) / stride + 1)} (ceil with {@code ceilMode}).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html">torch.nn.MaxPool2d</a>
 */
public class MaxPool2d extends Module implements TensorModule {
    private final long[] kernelSize;
    private final MaxPool2dOptions options;

    /** Like {@code nn.MaxPool2d(kernel_size)}: a square window, the stride its size. */
    public MaxPool2d(long kernelSize) {
        this(new long[] {kernelSize}, MaxPool2dOptions.defaults());
    }

    /**
     * Like {@code nn.MaxPool2d(kernel_size, **options)}.
     *
     * @param kernelSize one number (square) or {@code (height, width)}
     */
    public MaxPool2d(long[] kernelSize, MaxPool2dOptions options) {
        Conv2dOptions.pair("kernel_size", kernelSize);
        this.kernelSize = kernelSize.clone();
        this.options = options;
    }

    private long[] stride() {
        return options.stride() != null ? options.stride() : kernelSize;
    }

    /**
     * Pools, like {@code F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)}.
     *
     * @throws dev.torch4j.TorchException for a too small input or too much padding (libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.maxPool2d(input, kernelSize, stride(), options.padding(), options.dilation(),
                options.ceilMode()));
    }

    /** Python's repr of an int or a tuple of ints, as the module was given it. */
    private static String repr(long[] v) {
        return v.length == 1 ? Long.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + repr(kernelSize) + ", stride=" + repr(stride()) + ", padding="
                + repr(options.padding()) + ", dilation=" + repr(options.dilation()) + ", ceil_mode="
                + PyRepr.of(options.ceilMode());
    }
}
