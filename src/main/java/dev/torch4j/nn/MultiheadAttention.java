package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-head attention, mirroring {@code nn.MultiheadAttention} and {@code F.multi_head_attention_forward}
 * of PyTorch 2.x: the queries, keys and values are projected, split into {@code numHeads} heads, attended
 * ({@code scaled_dot_product_attention} when no weights are asked for, explicit {@code softmax(QK^T/sqrt(d))V}
 * when they are) and projected back.
 *
 * <p>Shapes ({@code L} target length, {@code S} source length, {@code N} batch, {@code E} embedDim):
 * query {@code (L, N, E)}, key {@code (S, N, kdim)}, value {@code (S, N, vdim)}; with {@code batchFirst}
 * {@code (N, L, E)} etc.; unbatched {@code (L, E)}. Output {@code (L, N, E)} (or batch first, or {@code (L, E)});
 * weights {@code (N, L, S)} averaged over heads or {@code (N, numHeads, L, S)}.
 *
 * <p>Parameters, in PyTorch's order and with its names: {@code in_proj_weight} {@code (3E, E)} (or
 * {@code q_proj_weight}, {@code k_proj_weight}, {@code v_proj_weight} when {@code kdim}/{@code vdim} differ
 * from {@code E}), {@code in_proj_bias}, {@code bias_k}, {@code bias_v}, {@code out_proj.weight},
 * {@code out_proj.bias}; initialised as PyTorch does (xavier_uniform projections, zero biases), so the same
 * seed gives PyTorch's values. PyTorch's inference fast path ({@code _native_multi_head_attention}) is not
 * taken; its results equal this path's to rounding.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.MultiheadAttention.html">torch.nn.MultiheadAttention</a>
 */
public class MultiheadAttention extends Module {
    /** What {@code forward} returns: PyTorch's {@code (attn_output, attn_output_weights)}; weights null unless asked for. */
    public record Output(Tensor attnOutput, Tensor attnOutputWeights) {
    }

    private final long embedDim;
    private final long kdim;
    private final long vdim;
    private final boolean qkvSameEmbedDim;
    private final long numHeads;
    private final long headDim;
    private final MultiheadAttentionOptions options;
    private final Tensor inProjWeight;
    private final Tensor qProjWeight;
    private final Tensor kProjWeight;
    private final Tensor vProjWeight;
    private final Tensor inProjBias;
    private final Tensor biasK;
    private final Tensor biasV;
    private final Linear outProj;

    /** Like {@code nn.MultiheadAttention(embed_dim, num_heads)}. */
    public MultiheadAttention(long embedDim, long numHeads) {
        this(embedDim, numHeads, MultiheadAttentionOptions.defaults());
    }

    /**
     * Like {@code nn.MultiheadAttention(embed_dim, num_heads, **options)}.
     *
     * @throws IllegalArgumentException for non-positive sizes (Python's ValueError) or an {@code embedDim}
     *         not divisible by {@code numHeads} (Python's AssertionError), with Python's messages
     */
    public MultiheadAttention(long embedDim, long numHeads, MultiheadAttentionOptions options) {
        if (embedDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("embed_dim and num_heads must be greater than 0, got embed_dim="
                    + embedDim + " and num_heads=" + numHeads + " instead");
        }
        this.embedDim = embedDim;
        this.kdim = options.kdim() != null ? options.kdim() : embedDim;
        this.vdim = options.vdim() != null ? options.vdim() : embedDim;
        this.qkvSameEmbedDim = kdim == embedDim && vdim == embedDim;
        this.numHeads = numHeads;
        this.options = options;
        this.headDim = embedDim / numHeads;
        if (headDim * numHeads != embedDim) {
            throw new IllegalArgumentException("embed_dim must be divisible by num_heads");
        }
        TensorOptions f32 = TensorOptions.defaults().dtype(DType.FLOAT32);
        if (!qkvSameEmbedDim) {
            qProjWeight = registerParameter("q_proj_weight", Torch.empty(new long[] {embedDim, embedDim}, f32));
            kProjWeight = registerParameter("k_proj_weight", Torch.empty(new long[] {embedDim, kdim}, f32));
            vProjWeight = registerParameter("v_proj_weight", Torch.empty(new long[] {embedDim, vdim}, f32));
            inProjWeight = null;
        } else {
            inProjWeight = registerParameter("in_proj_weight", Torch.empty(new long[] {3 * embedDim, embedDim}, f32));
            qProjWeight = null;
            kProjWeight = null;
            vProjWeight = null;
        }
        inProjBias = options.bias()
                ? registerParameter("in_proj_bias", Torch.empty(new long[] {3 * embedDim}, f32)) : null;
        outProj = register("out_proj", new Linear(embedDim, embedDim, options.bias()));
        if (options.addBiasKv()) {
            biasK = registerParameter("bias_k", Torch.empty(new long[] {1, 1, embedDim}, f32));
            biasV = registerParameter("bias_v", Torch.empty(new long[] {1, 1, embedDim}, f32));
        } else {
            biasK = null;
            biasV = null;
        }
        resetParameters();
        for (Tensor p : new Tensor[] {inProjWeight, qProjWeight, kProjWeight, vProjWeight, inProjBias, biasK, biasV}) {
            if (p != null) {
                p.requiresGrad_(true);
            }
        }
    }

    private void resetParameters() {
        if (qkvSameEmbedDim) {
            Init.xavierUniform_(inProjWeight);
        } else {
            Init.xavierUniform_(qProjWeight);
            Init.xavierUniform_(kProjWeight);
            Init.xavierUniform_(vProjWeight);
        }
        if (inProjBias != null) {
            Init.constant_(inProjBias, 0.);
            Init.constant_(outProj.bias(), 0.);
        }
        if (biasK != null) {
            Init.xavierNormal_(biasK);
        }
        if (biasV != null) {
            Init.xavierNormal_(biasV);
        }
    }

    /** A copy with parameters of its own (what {@code copy.deepcopy} makes), for layer stacks. */
    MultiheadAttention(MultiheadAttention source) {
        this.embedDim = source.embedDim;
        this.kdim = source.kdim;
        this.vdim = source.vdim;
        this.qkvSameEmbedDim = source.qkvSameEmbedDim;
        this.numHeads = source.numHeads;
        this.headDim = source.headDim;
        this.options = source.options;
        this.qProjWeight = copy("q_proj_weight", source.qProjWeight);
        this.kProjWeight = copy("k_proj_weight", source.kProjWeight);
        this.vProjWeight = copy("v_proj_weight", source.vProjWeight);
        this.inProjWeight = copy("in_proj_weight", source.inProjWeight);
        this.inProjBias = copy("in_proj_bias", source.inProjBias);
        this.outProj = register("out_proj", new Linear(source.outProj));
        this.biasK = copy("bias_k", source.biasK);
        this.biasV = copy("bias_v", source.biasV);
        train(source.isTraining());
    }

    private Tensor copy(String name, Tensor source) {
        return source == null ? null : registerParameter(name, Modules.copyParameter(source));
    }

    // ------------------------------------------------------------------ forward

    /** Like {@code mha(query, key, value)}: attention weights returned, averaged over heads. */
    public Output forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true, false);
    }

    /** Like {@code mha(query, key, value, key_padding_mask)}. */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask) {
        return forward(query, key, value, keyPaddingMask, true, null, true, false);
    }

    /** Like {@code mha(query, key, value, key_padding_mask, need_weights)}. */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights) {
        return forward(query, key, value, keyPaddingMask, needWeights, null, true, false);
    }

    /** Like {@code mha(query, key, value, key_padding_mask, need_weights, attn_mask)}. */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
            Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, needWeights, attnMask, true, false);
    }

    /**
     * Attends, like {@code mha(query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
     * average_attn_weights=True, is_causal=False)}.
     *
     * @param keyPaddingMask     {@code (N, S)} (unbatched {@code (S)}): true (bool) marks keys to ignore, or a
     *                           float mask added to the scores; null for none
     * @param needWeights        whether to return the attention weights (else {@code attnOutputWeights} is null
     *                           and the fused {@code scaled_dot_product_attention} kernel is used)
     * @param attnMask           {@code (L, S)} or {@code (N * numHeads, L, S)}: true (bool) forbids attending, a
     *                           float mask is added to the scores; null for none
     * @param averageAttnWeights whether the returned weights are averaged over heads
     * @param isCausal           a hint that {@code attnMask} is the causal mask (which must still be given)
     * @throws IllegalArgumentException for shapes or mask types Python rejects, with Python's messages
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
            Tensor attnMask, boolean averageAttnWeights, boolean isCausal) {
        boolean isBatched = query.dim() == 3;
        try (TensorScope scope = Torch.scope()) {
            Tensor kpm = canonicalMask(keyPaddingMask, "key_padding_mask", attnMask, "attn_mask", query.dtype(), true);
            Tensor mask = canonicalMask(attnMask, "attn_mask", null, "", query.dtype(), false);
            Tensor q = query;
            Tensor k = key;
            Tensor v = value;
            if (options.batchFirst() && isBatched) {
                if (key == value) {
                    if (query == key) {
                        q = k = v = query.transpose(1, 0);
                    } else {
                        q = query.transpose(1, 0);
                        k = v = key.transpose(1, 0);
                    }
                } else {
                    q = query.transpose(1, 0);
                    k = key.transpose(1, 0);
                    v = value.transpose(1, 0);
                }
            }
            Tensor[] out = attention(q, k, v, kpm, needWeights, mask, averageAttnWeights, isCausal);
            Tensor o = options.batchFirst() && isBatched ? out[0].transpose(1, 0) : out[0];
            scope.keep(o);
            if (out[1] != null) {
                scope.keep(out[1]);
            }
            return observe(new Output(o, out[1]));
        }
    }

    /**
     * PyTorch's {@code F._canonical_mask}: a bool mask becomes a float mask of {@code targetType} with
     * {@code -inf} where true; a float mask is kept.
     */
    static Tensor canonicalMask(Tensor mask, String maskName, Tensor other, String otherName, DType targetType,
            boolean checkOther) {
        if (mask == null) {
            return null;
        }
        boolean isFloat = mask.dtype().isFloatingPoint();
        if (mask.dtype() != DType.BOOL && !isFloat) {
            throw new IllegalArgumentException("only bool and floating types of " + maskName + " are supported");
        }
        if (checkOther && other != null && mask.dtype() != other.dtype()) {
            Functional.warn("Support for mismatched " + maskName + " and " + otherName + " is deprecated. Use same "
                    + "type for both instead.");
        }
        if (!isFloat) {
            return Torch.zerosLike(mask, TensorOptions.defaults().dtype(targetType)).maskedFill_(mask,
                    Double.NEGATIVE_INFINITY);
        }
        return mask;
    }

    /** {@code F.multi_head_attention_forward} on sequence-first tensors; masks already canonical. */
    private Tensor[] attention(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
            Tensor attnMask, boolean averageAttnWeights, boolean isCausal) {
        boolean isBatched = shapeCheck(query, key, value, keyPaddingMask, attnMask);
        if (!isBatched) {
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
            if (keyPaddingMask != null) {
                keyPaddingMask = keyPaddingMask.unsqueeze(0);
            }
        }
        long tgtLen = query.size(0);
        long bsz = query.size(1);
        long embed = query.size(2);
        long srcLen = key.size(0);
        keyPaddingMask = canonicalMask(keyPaddingMask, "key_padding_mask", attnMask, "attn_mask", query.dtype(), true);
        if (isCausal && attnMask == null) {
            throw new IllegalArgumentException("Need attn_mask if specifying the is_causal hint. You may use the "
                    + "Transformer module method `generate_square_subsequent_mask` to create this mask.");
        }
        if (isCausal && keyPaddingMask == null && !needWeights) {
            attnMask = null;
        } else {
            attnMask = canonicalMask(attnMask, "attn_mask", null, "", query.dtype(), false);
            if (keyPaddingMask != null) {
                isCausal = false;
            }
        }
        if (embed != embedDim) {
            throw new IllegalArgumentException("was expecting embedding dimension of " + embedDim + ", but got " + embed);
        }
        if (!qkvSameEmbedDim) {
            if (key.size(0) != value.size(0) || key.size(1) != value.size(1)) {
                throw new IllegalArgumentException("key's sequence and batch dims torch.Size(["
                        + key.size(0) + ", " + key.size(1) + "]) do not match value's torch.Size([" + value.size(0)
                        + ", " + value.size(1) + "])");
            }
        } else if (!Arrays.equals(key.shape(), value.shape())) {
            throw new IllegalArgumentException("key shape " + Functional.size(key) + " does not match value shape "
                    + Functional.size(value));
        }

        Tensor q;
        Tensor k;
        Tensor v;
        if (qkvSameEmbedDim) {
            Tensor[] qkv = inProjectionPacked(query, key, value, inProjWeight, inProjBias);
            q = qkv[0];
            k = qkv[1];
            v = qkv[2];
        } else {
            Tensor[] b = chunk3(inProjBias);
            q = Functional.linear(query, qProjWeight, b[0]);
            k = Functional.linear(key, kProjWeight, b[1]);
            v = Functional.linear(value, vProjWeight, b[2]);
        }

        if (attnMask != null) {
            if (attnMask.dim() == 2) {
                if (attnMask.size(0) != tgtLen || attnMask.size(1) != srcLen) {
                    throw new IllegalArgumentException("The shape of the 2D attn_mask is " + Functional.size(attnMask)
                            + ", but should be (" + tgtLen + ", " + srcLen + ").");
                }
                attnMask = attnMask.unsqueeze(0);
            } else if (attnMask.dim() == 3) {
                if (attnMask.size(0) != bsz * numHeads || attnMask.size(1) != tgtLen || attnMask.size(2) != srcLen) {
                    throw new IllegalArgumentException("The shape of the 3D attn_mask is " + Functional.size(attnMask)
                            + ", but should be (" + (bsz * numHeads) + ", " + tgtLen + ", " + srcLen + ").");
                }
            } else {
                throw new IllegalArgumentException("attn_mask's dimension " + attnMask.dim() + " is not supported");
            }
        }

        if (biasK != null && biasV != null) {
            k = Torch.cat(List.of(k, biasK.repeat(1, bsz, 1)), 0);
            v = Torch.cat(List.of(v, biasV.repeat(1, bsz, 1)), 0);
            if (attnMask != null) {
                attnMask = Functional.pad(attnMask, 0, 1);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = Functional.pad(keyPaddingMask, 0, 1);
            }
        }

        q = q.view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
        k = k.view(k.size(0), bsz * numHeads, headDim).transpose(0, 1);
        v = v.view(v.size(0), bsz * numHeads, headDim).transpose(0, 1);

        if (options.addZeroAttn()) {
            TensorOptions like = TensorOptions.defaults().dtype(k.dtype()).device(k.device());
            k = Torch.cat(List.of(k, Torch.zeros(new long[] {bsz * numHeads, 1, headDim}, like)), 1);
            v = Torch.cat(List.of(v, Torch.zeros(new long[] {bsz * numHeads, 1, headDim}, like)), 1);
            if (attnMask != null) {
                attnMask = Functional.pad(attnMask, 0, 1);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = Functional.pad(keyPaddingMask, 0, 1);
            }
        }

        srcLen = k.size(1);
        if (keyPaddingMask != null) {
            if (keyPaddingMask.dim() != 2 || keyPaddingMask.size(0) != bsz || keyPaddingMask.size(1) != srcLen) {
                throw new IllegalArgumentException("expecting key_padding_mask shape of (" + bsz + ", " + srcLen
                        + "), but got " + Functional.size(keyPaddingMask));
            }
            keyPaddingMask = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1)
                    .reshape(bsz * numHeads, 1, srcLen);
            attnMask = attnMask == null ? keyPaddingMask : attnMask.add(keyPaddingMask);
        }

        double dropoutP = isTraining() ? options.dropout() : 0.0;

        if (needWeights) {
            long e = q.size(2);
            Tensor qScaled = q.mul(Math.sqrt(1.0 / (double) e));
            Tensor weights = attnMask != null ? Torch.baddbmm(attnMask, qScaled, k.transpose(-2, -1))
                    : Torch.bmm(qScaled, k.transpose(-2, -1));
            weights = Functional.softmax(weights, -1);
            if (dropoutP > 0.0) {
                weights = Functional.dropout(weights, dropoutP);
            }
            Tensor out = Torch.bmm(weights, v);
            out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
            out = outProj.forward(out);
            out = out.view(tgtLen, bsz, out.size(1));
            weights = weights.view(bsz, numHeads, tgtLen, srcLen);
            if (averageAttnWeights) {
                weights = weights.mean(new long[] {1});
            }
            if (!isBatched) {
                out = out.squeeze(1);
                weights = weights.squeeze(0);
            }
            return new Tensor[] {out, weights};
        }
        if (attnMask != null) {
            if (attnMask.size(0) == 1 && attnMask.dim() == 3) {
                attnMask = attnMask.unsqueeze(0);
            } else {
                attnMask = attnMask.view(bsz, numHeads, -1, srcLen);
            }
        }
        q = q.view(bsz, numHeads, tgtLen, headDim);
        k = k.view(bsz, numHeads, srcLen, headDim);
        v = v.view(bsz, numHeads, srcLen, headDim);
        Tensor out = Functional.scaledDotProductAttention(q, k, v, attnMask, dropoutP, isCausal);
        out = out.permute(2, 0, 1, 3).contiguous().view(bsz * tgtLen, embedDim);
        out = outProj.forward(out);
        out = out.view(tgtLen, bsz, out.size(1));
        if (!isBatched) {
            out = out.squeeze(1);
        }
        return new Tensor[] {out, null};
    }

    /** PyTorch's {@code _in_projection_packed}: one projection for self-attention, two for shared key and value. */
    private static Tensor[] inProjectionPacked(Tensor q, Tensor k, Tensor v, Tensor w, Tensor b) {
        long e = q.size(-1);
        if (k == v) {
            if (q == k) {
                Tensor proj = Functional.linear(q, w, b);
                proj = proj.unflatten(-1, new long[] {3, e}).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
                return new Tensor[] {proj.select(0, 0), proj.select(0, 1), proj.select(0, 2)};
            }
            List<Tensor> ws = w.split(new long[] {e, e * 2}, 0);
            Tensor bq = null;
            Tensor bkv = null;
            if (b != null) {
                List<Tensor> bs = b.split(new long[] {e, e * 2}, 0);
                bq = bs.get(0);
                bkv = bs.get(1);
            }
            Tensor qProj = Functional.linear(q, ws.get(0), bq);
            Tensor kvProj = Functional.linear(k, ws.get(1), bkv);
            kvProj = kvProj.unflatten(-1, new long[] {2, e}).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
            return new Tensor[] {qProj, kvProj.select(0, 0), kvProj.select(0, 1)};
        }
        List<Tensor> ws = w.chunk(3);
        Tensor[] bs = chunk3(b);
        return new Tensor[] {Functional.linear(q, ws.get(0), bs[0]), Functional.linear(k, ws.get(1), bs[1]),
            Functional.linear(v, ws.get(2), bs[2])};
    }

    /** The query, key and value parts of a packed bias, like {@code b.chunk(3)}; three nulls for none. */
    private static Tensor[] chunk3(Tensor b) {
        return b == null ? new Tensor[3] : b.chunk(3).toArray(new Tensor[0]);
    }

    /** PyTorch's {@code _mha_shape_check}. @return whether the input is batched */
    private boolean shapeCheck(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
        if (query.dim() == 3) {
            if (key.dim() != 3 || value.dim() != 3) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `key` and `value` to be 3-D but "
                        + "found " + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 2) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `key_padding_mask` to be `None` "
                        + "or 2-D but found " + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null && attnMask.dim() != 2 && attnMask.dim() != 3) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D "
                        + "or 3-D but found " + attnMask.dim() + "-D tensor instead");
            }
            return true;
        }
        if (query.dim() == 2) {
            if (key.dim() != 2 || value.dim() != 2) {
                throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `key` and `value` to be 2-D "
                        + "but found " + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 1) {
                throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `key_padding_mask` to be "
                        + "`None` or 1-D but found " + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null) {
                if (attnMask.dim() != 2 && attnMask.dim() != 3) {
                    throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `attn_mask` to be `None`, "
                            + "2-D or 3-D but found " + attnMask.dim() + "-D tensor instead");
                }
                if (attnMask.dim() == 3) {
                    long[] expected = {numHeads, query.size(0), key.size(0)};
                    if (!Arrays.equals(attnMask.shape(), expected)) {
                        throw new IllegalArgumentException("Expected `attn_mask` shape to be " + PyRepr.tuple(expected)
                                + " but got " + Functional.size(attnMask));
                    }
                }
            }
            return false;
        }
        throw new IllegalArgumentException("query should be unbatched 2D or batched 3D tensor but received "
                + query.dim() + "-D query tensor");
    }

    // ------------------------------------------------------------------ accessors

    /** @return the {@code (3E, E)} packed input projection, or null when {@code kdim}/{@code vdim} differ */
    public Tensor inProjWeight() {
        return inProjWeight;
    }

    /** @return the {@code (3E)} input projection bias, or null without bias */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /** @return the output projection {@code out_proj} */
    public Linear outProj() {
        return outProj;
    }

    /** @return the embedding dimension {@code E} */
    public long embedDim() {
        return embedDim;
    }

    /** @return the number of heads */
    public long numHeads() {
        return numHeads;
    }

    /** @return whether inputs are batch first */
    public boolean batchFirst() {
        return options.batchFirst();
    }

    boolean qkvSameEmbedDim() {
        return qkvSameEmbedDim;
    }

    Tensor[] fastPathTensors() {
        return new Tensor[] {inProjWeight, inProjBias, outProj.weight(), outProj.bias()};
    }
}
