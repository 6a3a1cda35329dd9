package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Whether two inputs are similar (target 1) or dissimilar (target -1) by cosine similarity, mirroring
 * {@code nn.CosineEmbeddingLoss}. Inputs {@code (N, D)} or {@code (D)}, target {@code (N)} or {@code ()};
 * output a scalar for {@code MEAN} and {@code SUM}, {@code (N)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.CosineEmbeddingLoss.html">torch.nn.CosineEmbeddingLoss</a>
 */
public class CosineEmbeddingLoss extends Module {
    private final CosineEmbeddingLossOptions options;

    /** Like {@code nn.CosineEmbeddingLoss()}. */
    public CosineEmbeddingLoss() {
        this(CosineEmbeddingLossOptions.defaults());
    }

    /** Like {@code nn.CosineEmbeddingLoss(**options)}. */
    public CosineEmbeddingLoss(CosineEmbeddingLossOptions options) {
        this.options = options;
    }

    /** The loss, like {@code F.cosine_embedding_loss(input1, input2, target, margin=, reduction=)}. */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return Functional.cosineEmbeddingLoss(input1, input2, target, options);
    }

    /** @return the options this loss was made with */
    public CosineEmbeddingLossOptions options() {
        return options;
    }
}
