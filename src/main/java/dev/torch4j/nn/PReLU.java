package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;

/**
 * {@code max(0, x) + a * min(0, x)} with a learnt slope {@code a}, one for all channels or one per channel
 * (dimension 1), mirroring {@code nn.PReLU(num_parameters=1, init=0.25)}. Input any shape {@code (*)}
 * (channels in dimension 1); output the same shape. The parameter is {@code weight}, filled with {@code init}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.PReLU.html">torch.nn.PReLU</a>
 */
public class PReLU extends Module implements TensorModule {
    private final long numParameters;
    private final Tensor weight;

    /** Like {@code nn.PReLU()}: one slope, initially 0.25. */
    public PReLU() {
        this(1, 0.25);
    }

    /** Like {@code nn.PReLU(num_parameters)}. */
    public PReLU(long numParameters) {
        this(numParameters, 0.25);
    }

    /**
     * Like {@code nn.PReLU(num_parameters, init)}.
     *
     * @param numParameters 1, or the number of channels of the input
     * @param init          the initial slope
     */
    public PReLU(long numParameters, double init) {
        this.numParameters = numParameters;
        Tensor w = Torch.empty(new long[] {numParameters}, TensorOptions.defaults().dtype(DType.FLOAT32));
        Init.constant_(w, init);
        this.weight = registerParameter("weight", w.requiresGrad_(true));
    }

    /** Applies it, like {@code F.prelu(input, self.weight)}. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.prelu(input, weight));
    }

    /** @return the {@code (numParameters)} slopes */
    public Tensor weight() {
        return weight;
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
