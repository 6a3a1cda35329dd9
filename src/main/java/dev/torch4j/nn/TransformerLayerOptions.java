package dev.torch4j.nn;

import dev.torch4j.Tensor;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Keyword arguments of {@code nn.TransformerEncoderLayer} and {@code nn.TransformerDecoderLayer} (the same
 * in both), as an immutable value: each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code dim_feedforward=2048}, {@code dropout=0.1}, {@code activation=F.relu},
 * {@code layer_norm_eps=1e-5}, {@code batch_first=False}, {@code norm_first=False}, {@code bias=True}.
 */
public final class TransformerLayerOptions {
    /** The feed-forward activation: a function, and the module to register when it is one. */
    record Activation(UnaryOperator<Tensor> fn, Module module, int reluOrGelu, String name) {
        static final Activation RELU = new Activation(Functional::relu, null, 1, "relu");
        static final Activation GELU = new Activation(Functional::gelu, null, 2, "gelu");

        /** The activation for a layer copy: a fresh ReLU/GELU module, or this one (functions and other modules are shared). */
        Activation copy() {
            if (module instanceof ReLU) {
                ReLU m = new ReLU();
                return new Activation(m::forward, m, 1, name);
            }
            if (module instanceof GELU g) {
                GELU m = new GELU(g.approximate());
                return new Activation(m::forward, m, 2, name);
            }
            return this;
        }
    }

    private static final TransformerLayerOptions DEFAULTS = new TransformerLayerOptions(2048, 0.1, Activation.RELU,
            1e-5, false, false, true);

    private final long dimFeedforward;
    private final double dropout;
    private final Activation activation;
    private final double layerNormEps;
    private final boolean batchFirst;
    private final boolean normFirst;
    private final boolean bias;

    private TransformerLayerOptions(long dimFeedforward, double dropout, Activation activation, double layerNormEps,
            boolean batchFirst, boolean normFirst, boolean bias) {
        this.dimFeedforward = dimFeedforward;
        this.dropout = dropout;
        this.activation = activation;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        this.bias = bias;
    }

    /** @return PyTorch's defaults */
    public static TransformerLayerOptions defaults() {
        return DEFAULTS;
    }

    /** The size of the feed-forward network's hidden layer. Default: 2048. */
    public TransformerLayerOptions dimFeedforward(long value) {
        return new TransformerLayerOptions(value, dropout, activation, layerNormEps, batchFirst, normFirst, bias);
    }

    /** The dropout probability after attention, inside and after the feed-forward network. Default: 0.1. */
    public TransformerLayerOptions dropout(double value) {
        return new TransformerLayerOptions(dimFeedforward, value, activation, layerNormEps, batchFirst, normFirst, bias);
    }

    /**
     * The feed-forward activation by name, {@code "relu"} or {@code "gelu"} (PyTorch's legacy strings).
     * Default: relu.
     *
     * @throws IllegalArgumentException for another name (Python's RuntimeError, with its message)
     */
    public TransformerLayerOptions activation(String value) {
        Activation a = switch (value) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("activation should be relu/gelu, not " + value);
        };
        return new TransformerLayerOptions(dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst, bias);
    }

    /** The feed-forward activation as any unary function, e.g. {@code Functional::gelu}. */
    public TransformerLayerOptions activation(UnaryOperator<Tensor> value) {
        Objects.requireNonNull(value, "activation");
        Activation a = new Activation(value, null, 0, "custom");
        return new TransformerLayerOptions(dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst, bias);
    }

    /**
     * The feed-forward activation as a module, e.g. {@code new GELU()}; as in PyTorch it is registered as the
     * layer's {@code activation} submodule. Layer stacks get copies of {@link ReLU} and {@link GELU}; other
     * modules are shared by the copies.
     */
    public <M extends Module & TensorModule> TransformerLayerOptions activation(M value) {
        Objects.requireNonNull(value, "activation");
        int kind = value instanceof ReLU ? 1 : value instanceof GELU ? 2 : 0;
        Activation a = new Activation(value::forward, value, kind, value.getClass().getSimpleName());
        return new TransformerLayerOptions(dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst, bias);
    }

    /** The epsilon of the layer norms. Default: 1e-5. */
    public TransformerLayerOptions layerNormEps(double value) {
        return new TransformerLayerOptions(dimFeedforward, dropout, activation, value, batchFirst, normFirst, bias);
    }

    /** Whether inputs and outputs are {@code (batch, seq, feature)}. Default: false ({@code (seq, batch, feature)}). */
    public TransformerLayerOptions batchFirst(boolean value) {
        return new TransformerLayerOptions(dimFeedforward, dropout, activation, layerNormEps, value, normFirst, bias);
    }

    /** Whether layer norm comes before attention and feed-forward (pre-LN) instead of after. Default: false. */
    public TransformerLayerOptions normFirst(boolean value) {
        return new TransformerLayerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, value, bias);
    }

    /** Whether the linear layers and layer norms learn additive biases (PyTorch 2.1+). Default: true. */
    public TransformerLayerOptions bias(boolean value) {
        return new TransformerLayerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, value);
    }

    /** @return the {@code dim_feedforward} value */
    public long dimFeedforward() {
        return dimFeedforward;
    }

    /** @return the {@code dropout} value */
    public double dropout() {
        return dropout;
    }

    /** @return the activation function */
    public UnaryOperator<Tensor> activation() {
        return activation.fn();
    }

    Activation activationSpec() {
        return activation;
    }

    /** @return the {@code layer_norm_eps} value */
    public double layerNormEps() {
        return layerNormEps;
    }

    /** @return the {@code batch_first} value */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** @return the {@code norm_first} value */
    public boolean normFirst() {
        return normFirst;
    }

    /** @return the {@code bias} value */
    public boolean bias() {
        return bias;
    }
}
