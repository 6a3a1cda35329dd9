package dev.torch4j.internal;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * One-layer, one-direction recurrences on CPU written out step by step, with fewer kernels and autograd
 * nodes than libtorch's generic CPU loop ({@code _rnn_impl}, a dozen small ops per GRU step); at small
 * sizes the cost per op is the cost. Measured (CPU time per training step, one thread, shared machine):
 * notebook RNN 480-540 us against 705-760 us with {@code rnn_tanh}, notebook GRU 830-960 us against
 * 1145-1160 us with {@code gru}; at medium size a few percent faster, at large size equal. An LSTM loop
 * was measured too and was slower than libtorch's oneDNN LSTM at every size, so LSTMs call the kernel.
 *
 * <p>{@link #rnnOneLayer}: the Elman RNN as libtorch's CPU kernel computes it (input projection for all
 * steps at once, then one matrix product and nonlinearity per step) with both biases folded into the
 * projection, the recurrent product fused with the step's input in one {@code addmm}, and no product with
 * a zero initial state. Only rounding differs from {@code torch.rnn_tanh}.
 */
public final class RnnFastPath {
    private RnnFastPath() {
    }

    /**
     * The caller checks the arguments: {@code input} is 3-D, {@code h0} (1, N, H) or null, the biases
     * null when absent.
     *
     * @return {output, h_n}
     */
    public static dev.torch4j.Tensor[] rnnOneLayer(boolean relu, dev.torch4j.Tensor input, dev.torch4j.Tensor h0,
            dev.torch4j.Tensor wIh, dev.torch4j.Tensor wHh, dev.torch4j.Tensor bIh, dev.torch4j.Tensor bHh,
            boolean batchFirst) {
        Frame f = Frame.enter();
        List<Tensor> owned = new ArrayList<>();
        try {
            Tensor x = f.t(input, "input");
            int timeDim = batchFirst ? 1 : 0;
            long steps = x.size(timeDim);
            Tensor wHhT = own(owned, f.t(wHh, "weight_hh").t());
            Tensor bias = bIh == null ? null : own(owned, torch.add(f.t(bIh, "bias_ih"), f.t(bHh, "bias_hh")));
            Tensor xw;
            try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias)) {
                // one call: on contiguous input linear is the same view, addmm and view
                xw = own(owned, torch.linear(x, f.t(wIh, "weight_ih"), b));
            }
            Tensor h = h0 == null ? null : own(owned, f.t(h0, "h0").select(0, 0));
            // unbind, not select: its backward is one stack, where each select's would be a zero-filled
            // copy of the whole projection
            try (TensorVector inputs = xw.unbind(timeDim); TensorVector outputs = new TensorVector()) {
                for (long step = 0; step < steps; step++) {
                    Tensor xt = inputs.get(step);
                    Tensor pre = h == null ? xt : own(owned, torch.addmm(xt, h, wHhT));
                    h = own(owned, relu ? torch.relu(pre) : torch.tanh(pre));
                    outputs.push_back(h);
                }
                Tensor output = torch.stack(outputs, timeDim);
                return new dev.torch4j.Tensor[] {f.wrap(output), f.wrap(h.unsqueeze(0))};
            }
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            // autograd keeps what backward needs; these handles only
            owned.forEach(Tensor::close);
            f.exit();
        }
    }

    /**
     * A one-layer, one-direction GRU, as libtorch's CPU kernel computes it (input projection for all steps
     * at once, then per step {@code r, z = sigmoid(x_rz + h W_hrz^T + b_hrz)},
     * {@code n = tanh(x_n + r * (h W_hn^T + b_hn))}, {@code h' = (1 - z) * n + z * h}) with half its
     * kernels: the gate sums split once, {@code addcmul} for the new gate and {@code lerp} for the update,
     * and no product with a zero initial state. Only rounding differs from {@code torch.gru}. The caller
     * checks the arguments: {@code input} is 3-D, {@code h0} (1, N, H) or null, the biases null when absent.
     *
     * @return {output, h_n}
     */
    public static dev.torch4j.Tensor[] gruOneLayer(dev.torch4j.Tensor input, dev.torch4j.Tensor h0,
            dev.torch4j.Tensor wIh, dev.torch4j.Tensor wHh, dev.torch4j.Tensor bIh, dev.torch4j.Tensor bHh,
            boolean batchFirst) {
        Frame f = Frame.enter();
        List<Tensor> owned = new ArrayList<>();
        List<AutoCloseable> vectors = new ArrayList<>();
        try {
            Tensor x = f.t(input, "input");
            int timeDim = batchFirst ? 1 : 0;
            long steps = x.size(timeDim);
            Tensor whh = f.t(wHh, "weight_hh");
            long hidden = whh.size(1);
            long[] gateSplit = {2 * hidden, hidden};
            Tensor wHhT = own(owned, whh.t());
            Tensor xw;
            try (TensorOptional b = bIh == null ? new TensorOptional() : new TensorOptional(f.t(bIh, "bias_ih"))) {
                xw = own(owned, torch.linear(x, f.t(wIh, "weight_ih"), b));
            }
            TensorVector xSplit = keep(vectors, xw.split_with_sizes(gateSplit, -1));
            TensorVector xRz = keep(vectors, own(owned, xSplit.get(0)).unbind(timeDim));
            TensorVector xN = keep(vectors, own(owned, xSplit.get(1)).unbind(timeDim));
            Tensor bhh = bHh == null ? null : f.t(bHh, "bias_hh");
            TensorVector bSplit = bhh == null ? null : keep(vectors, bhh.split_with_sizes(gateSplit, 0));
            Tensor h = h0 == null ? null : own(owned, f.t(h0, "h0").select(0, 0));
            try (Scalar minusOne = new Scalar(-1.0); TensorVector outputs = new TensorVector()) {
                for (long step = 0; step < steps; step++) {
                    Tensor ghRz;
                    Tensor ghN;
                    if (h == null) {
                        ghRz = bSplit == null ? null : own(owned, bSplit.get(0));
                        ghN = bSplit == null ? null : own(owned, bSplit.get(1));
                    } else {
                        Tensor gh = own(owned, bhh == null ? torch.mm(h, wHhT) : torch.addmm(bhh, h, wHhT));
                        TensorVector ghSplit = keep(vectors, gh.split_with_sizes(gateSplit, 1));
                        ghRz = own(owned, ghSplit.get(0));
                        ghN = own(owned, ghSplit.get(1));
                    }
                    Tensor xRzT = own(owned, xRz.get(step));
                    Tensor rz = own(owned, torch.sigmoid(ghRz == null ? xRzT : own(owned, torch.add(xRzT, ghRz))));
                    TensorVector rAndZ = keep(vectors, rz.chunk(2, 1));
                    Tensor r = own(owned, rAndZ.get(0));
                    Tensor z = own(owned, rAndZ.get(1));
                    Tensor xNT = own(owned, xN.get(step));
                    Tensor n = own(owned, torch.tanh(ghN == null ? xNT : own(owned, torch.addcmul(xNT, r, ghN))));
                    // (1 - z) * n + z * h: lerp from n towards h; with a zero h, n - z * n
                    h = own(owned, h == null ? torch.addcmul(n, z, n, minusOne) : torch.lerp(n, h, z));
                    outputs.push_back(h);
                }
                Tensor output = torch.stack(outputs, timeDim);
                return new dev.torch4j.Tensor[] {f.wrap(output), f.wrap(h.unsqueeze(0))};
            }
        } catch (RuntimeException e) {
            throw f.fail(e);
        } finally {
            owned.forEach(Tensor::close);
            closeAll(vectors);
            f.exit();
        }
    }

    private static void closeAll(List<AutoCloseable> vectors) {
        for (AutoCloseable v : vectors) {
            try {
                v.close();
            } catch (Exception ignored) {
                // a vector's close releases native memory only
            }
        }
    }

    private static TensorVector keep(List<AutoCloseable> vectors, TensorVector v) {
        vectors.add(v);
        return v;
    }

    private static Tensor own(List<Tensor> owned, Tensor t) {
        owned.add(t);
        return t;
    }
}
