package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * {@code max(0, -y * (x1 - x2) + margin)}: whether {@code x1} should rank above {@code x2} (target 1) or
 * below (target -1), mirroring {@code nn.MarginRankingLoss}. Inputs and target {@code (N)} or {@code ()};
 * output a scalar for {@code MEAN} and {@code SUM}, {@code (N)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.MarginRankingLoss.html">torch.nn.MarginRankingLoss</a>
 */
public class MarginRankingLoss extends Module {
    private final MarginRankingLossOptions options;

    /** Like {@code nn.MarginRankingLoss()}. */
    public MarginRankingLoss() {
        this(MarginRankingLossOptions.defaults());
    }

    /** Like {@code nn.MarginRankingLoss(**options)}. */
    public MarginRankingLoss(MarginRankingLossOptions options) {
        this.options = options;
    }

    /**
     * The loss, like {@code F.margin_ranking_loss(input1, input2, target, margin=, reduction=)}.
     *
     * @throws IllegalArgumentException when the three differ in dimension (Python's RuntimeError, with its message)
     */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return Functional.marginRankingLoss(input1, input2, target, options);
    }

    /** @return the options this loss was made with */
    public MarginRankingLossOptions options() {
        return options;
    }
}
