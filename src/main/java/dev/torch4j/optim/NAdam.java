package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The NAdam optimizer, mirroring {@code torch.optim.NAdam} (PyTorch 2's arithmetic and state:
 * {@code step}, {@code mu_product}, {@code exp_avg}, {@code exp_avg_sq}), run as PyTorch's single-tensor
 * formula. PyTorch 1.13's single-tensor NAdam multiplied {@code mu} into the next product twice; PyTorch
 * 2 (and 1.13's foreach path) does not, and neither does this class.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.NAdam.html">torch.optim.NAdam</a>
 */
public final class NAdam extends Optimizer {
    /**
     * Like {@code NAdam(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public NAdam(Collection<Tensor> params) {
        this(params, NAdamOptions.defaults());
    }

    /**
     * Like {@code NAdam(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public NAdam(Collection<Tensor> params, NAdamOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code NAdam([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public NAdam(List<ParamGroup> groups, NAdamOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "eps", "epsilon value");
        Hyper.betas(d);
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        Hyper.nonNegative(d, "momentum_decay", "momentum_decay value");
        return d;
    }

    /**
     * One NAdam update of every parameter with a gradient, with each group's current options.
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
            double momentumDecay = Hyper.num(o, "momentum_decay");
            boolean decoupled = Hyper.bool(o, "decoupled_weight_decay");
            boolean maximize = Hyper.bool(o, "maximize");
            forEachWithGradient(group, "NAdam", (param, gradient, s) -> {
                Tensor grad = gradient;
                if (s.isEmpty()) {
                    s.put("step", stepTensor(0));
                    s.put("mu_product", stepTensor(1));
                    s.put("exp_avg", Torch.zerosLike(param).unscoped());
                    s.put("exp_avg_sq", Torch.zerosLike(param).unscoped());
                }
                if (maximize) {
                    grad = grad.neg();
                }
                Tensor stepT = (Tensor) s.get("step");
                Tensor muProduct = (Tensor) s.get("mu_product");
                Tensor expAvg = follow((Tensor) s.get("exp_avg"), param);
                Tensor expAvgSq = follow((Tensor) s.get("exp_avg_sq"), param);
                stepT.add_(1.0);
                double step = stepT.item();
                double biasCorrection2 = 1 - Math.pow(beta2, step);
                grad = weightDecay(param, grad, lr, weightDecay, decoupled);
                double mu = beta1 * (1.0 - 0.5 * Math.pow(0.96, step * momentumDecay));
                double muNext = beta1 * (1.0 - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
                muProduct.mul_(mu);
                expAvg.lerp_(grad, 1 - beta1);
                expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
                Tensor denom = expAvgSq.div(biasCorrection2).sqrt();
                double product = muProduct.item();
                double productNext = product * muNext;
                denom.add_(eps);
                param.addcdiv_(grad, denom, -lr * (1.0 - mu) / (1.0 - product));
                param.addcdiv_(expAvg, denom, (-lr * muNext) / (1.0 - productNext));
            });
        }
    }
}
