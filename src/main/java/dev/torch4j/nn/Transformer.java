package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;

/**
 * The encoder-decoder transformer of "Attention Is All You Need", mirroring {@code nn.Transformer} of
 * PyTorch 2.x: an {@code encoder} ({@link TransformerEncoder} with a final {@link LayerNorm}) and a
 * {@code decoder} ({@link TransformerDecoder} with a final norm). Source {@code (S, N, E)}, target
 * {@code (T, N, E)} ({@code (N, S, E)}, {@code (N, T, E)} with {@code batchFirst}; unbatched {@code (S, E)},
 * {@code (T, E)}); output the target's shape.
 *
 * <p>Parameter names are PyTorch's ({@code encoder.layers.0.self_attn.in_proj_weight}, ...
 * {@code decoder.norm.bias}), so a state dict saved by PyTorch loads unchanged. As in PyTorch, every
 * parameter with more than one dimension is re-initialised with xavier_uniform after construction, in
 * parameter order, so the same seed gives PyTorch's weights.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Transformer.html">torch.nn.Transformer</a>
 */
public class Transformer extends Module {
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;
    private final long dModel;
    private final long nhead;
    private final boolean batchFirst;

    /** Like {@code nn.Transformer()}: d_model 512, 8 heads, 6 + 6 layers. */
    public Transformer() {
        this(TransformerOptions.defaults());
    }

    /**
     * Like {@code nn.Transformer(**options)}.
     *
     * @throws IllegalArgumentException when {@code dModel} is not divisible by {@code nhead}
     */
    public Transformer(TransformerOptions options) {
        TransformerLayerOptions layer = options.layerOptions();
        LayerNormOptions ln = LayerNormOptions.defaults().eps(layer.layerNormEps()).bias(layer.bias());
        if (options.customEncoder() != null) {
            encoder = register("encoder", options.customEncoder());
        } else {
            TransformerEncoderLayer encoderLayer = new TransformerEncoderLayer(options.dModel(), options.nhead(), layer);
            LayerNorm encoderNorm = new LayerNorm(options.dModel(), ln);
            encoder = register("encoder", new TransformerEncoder(encoderLayer, options.numEncoderLayers(), encoderNorm));
            encoderLayer.close();
        }
        if (options.customDecoder() != null) {
            decoder = register("decoder", options.customDecoder());
        } else {
            TransformerDecoderLayer decoderLayer = new TransformerDecoderLayer(options.dModel(), options.nhead(), layer);
            LayerNorm decoderNorm = new LayerNorm(options.dModel(), ln);
            decoder = register("decoder", new TransformerDecoder(decoderLayer, options.numDecoderLayers(), decoderNorm));
            decoderLayer.close();
        }
        for (Tensor p : parameters()) {
            if (p.dim() > 1) {
                Init.xavierUniform_(p);
            }
        }
        this.dModel = options.dModel();
        this.nhead = options.nhead();
        this.batchFirst = layer.batchFirst();
    }

    /** Like {@code transformer(src, tgt)}. */
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null, null, null, false);
    }

    /** Like {@code transformer(src, tgt, src_mask, tgt_mask)}. */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask) {
        return forward(src, tgt, srcMask, tgtMask, null, null, null, null, null, null, false);
    }

    /**
     * Like {@code transformer(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask,
     * tgt_key_padding_mask, memory_key_padding_mask)}.
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask,
            Tensor srcKeyPaddingMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        return forward(src, tgt, srcMask, tgtMask, memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask,
                memoryKeyPaddingMask, null, null, false);
    }

    /**
     * Encodes {@code src} and decodes {@code tgt} against it, like {@code transformer(src, tgt, src_mask=None,
     * tgt_mask=None, memory_mask=None, src_key_padding_mask=None, tgt_key_padding_mask=None,
     * memory_key_padding_mask=None, src_is_causal=None, tgt_is_causal=None, memory_is_causal=False)}. Masks:
     * {@code src_mask} {@code (S, S)}, {@code tgt_mask} {@code (T, T)} (e.g. {@link #generateSquareSubsequentMask}),
     * {@code memory_mask} {@code (T, S)}, key padding masks {@code (N, S)} / {@code (N, T)}; bool (true = masked)
     * or float (added); null for none.
     *
     * @throws IllegalArgumentException when the batch sizes differ or the feature size is not {@code dModel}
     *         (Python's RuntimeError, with its message)
     * @throws IllegalStateException    when a subclass replaced the encoder or decoder by another kind of module
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask,
            Tensor srcKeyPaddingMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask, Boolean srcIsCausal,
            Boolean tgtIsCausal, boolean memoryIsCausal) {
        boolean isBatched = src.dim() == 3;
        if (isBatched && src.size(batchFirst ? 0 : 1) != tgt.size(batchFirst ? 0 : 1)) {
            throw new IllegalArgumentException("the batch number of src and tgt must be equal");
        }
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new IllegalArgumentException("the feature number of src and tgt must be equal to d_model");
        }
        if (encoder == null || decoder == null) {
            throw new IllegalStateException("Transformer.forward needs its TransformerEncoder and TransformerDecoder, "
                    + "but this " + getClass().getSimpleName() + " registered another module as '"
                    + (encoder == null ? "encoder" : "decoder") + "'");
        }
        try (Tensor memory = encoder.forward(src, srcMask, srcKeyPaddingMask, srcIsCausal)) {
            return observe(decoder.forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask,
                    tgtIsCausal, memoryIsCausal));
        }
    }

    /**
     * The causal mask of size {@code sz}: {@code -inf} above the diagonal, 0 elsewhere (float32, CPU), like
     * {@code Transformer.generate_square_subsequent_mask(sz)}.
     */
    public static Tensor generateSquareSubsequentMask(long sz) {
        return generateSquareSubsequentMask(sz, Device.cpu(), DType.FLOAT32);
    }

    /** Like {@code Transformer.generate_square_subsequent_mask(sz, device, dtype)}. */
    public static Tensor generateSquareSubsequentMask(long sz, Device device, DType dtype) {
        try (Tensor full = Torch.full(new long[] {sz, sz}, Double.NEGATIVE_INFINITY,
                TensorOptions.defaults().dtype(dtype).device(device))) {
            return full.triu(1);
        }
    }

    /**
     * @return the {@code encoder}, or null when a subclass registered a module of another type as
     *         {@code "encoder"} (see {@link Module#register})
     */
    public TransformerEncoder encoder() {
        return encoder;
    }

    /**
     * @return the {@code decoder}, or null when a subclass registered a module of another type as
     *         {@code "decoder"}, as pytorch/examples' word language model registers a {@code Linear}
     */
    public TransformerDecoder decoder() {
        return decoder;
    }

    /** @return the {@code d_model} value */
    public long dModel() {
        return dModel;
    }

    /** @return the {@code nhead} value */
    public long nhead() {
        return nhead;
    }
}
