package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;

/**
 * A 2-D convolution over {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)} input, mirroring
 * {@code nn.Conv2d} (text CNNs convolve {@code (N, 1, seq_len, emb_dim)} with a kernel
 * {@code (n, emb_dim)}); output {@code (N, C_out, H_out, W_out)}, each dimension
 * {@code floor((size + 2 padding - dilation (kernel - 1) - 1) / stride + 1)}. Parameters {@code weight}
 * {@code (C_out, C_in / groups, kH, kW)} and {@code bias} {@code (C_out)}, initialised as PyTorch does
 * (kaiming_uniform with a = sqrt(5), bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in))), so the same seed
 * gives PyTorch's values. One native convolution per forward (plus {@code pad} for a non-zero padding
 * mode).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html">torch.nn.Conv2d</a>
 */
public class Conv2d extends Module implements TensorModule {
    private final long inChannels;
    private final long outChannels;
    private final long[] kernelSize;
    private final Conv2dOptions options;
    private final long[] reversedPaddingRepeatedTwice;
    private final Tensor weight;
    private final Tensor bias;

    /** Like {@code nn.Conv2d(in_channels, out_channels, kernel_size)} with a square kernel. */
    public Conv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, Conv2dOptions.defaults());
    }

    /**
     * Like {@code nn.Conv2d(in_channels, out_channels, kernel_size, **options)}.
     *
     * @param kernelSize one number (square) or {@code (height, width)}
     * @throws IllegalArgumentException where PyTorch raises ValueError (groups not positive or not dividing
     *         the channel counts, {@code padding="same"} with a stride), with its message
     */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, Conv2dOptions options) {
        long[] kernel = Conv2dOptions.pair("kernel_size", kernelSize);
        ConvNd.checkGroups(inChannels, outChannels, options.groups());
        long[] stride = options.stride();
        if ("same".equals(options.paddingString()) && (stride[0] != 1 || stride[1] != 1)) {
            throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernel;
        this.options = options;
        // F.pad takes the last dimension first: (left, right, top, bottom)
        long[] padding = options.padding();
        long[] dilation = options.dilation();
        reversedPaddingRepeatedTwice = new long[4];
        for (int d = 0; d < 2; d++) {
            long before = padding[d];
            long after = padding[d];
            if ("same".equals(options.paddingString())) {
                long total = dilation[d] * (kernel[d] - 1);
                before = total / 2;
                after = total - before;
            }
            reversedPaddingRepeatedTwice[2 * (1 - d)] = before;
            reversedPaddingRepeatedTwice[2 * (1 - d) + 1] = after;
        }
        TensorOptions f32 = TensorOptions.defaults().dtype(DType.FLOAT32);
        Tensor w = Torch.empty(new long[] {outChannels, inChannels / options.groups(), kernel[0], kernel[1]}, f32);
        weight = registerParameter("weight", w);
        Tensor b = options.bias() ? Torch.empty(new long[] {outChannels}, f32) : null;
        bias = b == null ? null : registerParameter("bias", b);
        ConvNd.resetParameters(weight, bias);
    }

    /**
     * Convolves, like {@code conv(input)}.
     *
     * @param input {@code (N, C_in, H, W)} or {@code (C_in, H, W)}
     * @return {@code (N, C_out, H_out, W_out)} or {@code (C_out, H_out, W_out)}
     * @throws dev.torch4j.TorchException for a wrong channel count or a too small input (libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        long[] stride = options.stride();
        if (options.paddingMode() != Conv1d.PaddingMode.ZEROS) {
            try (Tensor padded = Functional.pad(input, reversedPaddingRepeatedTwice, options.paddingMode().toString())) {
                return observe(Functional.conv2d(padded, weight, bias, stride, new long[] {0, 0}, options.dilation(),
                        options.groups()));
            }
        }
        return observe(options.paddingString() != null
                ? Functional.conv2d(input, weight, bias, stride, options.paddingString(), options.dilation(),
                        options.groups())
                : Functional.conv2d(input, weight, bias, stride, options.padding(), options.dilation(),
                        options.groups()));
    }

    /** @return the {@code (C_out, C_in / groups, kH, kW)} weight */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code (C_out)} bias, or null */
    public Tensor bias() {
        return bias;
    }

    private static String tuple(long[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(tuple(kernelSize)).append(", stride=").append(tuple(options.stride()));
        long[] padding = options.padding();
        long[] dilation = options.dilation();
        if (options.paddingString() != null) {
            s.append(", padding=").append(options.paddingString());
        } else if (padding[0] != 0 || padding[1] != 0) {
            s.append(", padding=").append(tuple(padding));
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            s.append(", dilation=").append(tuple(dilation));
        }
        if (options.groups() != 1) {
            s.append(", groups=").append(options.groups());
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        if (options.paddingMode() != Conv1d.PaddingMode.ZEROS) {
            s.append(", padding_mode=").append(options.paddingMode());
        }
        return s.toString();
    }
}
