package dev.torch4j.nn;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;

/**
 * {@code y = x W^T + b}, mirroring {@code nn.Linear}. Input {@code (*, inFeatures)}, output
 * {@code (*, outFeatures)}. Weight and bias are initialised from U(-1/sqrt(inFeatures),
 * 1/sqrt(inFeatures)) in PyTorch's order (kaiming_uniform with a=sqrt(5)).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Linear.html">torch.nn.Linear</a>
 */
public class Linear extends Module implements TensorModule {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** Like {@code nn.Linear(in_features, out_features)} with a bias. */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * Like {@code nn.Linear(in_features, out_features, bias=bias)}.
     *
     * @param bias whether to learn an additive bias (PyTorch's default: true)
     * @throws IllegalArgumentException if a size is negative
     */
    public Linear(long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("in_features and out_features must be >= 0, got (" + inFeatures
                    + ", " + outFeatures + ")");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        // kaiming_uniform_(a=sqrt(5)) computed exactly as torch.nn.init does, for bit-identical bounds
        double a = Math.sqrt(5.0);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double std = gain / Math.sqrt(inFeatures);
        double wBound = Math.sqrt(3.0) * std;
        Tensor w = Torch.empty(new long[] {outFeatures, inFeatures}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cpu()));
        if (inFeatures > 0) {
            w.uniform_(-wBound, wBound);
        }
        weight = registerParameter("weight", w.requiresGrad_(true));
        if (bias) {
            double bBound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Tensor b = Torch.empty(new long[] {outFeatures}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cpu()));
            b.uniform_(-bBound, bBound);
            this.bias = registerParameter("bias", b.requiresGrad_(true));
        } else {
            this.bias = null;
        }
    }

    /** A copy with parameters of its own (what {@code copy.deepcopy} makes), for layer stacks. */
    Linear(Linear source) {
        this.inFeatures = source.inFeatures;
        this.outFeatures = source.outFeatures;
        this.weight = registerParameter("weight", Modules.copyParameter(source.weight));
        this.bias = source.bias == null ? null : registerParameter("bias", Modules.copyParameter(source.bias));
        train(source.isTraining());
    }

    /**
     * Applies the layer, like {@code linear(input)}.
     *
     * @param input {@code (*, inFeatures)}
     * @return {@code (*, outFeatures)}
     * @throws dev.torch4j.TorchException if the last size is not {@code inFeatures} or devices differ
     *         (libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.linear(input, weight, bias));
    }

    /** @return the {@code (outFeatures, inFeatures)} weight */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code (outFeatures)} bias, or null */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True"
                : "False");
    }
}
