package dev.torch4j.internal;

import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Native operations that the word-vector package needs beyond {@link Handle}'s: kept in a file of
 * their own so that {@code dev.torch4j.vectors} never imports {@code org.bytedeco}.
 */
public final class VectorOps {
    static {
        Native.init();
    }

    private VectorOps() {
    }

    /**
     * The {@code k} largest entries along the last dimension, sorted from the largest, like
     * {@code torch.topk(x, k)}; runs on the tensor's device.
     *
     * @return values and their int64 indices
     */
    public static Handle[] topk(Handle h, long k) {
        return Handle.call(() -> {
            try (T_TensorTensor_T r = torch.topk(h.t(), k, -1, true, true)) {
                return new Handle[] {new Handle(new Tensor(r.get0())), new Handle(new Tensor(r.get1()))};
            }
        });
    }
}
