package dev.torch4j.internal;

import dev.torch4j.optim.AdamOptions;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Adam as {@code torch.optim.Adam} computes it (the single-tensor formula, step by step), run over
 * one flat buffer instead of once per parameter.
 *
 * <p>Why: on small models the update is launch-bound; libtorch's C++ Adam issues about nine kernels
 * per parameter. At the first step the parameters of at most {@link #FLAT_MAX_NUMEL} elements that
 * have a gradient and share a dtype and device are moved into one contiguous buffer
 * ({@code set_data}, so every handle keeps its identity) and their state lives in flat buffers of the
 * same layout: an update is then about ten kernels in all. Parameters outside the buffer (no gradient
 * at the first step, another dtype or device, larger), and all parameters once the buffer is broken
 * (a member moved by {@code to(device)} or left without a gradient in a step) are updated one by one
 * with the same formula, so results never depend on which path ran. Parameters made views of the
 * buffer no longer share memory with a tensor they shared it with before (for instance a small
 * matrix given to {@code Embedding.fromPretrained(m, false)}).
 */
public final class FlatAdam implements AutoCloseable {
    /**
     * Larger parameters stay where they are: their kernels are long enough that launches don't
     * matter, and moving them would copy (and, while the caller holds the old tensor, double) a
     * pretrained embedding of gigabytes.
     */
    static final long FLAT_MAX_NUMEL = 1 << 20;
    /**
     * Up to this size a state keeps the denominator's buffer between steps: allocating and freeing
     * it each step costs as much as the four kernels that use it.
     */
    static final long SCRATCH_MAX_NUMEL = 1 << 22;

    private final Tensor[] params;
    private final AdamOptions options;
    private final Scalar beta1S;
    private final Scalar oneMinusBeta1;
    private final Scalar beta2S;
    private final Scalar oneMinusBeta2;
    private final Scalar epsS;
    private final Scalar weightDecayS;
    /** State of each parameter updated on its own; null while it is in the group or has had no update. */
    private final State[] state;
    private Group group;
    /** Whether the flat group was built (it may have been dissolved since). */
    private boolean grouped;
    private boolean closed;

    /** Arguments are validated by {@code dev.torch4j.optim.Adam}. */
    public FlatAdam(List<Handle> params, AdamOptions options) {
        Native.init();
        this.params = new Tensor[params.size()];
        for (int i = 0; i < this.params.length; i++) {
            this.params[i] = params.get(i).t();
        }
        this.options = options;
        beta1S = new Scalar(options.beta1());
        oneMinusBeta1 = new Scalar(1 - options.beta1());
        beta2S = new Scalar(options.beta2());
        oneMinusBeta2 = new Scalar(1 - options.beta2());
        epsS = new Scalar(options.eps());
        weightDecayS = new Scalar(options.weightDecay());
        state = new State[this.params.length];
    }

    /** Moment buffers of one tensor (a parameter, or the whole flat group) and its step count. */
    private static final class State {
        final Tensor expAvg;
        final Tensor expAvgSq;
        final Tensor maxExpAvgSq;
        /** The denominator's buffer, made at the first update of a tensor of at most SCRATCH_MAX_NUMEL. */
        Tensor denom;
        long step;

        State(Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.maxExpAvgSq = maxExpAvgSq;
        }

        static State zerosLike(Tensor t, boolean amsgrad) {
            return new State(torch.zeros_like(t), torch.zeros_like(t), amsgrad ? torch.zeros_like(t) : null);
        }

        /** A copy of this flat state's slice for {@code p}, on p's device (it may have moved since). */
        State copySlice(long offset, Tensor p) {
            State c = new State(copySlice(expAvg, offset, p), copySlice(expAvgSq, offset, p),
                    maxExpAvgSq == null ? null : copySlice(maxExpAvgSq, offset, p));
            c.step = step;
            return c;
        }

        private static Tensor copySlice(Tensor flat, long offset, Tensor p) {
            Tensor c = torch.empty_like(p);
            try (Tensor slice = view(flat, offset, p.numel(), p)) {
                c.copy_(slice);
            }
            return c;
        }

        void close() {
            expAvg.close();
            expAvgSq.close();
            if (maxExpAvgSq != null) {
                maxExpAvgSq.close();
            }
            if (denom != null) {
                denom.close();
            }
        }
    }

    /** The parameters living in one flat buffer, with views of it and of a flat gradient. */
    private static final class Group {
        final int[] members;
        final long[] offsets;
        final long[] addresses;
        final Tensor flat;
        final Tensor flatGrad;
        final Tensor[] gradViews;
        final State state;

        Group(int[] members, long[] offsets, long[] addresses, Tensor flat, Tensor flatGrad, Tensor[] gradViews,
                State state) {
            this.members = members;
            this.offsets = offsets;
            this.addresses = addresses;
            this.flat = flat;
            this.flatGrad = flatGrad;
            this.gradViews = gradViews;
            this.state = state;
        }

        void close() {
            flat.close();
            flatGrad.close();
            for (Tensor v : gradViews) {
                v.close();
            }
            state.close();
        }
    }

    private static Tensor view(Tensor flat, long offset, long numel, Tensor like) {
        long[] shape = new long[(int) like.dim()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = like.size(d);
        }
        try (Tensor n = flat.narrow(0, offset, numel)) {
            return n.view(shape);
        }
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        checkOpen();
        Handle.call(() -> {
            try (Grad g = Grad.disable()) {
                if (!grouped) {
                    // built at the first step with gradients, after any to(device) before training
                    group = buildGroup();
                    grouped = group != null;
                }
                boolean[] done = new boolean[params.length];
                if (group != null && !stepGroup(done)) {
                    dissolveGroup();
                }
                for (int i = 0; i < params.length; i++) {
                    if (!done[i]) {
                        stepOne(i);
                    }
                }
            }
            return null;
        });
    }

    /** @return whether the group was updated as one; false leaves every member to the per-parameter path */
    private boolean stepGroup(boolean[] done) {
        Group gr = group;
        Tensor[] grads = new Tensor[gr.members.length];
        try {
            for (int k = 0; k < gr.members.length; k++) {
                Tensor p = params[gr.members[k]];
                if (p.data_ptr().address() != gr.addresses[k]) {
                    return false;
                }
                grads[k] = p.mutable_grad();
                if (!grads[k].defined() || grads[k].is_sparse()) {
                    return false;
                }
            }
            for (int k = 0; k < gr.members.length; k++) {
                if (grads[k].data_ptr().address() != gr.gradViews[k].data_ptr().address()) {
                    // after set_to_none the engine made a fresh gradient: copy it into the flat one and
                    // hand the view back, so zero_grad(set_to_none=False) loops accumulate in place
                    gr.gradViews[k].copy_(grads[k]);
                    grads[k].put(gr.gradViews[k]);
                }
                done[gr.members[k]] = true;
            }
        } finally {
            for (Tensor g : grads) {
                if (g != null) {
                    g.close();
                }
            }
        }
        update(gr.flat, gr.flatGrad, gr.state);
        return true;
    }

    private void stepOne(int i) {
        Tensor p = params[i];
        try (Tensor grad = p.grad()) {
            if (!grad.defined()) {
                return;
            }
            if (grad.is_sparse()) {
                throw new dev.torch4j.TorchException(
                        "Adam does not support sparse gradients, please consider SparseAdam instead");
            }
            if (state[i] == null) {
                state[i] = State.zerosLike(p, options.amsgrad());
            }
            update(p, grad, state[i]);
        }
    }

    /** PyTorch's single-tensor Adam on one tensor and its gradient. */
    private void update(Tensor param, Tensor grad, State s) {
        s.step++;
        double biasCorrection1 = 1 - Math.pow(options.beta1(), s.step);
        double biasCorrection2 = 1 - Math.pow(options.beta2(), s.step);
        boolean amsgrad = options.amsgrad();
        Tensor decayed = options.weightDecay() != 0 ? grad.add(param, weightDecayS) : null;
        Tensor g = decayed != null ? decayed : grad;
        try (Scalar bc2Sqrt = new Scalar(Math.sqrt(biasCorrection2));
             Scalar negStepSize = new Scalar(-options.lr() / biasCorrection1)) {
            // lerp_, as torch.optim.Adam in PyTorch 2: one kernel where mul_ and add_ are two
            s.expAvg.lerp_(g, oneMinusBeta1);
            s.expAvgSq.mul_(beta2S).addcmul_(g, g, oneMinusBeta2);
            Tensor second = s.expAvgSq;
            if (amsgrad) {
                torch.maximum_out(s.maxExpAvgSq, s.maxExpAvgSq, s.expAvgSq);
                second = s.maxExpAvgSq;
            }
            Tensor denom = sqrtInto(s, second);
            try {
                denom.div_(bc2Sqrt).add_(epsS);
                param.addcdiv_(s.expAvg, denom, negStepSize);
            } finally {
                if (denom != s.denom) {
                    denom.close();
                }
            }
        } finally {
            if (decayed != null) {
                decayed.close();
            }
        }
    }

    /** sqrt of {@code second}, in the state's kept buffer (made at the first update) up to SCRATCH_MAX_NUMEL. */
    private static Tensor sqrtInto(State s, Tensor second) {
        if (s.denom == null && second.numel() > SCRATCH_MAX_NUMEL) {
            return second.sqrt();
        }
        if (s.denom == null) {
            s.denom = torch.empty_like(second);
        }
        torch.sqrt_out(s.denom, second);
        return s.denom;
    }

    /** Flattens the parameters that have a dense gradient and the first such one's dtype and device. */
    private Group buildGroup() {
        List<Integer> members = new ArrayList<>();
        Tensor first = null;
        for (int i = 0; i < params.length; i++) {
            Tensor p = params[i];
            if (p.numel() > FLAT_MAX_NUMEL || state[i] != null) {
                continue;
            }
            try (Tensor grad = p.mutable_grad()) {
                if (!grad.defined() || grad.is_sparse() || p.is_sparse()) {
                    continue;
                }
            }
            if (first == null) {
                first = p;
            } else if (!sameKind(p, first)) {
                continue;
            }
            members.add(i);
        }
        if (members.size() < 2) {
            return null;
        }
        int n = members.size();
        long[] offsets = new long[n];
        long total = 0;
        for (int k = 0; k < n; k++) {
            offsets[k] = total;
            total += params[members.get(k)].numel();
        }
        Tensor flat;
        Tensor flatGrad;
        try (org.bytedeco.pytorch.TensorOptions o = first.options()) {
            flat = torch.empty(new long[] {total}, o, null);
            flatGrad = torch.zeros(new long[] {total}, o);
        }
        Tensor[] gradViews = new Tensor[n];
        long[] addresses = new long[n];
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            int i = members.get(k);
            index[k] = i;
            Tensor p = params[i];
            long numel = p.numel();
            try (Tensor into = view(flat, offsets[k], numel, p)) {
                into.copy_(p);
                p.set_data(into);
            }
            addresses[k] = p.data_ptr().address();
            gradViews[k] = view(flatGrad, offsets[k], numel, p);
        }
        return new Group(index, offsets, addresses, flat, flatGrad, gradViews,
                State.zerosLike(flat, options.amsgrad()));
    }

    private static boolean sameKind(Tensor a, Tensor b) {
        if (a.scalar_type().value != b.scalar_type().value) {
            return false;
        }
        try (org.bytedeco.pytorch.Device da = a.device(); org.bytedeco.pytorch.Device db = b.device()) {
            return Native.device(da).equals(Native.device(db));
        }
    }

    /** Gives each member its own slice of the group's state and leaves it to the per-parameter path. */
    private void dissolveGroup() {
        Group gr = group;
        group = null;
        for (int k = 0; k < gr.members.length; k++) {
            int i = gr.members[k];
            state[i] = gr.state.copySlice(gr.offsets[k], params[i]);
        }
        gr.close();
    }

    /** Like {@code zero_grad(set_to_none)}: drops each gradient, or zeroes it in place. */
    public void zeroGrad(boolean setToNone) {
        checkOpen();
        for (Tensor p : params) {
            try (Tensor grad = p.mutable_grad()) {
                if (!grad.defined()) {
                    continue;
                }
                if (setToNone) {
                    grad.reset();
                } else {
                    // as torch.optim.Optimizer.zero_grad: a view (ours, of the flat gradient) can't detach_
                    Handle.call(() -> {
                        if (grad.requires_grad()) {
                            if (grad.is_leaf()) {
                                grad.requires_grad_(false);
                            } else {
                                grad.detach_();
                            }
                        }
                        return grad.zero_();
                    });
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this optimizer is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (group != null) {
            group.close();
            group = null;
        }
        for (State s : state) {
            if (s != null) {
                s.close();
            }
        }
        for (Scalar s : new Scalar[] {beta1S, oneMinusBeta1, beta2S, oneMinusBeta2, epsS, weightDecayS}) {
            s.close();
        }
    }
}
