package dev.torch4j.nn;

import dev.torch4j.TensorOptions;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.Aminmax;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, mirroring
 * {@code nn.Embedding}. Input: integer indices of any shape {@code (*)}; output {@code (*, embeddingDim)}.
 * The weight is initialised from N(0, 1) with the padding row zeroed, drawing from the global
 * generator in PyTorch's order (so the same seed gives PyTorch's values).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Embedding.html">torch.nn.Embedding</a>
 */
public class Embedding extends Module implements TensorModule {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final long paddingIdx;
    private final EmbeddingOptions options;
    private final Tensor weight;

    /** Like {@code nn.Embedding(num_embeddings, embedding_dim)} with default options. */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, EmbeddingOptions.defaults());
    }

    /**
     * Like {@code nn.Embedding(num_embeddings, embedding_dim, **options)}.
     *
     * @throws IllegalArgumentException if a size is not positive or {@code paddingIdx} is out of range
     */
    public Embedding(long numEmbeddings, long embeddingDim, EmbeddingOptions options) {
        this(numEmbeddings, embeddingDim, options, null, false);
    }

    private Embedding(long numEmbeddings, long embeddingDim, EmbeddingOptions options, Tensor pretrained,
            boolean freeze) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("num_embeddings and embedding_dim must be positive, got ("
                    + numEmbeddings + ", " + embeddingDim + ")");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.options = options;
        this.paddingIdx = resolvePaddingIdx(options.paddingIdx(), numEmbeddings);
        if (options.maxNorm() != null && !(options.maxNorm() > 0)) {
            throw new IllegalArgumentException("max_norm must be positive, got " + options.maxNorm());
        }
        Tensor w;
        if (pretrained == null) {
            w = Torch.empty(new long[] {numEmbeddings, embeddingDim}, TensorOptions.defaults().dtype(DType.FLOAT32).device(Device.cpu()));
            w.normal_(0, 1);
            if (paddingIdx >= 0) {
                try (Tensor row = w.select(0, paddingIdx)) {
                    row.fill_(0);
                }
            }
        } else {
            w = pretrained.detach();
        }
        weight = registerParameter("weight", w, pretrained == null || !freeze);
    }

    private static long resolvePaddingIdx(Long idx, long numEmbeddings) {
        if (idx == null) {
            return -1;
        }
        if (idx >= numEmbeddings || idx < -numEmbeddings) {
            throw new IllegalArgumentException("Padding_idx must be within num_embeddings: expected "
                    + (-numEmbeddings) + " <= padding_idx < " + numEmbeddings + ", got " + idx);
        }
        return idx < 0 ? idx + numEmbeddings : idx;
    }

    /**
     * Like {@code nn.Embedding.from_pretrained(embeddings)}: frozen (no gradient).
     *
     * @param embeddings a 2-D float tensor {@code (num_embeddings, embedding_dim)}; the module shares its memory
     */
    public static Embedding fromPretrained(Tensor embeddings) {
        return fromPretrained(embeddings, true, EmbeddingOptions.defaults());
    }

    /**
     * Like {@code nn.Embedding.from_pretrained(embeddings, freeze)}.
     *
     * @param freeze true (PyTorch's default) means {@code requires_grad=False}
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze) {
        return fromPretrained(embeddings, freeze, EmbeddingOptions.defaults());
    }

    /**
     * Like {@code nn.Embedding.from_pretrained(embeddings, freeze, **options)}. The padding row is
     * taken as given, not zeroed, as in PyTorch.
     *
     * @throws IllegalArgumentException if {@code embeddings} is not 2-D floating point
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze, EmbeddingOptions options) {
        long[] s = embeddings.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional, got "
                    + s.length + "-D tensor of shape " + Tensor.shapeString(s));
        }
        if (!embeddings.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be floating point, got "
                    + embeddings.dtype());
        }
        return new Embedding(s[0], s[1], options, embeddings, freeze);
    }

    /**
     * Looks up rows, like {@code embedding(input)}.
     *
     * @param input int64 or int32 indices of shape {@code (*)}
     * @return {@code (*, embeddingDim)}
     * @throws IllegalArgumentException for non-integer indices, indices outside
     *         {@code [0, numEmbeddings)}, or an input on another device
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input.isCuda()) {
            checkRange(input);
        }
        if (options.maxNorm() != null) {
            try (NoGradGuard g = Torch.noGrad()) {
                Torch.embeddingRenorm_(weight, input, options.maxNorm(), options.normType());
            }
        }
        return observe(Torch.embedding(weight, input, paddingIdx, options.scaleGradByFreq(), options.sparse()));
    }

    /**
     * On CUDA an index out of range fails as a device-side assertion that leaves the CUDA context
     * unusable for the rest of the process, so it is refused here with CPU libtorch's message.
     */
    private void checkRange(Tensor input) {
        if (input.numel() == 0) {
            return;
        }
        Aminmax bounds = input.aminmax();
        long lo = (long) bounds.min().item();
        long hi = (long) bounds.max().item();
        if (lo < 0 || hi >= numEmbeddings) {
            throw new IllegalArgumentException("index out of range in self: Embedding(" + numEmbeddings + ", "
                    + embeddingDim + ") expects indices in [0, " + numEmbeddings + "), got " + (lo < 0 ? lo : hi));
        }
    }

    /** @return the {@code (numEmbeddings, embeddingDim)} weight parameter */
    public Tensor weight() {
        return weight;
    }

    /** @return the number of rows */
    public long numEmbeddings() {
        return numEmbeddings;
    }

    /** @return the size of each row */
    public long embeddingDim() {
        return embeddingDim;
    }

    /** @return the resolved (non-negative) padding index, or -1 for none */
    public long paddingIdx() {
        return paddingIdx;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(numEmbeddings).append(", ").append(embeddingDim);
        if (paddingIdx >= 0) {
            s.append(", padding_idx=").append(paddingIdx);
        }
        if (options.maxNorm() != null) {
            s.append(", max_norm=").append(options.maxNorm());
        }
        if (options.normType() != 2.0) {
            s.append(", norm_type=").append(options.normType());
        }
        if (options.scaleGradByFreq()) {
            s.append(", scale_grad_by_freq=True");
        }
        if (options.sparse()) {
            s.append(", sparse=True");
        }
        return s.toString();
    }
}
