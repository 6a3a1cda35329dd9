package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TorchException;
import dev.torch4j.internal.FusedOptimizer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Adam optimizer, mirroring {@code torch.optim.Adam} (PyTorch 2's arithmetic and state:
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with amsgrad).
 *
 * <p>Each step is one call of libtorch's fused Adam kernel per param group, device and dtype (what
 * {@code Adam(fused=True)} runs), which on CPU computes the default single-tensor formula's numbers in
 * one pass over each parameter, in place. A parameter that kernel can't take (not contiguous; float16
 * or bfloat16 on CPU) is updated with the single-tensor formula itself. Each group's options are read
 * at every step, so a scheduler's {@code lr} (or OneCycleLR's {@code betas}) takes effect at once. A
 * parameter moved to another device or dtype after its first step takes its state with it.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adam.html">torch.optim.Adam</a>
 */
public class Adam extends Optimizer {
    /**
     * Like {@code Adam(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public Adam(Collection<Tensor> params) {
        this(params, AdamOptions.defaults());
    }

    /**
     * Like {@code Adam(params, **options)}.
     *
     * @param params  the tensors to optimise, typically {@code model.parameters()}
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message, e.g. {@code Invalid
     *                                  learning rate: -1.0}), an empty list or a non-leaf tensor
     */
    public Adam(Collection<Tensor> params, AdamOptions options) {
        super(params, checked(options.asMap()));
    }

    /**
     * Like {@code Adam([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public Adam(List<ParamGroup> groups, AdamOptions options) {
        super(groups, checked(options.asMap()));
    }

    /** For AdamW: the same optimizer with its defaults. */
    Adam(Collection<Tensor> params, Map<String, Object> defaults) {
        super(params, checked(defaults));
    }

    Adam(List<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, checked(defaults));
    }

    /** PyTorch's checks of Adam's (and AdamW's) arguments, in its order. */
    static Map<String, Object> checked(Map<String, Object> d) {
        Hyper.nonNegative(d, "lr", "learning rate");
        Hyper.nonNegative(d, "eps", "epsilon value");
        Hyper.betas(d);
        Hyper.nonNegative(d, "weight_decay", "weight_decay value");
        return d;
    }

    /**
     * One Adam update of every parameter with a gradient, with each group's current options.
     *
     * @throws TorchException        if a gradient is sparse (PyTorch's message: use SparseAdam)
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
        double beta1 = Hyper.at(o, "betas", 0);
        double beta2 = Hyper.at(o, "betas", 1);
        double eps = Hyper.num(o, "eps");
        double weightDecay = Hyper.num(o, "weight_decay");
        boolean amsgrad = Hyper.bool(o, "amsgrad");
        boolean maximize = Hyper.bool(o, "maximize");
        boolean decoupled = o.get("decoupled_weight_decay") instanceof Boolean b && b;
        List<Tensor> ps = group.params();
        FusedOptimizer kernel = kernels.of(group, decoupled ? FusedOptimizer.Kernel.ADAMW : FusedOptimizer.Kernel.ADAM);
        boolean[] has = kernel.begin(ps);
        try {
            Tensor[][] states = new Tensor[ps.size()][];
            Tensor[] steps = new Tensor[ps.size()];
            for (int i = 0; i < has.length; i++) {
                if (!has[i]) {
                    continue;
                }
                if (kernel.sparse(i)) {
                    throw new TorchException("Adam does not support sparse gradients, please consider SparseAdam instead");
                }
                Map<String, Object> s = state(ps.get(i), amsgrad);
                states[i] = new Tensor[] {(Tensor) s.get("exp_avg"), (Tensor) s.get("exp_avg_sq"),
                        amsgrad ? (Tensor) s.get("max_exp_avg_sq") : null};
                steps[i] = (Tensor) s.get("step");
            }
            int[] loose = kernel.run(has, states, steps, lr, beta1, beta2, weightDecay, eps, amsgrad, maximize);
            for (int i = 0; i < has.length; i++) {
                if (has[i]) {
                    installStep(stateOf(ps.get(i)), steps[i]);
                }
            }
            for (int i : loose) {
                singleTensor(ps.get(i), stateOf(ps.get(i)), lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled);
            }
        } finally {
            kernel.end();
        }
    }

    /** The state of {@code p}, made as PyTorch makes it at the parameter's first step. */
    private Map<String, Object> state(Tensor p, boolean amsgrad) {
        Map<String, Object> s = stateOf(p);
        if (s.isEmpty()) {
            s.put("step", stepTensor(0));
            s.put("exp_avg", zeros(p));
            s.put("exp_avg_sq", zeros(p));
        }
        if (amsgrad && !s.containsKey("max_exp_avg_sq")) {
            // made when amsgrad is first on (PyTorch would fail on a group switched to amsgrad later)
            s.put("max_exp_avg_sq", zeros(p));
        }
        return s;
    }

    private static Tensor zeros(Tensor p) {
        try (var g = Torch.noGrad()) {
            return Torch.zerosLike(p).unscoped();
        }
    }

    /** PyTorch's {@code _single_tensor_adam} for one parameter. */
    private static void singleTensor(Tensor param, Map<String, Object> s, double lr, double beta1, double beta2, double eps,
            double weightDecay, boolean amsgrad, boolean maximize, boolean decoupled) {
        try (var scope = Torch.scope(); var g = Torch.noGrad()) {
            Tensor expAvg = follow((Tensor) s.get("exp_avg"), param);
            Tensor expAvgSq = follow((Tensor) s.get("exp_avg_sq"), param);
            Tensor stepT = (Tensor) s.get("step");
            Tensor grad = param.grad();
            if (maximize) {
                grad = grad.neg();
            }
            stepT.add_(1.0);
            grad = weightDecay(param, grad, lr, weightDecay, decoupled);
            expAvg.lerp_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double step = stepT.item();
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            Tensor second = expAvgSq;
            if (amsgrad) {
                Tensor max = follow((Tensor) s.get("max_exp_avg_sq"), param);
                max.copy_(Torch.maximum(max, expAvgSq));
                second = max;
            }
            Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add_(eps);
            param.addcdiv_(expAvg, denom, -stepSize);
        }
    }

}
