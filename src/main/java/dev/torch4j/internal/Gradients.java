package dev.torch4j.internal;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** Gradient slots of many parameters at once, for {@code Optimizer.zero_grad} (run every training step). */
public final class Gradients {
    private Gradients() {
    }

    /**
     * Like {@code torch.optim.Optimizer.zero_grad(set_to_none)}: drops each gradient, or detaches it
     * and zeroes it in place.
     *
     * @throws IllegalStateException naming the parameter when one was closed
     */
    public static void zero(List<dev.torch4j.Tensor> params, boolean setToNone) {
        for (int i = 0; i < params.size(); i++) {
            TensorRef ref = TensorBridge.ref(params.get(i));
            Tensor p;
            try {
                p = ref.acquire();
            } catch (IllegalStateException e) {
                throw new IllegalStateException("parameter " + i + " of this optimizer was closed (by Module.close() "
                        + "or its own close()); an optimizer cannot zero a released tensor's gradient", e);
            }
            try (Tensor grad = p.mutable_grad()) {
                if (!grad.defined()) {
                    continue;
                }
                if (setToNone) {
                    grad.reset();
                } else {
                    // as torch.optim.Optimizer.zero_grad: a gradient with a graph is detached first
                    if (grad.requires_grad()) {
                        if (grad.is_leaf()) {
                            grad.requires_grad_(false);
                        } else {
                            grad.detach_();
                        }
                    }
                    grad.zero_();
                }
            } catch (RuntimeException e) {
                throw Errors.translate(e);
            } finally {
                ref.release();
            }
        }
    }

    /** @return whether {@code t} is a sparse tensor (a gradient of {@code Embedding(sparse=True)}) */
    public static boolean isSparse(dev.torch4j.Tensor t) {
        return TensorBridge.borrow(t).is_sparse();
    }
}
