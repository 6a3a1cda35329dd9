package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;

/**
 * A stack of {@code numLayers} copies of an encoder layer, optionally followed by a norm, mirroring
 * {@code nn.TransformerEncoder} of PyTorch 2.x. The copies start with the given layer's weights (PyTorch
 * deep-copies it) and are registered as {@code layers.0}, {@code layers.1}, ...; the norm as {@code norm}.
 * Shapes as {@link TransformerEncoderLayer}.
 *
 * <p>Where PyTorch's inference path would run on nested tensors (evaluation mode, no gradient needed,
 * batch-first, a left-aligned key padding mask and no other mask, relu or gelu, an even head count, post-norm),
 * the padded positions of the output are zero, as PyTorch returns them; the other positions are the same
 * either way.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.TransformerEncoder.html">torch.nn.TransformerEncoder</a>
 */
public class TransformerEncoder extends Module implements TensorModule {
    private final ModuleList<TransformerEncoderLayer> layers;
    private final Module norm;
    private final long numLayers;
    private final boolean useNestedTensor;
    private final boolean maskCheck;

    /** Like {@code nn.TransformerEncoder(encoder_layer, num_layers)}: no final norm. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers) {
        this(encoderLayer, numLayers, null, true, true);
    }

    /** Like {@code nn.TransformerEncoder(encoder_layer, num_layers, norm)}; the norm may be null. */
    public <N extends Module & TensorModule> TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers,
            N norm) {
        this(encoderLayer, numLayers, norm, true, true);
    }

    /**
     * Like {@code nn.TransformerEncoder(encoder_layer, num_layers, norm=None, enable_nested_tensor=True,
     * mask_check=True)}. PyTorch warns when {@code enableNestedTensor} is set but the layer rules the nested
     * path out; so does this (a logged warning).
     *
     * @param encoderLayer       the layer to copy; it is not itself registered
     * @param norm               applied to the last layer's output; null for none
     * @param enableNestedTensor whether the nested-tensor inference path may be taken
     * @param maskCheck          whether that path checks that the padding mask is left-aligned
     */
    public <N extends Module & TensorModule> TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers,
            N norm, boolean enableNestedTensor, boolean maskCheck) {
        ModuleList<TransformerEncoderLayer> list = new ModuleList<>();
        for (long i = 0; i < numLayers; i++) {
            list.append(new TransformerEncoderLayer(encoderLayer));
        }
        this.layers = register("layers", list);
        this.norm = norm == null ? null : register("norm", norm);
        this.numLayers = numLayers;
        this.maskCheck = maskCheck;
        String why = "";
        if (encoderLayer.options.normFirst()) {
            why = "encoder_layer.norm_first was True";
        } else if (!encoderLayer.selfAttn.batchFirst()) {
            why = "encoder_layer.self_attn.batch_first was not True(use batch_first for better inference performance)";
        } else if (encoderLayer.activation.reluOrGelu() == 0) {
            why = "encoder_layer.activation_relu_or_gelu was not True";
        } else if (encoderLayer.selfAttn.numHeads() % 2 == 1) {
            why = "encoder_layer.self_attn.num_heads is odd";
        }
        if (enableNestedTensor && !why.isEmpty()) {
            Functional.warn("enable_nested_tensor is True, but self.use_nested_tensor is False because " + why);
        }
        this.useNestedTensor = enableNestedTensor && why.isEmpty();
    }

    /** Like {@code encoder(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null, null);
    }

    /** Like {@code encoder(src, mask)}. */
    public Tensor forward(Tensor src, Tensor mask) {
        return forward(src, mask, null, null);
    }

    /** Like {@code encoder(src, mask, src_key_padding_mask)}. */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        return forward(src, mask, srcKeyPaddingMask, null);
    }

    /**
     * Like {@code encoder(src, mask=None, src_key_padding_mask=None, is_causal=None)}: the layers in turn,
     * then the norm.
     *
     * @param isCausal a hint that {@code mask} is causal; null to detect it by comparing with the causal mask
     */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask, Boolean isCausal) {
        try (TensorScope scope = Torch.scope()) {
            Tensor kpm = MultiheadAttention.canonicalMask(srcKeyPaddingMask, "src_key_padding_mask", mask, "mask",
                    src.dtype(), true);
            Tensor m = MultiheadAttention.canonicalMask(mask, "mask", null, "", src.dtype(), false);
            boolean zeroPadding = nestedPath(src, m, kpm);
            boolean batchFirst = layers.get(0).selfAttn.batchFirst();
            boolean causal = detectIsCausalMask(m, isCausal, seqLen(src, batchFirst));
            Tensor output = src;
            for (TransformerEncoderLayer mod : layers) {
                output = mod.forward(output, m, kpm, causal);
            }
            if (zeroPadding) {
                output = output.maskedFill(kpm.ne(0.0).unsqueeze(-1), 0.0);
            }
            if (norm != null) {
                output = Modules.forward(norm, output, "TransformerEncoder norm");
            }
            return observe(scope.keep(output));
        }
    }

    /** PyTorch's conditions for converting to a nested tensor (whose padded positions come back as zeros). */
    private boolean nestedPath(Tensor src, Tensor mask, Tensor kpm) {
        TransformerEncoderLayer first = layers.get(0);
        if (!useNestedTensor || first.isTraining() || src.dim() != 3 || kpm == null || mask != null) {
            return false;
        }
        if (maskCheck && !leftAligned(kpm)) {
            return false;
        }
        if (Torch.isGradEnabled()) {
            if (src.requiresGrad()) {
                return false;
            }
            for (Tensor t : first.stateDict().values()) {
                if (t.requiresGrad()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether every row of a (canonical, float) padding mask has its valid positions first. */
    private static boolean leftAligned(Tensor kpm) {
        try (TensorScope s = Torch.scope()) {
            Tensor valid = kpm.eq(0.0).toLong();
            long len = valid.size(1);
            if (len < 2) {
                return true;
            }
            Tensor rising = valid.slice(1, 1L, len).gt(valid.slice(1, 0L, len - 1));
            return rising.any().item() == 0;
        }
    }

    static long seqLen(Tensor src, boolean batchFirst) {
        return src.dim() == 2 ? src.size(0) : src.size(batchFirst ? 1 : 0);
    }

    /** PyTorch's {@code _detect_is_causal_mask}: the hint if given, else whether the mask equals the causal one. */
    static boolean detectIsCausalMask(Tensor mask, Boolean isCausal, long size) {
        if (isCausal != null) {
            return isCausal;
        }
        if (mask == null) {
            return false;
        }
        try (TensorScope s = Torch.scope()) {
            Tensor causal = Transformer.generateSquareSubsequentMask(size, mask.device(), mask.dtype());
            if (!java.util.Arrays.equals(mask.shape(), causal.shape())) {
                return false;
            }
            return mask.eq(causal).all().item() != 0;
        }
    }

    /** @return the layer copies, {@code layers} */
    public ModuleList<TransformerEncoderLayer> layers() {
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
