package dev.torch4j.internal;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A one-layer, one-direction Elman RNN on CPU, written out step by step as libtorch's CPU kernel
 * computes it (input projection for all steps at once, then one matrix product and nonlinearity per
 * step) but with fewer kernels and autograd nodes: both biases folded into the projection, the
 * recurrent product fused with the step's input in one {@code addmm}, and no product with a zero
 * initial state. Only rounding differs from {@code torch.rnn_tanh}.
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

    private static Tensor own(List<Tensor> owned, Tensor t) {
        owned.add(t);
        return t;
    }
}
