package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;

/**
 * Self-attention followed by a feed-forward network, each with a residual connection, dropout and layer
 * norm (after, or before with {@code normFirst}), mirroring {@code nn.TransformerEncoderLayer} of PyTorch 2.x.
 * Input {@code (S, N, E)}, {@code (N, S, E)} with {@code batchFirst}, or unbatched {@code (S, E)}; output the
 * same shape.
 *
 * <p>Submodules and parameters have PyTorch's names and order ({@code self_attn}, {@code linear1},
 * {@code dropout}, {@code linear2}, {@code norm1}, {@code norm2}, {@code dropout1}, {@code dropout2}), so a
 * state dict saved by PyTorch loads unchanged; initialisation draws from the global generator in PyTorch's
 * order. PyTorch's inference fast path ({@code _transformer_encoder_layer_fwd}) is not taken; its results
 * equal this path's to rounding.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.TransformerEncoderLayer.html">torch.nn.TransformerEncoderLayer</a>
 */
public class TransformerEncoderLayer extends Module implements TensorModule {
    final long dModel;
    final TransformerLayerOptions options;
    final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    final LayerNorm norm1;
    final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    final TransformerLayerOptions.Activation activation;

    /** Like {@code nn.TransformerEncoderLayer(d_model, nhead)}. */
    public TransformerEncoderLayer(long dModel, long nhead) {
        this(dModel, nhead, TransformerLayerOptions.defaults());
    }

    /**
     * Like {@code nn.TransformerEncoderLayer(d_model, nhead, **options)}.
     *
     * @throws IllegalArgumentException when {@code dModel} is not divisible by {@code nhead}
     */
    public TransformerEncoderLayer(long dModel, long nhead, TransformerLayerOptions options) {
        this.dModel = dModel;
        this.options = options;
        selfAttn = register("self_attn", new MultiheadAttention(dModel, nhead, MultiheadAttentionOptions.defaults()
                .dropout(options.dropout()).bias(options.bias()).batchFirst(options.batchFirst())));
        linear1 = register("linear1", new Linear(dModel, options.dimFeedforward(), options.bias()));
        dropout = register("dropout", new Dropout(options.dropout()));
        linear2 = register("linear2", new Linear(options.dimFeedforward(), dModel, options.bias()));
        LayerNormOptions ln = LayerNormOptions.defaults().eps(options.layerNormEps()).bias(options.bias());
        norm1 = register("norm1", new LayerNorm(dModel, ln));
        norm2 = register("norm2", new LayerNorm(dModel, ln));
        dropout1 = register("dropout1", new Dropout(options.dropout()));
        dropout2 = register("dropout2", new Dropout(options.dropout()));
        activation = options.activationSpec();
        if (activation.module() != null) {
            register("activation", activation.module());
        }
    }

    /** A copy with parameters of its own (what {@code copy.deepcopy} makes), for {@link TransformerEncoder}. */
    TransformerEncoderLayer(TransformerEncoderLayer source) {
        this.dModel = source.dModel;
        this.options = source.options;
        selfAttn = register("self_attn", new MultiheadAttention(source.selfAttn));
        linear1 = register("linear1", new Linear(source.linear1));
        dropout = register("dropout", new Dropout(source.dropout.p()));
        linear2 = register("linear2", new Linear(source.linear2));
        norm1 = register("norm1", new LayerNorm(source.norm1));
        norm2 = register("norm2", new LayerNorm(source.norm2));
        dropout1 = register("dropout1", new Dropout(source.dropout1.p()));
        dropout2 = register("dropout2", new Dropout(source.dropout2.p()));
        activation = source.activation.copy();
        if (activation.module() != null) {
            register("activation", activation.module());
        }
        train(source.isTraining());
    }

    /** Like {@code layer(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null, false);
    }

    /** Like {@code layer(src, src_mask)}. */
    public Tensor forward(Tensor src, Tensor srcMask) {
        return forward(src, srcMask, null, false);
    }

    /** Like {@code layer(src, src_mask, src_key_padding_mask)}. */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        return forward(src, srcMask, srcKeyPaddingMask, false);
    }

    /**
     * Like {@code layer(src, src_mask=None, src_key_padding_mask=None, is_causal=False)}.
     *
     * @param srcMask           {@code (S, S)} or {@code (N * nhead, S, S)}: bool (true = may not attend) or
     *                          float (added to the scores); null for none
     * @param srcKeyPaddingMask {@code (N, S)} (unbatched {@code (S)}): bool (true = padding) or float; null for none
     * @param isCausal          a hint that {@code srcMask} is the causal mask
     * @return the input's shape
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask, boolean isCausal) {
        try (TensorScope scope = Torch.scope()) {
            Tensor kpm = MultiheadAttention.canonicalMask(srcKeyPaddingMask, "src_key_padding_mask", srcMask,
                    "src_mask", src.dtype(), true);
            Tensor mask = MultiheadAttention.canonicalMask(srcMask, "src_mask", null, "", src.dtype(), false);
            Tensor x = src;
            if (options.normFirst()) {
                x = x.add(saBlock(norm1.forward(x), mask, kpm, isCausal));
                x = x.add(ffBlock(norm2.forward(x)));
            } else {
                x = norm1.forward(x.add(saBlock(x, mask, kpm, isCausal)));
                x = norm2.forward(x.add(ffBlock(x)));
            }
            return observe(scope.keep(x));
        }
    }

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask, boolean isCausal) {
        Tensor out = selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask, true, isCausal).attnOutput();
        return dropout1.forward(out);
    }

    private Tensor ffBlock(Tensor x) {
        Tensor h = dropout.forward(activation.fn().apply(linear1.forward(x)));
        return dropout2.forward(linear2.forward(h));
    }

    /** @return the self-attention {@code self_attn} */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    /** @return the options this layer was made with */
    public TransformerLayerOptions options() {
        return options;
    }
}
