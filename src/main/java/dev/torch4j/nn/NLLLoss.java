package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Negative log likelihood of log-probabilities, mirroring {@code nn.NLLLoss}. Input {@code (N, C)},
 * {@code (C)} or {@code (N, C, d1, ...)}; target int64 class indices {@code (N)}, {@code ()} or
 * {@code (N, d1, ...)}. Output: a scalar for {@code MEAN} (weighted mean) and {@code SUM}, the target's shape
 * for {@code NONE}. The class weight is a buffer, moved by {@link #to}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.NLLLoss.html">torch.nn.NLLLoss</a>
 */
public class NLLLoss extends Module {
    private final NLLLossOptions options;
    private final Tensor weight;

    /** Like {@code nn.NLLLoss()}. */
    public NLLLoss() {
        this(NLLLossOptions.defaults());
    }

    /** Like {@code nn.NLLLoss(**options)}; the weight is registered as the buffer {@code weight}. */
    public NLLLoss(NLLLossOptions options) {
        this.weight = registerBuffer("weight", options.weight());
        this.options = options;
    }

    /**
     * The loss, like {@code F.nll_loss(input, target, weight, ignore_index=, reduction=)}.
     *
     * @throws dev.torch4j.TorchException for shapes or classes libtorch rejects (its message)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.nllLossNd(input, target, weight, options.reduction(), options.ignoreIndex());
    }

    /** @return the options this loss was made with */
    public NLLLossOptions options() {
        return options;
    }
}
