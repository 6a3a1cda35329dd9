package dev.torch4j.nn;

import dev.torch4j.Tensor;
import java.util.function.UnaryOperator;

/**
 * Keyword arguments of {@code nn.Transformer}, as an immutable value: each method returns a copy with one
 * argument changed. The layer arguments ({@code dim_feedforward}, {@code dropout}, {@code activation},
 * {@code layer_norm_eps}, {@code batch_first}, {@code norm_first}, {@code bias}) are those of
 * {@link TransformerLayerOptions}, which {@link #layerOptions()} returns.
 *
 * <p>Defaults, as in PyTorch: {@code d_model=512}, {@code nhead=8}, {@code num_encoder_layers=6},
 * {@code num_decoder_layers=6}, {@code custom_encoder=None}, {@code custom_decoder=None}, and the layer
 * defaults ({@code dim_feedforward=2048}, {@code dropout=0.1}, relu, {@code layer_norm_eps=1e-5},
 * {@code batch_first=False}, {@code norm_first=False}, {@code bias=True}).
 */
public final class TransformerOptions {
    private static final TransformerOptions DEFAULTS = new TransformerOptions(512, 8, 6, 6,
            TransformerLayerOptions.defaults(), null, null);

    private final long dModel;
    private final long nhead;
    private final long numEncoderLayers;
    private final long numDecoderLayers;
    private final TransformerLayerOptions layer;
    private final TransformerEncoder customEncoder;
    private final TransformerDecoder customDecoder;

    private TransformerOptions(long dModel, long nhead, long numEncoderLayers, long numDecoderLayers,
            TransformerLayerOptions layer, TransformerEncoder customEncoder, TransformerDecoder customDecoder) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.numEncoderLayers = numEncoderLayers;
        this.numDecoderLayers = numDecoderLayers;
        this.layer = layer;
        this.customEncoder = customEncoder;
        this.customDecoder = customDecoder;
    }

    /** @return PyTorch's defaults */
    public static TransformerOptions defaults() {
        return DEFAULTS;
    }

    private TransformerOptions with(TransformerLayerOptions l) {
        return new TransformerOptions(dModel, nhead, numEncoderLayers, numDecoderLayers, l, customEncoder, customDecoder);
    }

    /** The feature count of encoder and decoder inputs. Default: 512. */
    public TransformerOptions dModel(long value) {
        return new TransformerOptions(value, nhead, numEncoderLayers, numDecoderLayers, layer, customEncoder,
                customDecoder);
    }

    /** The number of attention heads. Default: 8. */
    public TransformerOptions nhead(long value) {
        return new TransformerOptions(dModel, value, numEncoderLayers, numDecoderLayers, layer, customEncoder,
                customDecoder);
    }

    /** The number of encoder layers. Default: 6. */
    public TransformerOptions numEncoderLayers(long value) {
        return new TransformerOptions(dModel, nhead, value, numDecoderLayers, layer, customEncoder, customDecoder);
    }

    /** The number of decoder layers. Default: 6. */
    public TransformerOptions numDecoderLayers(long value) {
        return new TransformerOptions(dModel, nhead, numEncoderLayers, value, layer, customEncoder, customDecoder);
    }

    /** The size of the feed-forward networks' hidden layers. Default: 2048. */
    public TransformerOptions dimFeedforward(long value) {
        return with(layer.dimFeedforward(value));
    }

    /** The dropout probability. Default: 0.1. */
    public TransformerOptions dropout(double value) {
        return with(layer.dropout(value));
    }

    /**
     * The feed-forward activation by name, {@code "relu"} or {@code "gelu"}. Default: relu.
     *
     * @throws IllegalArgumentException for another name (Python's RuntimeError, with its message)
     */
    public TransformerOptions activation(String value) {
        return with(layer.activation(value));
    }

    /** The feed-forward activation as any unary function. */
    public TransformerOptions activation(UnaryOperator<Tensor> value) {
        return with(layer.activation(value));
    }

    /** The feed-forward activation as a module, registered in each layer as in PyTorch. */
    public <M extends Module & TensorModule> TransformerOptions activation(M value) {
        return with(layer.activation(value));
    }

    /** A ready encoder to use instead of building one. Default: none. */
    public TransformerOptions customEncoder(TransformerEncoder value) {
        return new TransformerOptions(dModel, nhead, numEncoderLayers, numDecoderLayers, layer, value, customDecoder);
    }

    /** A ready decoder to use instead of building one. Default: none. */
    public TransformerOptions customDecoder(TransformerDecoder value) {
        return new TransformerOptions(dModel, nhead, numEncoderLayers, numDecoderLayers, layer, customEncoder, value);
    }

    /** The epsilon of the layer norms. Default: 1e-5. */
    public TransformerOptions layerNormEps(double value) {
        return with(layer.layerNormEps(value));
    }

    /** Whether inputs and outputs are {@code (batch, seq, feature)}. Default: false. */
    public TransformerOptions batchFirst(boolean value) {
        return with(layer.batchFirst(value));
    }

    /** Whether layer norms come first in each block (pre-LN). Default: false. */
    public TransformerOptions normFirst(boolean value) {
        return with(layer.normFirst(value));
    }

    /** Whether linear layers and layer norms learn additive biases (PyTorch 2.1+). Default: true. */
    public TransformerOptions bias(boolean value) {
        return with(layer.bias(value));
    }

    /** @return the {@code d_model} value */
    public long dModel() {
        return dModel;
    }

    /** @return the {@code nhead} value */
    public long nhead() {
        return nhead;
    }

    /** @return the {@code num_encoder_layers} value */
    public long numEncoderLayers() {
        return numEncoderLayers;
    }

    /** @return the {@code num_decoder_layers} value */
    public long numDecoderLayers() {
        return numDecoderLayers;
    }

    /** @return the arguments shared with the layers */
    public TransformerLayerOptions layerOptions() {
        return layer;
    }

    /** @return the custom encoder, or null */
    public TransformerEncoder customEncoder() {
        return customEncoder;
    }

    /** @return the custom decoder, or null */
    public TransformerDecoder customDecoder() {
        return customDecoder;
    }
}
