package dev.torch4j.internal;

import java.util.List;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** The {@code torch.nn.functional} kernels the modules call; arguments are checked by the callers. */
public final class Functional {
    static {
        Native.init();
    }

    private Functional() {
    }

    /** Like {@code torch.embedding(weight, indices, padding_idx, scale_grad_by_freq, sparse)}. */
    public static Handle embedding(Handle weight, Handle indices, long paddingIdx, boolean scaleGradByFreq,
            boolean sparse) {
        return Handle.run(() -> torch.embedding(weight.t(), indices.t(), paddingIdx, scaleGradByFreq, sparse));
    }

    /** Like {@code torch.embedding_renorm_(weight, indices, max_norm, norm_type)}, outside autograd. */
    public static void embeddingRenorm(Handle weight, Handle indices, double maxNorm, double normType) {
        try (Grad g = Grad.disable()) {
            Handle.call(() -> torch.embedding_renorm_(weight.t(), indices.t(), maxNorm, normType));
        }
    }

    /** Like {@code F.linear(x, weight, bias)}; {@code bias} may be null. */
    public static Handle linear(Handle x, Handle weight, Handle bias) {
        return Handle.run(() -> linear(x.t(), weight.t(), bias == null ? null : bias.t()));
    }

    private static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias)) {
            return torch.linear(x, weight, b);
        }
    }

    /** Reductions in ATen's numbering. */
    public static final int REDUCTION_NONE = 0;
    public static final int REDUCTION_MEAN = 1;
    public static final int REDUCTION_SUM = 2;

    /** Like {@code F.binary_cross_entropy_with_logits}; weight and posWeight may be null. */
    public static Handle bceWithLogits(Handle input, Handle target, Handle weight, Handle posWeight, int reduction) {
        return Handle.run(() -> {
            try (TensorOptional w = weight == null ? new TensorOptional() : new TensorOptional(weight.t());
                 TensorOptional p = posWeight == null ? new TensorOptional() : new TensorOptional(posWeight.t())) {
                return torch.binary_cross_entropy_with_logits(input.t(), target.t(), w, p, reduction);
            }
        });
    }

    /**
     * Multi-layer Elman RNN, like {@code torch.rnn_tanh} / {@code torch.rnn_relu}.
     *
     * @return {output, h_n}
     */
    public static Handle[] rnn(boolean relu, Handle input, Handle hx, TensorList params, boolean hasBiases,
            long numLayers, double dropout, boolean train, boolean bidirectional, boolean batchFirst) {
        return Handle.call(() -> {
            try (T_TensorTensor_T r = relu
                    ? torch.rnn_relu(input.t(), hx.t(), params.vector(), hasBiases, numLayers, dropout, train,
                            bidirectional, batchFirst)
                    : torch.rnn_tanh(input.t(), hx.t(), params.vector(), hasBiases, numLayers, dropout, train,
                            bidirectional, batchFirst)) {
                return new Handle[] {new Handle(new Tensor(r.get0())), new Handle(new Tensor(r.get1()))};
            }
        });
    }

    /**
     * A one-layer, one-direction Elman RNN on CPU, written out step by step as libtorch's CPU kernel
     * computes it (input projection for all steps at once, then one matrix product and nonlinearity
     * per step) but with fewer kernels and autograd nodes: both biases folded into the projection,
     * the recurrent product fused with the step's input in one {@code addmm}, and no product with a
     * zero initial state. Only rounding differs from {@code torch.rnn_tanh}. The caller checks the
     * arguments; {@code input} is 3-D, {@code h0} (1, N, H) or null, the biases null when absent.
     *
     * @return {output, h_n}
     */
    public static Handle[] rnnOneLayer(boolean relu, Handle input, Handle h0, Handle wIh, Handle wHh, Handle bIh,
            Handle bHh, boolean batchFirst) {
        return Handle.call(() -> {
            Tensor x = input.t();
            int timeDim = batchFirst ? 1 : 0;
            long steps = x.size(timeDim);
            List<Tensor> owned = new java.util.ArrayList<>();
            try {
                Tensor wHhT = own(owned, transposed(wHh));
                // one call: on contiguous input linear is the same view, addmm and view
                Tensor bias = bIh == null ? null : own(owned, torch.add(bIh.t(), bHh.t()));
                Tensor xw = own(owned, linear(x, wIh.t(), bias));
                Tensor h = h0 == null ? null : own(owned, h0.t().select(0, 0));
                // unbind, not select: its backward is one stack, where each select's would be a
                // zero-filled copy of the whole projection
                try (TensorVector inputs = xw.unbind(timeDim); TensorVector outputs = new TensorVector()) {
                    for (long step = 0; step < steps; step++) {
                        Tensor xt = inputs.get(step);
                        Tensor pre = h == null ? xt : own(owned, torch.addmm(xt, h, wHhT));
                        h = own(owned, relu ? torch.relu(pre) : torch.tanh(pre));
                        outputs.push_back(h);
                    }
                    Tensor output = torch.stack(outputs, timeDim);
                    return new Handle[] {new Handle(output), new Handle(h.unsqueeze(0))};
                }
            } finally {
                // autograd keeps what backward needs; these handles only
                owned.forEach(Tensor::close);
            }
        });
    }

    private static Tensor transposed(Handle matrix) {
        return matrix.t().t();
    }

    private static Tensor own(List<Tensor> owned, Tensor t) {
        owned.add(t);
        return t;
    }

    /** A native list of tensors kept across calls, so a forward pass allocates no vector. */
    public static final class TensorList implements AutoCloseable {
        private final TensorVector vector;

        public TensorList(List<Handle> handles) {
            vector = Handle.vector(handles);
        }

        TensorVector vector() {
            return vector;
        }

        @Override
        public void close() {
            vector.close();
        }
    }
}
