package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The RMSprop optimizer, mirroring {@code torch.optim.RMSprop} (PyTorch 2's arithmetic and state:
 * {@code step}, {@code square_avg}, {@code momentum_buffer} when {@code momentum > 0}, {@code grad_avg}
 * when centered), run as PyTorch's single-tensor formula.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html">torch.optim.RMSprop</a>
 */
public final class RMSprop extends Optimizer {
    /**
     * Like {@code RMSprop(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public RMSprop(Collection<Tensor> params) {
        this(params, RMSpropOptions.defaults());
    }

    /**
     * Like {@code RMSprop(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public RMSprop(Collection<Tensor> params, RMSpropOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code RMSprop([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public RMSprop(List<ParamGroup> groups, RMSpropOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "eps", "epsilon value");
        Hyper.nonNegative(d, "momentum", "momentum value");
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        Hyper.nonNegative(d, "alpha", "alpha value");
        return d;
    }

    /**
     * One RMSprop update of every parameter with a gradient, with each group's current options.
     *
     * @throws TorchException        for a sparse gradient (PyTorch's message)
     * @throws IllegalStateException when this optimizer or a parameter was closed
     */
    @Override
    public void step() {
        checkOpen();
        for (ParamGroup group : paramGroups()) {
            Map<String, Object> o = group.options();
            double lr = group.lr();
            double alpha = Hyper.num(o, "alpha");
            double eps = Hyper.num(o, "eps");
            double weightDecay = Hyper.num(o, "weight_decay");
            double momentum = Hyper.num(o, "momentum");
            boolean centered = Hyper.bool(o, "centered");
            boolean maximize = Hyper.bool(o, "maximize");
            forEachWithGradient(group, "RMSprop", (param, gradient, s) -> {
                Tensor grad = gradient;
                if (s.isEmpty()) {
                    s.put("step", stepTensor(0));
                    s.put("square_avg", Torch.zerosLike(param).unscoped());
                    if (momentum > 0) {
                        s.put("momentum_buffer", Torch.zerosLike(param).unscoped());
                    }
                    if (centered) {
                        s.put("grad_avg", Torch.zerosLike(param).unscoped());
                    }
                }
                if (maximize) {
                    grad = grad.neg();
                }
                ((Tensor) s.get("step")).add_(1.0);
                if (weightDecay != 0) {
                    grad = grad.add(param, weightDecay);
                }
                Tensor squareAvg = follow((Tensor) s.get("square_avg"), param);
                squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
                Tensor avg;
                if (centered) {
                    Tensor gradAvg = follow(lazy(s, "grad_avg", param), param);
                    gradAvg.lerp_(grad, 1 - alpha);
                    avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
                } else {
                    avg = squareAvg.sqrt();
                }
                avg = avg.add_(eps);
                if (momentum > 0) {
                    Tensor buf = follow(lazy(s, "momentum_buffer", param), param);
                    buf.mul_(momentum).addcdiv_(grad, avg);
                    param.add_(buf, -lr);
                } else {
                    param.addcdiv_(grad, avg, -lr);
                }
            });
        }
    }
}
