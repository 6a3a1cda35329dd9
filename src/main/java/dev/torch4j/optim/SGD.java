package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.internal.FusedOptimizer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum, mirroring {@code torch.optim.SGD} (PyTorch 2:
 * default {@code lr=1e-3}; state {@code momentum_buffer} only when {@code momentum != 0}).
 *
 * <p>Each step is one call of libtorch's fused SGD kernel ({@code torch._fused_sgd_}) per param group,
 * device and dtype. A parameter's first step with momentum, where PyTorch sets the buffer to the
 * gradient, sparse gradients, and parameters the kernel can't take run PyTorch's single-tensor formula.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.SGD.html">torch.optim.SGD</a>
 */
public final class SGD extends Optimizer {
    /**
     * Like {@code SGD(params)} with PyTorch 2's defaults ({@code lr=1e-3}).
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public SGD(Collection<Tensor> params) {
        this(params, SGDOptions.defaults());
    }

    /**
     * Like {@code SGD(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message, e.g. {@code Nesterov
     *                                  momentum requires a momentum and zero dampening}), an empty list or
     *                                  a non-leaf tensor
     */
    public SGD(Collection<Tensor> params, SGDOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code SGD([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public SGD(List<ParamGroup> groups, SGDOptions options) {
        super(groups, checked(options.asMap()));
    }

    private static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "momentum", "momentum value");
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        boolean nesterov = Hyper.bool(d, "nesterov");
        Hyper.check(!nesterov || (Hyper.num(d, "momentum") > 0 && Hyper.num(d, "dampening") == 0),
                "Nesterov momentum requires a momentum and zero dampening");
        return d;
    }

    /**
     * One SGD update of every parameter with a gradient, with each group's current options.
     *
     * @throws IllegalStateException when this optimizer or a parameter was closed
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
        double momentum = Hyper.num(o, "momentum");
        double dampening = Hyper.num(o, "dampening");
        double weightDecay = Hyper.num(o, "weight_decay");
        boolean nesterov = Hyper.bool(o, "nesterov");
        boolean maximize = Hyper.bool(o, "maximize");
        List<Tensor> ps = group.params();
        FusedOptimizer kernel = kernels.of(group, FusedOptimizer.Kernel.SGD);
        boolean[] has = kernel.begin(ps);
        try {
            boolean[] take = new boolean[has.length];
            Tensor[][] states = new Tensor[ps.size()][];
            for (int i = 0; i < has.length; i++) {
                if (!has[i]) {
                    continue;
                }
                Tensor buffer = null;
                if (momentum != 0) {
                    Map<String, Object> s = stateIfAny(ps.get(i));
                    buffer = s == null ? null : (Tensor) s.get("momentum_buffer");
                    if (buffer == null) {
                        continue; // the first step sets the buffer to the gradient: single-tensor below
                    }
                }
                take[i] = true;
                states[i] = new Tensor[] {buffer};
            }
            int[] loose = kernel.run(take, states, null, weightDecay, momentum, lr, dampening, nesterov, maximize, false);
            for (int i : loose) {
                singleTensor(ps.get(i), lr, momentum, dampening, weightDecay, nesterov, maximize);
            }
            for (int i = 0; i < has.length; i++) {
                if (has[i] && !take[i]) {
                    singleTensor(ps.get(i), lr, momentum, dampening, weightDecay, nesterov, maximize);
                }
            }
        } finally {
            kernel.end();
        }
    }

    /** PyTorch's {@code _single_tensor_sgd} for one parameter. */
    private void singleTensor(Tensor param, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov, boolean maximize) {
        try (var scope = Torch.scope(); var g = Torch.noGrad()) {
            Tensor grad = param.grad();
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = grad.add(param, weightDecay);
            }
            if (momentum != 0) {
                Map<String, Object> s = stateOf(param);
                Tensor buf = (Tensor) s.get("momentum_buffer");
                if (buf == null) {
                    buf = grad.clone().detach().unscoped();
                    s.put("momentum_buffer", buf);
                } else {
                    follow(buf, param).mul_(momentum).add_(grad, 1 - dampening);
                }
                grad = nesterov ? grad.add(buf, momentum) : buf;
            }
            param.add_(grad, -lr);
        }
    }

}
