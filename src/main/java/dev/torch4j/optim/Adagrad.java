package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.internal.FusedOptimizer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Adagrad optimizer, mirroring {@code torch.optim.Adagrad}: state {@code step} and {@code sum}
 * (made for every parameter when its group is added, {@code sum} filled with
 * {@code initial_accumulator_value}, as PyTorch does).
 *
 * <p>On CPU each step is one call of libtorch's fused Adagrad kernel ({@code torch._fused_adagrad_})
 * per param group and dtype; on CUDA, and for parameters that kernel can't take, PyTorch's
 * single-tensor formula. Sparse gradients are not supported yet (PyTorch's sparse branch needs
 * sparse-tensor operations torch4j does not expose).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html">torch.optim.Adagrad</a>
 */
public final class Adagrad extends Optimizer {
    /**
     * Like {@code Adagrad(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public Adagrad(Collection<Tensor> params) {
        this(params, AdagradOptions.defaults());
    }

    /**
     * Like {@code Adagrad(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public Adagrad(Collection<Tensor> params, AdagradOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code Adagrad([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public Adagrad(List<ParamGroup> groups, AdagradOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "lr_decay", "lr_decay value");
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        Hyper.nonNegative(d, "initial_accumulator_value", "initial_accumulator_value value");
        Hyper.nonNegative(d, "eps", "epsilon value");
        return d;
    }

    @Override
    void groupAdded(ParamGroup group) {
        for (Tensor p : group.params()) {
            state(p, group);
        }
    }

    private Map<String, Object> state(Tensor p, ParamGroup group) {
        Map<String, Object> s = stateOf(p);
        if (s.isEmpty()) {
            try (var g = Torch.noGrad()) {
                s.put("step", stepTensor(0));
                s.put("sum", Torch.fullLike(p, group.getDouble("initial_accumulator_value")).unscoped());
            }
        }
        return s;
    }

    /**
     * One Adagrad update of every parameter with a gradient, with each group's current options.
     *
     * @throws UnsupportedOperationException for a sparse gradient
     * @throws IllegalStateException         when this optimizer or a parameter was closed
     */
    @Override
    public void step() {
        checkOpen();
        for (ParamGroup group : paramGroups()) {
            stepGroup(group);
        }
    }

    private void stepGroup(ParamGroup group) {
        Map<String, Object> o = group.options();
        double lr = group.lr();
        double lrDecay = Hyper.num(o, "lr_decay");
        double weightDecay = Hyper.num(o, "weight_decay");
        double eps = Hyper.num(o, "eps");
        boolean maximize = Hyper.bool(o, "maximize");
        List<Tensor> ps = group.params();
        FusedOptimizer kernel = kernels.of(group, FusedOptimizer.Kernel.ADAGRAD);
        boolean[] has = kernel.begin(ps);
        try {
            Tensor[][] states = new Tensor[ps.size()][];
            Tensor[] steps = new Tensor[ps.size()];
            for (int i = 0; i < has.length; i++) {
                if (!has[i]) {
                    continue;
                }
                if (kernel.sparse(i)) {
                    throw new UnsupportedOperationException("torch4j's Adagrad does not support sparse gradients yet");
                }
                Map<String, Object> s = state(ps.get(i), group);
                states[i] = new Tensor[] {(Tensor) s.get("sum")};
                steps[i] = (Tensor) s.get("step");
            }
            int[] loose = kernel.run(has, states, steps, lr, lrDecay, weightDecay, eps, maximize);
            for (int i = 0; i < has.length; i++) {
                if (has[i]) {
                    installStep(stateOf(ps.get(i)), steps[i]);
                }
            }
            for (int i : loose) {
                singleTensor(ps.get(i), stateOf(ps.get(i)), lr, lrDecay, weightDecay, eps, maximize);
            }
        } finally {
            kernel.end();
        }
    }

    /** PyTorch's {@code _single_tensor_adagrad} for one parameter with a dense gradient. */
    private static void singleTensor(Tensor param, Map<String, Object> s, double lr, double lrDecay, double weightDecay,
            double eps, boolean maximize) {
        try (var scope = Torch.scope(); var g = Torch.noGrad()) {
            Tensor stepT = (Tensor) s.get("step");
            Tensor sum = follow((Tensor) s.get("sum"), param);
            stepT.add_(1.0);
            double step = stepT.item();
            Tensor grad = param.grad();
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = grad.add(param, weightDecay);
            }
            double clr = lr / (1 + (step - 1) * lrDecay);
            sum.addcmul_(grad, grad, 1.0);
            Tensor std = sum.sqrt().add_(eps);
            param.addcdiv_(grad, std, -clr);
        }
    }

}
