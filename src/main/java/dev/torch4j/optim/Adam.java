package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.internal.Handle;
import dev.torch4j.internal.FlatAdam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Adam optimizer, mirroring {@code torch.optim.Adam} (its single-tensor formula). Parameters
 * whose gradient is none (frozen ones) are skipped, as in PyTorch. At the first {@link #step()} the
 * parameters of up to 2<sup>20</sup> elements that have a gradient are gathered into one contiguous
 * buffer (their identity and names unchanged), so that an update is about ten kernels however many
 * parameters there are; such a parameter no longer shares memory with a tensor it shared memory with
 * before (as a small matrix given to {@code Embedding.fromPretrained(m, false)} does in PyTorch).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adam.html">torch.optim.Adam</a>
 */
public final class Adam extends Optimizer {
    private final FlatAdam adam;
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
        List<Handle> handles = new ArrayList<>(params.size());
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor (grad_fn=" + p.gradFn() + ")");
            }
            if (!p.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("Adam can only optimize floating point Tensors, got " + p.dtype());
            }
            handles.add(p.handle());
        }
        this.params = List.copyOf(params);
        this.options = options;
        adam = new FlatAdam(handles, options);
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
