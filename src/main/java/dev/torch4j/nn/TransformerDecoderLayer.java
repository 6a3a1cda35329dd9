package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;

/**
 * Self-attention, attention over the encoder's output ({@code memory}) and a feed-forward network, each
 * with a residual connection, dropout and layer norm (after, or before with {@code normFirst}), mirroring
 * {@code nn.TransformerDecoderLayer} of PyTorch 2.x. Target {@code (T, N, E)}, memory {@code (S, N, E)}
 * ({@code (N, T, E)} and {@code (N, S, E)} with {@code batchFirst}; unbatched {@code (T, E)}, {@code (S, E)});
 * output the target's shape.
 *
 * <p>Submodules and parameters have PyTorch's names and order ({@code self_attn}, {@code multihead_attn},
 * {@code linear1}, {@code dropout}, {@code linear2}, {@code norm1..3}, {@code dropout1..3}), so a state dict
 * saved by PyTorch loads unchanged; initialisation draws from the global generator in PyTorch's order.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.TransformerDecoderLayer.html">torch.nn.TransformerDecoderLayer</a>
 */
public class TransformerDecoderLayer extends Module {
    private final TransformerLayerOptions options;
    final MultiheadAttention selfAttn;
    private final MultiheadAttention multiheadAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;
    private final TransformerLayerOptions.Activation activation;

    /** Like {@code nn.TransformerDecoderLayer(d_model, nhead)}. */
    public TransformerDecoderLayer(long dModel, long nhead) {
        this(dModel, nhead, TransformerLayerOptions.defaults());
    }

    /**
     * Like {@code nn.TransformerDecoderLayer(d_model, nhead, **options)}.
     *
     * @throws IllegalArgumentException when {@code dModel} is not divisible by {@code nhead}
     */
    public TransformerDecoderLayer(long dModel, long nhead, TransformerLayerOptions options) {
        this.options = options;
        MultiheadAttentionOptions mha = MultiheadAttentionOptions.defaults().dropout(options.dropout())
                .batchFirst(options.batchFirst()).bias(options.bias());
        selfAttn = register("self_attn", new MultiheadAttention(dModel, nhead, mha));
        multiheadAttn = register("multihead_attn", new MultiheadAttention(dModel, nhead, mha));
        linear1 = register("linear1", new Linear(dModel, options.dimFeedforward(), options.bias()));
        dropout = register("dropout", new Dropout(options.dropout()));
        linear2 = register("linear2", new Linear(options.dimFeedforward(), dModel, options.bias()));
        LayerNormOptions ln = LayerNormOptions.defaults().eps(options.layerNormEps()).bias(options.bias());
        norm1 = register("norm1", new LayerNorm(dModel, ln));
        norm2 = register("norm2", new LayerNorm(dModel, ln));
        norm3 = register("norm3", new LayerNorm(dModel, ln));
        dropout1 = register("dropout1", new Dropout(options.dropout()));
        dropout2 = register("dropout2", new Dropout(options.dropout()));
        dropout3 = register("dropout3", new Dropout(options.dropout()));
        activation = options.activationSpec();
        if (activation.module() != null) {
            register("activation", activation.module());
        }
    }

    /** A copy with parameters of its own (what {@code copy.deepcopy} makes), for {@link TransformerDecoder}. */
    TransformerDecoderLayer(TransformerDecoderLayer source) {
        this.options = source.options;
        selfAttn = register("self_attn", new MultiheadAttention(source.selfAttn));
        multiheadAttn = register("multihead_attn", new MultiheadAttention(source.multiheadAttn));
        linear1 = register("linear1", new Linear(source.linear1));
        dropout = register("dropout", new Dropout(source.dropout.p()));
        linear2 = register("linear2", new Linear(source.linear2));
        norm1 = register("norm1", new LayerNorm(source.norm1));
        norm2 = register("norm2", new LayerNorm(source.norm2));
        norm3 = register("norm3", new LayerNorm(source.norm3));
        dropout1 = register("dropout1", new Dropout(source.dropout1.p()));
        dropout2 = register("dropout2", new Dropout(source.dropout2.p()));
        dropout3 = register("dropout3", new Dropout(source.dropout3.p()));
        activation = source.activation.copy();
        if (activation.module() != null) {
            register("activation", activation.module());
        }
        train(source.isTraining());
    }

    /** Like {@code layer(tgt, memory)}. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null, false, false);
    }

    /** Like {@code layer(tgt, memory, tgt_mask)}. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask) {
        return forward(tgt, memory, tgtMask, null, null, null, false, false);
    }

    /** Like {@code layer(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        return forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, false, false);
    }

    /**
     * Like {@code layer(tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None,
     * memory_key_padding_mask=None, tgt_is_causal=False, memory_is_causal=False)}; masks as in
     * {@link MultiheadAttention#forward(Tensor, Tensor, Tensor, Tensor, boolean, Tensor, boolean, boolean)},
     * null for none.
     *
     * @return the target's shape
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask, boolean tgtIsCausal, boolean memoryIsCausal) {
        try (TensorScope scope = Torch.scope()) {
            Tensor x = tgt;
            if (options.normFirst()) {
                x = x.add(saBlock(norm1.forward(x), tgtMask, tgtKeyPaddingMask, tgtIsCausal));
                x = x.add(mhaBlock(norm2.forward(x), memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal));
                x = x.add(ffBlock(norm3.forward(x)));
            } else {
                x = norm1.forward(x.add(saBlock(x, tgtMask, tgtKeyPaddingMask, tgtIsCausal)));
                x = norm2.forward(x.add(mhaBlock(x, memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal)));
                x = norm3.forward(x.add(ffBlock(x)));
            }
            return observe(scope.keep(x));
        }
    }

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask, boolean isCausal) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask, true, isCausal)
                .attnOutput());
    }

    private Tensor mhaBlock(Tensor x, Tensor mem, Tensor attnMask, Tensor keyPaddingMask, boolean isCausal) {
        return dropout2.forward(multiheadAttn.forward(x, mem, mem, keyPaddingMask, false, attnMask, true, isCausal)
                .attnOutput());
    }

    private Tensor ffBlock(Tensor x) {
        Tensor h = dropout.forward(activation.fn().apply(linear1.forward(x)));
        return dropout3.forward(linear2.forward(h));
    }

    /** @return the options this layer was made with */
    public TransformerLayerOptions options() {
        return options;
    }
}
