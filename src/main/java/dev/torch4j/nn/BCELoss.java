package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Binary cross entropy of probabilities, mirroring {@code nn.BCELoss}. Input probabilities and target of
 * the same shape {@code (*)}; output a scalar for {@code MEAN} and {@code SUM}, {@code (*)} for
 * {@code NONE}. The weight is a buffer, moved by {@link #to}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html">torch.nn.BCELoss</a>
 */
public class BCELoss extends Module {
    private final BCELossOptions options;
    private final Tensor weight;

    /** Like {@code nn.BCELoss()}. */
    public BCELoss() {
        this(BCELossOptions.defaults());
    }

    /** Like {@code nn.BCELoss(**options)}; the weight is registered as the buffer {@code weight}. */
    public BCELoss(BCELossOptions options) {
        this.weight = registerBuffer("weight", options.weight());
        this.options = options;
    }

    /**
     * The loss, like {@code F.binary_cross_entropy(input, target, weight=, reduction=)}.
     *
     * @throws IllegalArgumentException when the sizes differ (Python's ValueError, with its message)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.binaryCrossEntropy(input, target, weight, options.reduction());
    }

    /** @return the options this loss was made with */
    public BCELossOptions options() {
        return options;
    }
}
