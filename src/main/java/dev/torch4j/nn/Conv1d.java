package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import java.util.Locale;

/**
 * A 1-D convolution over {@code (N, C_in, L)} or unbatched {@code (C_in, L)} input, mirroring
 * {@code nn.Conv1d}; output {@code (N, C_out, L_out)} with
 * {@code L_out = floor((L + 2 padding - dilation (kernel - 1) - 1) / stride + 1)}. Parameters
 * {@code weight} {@code (C_out, C_in / groups, kernel)} and {@code bias} {@code (C_out)}, initialised as
 * PyTorch does (kaiming_uniform with a = sqrt(5), bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in))), so the
 * same seed gives PyTorch's values. One native convolution per forward (plus {@code pad} for a non-zero
 * padding mode).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Conv1d.html">torch.nn.Conv1d</a>
 */
public class Conv1d extends Module implements TensorModule {
    /** PyTorch's {@code padding_mode}: what the padding is filled with. */
    public enum PaddingMode {
        /** {@code 'zeros'}: zeros (the default). */
        ZEROS,
        /** {@code 'reflect'}: the input reflected at its edges, without repeating the edge. */
        REFLECT,
        /** {@code 'replicate'}: the edge value repeated. */
        REPLICATE,
        /** {@code 'circular'}: the input wrapped around. */
        CIRCULAR;

        /** @return PyTorch's spelling, e.g. {@code zeros} */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final long inChannels;
    private final long outChannels;
    private final long kernelSize;
    private final Conv1dOptions options;
    private final long[] reversedPaddingRepeatedTwice;
    private final Tensor weight;
    private final Tensor bias;

    /** Like {@code nn.Conv1d(in_channels, out_channels, kernel_size)}. */
    public Conv1d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, Conv1dOptions.defaults());
    }

    /**
     * Like {@code nn.Conv1d(in_channels, out_channels, kernel_size, **options)}.
     *
     * @throws IllegalArgumentException where PyTorch raises ValueError (groups not positive or not dividing
     *         the channel counts, {@code padding="same"} with a stride), with its message
     */
    public Conv1d(long inChannels, long outChannels, long kernelSize, Conv1dOptions options) {
        ConvNd.checkGroups(inChannels, outChannels, options.groups());
        if ("same".equals(options.paddingString()) && options.stride() != 1) {
            throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.options = options;
        if (options.paddingString() == null) {
            reversedPaddingRepeatedTwice = new long[] {options.padding(), options.padding()};
        } else if (options.paddingString().equals("same")) {
            long total = options.dilation() * (kernelSize - 1);
            reversedPaddingRepeatedTwice = new long[] {total / 2, total - total / 2};
        } else {
            reversedPaddingRepeatedTwice = new long[] {0, 0};
        }
        TensorOptions f32 = TensorOptions.defaults().dtype(DType.FLOAT32);
        Tensor w = Torch.empty(new long[] {outChannels, inChannels / options.groups(), kernelSize}, f32);
        weight = registerParameter("weight", w);
        Tensor b = options.bias() ? Torch.empty(new long[] {outChannels}, f32) : null;
        bias = b == null ? null : registerParameter("bias", b);
        ConvNd.resetParameters(weight, bias);
    }

    /**
     * Convolves, like {@code conv(input)}.
     *
     * @param input {@code (N, C_in, L)} or {@code (C_in, L)}
     * @return {@code (N, C_out, L_out)} or {@code (C_out, L_out)}
     * @throws dev.torch4j.TorchException for a wrong channel count or a too short input (libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        long stride = options.stride();
        if (options.paddingMode() != PaddingMode.ZEROS) {
            try (Tensor padded = Functional.pad(input, reversedPaddingRepeatedTwice, options.paddingMode().toString())) {
                return observe(Functional.conv1d(padded, weight, bias, stride, 0, options.dilation(), options.groups()));
            }
        }
        return observe(options.paddingString() != null
                ? Functional.conv1d(input, weight, bias, stride, options.paddingString(), options.dilation(),
                        options.groups())
                : Functional.conv1d(input, weight, bias, stride, options.padding(), options.dilation(),
                        options.groups()));
    }

    /** @return the {@code (C_out, C_in / groups, kernel)} weight */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code (C_out)} bias, or null */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=(").append(kernelSize).append(",), stride=(").append(options.stride())
                .append(",)");
        if (options.paddingString() != null) {
            s.append(", padding=").append(options.paddingString());
        } else if (options.padding() != 0) {
            s.append(", padding=(").append(options.padding()).append(",)");
        }
        if (options.dilation() != 1) {
            s.append(", dilation=(").append(options.dilation()).append(",)");
        }
        if (options.groups() != 1) {
            s.append(", groups=").append(options.groups());
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        if (options.paddingMode() != PaddingMode.ZEROS) {
            s.append(", padding_mode=").append(options.paddingMode());
        }
        return s.toString();
    }
}
