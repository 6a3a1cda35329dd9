package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The RAdam optimizer, mirroring {@code torch.optim.RAdam} (PyTorch 2's arithmetic and state:
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq}), run as PyTorch's single-tensor formula.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.RAdam.html">torch.optim.RAdam</a>
 */
public final class RAdam extends Optimizer {
    /**
     * Like {@code RAdam(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public RAdam(Collection<Tensor> params) {
        this(params, RAdamOptions.defaults());
    }

    /**
     * Like {@code RAdam(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public RAdam(Collection<Tensor> params, RAdamOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code RAdam([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public RAdam(List<ParamGroup> groups, RAdamOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "eps", "epsilon value");
        Hyper.betas(d);
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        return d;
    }

    /**
     * One RAdam update of every parameter with a gradient, with each group's current options.
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
            double beta1 = Hyper.at(o, "betas", 0);
            double beta2 = Hyper.at(o, "betas", 1);
            double eps = Hyper.num(o, "eps");
            double weightDecay = Hyper.num(o, "weight_decay");
            boolean decoupled = Hyper.bool(o, "decoupled_weight_decay");
            boolean maximize = Hyper.bool(o, "maximize");
            forEachWithGradient(group, "RAdam", (param, gradient, s) -> {
                Tensor grad = gradient;
                if (s.isEmpty()) {
                    s.put("step", stepTensor(0));
                    s.put("exp_avg", Torch.zerosLike(param).unscoped());
                    s.put("exp_avg_sq", Torch.zerosLike(param).unscoped());
                }
                if (maximize) {
                    grad = grad.neg();
                }
                Tensor stepT = (Tensor) s.get("step");
                Tensor expAvg = follow((Tensor) s.get("exp_avg"), param);
                Tensor expAvgSq = follow((Tensor) s.get("exp_avg_sq"), param);
                stepT.add_(1.0);
                double step = stepT.item();
                grad = weightDecay(param, grad, lr, weightDecay, decoupled);
                expAvg.lerp_(grad, 1 - beta1);
                expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
                double biasCorrection1 = 1 - Math.pow(beta1, step);
                double biasCorrection2 = 1 - Math.pow(beta2, step);
                Tensor biasCorrectedExpAvg = expAvg.div(biasCorrection1);
                double rhoInf = 2 / (1 - beta2) - 1;
                double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / biasCorrection2;
                if (rhoT > 5.0) {
                    double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                    // Python's float / tensor is reciprocal() * float
                    Tensor adaptiveLr = expAvgSq.sqrt().add_(eps).reciprocal().mul(Math.sqrt(biasCorrection2));
                    param.add_(biasCorrectedExpAvg.mul(lr).mul(adaptiveLr).mul(rect), -1.0);
                } else {
                    param.add_(biasCorrectedExpAvg.mul(lr), -1.0);
                }
            });
        }
    }
}
