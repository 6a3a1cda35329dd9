package dev.torch4j.internal;

import java.util.List;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.TensorVector;

/** libtorch's {@code torch::optim::Adam}: the whole update runs in C++, one call per step. */
public final class NativeAdam implements AutoCloseable {
    private final Adam adam;

    /** Arguments are validated by {@code dev.torch4j.optim.Adam}. */
    public NativeAdam(List<Handle> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad) {
        Native.init();
        try (TensorVector v = Handle.vector(params); AdamOptions o = new AdamOptions(lr)) {
            // std::tuple<double, double> is laid out last element first in libstdc++
            o.betas().put(0, beta2).put(1, beta1);
            o.eps().put(eps);
            o.weight_decay().put(weightDecay);
            o.amsgrad().put(amsgrad);
            adam = Handle.call(() -> new Adam(v, o));
        }
    }

    public void step() {
        Handle.call(() -> {
            try (org.bytedeco.pytorch.Tensor ignored = adam.step()) {
                return null;
            }
        });
    }

    public void zeroGrad(boolean setToNone) {
        adam.zero_grad(setToNone);
    }

    @Override
    public void close() {
        adam.close();
    }
}
