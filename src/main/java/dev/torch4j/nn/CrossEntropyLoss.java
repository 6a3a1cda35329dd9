package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Cross entropy between logits and targets, mirroring {@code nn.CrossEntropyLoss}: log-softmax and
 * negative log likelihood in one native call. Input {@code (N, C)}, {@code (C)} or {@code (N, C, d1, ...)};
 * target class indices {@code (N)}, {@code ()} or {@code (N, d1, ...)} (int64), or class probabilities of
 * the input's shape (floating point). Output: a scalar for {@code MEAN} and {@code SUM}, the target's
 * shape (without {@code C}) for {@code NONE}. The class weight is a buffer, moved by {@link #to}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html">torch.nn.CrossEntropyLoss</a>
 */
public class CrossEntropyLoss extends Module {
    private final CrossEntropyLossOptions options;
    private final Tensor weight;

    /** Like {@code nn.CrossEntropyLoss()}. */
    public CrossEntropyLoss() {
        this(CrossEntropyLossOptions.defaults());
    }

    /** Like {@code nn.CrossEntropyLoss(**options)}; the weight is registered as the buffer {@code weight}. */
    public CrossEntropyLoss(CrossEntropyLossOptions options) {
        this.weight = registerBuffer("weight", options.weight());
        this.options = options;
    }

    /**
     * The loss, like {@code F.cross_entropy(input, target, weight, ignore_index=, reduction=, label_smoothing=)}.
     *
     * @throws dev.torch4j.TorchException for shapes or classes libtorch rejects (its message)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.crossEntropyLoss(input, target, weight, options.reduction(), options.ignoreIndex(),
                options.labelSmoothing());
    }

    /** @return the options this loss was made with */
    public CrossEntropyLossOptions options() {
        return options;
    }
}
