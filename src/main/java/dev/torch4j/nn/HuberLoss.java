package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The Huber loss: quadratic for {@code |x - y| < delta}, linear beyond, mirroring {@code nn.HuberLoss}. Input and target of the same shape {@code (*)}; output a
 * scalar for {@code MEAN} and {@code SUM}, {@code (*)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html">torch.nn.HuberLoss</a>
 */
public class HuberLoss extends Module {
    private final HuberLossOptions options;

    /** Like {@code nn.HuberLoss()}. */
    public HuberLoss() {
        this(HuberLossOptions.defaults());
    }

    /** Like {@code nn.HuberLoss(**options)}. */
    public HuberLoss(HuberLossOptions options) {
        this.options = options;
    }

    /** The loss, like {@code F.huber_loss(input, target, reduction=, delta=)}. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.huberLoss(input, target, options.reduction(), options.delta());
    }

    /** @return the options this loss was made with */
    public HuberLossOptions options() {
        return options;
    }
}
