package dev.torch4j.nn;

import dev.torch4j.Device;
import dev.torch4j.Linalg;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of {@code torch.nn.utils}: gradient clipping and flattening parameters into one vector.
 * They accept the parameters as PyTorch does, any iterable of tensors (e.g. {@code model.parameters()}).
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.html#utilities">torch.nn.utils</a>
 */
public final class Utils {
    private Utils() {
    }

    /** Like {@code clip_grad_norm_(parameters, max_norm)}: the 2-norm. */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /** Like {@code clip_grad_norm_(parameters, max_norm, norm_type)}. */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType) {
        return clipGradNorm_(parameters, maxNorm, normType, false);
    }

    /**
     * Scales the gradients in place so that their total norm is at most {@code maxNorm}, like
     * {@code clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False)}: the norm of
     * the per-parameter norms, each gradient multiplied by {@code min(1, maxNorm / (total + 1e-6))}.
     * Parameters without a gradient are skipped.
     *
     * @param normType          the p of the p-norm; {@link Double#POSITIVE_INFINITY} for the largest magnitude
     * @param errorIfNonfinite  whether a NaN or infinite total norm is an error instead of being applied
     * @return the total norm of the gradients before clipping, a 0-d tensor (0 when none has a gradient)
     * @throws IllegalStateException when {@code errorIfNonfinite} and the norm is not finite (Python's
     *         RuntimeError, with its message)
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html">clip_grad_norm_</a>
     */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g != null) {
                grads.add(g);
            }
        }
        if (grads.isEmpty()) {
            return Torch.scalarTensor(0.0);
        }
        try (TensorScope scope = Torch.scope(); NoGradGuard ng = Torch.noGrad()) {
            Device first = grads.get(0).device();
            List<Tensor> norms = new ArrayList<>(grads.size());
            for (Tensor g : grads) {
                norms.add(Linalg.vectorNorm(g, normType).to(first));
            }
            Tensor total = Linalg.vectorNorm(Torch.stack(norms, 0), normType);
            if (errorIfNonfinite && (total.isnan().item() != 0 || total.isinf().item() != 0)) {
                throw new IllegalStateException("The total norm of order " + PyRepr.of(normType) + " for gradients from "
                        + "`parameters` is non-finite, so it cannot be clipped. To disable this error and scale the "
                        + "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
            }
            Tensor clipCoef = total.add(1e-6).reciprocal().mul(maxNorm);
            Tensor clamped = clipCoef.clampMax(1.0);
            for (Tensor g : grads) {
                g.mul_(clamped.to(g.device()));
            }
            return scope.keep(total);
        } finally {
            grads.forEach(Tensor::close);
        }
    }

    /**
     * Clamps every gradient in place to {@code [-clipValue, clipValue]}, like
     * {@code clip_grad_value_(parameters, clip_value)}. Parameters without a gradient are skipped.
     *
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_value_.html">clip_grad_value_</a>
     */
    public static void clipGradValue_(Iterable<Tensor> parameters, double clipValue) {
        try (NoGradGuard ng = Torch.noGrad()) {
            for (Tensor p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    try (g) {
                        g.clamp_(-clipValue, clipValue);
                    }
                }
            }
        }
    }

    /**
     * The parameters flattened and concatenated into one 1-D tensor, like
     * {@code parameters_to_vector(parameters)}.
     *
     * @throws IllegalArgumentException when the parameters are on different devices (Python's TypeError,
     *         with its message)
     */
    public static Tensor parametersToVector(Iterable<Tensor> parameters) {
        Device device = null;
        List<Tensor> views = new ArrayList<>();
        try {
            for (Tensor p : parameters) {
                device = checkParamDevice(p, device);
                views.add(p.view(-1));
            }
            return Torch.cat(views, 0);
        } finally {
            views.forEach(Tensor::close);
        }
    }

    /**
     * Copies slices of {@code vec} into the parameters, like {@code vector_to_parameters(vec, parameters)}:
     * each parameter's data becomes a view of its slice, as in PyTorch.
     *
     * @throws IllegalArgumentException when the parameters are on different devices (Python's TypeError)
     */
    public static void vectorToParameters(Tensor vec, Iterable<Tensor> parameters) {
        Device device = null;
        long pointer = 0;
        for (Tensor p : parameters) {
            device = checkParamDevice(p, device);
            long n = p.numel();
            try (Tensor slice = vec.slice(0, pointer, pointer + n); Tensor view = slice.viewAs(p);
                    Tensor data = view.detach()) {
                p.setData(data);
            }
            pointer += n;
        }
    }

    private static Device checkParamDevice(Tensor p, Device old) {
        if (old != null && !old.equals(p.device())) {
            throw new IllegalArgumentException("Found two parameters on different devices, this is currently not "
                    + "supported.");
        }
        return p.device();
    }
}
