package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.AdaptiveMaxPool1d;
import dev.torch4j.returntypes.MaxPool1dWithIndices;
import java.util.Arrays;
import java.util.List;

/**
 * The functions of {@code torch.nn.functional}: the native ones ({@code torch._C._nn}: losses,
 * activations, pooling, padding, {@code oneHot}, {@code scaledDotProductAttention}, ...) are generated
 * from libtorch's operator schemas and inherited; the ones Python composes, or checks before calling
 * libtorch, are written here with Python's signatures, checks and messages.
 *
 * <p>Keyword arguments of the losses are the loss modules' options values
 * ({@code Functional.crossEntropy(input, target, CrossEntropyLossOptions.defaults().labelSmoothing(0.1))}).
 * Where Python only warns (e.g. a target size different from the input size), a warning is logged to
 * the {@code dev.torch4j} {@link System.Logger}.
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.functional.html">torch.nn.functional</a>
 */
public final class Functional extends NativeFunctional {
    private Functional() {
    }

    static void warn(String message) {
        System.getLogger("dev.torch4j").log(System.Logger.Level.WARNING, message);
    }

    /** torch.Size's repr, e.g. {@code torch.Size([7, 1])}, for Python's messages. */
    static String size(Tensor t) {
        return "torch.Size(" + Tensor.shapeString(t.shape()) + ")";
    }

    // ------------------------------------------------------------------ dropout

    static void checkDropoutProbability(double p) {
        if (p < 0.0 || p > 1.0 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got "
                    + PyRepr.of(p));
        }
    }

    /** Like {@code F.dropout(input)}: p=0.5, training. */
    public static Tensor dropout(Tensor input) {
        return dropout(input, 0.5, true, false);
    }

    /** Like {@code F.dropout(input, p)} (training). */
    public static Tensor dropout(Tensor input, double p) {
        return dropout(input, p, true, false);
    }

    /** Like {@code F.dropout(input, p, training)}. */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        return dropout(input, p, training, false);
    }

    /**
     * Zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)} when
     * {@code training}, like {@code F.dropout(input, p=0.5, training=True, inplace=False)}; the mask is
     * PyTorch's for the same seed.
     *
     * @return a new tensor, or {@code input} itself when {@code inplace}
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.dropout.html">F.dropout</a>
     */
    public static Tensor dropout(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        return inplace ? Torch.dropout_(input, p, training) : Torch.dropout(input, p, training);
    }

    /**
     * Zeroes whole channels of {@code (N, C, L)} or {@code (C, L)} input, like
     * {@code F.dropout1d(input, p=0.5, training=True, inplace=False)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError) or the input is
     *         not 2-D or 3-D (Python's RuntimeError, with its message)
     */
    public static Tensor dropout1d(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        int dim = input.dim();
        if (dim != 2 && dim != 3) {
            throw new IllegalArgumentException("dropout1d: Expected 2D or 3D input, but received a " + dim
                    + "D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 "
                    + "spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D "
                    + "inputs).");
        }
        return featureDropoutUnbatched(input, p, training, inplace, dim == 3);
    }

    /** Like {@code F.dropout1d(input, p)} (training). */
    public static Tensor dropout1d(Tensor input, double p) {
        return dropout1d(input, p, true, false);
    }

    /**
     * Zeroes whole channels of {@code (N, C, H, W)} input, like
     * {@code F.dropout2d(input, p=0.5, training=True, inplace=False)}. As in PyTorch, a 3-D input is
     * treated as {@code (N, C, L)} (1-D channel dropout) with a warning, and other ranks warn too.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public static Tensor dropout2d(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        int dim = input.dim();
        if (dim != 3 && dim != 4) {
            warn("dropout2d: Received a " + dim + "-D input to dropout2d, which is deprecated and will result in "
                    + "an error in a future release. To retain the behavior and silence this warning, please use "
                    + "dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with "
                    + "2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D "
                    + "inputs).");
        }
        if (dim == 3) {
            warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior "
                    + "is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This "
                    + "behavior will change in a future release to interpret the input as one without a batch "
                    + "dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please "
                    + "switch to using dropout1d instead.");
        }
        return inplace ? Torch.featureDropout_(input, p, training) : Torch.featureDropout(input, p, training);
    }

    /** Like {@code F.dropout2d(input, p)} (training). */
    public static Tensor dropout2d(Tensor input, double p) {
        return dropout2d(input, p, true, false);
    }

    /**
     * Zeroes whole channels of {@code (N, C, D, H, W)} or {@code (C, D, H, W)} input, like
     * {@code F.dropout3d(input, p=0.5, training=True, inplace=False)}; other ranks warn, as in PyTorch.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public static Tensor dropout3d(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        int dim = input.dim();
        if (dim != 4 && dim != 5) {
            warn("dropout3d: Received a " + dim + "-D input to dropout3d, which is deprecated and will result in "
                    + "an error in a future release. To retain the behavior and silence this warning, please use "
                    + "dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with "
                    + "3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D "
                    + "inputs).");
        }
        return featureDropoutUnbatched(input, p, training, inplace, dim == 5);
    }

    /** Like {@code F.dropout3d(input, p)} (training). */
    public static Tensor dropout3d(Tensor input, double p) {
        return dropout3d(input, p, true, false);
    }

    private static Tensor featureDropoutUnbatched(Tensor input, double p, boolean training, boolean inplace,
            boolean batched) {
        if (batched) {
            return inplace ? Torch.featureDropout_(input, p, training) : Torch.featureDropout(input, p, training);
        }
        if (inplace) {
            input.unsqueeze_(0);
            Torch.featureDropout_(input, p, training);
            return input.squeeze_(0);
        }
        try (Tensor batch = input.unsqueeze(0); Tensor out = Torch.featureDropout(batch, p, training)) {
            return out.squeeze(0);
        }
    }

    /** Like {@code F.alpha_dropout(input, p)} (training). */
    public static Tensor alphaDropout(Tensor input, double p) {
        return alphaDropout(input, p, true, false);
    }

    /**
     * Dropout that keeps zero mean and unit variance (for SELU), like
     * {@code F.alpha_dropout(input, p=0.5, training=False, inplace=False)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public static Tensor alphaDropout(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        return inplace ? Torch.alphaDropout_(input, p, training) : Torch.alphaDropout(input, p, training);
    }

    /**
     * Alpha dropout of whole channels, like
     * {@code F.feature_alpha_dropout(input, p=0.5, training=False, inplace=False)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public static Tensor featureAlphaDropout(Tensor input, double p, boolean training, boolean inplace) {
        checkDropoutProbability(p);
        return inplace ? Torch.featureAlphaDropout_(input, p, training)
                : Torch.featureAlphaDropout(input, p, training);
    }

    // ------------------------------------------------------------------ activations

    /** Like {@code F.relu(input)}. */
    public static Tensor relu(Tensor input) {
        return Torch.relu(input);
    }

    /** Like {@code F.relu(input, inplace)}: {@code torch.relu_} when in place. */
    public static Tensor relu(Tensor input, boolean inplace) {
        return inplace ? Torch.relu_(input) : Torch.relu(input);
    }

    /** Like {@code F.relu6(input, inplace=False)}: {@code min(max(0, x), 6)}. */
    public static Tensor relu6(Tensor input, boolean inplace) {
        return inplace ? relu6_(input) : relu6(input);
    }

    /** Like {@code F.elu(input, alpha=1.0, inplace=False)}. */
    public static Tensor elu(Tensor input, double alpha, boolean inplace) {
        return inplace ? elu_(input, alpha) : elu(input, alpha);
    }

    /** Like {@code F.celu(input, alpha=1.0, inplace=False)}. */
    public static Tensor celu(Tensor input, double alpha, boolean inplace) {
        return inplace ? Torch.celu_(input, alpha) : Torch.celu(input, alpha);
    }

    /** Like {@code F.celu(input)}. */
    public static Tensor celu(Tensor input) {
        return Torch.celu(input);
    }

    /** Like {@code F.selu(input)}. */
    public static Tensor selu(Tensor input) {
        return Torch.selu(input);
    }

    /** Like {@code F.selu(input, inplace)}. */
    public static Tensor selu(Tensor input, boolean inplace) {
        return inplace ? Torch.selu_(input) : Torch.selu(input);
    }

    /** Like {@code F.leaky_relu(input, negative_slope=0.01, inplace=False)}. */
    public static Tensor leakyRelu(Tensor input, double negativeSlope, boolean inplace) {
        return inplace ? leakyRelu_(input, negativeSlope) : leakyRelu(input, negativeSlope);
    }

    /** Like {@code F.silu(input, inplace=False)}: {@code x * sigmoid(x)}. */
    public static Tensor silu(Tensor input, boolean inplace) {
        return inplace ? silu_(input) : silu(input);
    }

    /** Like {@code F.mish(input, inplace=False)}: {@code x * tanh(softplus(x))}. */
    public static Tensor mish(Tensor input, boolean inplace) {
        return inplace ? mish_(input) : mish(input);
    }

    /** Like {@code F.hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False)}. */
    public static Tensor hardtanh(Tensor input, double minVal, double maxVal, boolean inplace) {
        return inplace ? hardtanh_(input, minVal, maxVal) : hardtanh(input, minVal, maxVal);
    }

    /** Like {@code F.hardswish(input, inplace=False)}. */
    public static Tensor hardswish(Tensor input, boolean inplace) {
        return inplace ? hardswish_(input) : hardswish(input);
    }

    /** Like {@code F.hardsigmoid(input, inplace=False)}. */
    public static Tensor hardsigmoid(Tensor input, boolean inplace) {
        return inplace ? hardsigmoid_(input) : hardsigmoid(input);
    }

    /** Like {@code F.threshold(input, threshold, value, inplace=False)}: {@code x > threshold ? x : value}. */
    public static Tensor threshold(Tensor input, double threshold, double value) {
        return Torch.threshold(input, threshold, value);
    }

    /** Like {@code F.threshold(input, threshold, value, inplace)}. */
    public static Tensor threshold(Tensor input, double threshold, double value, boolean inplace) {
        return inplace ? Torch.threshold_(input, threshold, value) : Torch.threshold(input, threshold, value);
    }

    /** Like {@code F.hardshrink(input, lambd=0.5)}. */
    public static Tensor hardshrink(Tensor input, double lambd) {
        return Torch.hardshrink(input, lambd);
    }

    /** Like {@code F.hardshrink(input)}. */
    public static Tensor hardshrink(Tensor input) {
        return Torch.hardshrink(input);
    }

    /** Like {@code F.tanh(input)}. */
    public static Tensor tanh(Tensor input) {
        return input.tanh();
    }

    /** Like {@code F.sigmoid(input)}. */
    public static Tensor sigmoid(Tensor input) {
        return input.sigmoid();
    }

    /** Like {@code F.softsign(input)}: {@code x / (1 + |x|)}. */
    public static Tensor softsign(Tensor input) {
        try (Tensor abs = input.abs(); Tensor denom = abs.add(1.0)) {
            return input.div(denom);
        }
    }

    /** Like {@code F.tanhshrink(input)}: {@code x - tanh(x)}. */
    public static Tensor tanhshrink(Tensor input) {
        try (Tensor t = input.tanh()) {
            return input.sub(t);
        }
    }

    /** Like {@code F.prelu(input, weight)}. */
    public static Tensor prelu(Tensor input, Tensor weight) {
        return Torch.prelu(input, weight);
    }

    /**
     * Like {@code F.glu(input, dim=-1)}: the first half of {@code dim} times the sigmoid of the second.
     *
     * @throws IllegalArgumentException for a 0-d input (Python's RuntimeError, with its message)
     */
    public static Tensor glu(Tensor input, long dim) {
        if (input.dim() == 0) {
            throw new IllegalArgumentException("glu does not support scalars because halving size must be even");
        }
        return NativeFunctional.glu(input, dim);
    }

    /** Like {@code F.glu(input)}: over the last dimension. */
    public static Tensor glu(Tensor input) {
        return glu(input, -1);
    }

    /** The dimension PyTorch picks for softmax without {@code dim} (deprecated): 0 for 0-, 1- or 3-d, else 1. */
    static long implicitSoftmaxDim(String name, int ndim) {
        warn("Implicit dimension choice for " + name + " has been deprecated. Change the call to include dim=X "
                + "as an argument.");
        return ndim == 0 || ndim == 1 || ndim == 3 ? 0 : 1;
    }

    /**
     * Like {@code F.softmax(input, dim)}: {@code exp(x) / sum(exp(x))} along {@code dim}.
     *
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.softmax.html">F.softmax</a>
     */
    public static Tensor softmax(Tensor input, long dim) {
        return input.softmax(dim);
    }

    /** Like {@code F.softmax(input, dim, dtype=dtype)}: the input is cast to {@code dtype} first. */
    public static Tensor softmax(Tensor input, long dim, DType dtype) {
        return input.softmax(dim, dtype);
    }

    /** Like {@code F.log_softmax(input, dim)}. */
    public static Tensor logSoftmax(Tensor input, long dim) {
        return input.logSoftmax(dim);
    }

    /** Like {@code F.log_softmax(input, dim, dtype=dtype)}. */
    public static Tensor logSoftmax(Tensor input, long dim, DType dtype) {
        return input.logSoftmax(dim, dtype);
    }

    /** Like {@code F.softmin(input, dim)}: {@code softmax(-x)}. */
    public static Tensor softmin(Tensor input, long dim) {
        try (Tensor neg = input.neg()) {
            return neg.softmax(dim);
        }
    }

    /** Like {@code F.softmin(input, dim, dtype=dtype)}. */
    public static Tensor softmin(Tensor input, long dim, DType dtype) {
        try (Tensor neg = input.neg()) {
            return neg.softmax(dim, dtype);
        }
    }

    /**
     * Like {@code F.normalize(input, p=2.0, dim=1, eps=1e-12)}: {@code x / max(||x||_p, eps)} along
     * {@code dim}.
     */
    public static Tensor normalize(Tensor input, double p, long dim, double eps) {
        try (Tensor norm = input.norm(p, new long[] {dim}, true); Tensor clamped = norm.clampMin(eps);
                Tensor denom = clamped.expandAs(input)) {
            return input.div(denom);
        }
    }

    /** Like {@code F.normalize(input)}: p=2, dim=1. */
    public static Tensor normalize(Tensor input) {
        return normalize(input, 2.0, 1, 1e-12);
    }

    // ------------------------------------------------------------------ normalization, embeddings

    /**
     * Batch normalisation per channel (dimension 1), like {@code F.batch_norm(input, running_mean, running_var,
     * weight=None, bias=None, training=False, momentum=0.1, eps=1e-5)}: with the batch's statistics when
     * training (updating the running ones in place with {@code momentum}), else with the running ones.
     *
     * @param runningMean {@code (C)} or null
     * @param runningVar  {@code (C)} or null
     * @param weight      {@code (C)} or null
     * @param bias        {@code (C)} or null
     * @throws IllegalArgumentException when training on a single value per channel (PyTorch's ValueError)
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        if (training) {
            long[] size = input.shape();
            long perChannel = size.length > 0 ? size[0] : 1;
            for (int d = 2; d < size.length; d++) {
                perChannel *= size[d];
            }
            if (perChannel == 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                        + "torch.Size(" + java.util.Arrays.toString(size) + ")");
            }
        }
        return Torch.batchNorm(input, weight, bias, runningMean, runningVar, training, momentum, eps, true);
    }

    /**
     * Layer normalisation over the last {@code normalizedShape.length} dimensions, like
     * {@code F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5)}: one native kernel.
     *
     * @param weight the elementwise scale of shape {@code normalizedShape}, or null
     * @param bias   the elementwise shift of shape {@code normalizedShape}, or null
     */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Torch.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** Like {@code F.layer_norm(input, normalized_shape)}: no affine, eps=1e-5. */
    public static Tensor layerNorm(Tensor input, long... normalizedShape) {
        return Torch.layerNorm(input, normalizedShape, null, null, 1e-5);
    }

    /**
     * Looks up rows of {@code weight}, like {@code F.embedding(input, weight)}.
     *
     * @param input  integer indices of any shape {@code (*)}
     * @param weight {@code (num_embeddings, embedding_dim)}
     * @return {@code (*, embedding_dim)}
     */
    public static Tensor embedding(Tensor input, Tensor weight) {
        return embedding(input, weight, EmbeddingOptions.defaults());
    }

    /**
     * Like {@code F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
     * scale_grad_by_freq=False, sparse=False)}, the keyword arguments being {@link EmbeddingOptions}. With
     * {@code maxNorm}, the rows looked up are renormalised in place first, as in PyTorch.
     *
     * @throws IllegalArgumentException for a padding index outside {@code [-num_embeddings, num_embeddings)}
     *         (Python's AssertionError)
     */
    public static Tensor embedding(Tensor input, Tensor weight, EmbeddingOptions options) {
        long paddingIdx = -1;
        if (options.paddingIdx() != null) {
            long idx = options.paddingIdx();
            long n = weight.size(0);
            if ((idx > 0 && idx >= n) || (idx < 0 && idx < -n)) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            }
            paddingIdx = idx < 0 ? n + idx : idx;
        }
        if (options.maxNorm() != null) {
            try (Tensor contiguous = input.contiguous(); NoGradGuard g = Torch.noGrad()) {
                Torch.embeddingRenorm_(weight, contiguous, options.maxNorm(), options.normType());
            }
        }
        return Torch.embedding(weight, input, paddingIdx, options.scaleGradByFreq(), options.sparse());
    }

    /**
     * Sums, means or maxima of bags of embeddings, like {@code F.embedding_bag(input, weight, offsets, ...)}
     * with the keyword arguments of {@link EmbeddingBagOptions}; see {@link EmbeddingBag#forward(Tensor,
     * Tensor, Tensor)} for the shapes.
     *
     * @param offsets           start of each bag in a 1-D {@code input}; null for a 2-D input
     * @param perSampleWeights  a weight per index (mode SUM only), or null
     * @throws IllegalArgumentException where Python raises ValueError, with its message
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, Tensor perSampleWeights,
            EmbeddingBagOptions options) {
        if (perSampleWeights != null && !Arrays.equals(input.shape(), perSampleWeights.shape())) {
            throw new IllegalArgumentException("embedding_bag: If per_sample_weights (" + size(perSampleWeights)
                    + ") is not None, then it must have the same shape as the input (" + size(input) + ")");
        }
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("weight has to be a 2D Tensor, but got Tensor of dimension "
                    + weight.dim());
        }
        Tensor flat = input;
        Tensor flatWeights = perSampleWeights;
        Tensor madeOffsets = null;
        if (input.dim() == 2) {
            if (offsets != null) {
                throw new IllegalArgumentException("if input is 2D, then offsets has to be None, as input is treated "
                        + "is a mini-batch of fixed length sequences. However, found offsets of type "
                        + "<class 'torch.Tensor'>");
            }
            madeOffsets = Torch.arange(0, input.numel(), input.size(1),
                    TensorOptions.defaults().dtype(input.dtype()).device(input.device()));
            offsets = madeOffsets;
            flat = input.reshape(-1);
            if (perSampleWeights != null) {
                flatWeights = perSampleWeights.reshape(-1);
            }
        } else if (input.dim() == 1) {
            if (offsets == null) {
                throw new IllegalArgumentException("offsets has to be a 1D Tensor but got None");
            }
            if (offsets.dim() != 1) {
                throw new IllegalArgumentException("offsets has to be a 1D Tensor");
            }
        } else {
            throw new IllegalArgumentException("input has to be 1D or 2D Tensor, but got Tensor of dimension "
                    + input.dim());
        }
        EmbeddingBag.Mode mode = options.mode();
        if (mode == EmbeddingBag.Mode.MAX) {
            if (options.scaleGradByFreq()) {
                throw new IllegalArgumentException("max mode does not support scaling the gradient by the frequency");
            }
            if (options.sparse()) {
                throw new IllegalArgumentException("max mode does not support sparse weights");
            }
        }
        if (options.maxNorm() != null) {
            try (NoGradGuard g = Torch.noGrad()) {
                Torch.embeddingRenorm_(weight, flat, options.maxNorm(), options.normType());
            }
        }
        if (perSampleWeights != null && mode != EmbeddingBag.Mode.SUM) {
            throw new UnsupportedOperationException("embedding_bag: per_sample_weights was not None. "
                    + "per_sample_weights is only supported for mode='sum' (got mode='" + mode
                    + "'). Please open a feature request on GitHub.");
        }
        try {
            var r = options.paddingIdx() == null
                    ? Torch.embeddingBag(weight, flat, offsets, options.scaleGradByFreq(), mode.ordinal(),
                            options.sparse(), flatWeights, options.includeLastOffset())
                    : Torch.embeddingBag(weight, flat, offsets, options.scaleGradByFreq(), mode.ordinal(),
                            options.sparse(), flatWeights, options.includeLastOffset(), options.paddingIdx());
            r.get1().close();
            r.get2().close();
            r.get3().close();
            return r.get0();
        } finally {
            if (madeOffsets != null) {
                madeOffsets.close();
                flat.close();
                if (flatWeights != perSampleWeights) {
                    flatWeights.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ convolution, pooling

    /** Like {@code F.conv1d(input, weight)}. */
    public static Tensor conv1d(Tensor input, Tensor weight) {
        return Torch.conv1d(input, weight);
    }

    /** Like {@code F.conv1d(input, weight, bias)}; bias may be null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return Torch.conv1d(input, weight, bias);
    }

    /**
     * Like {@code F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)}.
     *
     * @param input  {@code (N, C_in, L)} or {@code (C_in, L)}
     * @param weight {@code (C_out, C_in / groups, kernel)}
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation,
            long groups) {
        return Torch.conv1d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation},
                groups);
    }

    /** Like {@code F.conv1d(..., padding='same' | 'valid', ...)}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, String padding, long dilation,
            long groups) {
        return Torch.conv1d(input, weight, bias, new long[] {stride}, padding, new long[] {dilation}, groups);
    }

    // ------------------------------------------------------------------ distances, in-place aliases

    /** Like {@code F.cosine_similarity(x1, x2, dim=1, eps=1e-8)}: the cosine of the angle along {@code dim}. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, long dim, double eps) {
        return Torch.cosineSimilarity(x1, x2, dim, eps);
    }

    /** Like {@code F.cosine_similarity(x1, x2)}: along dimension 1, eps 1e-8. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) {
        return Torch.cosineSimilarity(x1, x2);
    }

    /** Like {@code F.pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False)}: the p-norm of {@code x1 - x2 + eps} along the last dimension. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        return Torch.pairwiseDistance(x1, x2, p, eps, keepdim);
    }

    /** Like {@code F.pairwise_distance(x1, x2)}. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2) {
        return Torch.pairwiseDistance(x1, x2);
    }

    /** Like {@code F.relu_(input)}: in place, returns {@code input}. */
    public static Tensor relu_(Tensor input) {
        return Torch.relu_(input);
    }

    /** Like {@code F.logsigmoid(input)}, PyTorch's spelling of {@link #logSigmoid}. */
    public static Tensor logsigmoid(Tensor input) {
        return logSigmoid(input);
    }

    /**
     * Like {@code F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)}; each of
     * stride, padding and dilation is one number for both dimensions or {@code (height, width)}.
     *
     * @param input  {@code (N, C_in, H, W)} or {@code (C_in, H, W)}
     * @param weight {@code (C_out, C_in / groups, kH, kW)}
     * @param bias   {@code (C_out)} or null
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] dilation, long groups) {
        return Torch.conv2d(input, weight, bias, Conv2dOptions.pair("stride", stride),
                Conv2dOptions.pair("padding", padding), Conv2dOptions.pair("dilation", dilation), groups);
    }

    /** Like {@code F.conv2d(..., padding='same' | 'valid', ...)}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding,
            long[] dilation, long groups) {
        return Torch.conv2d(input, weight, bias, Conv2dOptions.pair("stride", stride), padding,
                Conv2dOptions.pair("dilation", dilation), groups);
    }

    /** Like {@code F.conv2d(input, weight, bias)}; bias may be null. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return Torch.conv2d(input, weight, bias);
    }

    /**
     * Like {@code F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)}; each
     * size is one number for both dimensions or {@code (height, width)}, {@code stride} null means the kernel
     * size.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     */
    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        return Torch.maxPool2d(input, Conv2dOptions.pair("kernel_size", kernelSize),
                stride == null ? new long[0] : Conv2dOptions.pair("stride", stride),
                Conv2dOptions.pair("padding", padding), Conv2dOptions.pair("dilation", dilation), ceilMode);
    }

    /** Like {@code F.max_pool2d(input, kernel_size)}: a square window, the stride its size. */
    public static Tensor maxPool2d(Tensor input, long kernelSize) {
        return Torch.maxPool2d(input, new long[] {kernelSize, kernelSize});
    }

    /**
     * Like {@code F.max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)};
     * {@code stride} null means the kernel size.
     */
    public static Tensor maxPool1d(Tensor input, long kernelSize, Long stride, long padding, long dilation,
            boolean ceilMode) {
        return Torch.maxPool1d(input, new long[] {kernelSize}, stride == null ? new long[0] : new long[] {stride},
                new long[] {padding}, new long[] {dilation}, ceilMode);
    }

    /** Like {@code F.max_pool1d(input, kernel_size)}. */
    public static Tensor maxPool1d(Tensor input, long kernelSize) {
        return Torch.maxPool1d(input, kernelSize);
    }

    /** Like {@code F.max_pool1d_with_indices(...)} (Python's {@code return_indices=True}). */
    public static MaxPool1dWithIndices maxPool1dWithIndices(Tensor input, long kernelSize, Long stride, long padding,
            long dilation, boolean ceilMode) {
        return Torch.maxPool1dWithIndices(input, new long[] {kernelSize},
                stride == null ? new long[0] : new long[] {stride}, new long[] {padding}, new long[] {dilation},
                ceilMode);
    }

    /** Like {@code F.avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)}. */
    public static Tensor avgPool1d(Tensor input, long kernelSize, Long stride, long padding, boolean ceilMode,
            boolean countIncludePad) {
        return Torch.avgPool1d(input, new long[] {kernelSize}, stride == null ? new long[0] : new long[] {stride},
                new long[] {padding}, ceilMode, countIncludePad);
    }

    /** Like {@code F.adaptive_max_pool1d(input, output_size)}: the maxima only. */
    public static Tensor adaptiveMaxPool1d(Tensor input, long outputSize) {
        AdaptiveMaxPool1d r = Torch.adaptiveMaxPool1d(input, outputSize);
        r.get1().close();
        return r.get0();
    }

    /** Like {@code F.adaptive_max_pool1d_with_indices(input, output_size)}. */
    public static AdaptiveMaxPool1d adaptiveMaxPool1dWithIndices(Tensor input, long outputSize) {
        return Torch.adaptiveMaxPool1d(input, outputSize);
    }

    /** Like {@code F.adaptive_avg_pool1d(input, output_size)}. */
    public static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) {
        return Torch.adaptiveAvgPool1d(input, outputSize);
    }

    // ------------------------------------------------------------------ losses

    /** Like {@code F.cross_entropy(input, target)}; see {@link CrossEntropyLoss} for the shapes. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, CrossEntropyLossOptions.defaults());
    }

    /**
     * Like {@code F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean',
     * label_smoothing=0.0)}: one native call ({@code cross_entropy_loss}); target class indices or class
     * probabilities.
     *
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html">F.cross_entropy</a>
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, CrossEntropyLossOptions options) {
        return crossEntropyLoss(input, target, options.weight(), options.reduction(), options.ignoreIndex(),
                options.labelSmoothing());
    }

    /**
     * Like {@code F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')}: one native call
     * ({@code nll_loss_nd}, which takes {@code (N, C)}, {@code (C)} and {@code (N, C, d1, ...)} input); see
     * {@link NLLLoss} for the shapes.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, NLLLossOptions options) {
        return nllLossNd(input, target, options.weight(), options.reduction(), options.ignoreIndex());
    }

    private static Tensor[] broadcastWithWarning(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            warn("Using a target size (" + size(target) + ") that is different to the input size (" + size(input)
                    + "). This will likely lead to incorrect results due to broadcasting. Please ensure they have "
                    + "the same size.");
        }
        List<Tensor> b = Torch.broadcastTensors(List.of(input, target));
        return new Tensor[] {b.get(0), b.get(1)};
    }

    /** Like {@code F.mse_loss(input, target)}. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * Like {@code F.mse_loss(input, target, reduction='mean')}: broadcasts the two (warning, as Python
     * does, when their sizes differ), then one native call.
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Tensor[] b = broadcastWithWarning(input, target);
        try (Tensor i = b[0]; Tensor t = b[1]) {
            return NativeFunctional.mseLoss(i, t, reduction);
        }
    }

    /** Like {@code F.l1_loss(input, target)}. */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    /** Like {@code F.l1_loss(input, target, reduction='mean')}: broadcasts as Python does, then one native call. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        Tensor[] b = broadcastWithWarning(input, target);
        try (Tensor i = b[0]; Tensor t = b[1]) {
            return NativeFunctional.l1Loss(i, t, reduction);
        }
    }

    /** Like {@code F.smooth_l1_loss(input, target)}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /** Like {@code F.smooth_l1_loss(input, target, reduction)}: beta=1. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction) {
        return smoothL1Loss(input, target, reduction, 1.0);
    }

    /**
     * Like {@code F.smooth_l1_loss(input, target, reduction='mean', beta=1.0)}: broadcasts as Python
     * does; {@code beta == 0} is the L1 loss, as in PyTorch.
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        Tensor[] b = broadcastWithWarning(input, target);
        try (Tensor i = b[0]; Tensor t = b[1]) {
            return beta == 0.0 ? NativeFunctional.l1Loss(i, t, reduction)
                    : NativeFunctional.smoothL1Loss(i, t, reduction, beta);
        }
    }

    /** Like {@code F.huber_loss(input, target)}. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    /** Like {@code F.huber_loss(input, target, reduction)}: delta=1. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction) {
        return huberLoss(input, target, reduction, 1.0);
    }

    /** Like {@code F.huber_loss(input, target, reduction='mean', delta=1.0)}: broadcasts as Python does. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        Tensor[] b = broadcastWithWarning(input, target);
        try (Tensor i = b[0]; Tensor t = b[1]) {
            return NativeFunctional.huberLoss(i, t, reduction, delta);
        }
    }

    /** Like {@code F.binary_cross_entropy(input, target)}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /** Like {@code F.binary_cross_entropy(input, target, weight)}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight) {
        return binaryCrossEntropy(input, target, weight, Reduction.MEAN);
    }

    /**
     * Like {@code F.binary_cross_entropy(input, target, weight=None, reduction='mean')}: input
     * probabilities, target of the same shape; the weight is broadcast to the target's shape.
     *
     * @throws IllegalArgumentException when the sizes differ (Python's ValueError, with its message)
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + size(target) + ") that is different to the "
                    + "input size (" + size(input) + ") is deprecated. Please ensure they have the same size.");
        }
        if (weight == null) {
            return NativeFunctional.binaryCrossEntropy(input, target, null, reduction);
        }
        try (Tensor expanded = weight.expand(target.shape())) {
            return NativeFunctional.binaryCrossEntropy(input, target, expanded, reduction);
        }
    }

    /** Like {@code F.binary_cross_entropy(input, target, **options)}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, BCELossOptions options) {
        return binaryCrossEntropy(input, target, options.weight(), options.reduction());
    }

    /** Like {@code F.binary_cross_entropy_with_logits(input, target)}. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, BCEWithLogitsLossOptions.defaults());
    }

    /**
     * Like {@code F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean',
     * pos_weight=None)}: sigmoid and binary cross entropy in one numerically stable native call.
     *
     * @throws IllegalArgumentException when the sizes differ (Python's ValueError, with its message)
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, BCEWithLogitsLossOptions options) {
        return bceWithLogits(input, target, options.weight(), options.posWeight(), options.reduction());
    }

    static Tensor bceWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Target size (" + size(target) + ") must be the same as input size ("
                    + size(input) + ")");
        }
        return Torch.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    /** Like {@code F.kl_div(input, target)}: reduction 'mean' (with PyTorch's warning), target probabilities. */
    public static Tensor klDiv(Tensor input, Tensor target) {
        return klDiv(input, target, KLDivLossOptions.defaults());
    }

    /**
     * Like {@code F.kl_div(input, target, reduction='mean', log_target=False)}: input log-probabilities;
     * {@code 'batchmean'} sums and divides by the batch size; {@code 'mean'} warns as in PyTorch.
     */
    public static Tensor klDiv(Tensor input, Tensor target, KLDivLossOptions options) {
        String reduction = options.reduction();
        if (reduction.equals("mean")) {
            warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                    + "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                    + "'mean' will be changed to behave the same as 'batchmean' in the next major release.");
        }
        Reduction r = switch (reduction) {
            case "none" -> Reduction.NONE;
            case "mean" -> Reduction.MEAN;
            default -> Reduction.SUM;     // 'sum' and 'batchmean'
        };
        Tensor reduced = Torch.klDiv(input, target, r, options.logTarget());
        if (reduction.equals("batchmean") && input.dim() != 0) {
            try (reduced) {
                return reduced.div((double) input.size(0));
            }
        }
        return reduced;
    }

    /** Like {@code F.cosine_embedding_loss(input1, input2, target, margin=0, reduction='mean')}. */
    public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target,
            CosineEmbeddingLossOptions options) {
        return Torch.cosineEmbeddingLoss(input1, input2, target, options.margin(), options.reduction());
    }

    /**
     * Like {@code F.margin_ranking_loss(input1, input2, target, margin=0, reduction='mean')}.
     *
     * @throws IllegalArgumentException when the three differ in dimension (Python's RuntimeError, with its
     *         message)
     */
    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target,
            MarginRankingLossOptions options) {
        if (input1.dim() != input2.dim() || input1.dim() != target.dim()) {
            throw new IllegalArgumentException("margin_ranking_loss : All input tensors should have same dimension "
                    + "but got sizes: input1: " + size(input1) + ", input2: " + size(input2) + ", target: "
                    + size(target) + " ");
        }
        return Torch.marginRankingLoss(input1, input2, target, options.margin(), options.reduction());
    }

    /** Like {@code F.margin_ranking_loss(input1, input2, target)}. */
    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target) {
        return marginRankingLoss(input1, input2, target, MarginRankingLossOptions.defaults());
    }
}
