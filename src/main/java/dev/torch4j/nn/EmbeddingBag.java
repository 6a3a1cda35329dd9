package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import java.util.Locale;

/**
 * Sums, means or maxima of bags of embeddings without materialising the embeddings, mirroring
 * {@code nn.EmbeddingBag}. Input either 2-D {@code (B, N)} (B bags of N indices) or 1-D indices with
 * {@code offsets} {@code (B)} marking where each bag starts; output {@code (B, embeddingDim)}. The
 * {@code weight} {@code (numEmbeddings, embeddingDim)} is initialised from N(0, 1) with the padding row
 * zeroed, as PyTorch does. One native {@code embedding_bag} call per forward.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.EmbeddingBag.html">torch.nn.EmbeddingBag</a>
 */
public class EmbeddingBag extends Module {
    /** PyTorch's {@code mode}: how a bag is reduced. */
    public enum Mode {
        /** {@code 'sum'}: the (optionally per-sample weighted) sum. */
        SUM,
        /** {@code 'mean'}: the mean (the default). */
        MEAN,
        /** {@code 'max'}: the elementwise maximum. */
        MAX;

        /** @return PyTorch's spelling, e.g. {@code mean} */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final long numEmbeddings;
    private final long embeddingDim;
    private final EmbeddingBagOptions options;
    private final Tensor weight;

    /** Like {@code nn.EmbeddingBag(num_embeddings, embedding_dim)}: mode {@code MEAN}. */
    public EmbeddingBag(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, EmbeddingBagOptions.defaults());
    }

    /**
     * Like {@code nn.EmbeddingBag(num_embeddings, embedding_dim, **options)}.
     *
     * @throws IllegalArgumentException for a padding index outside {@code [-numEmbeddings, numEmbeddings)}
     *         (Python's AssertionError)
     */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, EmbeddingBagOptions options) {
        this(numEmbeddings, embeddingDim, options, null, false);
    }

    private EmbeddingBag(long numEmbeddings, long embeddingDim, EmbeddingBagOptions options, Tensor pretrained,
            boolean freeze) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        if (options.paddingIdx() != null) {
            long idx = options.paddingIdx();
            if ((idx > 0 && idx >= numEmbeddings) || (idx < 0 && idx < -numEmbeddings)) {
                throw new IllegalArgumentException("padding_idx must be within num_embeddings");
            }
            if (idx < 0) {
                options = options.paddingIdx(numEmbeddings + idx);
            }
        }
        this.options = options;
        Tensor w;
        if (pretrained == null) {
            w = Torch.empty(new long[] {numEmbeddings, embeddingDim}, TensorOptions.defaults().dtype(DType.FLOAT32));
            Init.normal_(w);
            if (options.paddingIdx() != null) {
                try (NoGradGuard g = Torch.noGrad(); Tensor row = w.select(0, options.paddingIdx())) {
                    row.fill_(0);
                }
            }
            w.requiresGrad_(true);
        } else {
            w = pretrained.detach().requiresGrad_(!freeze);
        }
        weight = registerParameter("weight", w);
    }

    /**
     * Like {@code nn.EmbeddingBag.from_pretrained(embeddings, freeze=True, **options)}: the module shares the
     * given memory; the padding row is taken as given.
     *
     * @param embeddings a 2-D {@code (num_embeddings, embedding_dim)} tensor
     * @param freeze     true (PyTorch's default) means {@code requires_grad=False}
     * @throws IllegalArgumentException unless {@code embeddings} is 2-D (Python's AssertionError, with its message)
     */
    public static EmbeddingBag fromPretrained(Tensor embeddings, boolean freeze, EmbeddingBagOptions options) {
        if (embeddings.dim() != 2) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional");
        }
        return new EmbeddingBag(embeddings.size(0), embeddings.size(1), options, embeddings, freeze);
    }

    /** Like {@code nn.EmbeddingBag.from_pretrained(embeddings)}: frozen, mode {@code MEAN}. */
    public static EmbeddingBag fromPretrained(Tensor embeddings) {
        return fromPretrained(embeddings, true, EmbeddingBagOptions.defaults());
    }

    /** Reduces each row of a 2-D {@code (B, N)} input, like {@code bag(input)}. @return {@code (B, embeddingDim)} */
    public Tensor forward(Tensor input) {
        return forward(input, null, null);
    }

    /** Reduces the bags of a 1-D input starting at {@code offsets}, like {@code bag(input, offsets)}. */
    public Tensor forward(Tensor input, Tensor offsets) {
        return forward(input, offsets, null);
    }

    /**
     * Like {@code bag(input, offsets, per_sample_weights)}.
     *
     * @param input            int64 or int32 indices, 2-D {@code (B, N)} or 1-D
     * @param offsets          {@code (B)} (or {@code B + 1} with {@code includeLastOffset}) bag starts for a 1-D
     *                         input; null for a 2-D input
     * @param perSampleWeights a weight per index, the input's shape, with mode {@code SUM} only; or null
     * @return {@code (B, embeddingDim)}
     * @throws IllegalArgumentException where Python raises ValueError, with its message
     */
    public Tensor forward(Tensor input, Tensor offsets, Tensor perSampleWeights) {
        return observe(Functional.embeddingBag(input, weight, offsets, perSampleWeights, options));
    }

    /** @return the {@code (numEmbeddings, embeddingDim)} weight parameter */
    public Tensor weight() {
        return weight;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(numEmbeddings).append(", ").append(embeddingDim);
        if (options.maxNorm() != null) {
            s.append(", max_norm=").append(PyRepr.of(options.maxNorm()));
        }
        if (options.normType() != 2) {
            s.append(", norm_type=").append(PyRepr.of(options.normType()));
        }
        if (options.scaleGradByFreq()) {
            s.append(", scale_grad_by_freq=True");
        }
        s.append(", mode=").append(options.mode());
        if (options.paddingIdx() != null) {
            s.append(", padding_idx=").append(options.paddingIdx());
        }
        return s.toString();
    }
}
