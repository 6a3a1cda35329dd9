package dev.torch4j.optim;

import dev.torch4j.Tensor;
import java.util.Collection;
import java.util.List;

/**
 * The AdamW optimizer, mirroring {@code torch.optim.AdamW}: Adam with decoupled weight decay
 * ({@code param *= 1 - lr * weight_decay} before the update, default {@code weight_decay=1e-2}). As in
 * recent PyTorch 2 releases it is an {@link Adam} with {@code decoupled_weight_decay=True}, which its param
 * groups and state dict show; each step is libtorch's fused AdamW kernel ({@code torch._fused_adamw_}).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html">torch.optim.AdamW</a>
 */
public final class AdamW extends Adam {
    /**
     * Like {@code AdamW(params)} with PyTorch's defaults.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list or a non-leaf tensor
     */
    public AdamW(Collection<Tensor> params) {
        this(params, AdamWOptions.defaults());
    }

    /**
     * Like {@code AdamW(params, **options)}.
     *
     * @param params  the tensors to optimise
     * @param options the keyword arguments
     * @throws IllegalArgumentException for an invalid option (PyTorch's message), an empty list or a non-leaf tensor
     */
    public AdamW(Collection<Tensor> params, AdamWOptions options) {
        super(params, options.asMap());
    }

    /**
     * Like {@code AdamW([{'params': ...}, ...], **options)}: one param group each.
     *
     * @param groups  the groups; options a group doesn't set come from {@code options}
     * @param options the defaults
     * @throws IllegalArgumentException for an invalid option, no groups, or a tensor in two groups
     */
    public AdamW(List<ParamGroup> groups, AdamWOptions options) {
        super(groups, options.asMap());
    }
}
