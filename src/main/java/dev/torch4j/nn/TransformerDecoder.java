package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;

/**
 * A stack of {@code numLayers} copies of a decoder layer, optionally followed by a norm, mirroring
 * {@code nn.TransformerDecoder} of PyTorch 2.x. The copies start with the given layer's weights (PyTorch
 * deep-copies it) and are registered as {@code layers.0}, {@code layers.1}, ...; the norm as {@code norm}.
 * Shapes as {@link TransformerDecoderLayer}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.TransformerDecoder.html">torch.nn.TransformerDecoder</a>
 */
public class TransformerDecoder extends Module {
    private final ModuleList<TransformerDecoderLayer> layers;
    private final Module norm;
    private final long numLayers;

    /** Like {@code nn.TransformerDecoder(decoder_layer, num_layers)}: no final norm. */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, long numLayers) {
        this(decoderLayer, numLayers, (LayerNorm) null);
    }

    /**
     * Like {@code nn.TransformerDecoder(decoder_layer, num_layers, norm=None)}.
     *
     * @param decoderLayer the layer to copy; it is not itself registered
     * @param norm         applied to the last layer's output; null for none
     */
    public <N extends Module & TensorModule> TransformerDecoder(TransformerDecoderLayer decoderLayer, long numLayers,
            N norm) {
        ModuleList<TransformerDecoderLayer> list = new ModuleList<>();
        for (long i = 0; i < numLayers; i++) {
            list.append(new TransformerDecoderLayer(decoderLayer));
        }
        this.layers = register("layers", list);
        this.norm = norm == null ? null : register("norm", norm);
        this.numLayers = numLayers;
    }

    /** Like {@code decoder(tgt, memory)}. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null, null, false);
    }

    /** Like {@code decoder(tgt, memory, tgt_mask)}. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask) {
        return forward(tgt, memory, tgtMask, null, null, null, null, false);
    }

    /** Like {@code decoder(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        return forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, null, false);
    }

    /**
     * Like {@code decoder(tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None,
     * memory_key_padding_mask=None, tgt_is_causal=None, memory_is_causal=False)}: the layers in turn, then the norm.
     *
     * @param tgtIsCausal a hint that {@code tgtMask} is causal; null to detect it
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask, Boolean tgtIsCausal, boolean memoryIsCausal) {
        try (TensorScope scope = Torch.scope()) {
            long seqLen = TransformerEncoder.seqLen(tgt, layers.get(0).selfAttn.batchFirst());
            boolean causal = TransformerEncoder.detectIsCausalMask(tgtMask, tgtIsCausal, seqLen);
            Tensor output = tgt;
            for (TransformerDecoderLayer mod : layers) {
                output = mod.forward(output, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask,
                        causal, memoryIsCausal);
            }
            if (norm != null) {
                output = Modules.forward(norm, output, "TransformerDecoder norm");
            }
            return observe(scope.keep(output));
        }
    }

    /** @return the layer copies, {@code layers} */
    public ModuleList<TransformerDecoderLayer> layers() {
        return layers;
    }

    /** @return the final norm, or null */
    public Module norm() {
        return norm;
    }

    /** @return the number of layers */
    public long numLayers() {
        return numLayers;
    }
}
