package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;

/**
 * Layer normalisation over the last dimensions, mirroring {@code nn.LayerNorm}: each sample is
 * normalised to zero mean and unit variance over {@code normalizedShape}, then scaled by {@code weight}
 * (ones at init) and shifted by {@code bias} (zeros). Input {@code (*, normalizedShape...)}; output the
 * same shape. One native kernel ({@code layer_norm}).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html">torch.nn.LayerNorm</a>
 */
public class LayerNorm extends Module implements TensorModule {
    private final long[] normalizedShape;
    private final LayerNormOptions options;
    private final Tensor weight;
    private final Tensor bias;

    /** Like {@code nn.LayerNorm(normalized_shape)}: eps 1e-5, learnt scale and shift. */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, LayerNormOptions.defaults());
    }

    /** Like {@code nn.LayerNorm(normalized_shape, **options)} for one trailing dimension. */
    public LayerNorm(long normalizedShape, LayerNormOptions options) {
        this(new long[] {normalizedShape}, options);
    }

    /**
     * Like {@code nn.LayerNorm(normalized_shape, eps=, elementwise_affine=, bias=)}.
     *
     * @param normalizedShape the sizes of the trailing dimensions to normalise over
     */
    public LayerNorm(long[] normalizedShape, LayerNormOptions options) {
        this.normalizedShape = normalizedShape.clone();
        this.options = options;
        TensorOptions f32 = TensorOptions.defaults().dtype(DType.FLOAT32);
        if (options.elementwiseAffine()) {
            weight = registerParameter("weight", Torch.ones(this.normalizedShape, f32).requiresGrad_(true));
            bias = options.bias()
                    ? registerParameter("bias", Torch.zeros(this.normalizedShape, f32).requiresGrad_(true)) : null;
        } else {
            weight = null;
            bias = null;
        }
    }

    /** A copy with its own parameters, for the layer stacks that PyTorch deep-copies. */
    LayerNorm(LayerNorm source) {
        this.normalizedShape = source.normalizedShape;
        this.options = source.options;
        this.weight = source.weight == null ? null : registerParameter("weight", Modules.copyParameter(source.weight));
        this.bias = source.bias == null ? null : registerParameter("bias", Modules.copyParameter(source.bias));
        train(source.isTraining());
    }

    /**
     * Normalises, like {@code F.layer_norm(input, normalized_shape, weight, bias, eps)}.
     *
     * @param input {@code (*, normalizedShape...)}
     * @return the same shape
     * @throws dev.torch4j.TorchException if the trailing sizes differ from {@code normalizedShape}
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.layerNorm(input, normalizedShape, weight, bias, options.eps()));
    }

    /** @return the scale, or null without {@code elementwiseAffine} */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift, or null without {@code elementwiseAffine} or {@code bias} */
    public Tensor bias() {
        return bias;
    }

    /** @return the epsilon added to the variance */
    public double eps() {
        return options.eps();
    }

    @Override
    protected String extraRepr() {
        return PyRepr.tuple(normalizedShape) + ", eps=" + PyRepr.of(options.eps()) + ", elementwise_affine="
                + PyRepr.of(options.elementwiseAffine());
    }
}
