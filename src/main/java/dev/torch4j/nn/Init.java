package dev.torch4j.nn;

import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.LinalgQr;
import dev.torch4j.Linalg;
import java.util.Locale;

/**
 * The functions of {@code torch.nn.init}: fill a tensor in place, without recording gradients, drawing
 * from the global generator in the same order and with the same bounds as PyTorch, so that after the
 * same {@link Torch#manualSeed} the values are bit-identical to PyTorch's (on the same device).
 *
 * <p>Every function returns the tensor it filled. PyTorch 2.x's {@code generator=} argument is not
 * offered: torch4j has no generator objects yet, and the global generator is PyTorch's default.
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.init.html">torch.nn.init</a>
 */
public final class Init {
    private Init() {
    }

    /** The nonlinearities {@link #calculateGain} knows, PyTorch's strings as constants. */
    public enum Nonlinearity {
        /** {@code 'linear'}: gain 1. */
        LINEAR,
        /** {@code 'conv1d'}: gain 1. */
        CONV1D,
        /** {@code 'conv2d'}: gain 1. */
        CONV2D,
        /** {@code 'conv3d'}: gain 1. */
        CONV3D,
        /** {@code 'conv_transpose1d'}: gain 1. */
        CONV_TRANSPOSE1D,
        /** {@code 'conv_transpose2d'}: gain 1. */
        CONV_TRANSPOSE2D,
        /** {@code 'conv_transpose3d'}: gain 1. */
        CONV_TRANSPOSE3D,
        /** {@code 'sigmoid'}: gain 1. */
        SIGMOID,
        /** {@code 'tanh'}: gain 5/3. */
        TANH,
        /** {@code 'relu'}: gain sqrt(2). */
        RELU,
        /** {@code 'leaky_relu'}: gain sqrt(2 / (1 + negative_slope^2)). */
        LEAKY_RELU,
        /** {@code 'selu'}: gain 3/4. */
        SELU;

        /** @return PyTorch's spelling, e.g. {@code leaky_relu} */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which fan Kaiming initialisation preserves: PyTorch's {@code mode='fan_in' | 'fan_out'}. */
    public enum FanMode {
        /** {@code 'fan_in'}: preserves the variance of the weights in the forward pass (the default). */
        FAN_IN,
        /** {@code 'fan_out'}: preserves the variance in the backward pass. */
        FAN_OUT;

        /** @return PyTorch's spelling, {@code fan_in} or {@code fan_out} */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // ------------------------------------------------------------------ gain and fans

    /**
     * The recommended gain for a nonlinearity, like {@code calculate_gain(nonlinearity)} (for
     * {@code LEAKY_RELU} a negative slope of 0.01).
     *
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.calculate_gain">calculate_gain</a>
     */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * Like {@code calculate_gain(nonlinearity, param)}; {@code param} is the negative slope of
     * {@code LEAKY_RELU} and ignored for the others.
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
            case SELU -> 3.0 / 4;
        };
    }

    /**
     * {@code (fan_in, fan_out)} of a weight, like {@code _calculate_fan_in_and_fan_out}: sizes 1 and 0
     * times the product of the remaining (receptive field) sizes.
     *
     * @throws IllegalArgumentException for fewer than 2 dimensions (Python's ValueError)
     */
    static long[] fanInAndFanOut(Tensor tensor) {
        long[] s = tensor.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException(
                    "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        return new long[] {s[1] * receptive, s[0] * receptive};
    }

    private static long fan(Tensor tensor, FanMode mode) {
        long[] f = fanInAndFanOut(tensor);
        return mode == FanMode.FAN_IN ? f[0] : f[1];
    }

    // ------------------------------------------------------------------ plain fills

    /** Fills from U(0, 1), like {@code uniform_(tensor)}. @return tensor */
    public static Tensor uniform_(Tensor tensor) {
        return uniform_(tensor, 0.0, 1.0);
    }

    /** Fills from U(a, 1), like {@code uniform_(tensor, a)}. @return tensor */
    public static Tensor uniform_(Tensor tensor, double a) {
        return uniform_(tensor, a, 1.0);
    }

    /**
     * Fills from U(a, b), like {@code uniform_(tensor, a=0.0, b=1.0)}.
     *
     * @return tensor
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.uniform_">uniform_</a>
     */
    public static Tensor uniform_(Tensor tensor, double a, double b) {
        try (NoGradGuard g = Torch.noGrad()) {
            return tensor.uniform_(a, b);
        }
    }

    /** Fills from N(0, 1), like {@code normal_(tensor)}. @return tensor */
    public static Tensor normal_(Tensor tensor) {
        return normal_(tensor, 0.0, 1.0);
    }

    /** Fills from N(mean, 1), like {@code normal_(tensor, mean)}. @return tensor */
    public static Tensor normal_(Tensor tensor, double mean) {
        return normal_(tensor, mean, 1.0);
    }

    /**
     * Fills from N(mean, std²), like {@code normal_(tensor, mean=0.0, std=1.0)}.
     *
     * @return tensor
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.normal_">normal_</a>
     */
    public static Tensor normal_(Tensor tensor, double mean, double std) {
        try (NoGradGuard g = Torch.noGrad()) {
            return tensor.normal_(mean, std);
        }
    }

    /** Like {@code trunc_normal_(tensor)}: N(0, 1) truncated to [-2, 2]. @return tensor */
    public static Tensor truncNormal_(Tensor tensor) {
        return truncNormal_(tensor, 0.0, 1.0, -2.0, 2.0);
    }

    /** Like {@code trunc_normal_(tensor, mean)}. @return tensor */
    public static Tensor truncNormal_(Tensor tensor, double mean) {
        return truncNormal_(tensor, mean, 1.0, -2.0, 2.0);
    }

    /** Like {@code trunc_normal_(tensor, mean, std)}. @return tensor */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std) {
        return truncNormal_(tensor, mean, std, -2.0, 2.0);
    }

    /** Like {@code trunc_normal_(tensor, mean, std, a)}. @return tensor */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a) {
        return truncNormal_(tensor, mean, std, a, 2.0);
    }

    /**
     * Fills from N(mean, std²) truncated to [a, b] (inverse CDF of a uniform draw), like
     * {@code trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0)}. When the mean is more than 2 std
     * outside [a, b] PyTorch warns that the distribution may be incorrect; so does this (a logged warning).
     *
     * @return tensor
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.trunc_normal_">trunc_normal_</a>
     */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a, double b) {
        if (mean < a - 2 * std || mean > b + 2 * std) {
            Functional.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values "
                    + "may be incorrect.");
        }
        try (NoGradGuard g = Torch.noGrad()) {
            double l = normCdf((a - mean) / std);
            double u = normCdf((b - mean) / std);
            tensor.uniform_(2 * l - 1, 2 * u - 1);
            tensor.erfinv_();
            tensor.mul_(std * Math.sqrt(2.));
            tensor.add_(mean);
            tensor.clamp_(a, b);
            return tensor;
        }
    }

    private static double normCdf(double x) {
        return (1. + erf(x / Math.sqrt(2.))) / 2.;
    }

    /** Fills with {@code val}, like {@code constant_(tensor, val)}. @return tensor */
    public static Tensor constant_(Tensor tensor, double val) {
        try (NoGradGuard g = Torch.noGrad()) {
            return tensor.fill_(val);
        }
    }

    /** Fills with 1, like {@code ones_(tensor)}. @return tensor */
    public static Tensor ones_(Tensor tensor) {
        return constant_(tensor, 1.0);
    }

    /** Fills with 0, like {@code zeros_(tensor)}. @return tensor */
    public static Tensor zeros_(Tensor tensor) {
        try (NoGradGuard g = Torch.noGrad()) {
            return tensor.zero_();
        }
    }

    /**
     * Fills a 2-D tensor with the identity matrix, like {@code eye_(tensor)}.
     *
     * @return tensor
     * @throws IllegalArgumentException unless the tensor is 2-D (Python's ValueError)
     */
    public static Tensor eye_(Tensor tensor) {
        long[] s = tensor.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        }
        try (NoGradGuard g = Torch.noGrad();
                Tensor eye = Torch.eye(s[0], s[1], TensorOptions.defaults().dtype(tensor.dtype())
                        .device(tensor.device()))) {
            return tensor.copy_(eye);
        }
    }

    // ------------------------------------------------------------------ Xavier and Kaiming

    /** Like {@code xavier_uniform_(tensor)} with gain 1. @return tensor */
    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1.0);
    }

    /**
     * Fills from U(-a, a) with {@code a = gain * sqrt(6 / (fan_in + fan_out))} (Glorot), like
     * {@code xavier_uniform_(tensor, gain=1.0)}.
     *
     * @return tensor
     * @throws IllegalArgumentException for fewer than 2 dimensions
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.xavier_uniform_">xavier_uniform_</a>
     */
    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        long[] f = fanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(tensor, -a, a);
    }

    /** Like {@code xavier_normal_(tensor)} with gain 1. @return tensor */
    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1.0);
    }

    /**
     * Fills from N(0, std²) with {@code std = gain * sqrt(2 / (fan_in + fan_out))}, like
     * {@code xavier_normal_(tensor, gain=1.0)}.
     *
     * @return tensor
     * @throws IllegalArgumentException for fewer than 2 dimensions
     */
    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        long[] f = fanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        return normal_(tensor, 0., std);
    }

    /** Like {@code kaiming_uniform_(tensor)}: a=0, fan_in, leaky_relu. @return tensor */
    public static Tensor kaimingUniform_(Tensor tensor) {
        return kaimingUniform_(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** Like {@code kaiming_uniform_(tensor, a)}. @return tensor */
    public static Tensor kaimingUniform_(Tensor tensor, double a) {
        return kaimingUniform_(tensor, a, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** Like {@code kaiming_uniform_(tensor, a, mode)}. @return tensor */
    public static Tensor kaimingUniform_(Tensor tensor, double a, FanMode mode) {
        return kaimingUniform_(tensor, a, mode, Nonlinearity.LEAKY_RELU);
    }

    /**
     * Fills from U(-bound, bound) with {@code bound = gain * sqrt(3 / fan)} (He), like
     * {@code kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')}. A tensor with no
     * elements is left as it is (PyTorch warns that this is a no-op).
     *
     * @param a the negative slope of the rectifier after this layer (only for {@code LEAKY_RELU})
     * @return tensor
     * @throws IllegalArgumentException for fewer than 2 dimensions
     * @see <a href="https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.kaiming_uniform_">kaiming_uniform_</a>
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        double std = kaimingStd(tensor, a, mode, nonlinearity);
        if (Double.isNaN(std)) {
            return tensor;
        }
        double bound = Math.sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /** Like {@code kaiming_normal_(tensor)}: a=0, fan_in, leaky_relu. @return tensor */
    public static Tensor kaimingNormal_(Tensor tensor) {
        return kaimingNormal_(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** Like {@code kaiming_normal_(tensor, a)}. @return tensor */
    public static Tensor kaimingNormal_(Tensor tensor, double a) {
        return kaimingNormal_(tensor, a, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** Like {@code kaiming_normal_(tensor, a, mode)}. @return tensor */
    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode) {
        return kaimingNormal_(tensor, a, mode, Nonlinearity.LEAKY_RELU);
    }

    /**
     * Fills from N(0, std²) with {@code std = gain / sqrt(fan)}, like
     * {@code kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')}.
     *
     * @return tensor
     * @throws IllegalArgumentException for fewer than 2 dimensions
     */
    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        double std = kaimingStd(tensor, a, mode, nonlinearity);
        return Double.isNaN(std) ? tensor : normal_(tensor, 0, std);
    }

    /** {@code gain / sqrt(fan)}, or NaN for a tensor with no elements (PyTorch warns and leaves it). */
    private static double kaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        for (long s : tensor.shape()) {
            if (s == 0) {
                Functional.warn("Initializing zero-element tensors is a no-op");
                return Double.NaN;
            }
        }
        return calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
    }

    // ------------------------------------------------------------------ orthogonal, sparse

    /** Like {@code orthogonal_(tensor)} with gain 1. @return tensor */
    public static Tensor orthogonal_(Tensor tensor) {
        return orthogonal_(tensor, 1);
    }

    /**
     * Fills with a (semi-)orthogonal matrix, flattening trailing dimensions, like
     * {@code orthogonal_(tensor, gain=1)}: the Q of a QR decomposition of a N(0, 1) draw, with the
     * signs of R's diagonal. The draw is PyTorch's; the QR runs in the LAPACK libtorch is linked with,
     * so values agree with PyTorch's to rounding, not always bit for bit.
     *
     * @return tensor
     * @throws IllegalArgumentException for fewer than 2 dimensions (Python's ValueError)
     */
    public static Tensor orthogonal_(Tensor tensor, double gain) {
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported");
        }
        if (tensor.numel() == 0) {
            return tensor;
        }
        long rows = tensor.size(0);
        long cols = tensor.numel() / rows;
        try (var scope = Torch.scope(); NoGradGuard g = Torch.noGrad()) {
            Tensor flattened = tensor.newEmpty(rows, cols).normal_(0, 1);
            if (rows < cols) {
                flattened = flattened.t();
            }
            LinalgQr qr = Linalg.qr(flattened);
            Tensor q = qr.Q();
            Tensor ph = qr.R().diag(0).sign();
            q.mul_(ph);
            if (rows < cols) {
                q = q.t();
            }
            tensor.viewAs(q).copy_(q);
            tensor.mul_(gain);
        }
        return tensor;
    }

    /**
     * Fills a 2-D tensor as a sparse matrix: N(0, std²) values with a fraction {@code sparsity} of each
     * column set to zero, like {@code sparse_(tensor, sparsity, std=0.01)}.
     *
     * @return tensor
     * @throws IllegalArgumentException unless the tensor is 2-D (Python's ValueError)
     */
    public static Tensor sparse_(Tensor tensor, double sparsity) {
        return sparse_(tensor, sparsity, 0.01);
    }

    /** Like {@code sparse_(tensor, sparsity, std)}. @return tensor */
    public static Tensor sparse_(Tensor tensor, double sparsity, double std) {
        if (tensor.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        }
        long rows = tensor.size(0);
        long cols = tensor.size(1);
        long numZeros = (long) Math.ceil(sparsity * rows);
        try (var scope = Torch.scope(); NoGradGuard g = Torch.noGrad()) {
            tensor.normal_(0, std);
            for (long col = 0; col < cols; col++) {
                // tensor[zero_indices, col_idx] = 0, as a fill of that column's rows
                Tensor zeroIndices = Torch.randperm(rows).slice(0, 0L, numZeros);
                tensor.select(1, col).indexFill_(0, zeroIndices, 0.0);
            }
        }
        return tensor;
    }

    // ------------------------------------------------------------------ erf

    /**
     * The error function as Python's {@code math.erf} computes it: the C library's {@code erf}, here
     * glibc's (fdlibm's rational approximations, evaluated in glibc's order), so that
     * {@link #truncNormal_} draws between PyTorch's bounds; {@link Math} has no erf.
     */
    static double erf(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000) {
            return Double.isNaN(x) ? x : Math.copySign(1.0, x);
        }
        if (ix < 0x3feb0000) {                     // |x| < 0.84375
            if (ix < 0x3e300000) {                 // |x| < 2**-28
                if (ix < 0x00800000) {
                    return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
                }
                return x + EFX * x;
            }
            double z = x * x;
            double r1 = PP0 + z * PP1;
            double z2 = z * z;
            double r2 = PP2 + z * PP3;
            double z4 = z2 * z2;
            double s1 = 1.0 + z * QQ1;
            double s2 = QQ2 + z * QQ3;
            double s3 = QQ4 + z * QQ5;
            double r = r1 + z2 * r2 + z4 * PP4;
            double s = s1 + z2 * s2 + z4 * s3;
            double y = r / s;
            return x + x * y;
        }
        if (ix < 0x3ff40000) {                     // 0.84375 <= |x| < 1.25
            double s = Math.abs(x) - 1.0;
            double p1 = PA0 + s * PA1;
            double s2 = s * s;
            double q1 = 1.0 + s * QA1;
            double s4 = s2 * s2;
            double p2 = PA2 + s * PA3;
            double s6 = s4 * s2;
            double q2 = QA2 + s * QA3;
            double p3 = PA4 + s * PA5;
            double q3 = QA4 + s * QA5;
            double p = p1 + s2 * p2 + s4 * p3 + s6 * PA6;
            double q = q1 + s2 * q2 + s4 * q3 + s6 * QA6;
            return hx >= 0 ? ERX + p / q : -ERX - p / q;
        }
        if (ix >= 0x40180000) {                    // |x| >= 6
            return hx >= 0 ? 1.0 - 1e-300 : 1e-300 - 1.0;
        }
        double ax = Math.abs(x);
        double s = 1.0 / (ax * ax);
        double rr;
        double ss;
        if (ix < 0x4006DB6E) {                     // |x| < 1/0.35
            double r1 = RA0 + s * RA1;
            double s2 = s * s;
            double t1 = 1.0 + s * SA1;
            double s4 = s2 * s2;
            double r2 = RA2 + s * RA3;
            double s6 = s4 * s2;
            double t2 = SA2 + s * SA3;
            double s8 = s4 * s4;
            double r3 = RA4 + s * RA5;
            double t3 = SA4 + s * SA5;
            double r4 = RA6 + s * RA7;
            double t4 = SA6 + s * SA7;
            rr = r1 + s2 * r2 + s4 * r3 + s6 * r4;
            ss = t1 + s2 * t2 + s4 * t3 + s6 * t4 + s8 * SA8;
        } else {                                   // |x| >= 1/0.35
            double r1 = RB0 + s * RB1;
            double s2 = s * s;
            double t1 = 1.0 + s * SB1;
            double s4 = s2 * s2;
            double r2 = RB2 + s * RB3;
            double s6 = s4 * s2;
            double t2 = SB2 + s * SB3;
            double r3 = RB4 + s * RB5;
            double t3 = SB4 + s * SB5;
            double t4 = SB6 + s * SB7;
            rr = r1 + s2 * r2 + s4 * r3 + s6 * RB6;
            ss = t1 + s2 * t2 + s4 * t3 + s6 * t4;
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
        double r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rr / ss);
        return hx >= 0 ? 1.0 - r / ax : r / ax - 1.0;
    }

    private static final double ERX = 8.45062911510467529297e-01;
    private static final double EFX = 1.28379167095512586316e-01;
    private static final double PP0 = 1.28379167095512558561e-01;
    private static final double PP1 = -3.25042107247001499370e-01;
    private static final double PP2 = -2.84817495755985104766e-02;
    private static final double PP3 = -5.77027029648944159157e-03;
    private static final double PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01;
    private static final double QQ2 = 6.50222499887672944485e-02;
    private static final double QQ3 = 5.08130628187576562776e-03;
    private static final double QQ4 = 1.32494738004321644526e-04;
    private static final double QQ5 = -3.96022827877536812320e-06;
    private static final double PA0 = -2.36211856075265944077e-03;
    private static final double PA1 = 4.14856118683748331666e-01;
    private static final double PA2 = -3.72207876035701323847e-01;
    private static final double PA3 = 3.18346619901161753674e-01;
    private static final double PA4 = -1.10894694282396677476e-01;
    private static final double PA5 = 3.54783043256182359371e-02;
    private static final double PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01;
    private static final double QA2 = 5.40397917702171048937e-01;
    private static final double QA3 = 7.18286544141962662868e-02;
    private static final double QA4 = 1.26171219808761642112e-01;
    private static final double QA5 = 1.36370839120290507362e-02;
    private static final double QA6 = 1.19844998467991074170e-02;
    private static final double RA0 = -9.86494403484714822705e-03;
    private static final double RA1 = -6.93858572707181764372e-01;
    private static final double RA2 = -1.05586262253232909814e+01;
    private static final double RA3 = -6.23753324503260060396e+01;
    private static final double RA4 = -1.62396669462573470355e+02;
    private static final double RA5 = -1.84605092906711035994e+02;
    private static final double RA6 = -8.12874355063065934246e+01;
    private static final double RA7 = -9.81432934416914548592e+00;
    private static final double SA1 = 1.96512716674392571292e+01;
    private static final double SA2 = 1.37657754143519042600e+02;
    private static final double SA3 = 4.34565877475229228821e+02;
    private static final double SA4 = 6.45387271733267880336e+02;
    private static final double SA5 = 4.29008140027567833386e+02;
    private static final double SA6 = 1.08635005541779435134e+02;
    private static final double SA7 = 6.57024977031928170135e+00;
    private static final double SA8 = -6.04244152148580987438e-02;
    private static final double RB0 = -9.86494292470009928597e-03;
    private static final double RB1 = -7.99283237680523006574e-01;
    private static final double RB2 = -1.77579549177547519889e+01;
    private static final double RB3 = -1.60636384855821916062e+02;
    private static final double RB4 = -6.37566443368389627722e+02;
    private static final double RB5 = -1.02509513161107724954e+03;
    private static final double RB6 = -4.83519191608651397019e+02;
    private static final double SB1 = 3.03380607434824582924e+01;
    private static final double SB2 = 3.25792512996573918826e+02;
    private static final double SB3 = 1.53672958608443695994e+03;
    private static final double SB4 = 3.19985821950859553908e+03;
    private static final double SB5 = 2.55305040643316442583e+03;
    private static final double SB6 = 4.74528541206955367215e+02;
    private static final double SB7 = -2.24409524465858183362e+01;
}
