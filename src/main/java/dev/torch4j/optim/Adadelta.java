package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Adadelta optimizer, mirroring {@code torch.optim.Adadelta} (PyTorch 2's arithmetic and state:
 * {@code step}, {@code square_avg}, {@code acc_delta}), run as PyTorch's single-tensor formula.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adadelta.html">torch.optim.Adadelta</a>
 */
public final class Adadelta extends Optimizer {
    /**
     * Like {@code Adadelta(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public Adadelta(Collection<Tensor> params) {
        this(params, AdadeltaOptions.defaults());
    }

    /**
     * Like {@code Adadelta(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public Adadelta(Collection<Tensor> params, AdadeltaOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code Adadelta([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public Adadelta(List<ParamGroup> groups, AdadeltaOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        double rho = Hyper.num(d, "rho");
        Hyper.check(0.0 <= rho && rho <= 1.0, "Invalid rho value: " + dev.torch4j.internal.PyValues.repr(d.get("rho")));
        Hyper.nonNegative(d, "eps", "epsilon value");
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        return d;
    }

    /**
     * One Adadelta update of every parameter with a gradient, with each group's current options.
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
            double rho = Hyper.num(o, "rho");
            double eps = Hyper.num(o, "eps");
            double weightDecay = Hyper.num(o, "weight_decay");
            boolean maximize = Hyper.bool(o, "maximize");
            forEachWithGradient(group, "Adadelta", (param, gradient, s) -> {
                Tensor grad = gradient;
                if (s.isEmpty()) {
                    s.put("step", stepTensor(0));
                    s.put("square_avg", Torch.zerosLike(param).unscoped());
                    s.put("acc_delta", Torch.zerosLike(param).unscoped());
                }
                ((Tensor) s.get("step")).add_(1.0);
                if (maximize) {
                    grad = grad.neg();
                }
                if (weightDecay != 0) {
                    grad = grad.add(param, weightDecay);
                }
                Tensor squareAvg = follow((Tensor) s.get("square_avg"), param);
                Tensor accDelta = follow((Tensor) s.get("acc_delta"), param);
                squareAvg.mul_(rho).addcmul_(grad, grad, 1 - rho);
                Tensor std = squareAvg.add(eps).sqrt_();
                Tensor delta = accDelta.add(eps).sqrt_();
                delta.div_(std).mul_(grad);
                accDelta.mul_(rho).addcmul_(delta, delta, 1 - rho);
                param.add_(delta, -lr);
            });
        }
    }
}
