package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The Kullback-Leibler divergence of a target distribution from input log-probabilities, mirroring
 * {@code nn.KLDivLoss}. Input and target of the same shape {@code (*)}; output a scalar, or {@code (*)}
 * for {@code "none"}. Use {@code reduction("batchmean")} for the mathematical KL divergence.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.KLDivLoss.html">torch.nn.KLDivLoss</a>
 */
public class KLDivLoss extends Module {
    private final KLDivLossOptions options;

    /** Like {@code nn.KLDivLoss()}: reduction {@code "mean"}. */
    public KLDivLoss() {
        this(KLDivLossOptions.defaults());
    }

    /** Like {@code nn.KLDivLoss(**options)}. */
    public KLDivLoss(KLDivLossOptions options) {
        this.options = options;
    }

    /** The loss, like {@code F.kl_div(input, target, reduction=, log_target=)}. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.klDiv(input, target, options);
    }

    /** @return the options this loss was made with */
    public KLDivLossOptions options() {
        return options;
    }
}
