package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * The smooth L1 loss: quadratic for {@code |x - y| < beta}, linear beyond, mirroring {@code nn.SmoothL1Loss}. Input and target of the same shape {@code (*)}; output a
 * scalar for {@code MEAN} and {@code SUM}, {@code (*)} for {@code NONE}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.SmoothL1Loss.html">torch.nn.SmoothL1Loss</a>
 */
public class SmoothL1Loss extends Module {
    private final SmoothL1LossOptions options;

    /** Like {@code nn.SmoothL1Loss()}. */
    public SmoothL1Loss() {
        this(SmoothL1LossOptions.defaults());
    }

    /** Like {@code nn.SmoothL1Loss(**options)}. */
    public SmoothL1Loss(SmoothL1LossOptions options) {
        this.options = options;
    }

    /** The loss, like {@code F.smooth_l1_loss(input, target, reduction=, beta=)}. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.smoothL1Loss(input, target, options.reduction(), options.beta());
    }

    /** @return the options this loss was made with */
    public SmoothL1LossOptions options() {
        return options;
    }
}
