package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.internal.FusedAdam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Adam optimizer, mirroring {@code torch.optim.Adam}. Parameters whose gradient is none (frozen
 * ones) are skipped, as in PyTorch. Each step is one call of libtorch's fused Adam kernel per device
 * and dtype (what {@code Adam(fused=True)} runs), which on CPU computes the default single-tensor
 * formula's numbers (to the last bit in float32) in one pass over each parameter, in place. A
 * parameter that kernel can't take (not contiguous; float16 or bfloat16 on CPU) is updated with the
 * single-tensor formula itself. A parameter moved to another device or dtype after its first step
 * takes its state with it.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adam.html">torch.optim.Adam</a>
 */
public final class Adam extends Optimizer {
    private final FusedAdam adam;
    private final List<Tensor> params;
    private final AdamOptions options;

    /** Like {@code Adam(params)} with PyTorch's defaults. */
    public Adam(Collection<Tensor> params) {
        this(params, AdamOptions.defaults());
    }

    /**
     * Like {@code Adam(params, **options)}.
     *
     * @param params the tensors to optimise, typically {@code model.parameters()}
     * @throws IllegalArgumentException for an empty list, or a tensor that is not a floating point leaf
     */
    public Adam(Collection<Tensor> params, AdamOptions options) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor (grad_fn=" + p.gradFn() + ")");
            }
            if (!p.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("Adam can only optimize floating point Tensors, got " + p.dtype());
            }
        }
        this.params = List.copyOf(params);
        this.options = options;
        adam = new FusedAdam(this.params, options);
    }

    @Override
    public void zeroGrad(boolean setToNone) {
        adam.zeroGrad(setToNone);
    }

    /**
     * One Adam update of every parameter with a gradient.
     *
     * @throws dev.torch4j.TorchException if a gradient is sparse (libtorch's message: use SparseAdam)
     */
    @Override
    public void step() {
        adam.step();
    }

    /** @return the parameters, in the order given */
    public List<Tensor> params() {
        return params;
    }

    /** @return the options */
    public AdamOptions options() {
        return options;
    }

    @Override
    public void close() {
        adam.close();
    }
}
