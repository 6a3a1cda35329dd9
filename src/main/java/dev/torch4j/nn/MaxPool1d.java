package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.returntypes.MaxPool1dWithIndices;

/**
 * The maximum over sliding windows of {@code (N, C, L)} or {@code (C, L)} input, mirroring
 * {@code nn.MaxPool1d}; output {@code (N, C, L_out)} with
 * {@code L_out = floor((L + 2 padding - dilation (kernel - 1) - 1) / stride + 1)} (ceil with
 * {@code ceilMode}). PyTorch's {@code return_indices=True} is {@link #forwardWithIndices}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.MaxPool1d.html">torch.nn.MaxPool1d</a>
 */
public class MaxPool1d extends Module implements TensorModule {
    private final long kernelSize;
    private final MaxPool1dOptions options;

    /** Like {@code nn.MaxPool1d(kernel_size)}: the stride is the kernel size. */
    public MaxPool1d(long kernelSize) {
        this(kernelSize, MaxPool1dOptions.defaults());
    }

    /** Like {@code nn.MaxPool1d(kernel_size, **options)}. */
    public MaxPool1d(long kernelSize, MaxPool1dOptions options) {
        this.kernelSize = kernelSize;
        this.options = options;
    }

    private long stride() {
        return options.stride() != null ? options.stride() : kernelSize;
    }

    /**
     * Pools, like {@code F.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)}.
     *
     * @throws dev.torch4j.TorchException for a too short input or too much padding (libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.maxPool1d(input, kernelSize, stride(), options.padding(), options.dilation(),
                options.ceilMode()));
    }

    /** Pools and returns the argmax positions too, like PyTorch's {@code return_indices=True}. */
    public MaxPool1dWithIndices forwardWithIndices(Tensor input) {
        return Functional.maxPool1dWithIndices(input, kernelSize, stride(), options.padding(), options.dilation(),
                options.ceilMode());
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride() + ", padding=" + options.padding() + ", dilation="
                + options.dilation() + ", ceil_mode=" + PyRepr.of(options.ceilMode());
    }
}
