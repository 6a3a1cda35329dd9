package dev.torch4j.internal;

import dev.torch4j.optim.AdamOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.OperatorHandle;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorType;
import org.bytedeco.pytorch.Type;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Adam as {@code torch.optim.Adam} computes it, run by libtorch's fused kernel ({@code torch._fused_adam_},
 * what {@code Adam(fused=True)} calls) wherever that kernel takes the parameter.
 *
 * <p>Why: on small models the update is launch-bound (the single-tensor formula is seven kernels per
 * parameter), and on large ones it is memory-bound (seven passes over each state). One fused call
 * updates all parameters of a device and dtype in one pass over each, in place: no parameter is moved
 * or copied. On CPU, for float32 and float64, the kernel's arithmetic is the single-tensor formula's,
 * operation for operation (lerp, {@code v*beta2 + (1-beta2)*g*g}, {@code sqrt(v)/sqrt(bc2) + eps},
 * addcdiv): checked here over 30 steps with every option, float32 results are bit for bit those of
 * the single-tensor path below, float64 ones within one ulp; the tests hold both paths to PyTorch's
 * fixtures. The binding has no typed entry for this operator, so it is called boxed, by its schema
 * name.
 *
 * <p>The kernel needs contiguous parameters of a floating dtype on CPU or CUDA; any other parameter
 * (and, on CPU, float16 and bfloat16 ones, where the kernel rounds less often than PyTorch's default
 * does) is updated on its own with the single-tensor formula.
 */
public final class FusedAdam implements AutoCloseable {
    private static final OperatorHandle FUSED_ADAM;
    private static final Type.TypePtr TENSOR_TYPE;

    static {
        Native.init();
        FUSED_ADAM = Dispatcher.singleton().findSchemaOrThrow("aten::_fused_adam_", "");
        TENSOR_TYPE = new Type.TypePtr(TensorType.get());
    }

    /** Where the gradients go among the operator's arguments, the only ones that change between calls. */
    private static final int ARG_GRADS = 1;
    /**
     * Up to this size the single-tensor path keeps the denominator's buffer between steps: allocating
     * it each step costs as much as the four kernels that use it, and above it the memory matters more.
     */
    static final long SCRATCH_MAX_NUMEL = 1 << 22;

    /** The parameters' native tensors, valid while {@link #borrowParams()} holds them. */
    private final Tensor[] params;
    private final TensorRef[] refs;
    private final AdamOptions options;
    private final Scalar beta1S;
    private final Scalar oneMinusBeta1;
    private final Scalar beta2S;
    private final Scalar oneMinusBeta2;
    private final Scalar epsS;
    private final Scalar weightDecayS;
    /** A float32 one, so that step counters are advanced without a wrapped-scalar conversion. */
    private final Tensor one;
    private final State[] state;
    /** What the groups were built for: which parameters had a gradient. Null until built. */
    private boolean[] participating;
    private final List<Group> groups = new ArrayList<>();
    /** Parameters with a gradient that no group takes. */
    private int[] loose = new int[0];
    private boolean closed;

    /** Arguments are validated by {@code dev.torch4j.optim.Adam}. */
    public FusedAdam(List<dev.torch4j.Tensor> params, AdamOptions options) {
        this.params = new Tensor[params.size()];
        this.refs = new TensorRef[params.size()];
        for (int i = 0; i < this.params.length; i++) {
            refs[i] = TensorBridge.ref(params.get(i));
        }
        this.options = options;
        beta1S = new Scalar(options.beta1());
        oneMinusBeta1 = new Scalar(1 - options.beta1());
        beta2S = new Scalar(options.beta2());
        oneMinusBeta2 = new Scalar(1 - options.beta2());
        epsS = new Scalar(options.eps());
        weightDecayS = new Scalar(options.weightDecay());
        one = floats(new float[] {1}, new long[0]);
        state = new State[this.params.length];
    }

    /** Moment buffers of one parameter and its step count. */
    private static final class State {
        Tensor expAvg;
        Tensor expAvgSq;
        Tensor maxExpAvgSq;
        /** The single-tensor path's denominator buffer, made at its first update (small tensors only). */
        Tensor denom;
        long step;

        State(Tensor p, boolean amsgrad) {
            expAvg = torch.zeros_like(p);
            expAvgSq = torch.zeros_like(p);
            maxExpAvgSq = amsgrad ? torch.zeros_like(p) : null;
        }

        /** Moves the buffers to {@code p}'s device and dtype if {@code p} was moved or cast since. */
        void follow(Tensor p) {
            if (sameKind(expAvg, p)) {
                return;
            }
            expAvg = moved(expAvg, p);
            expAvgSq = moved(expAvgSq, p);
            maxExpAvgSq = maxExpAvgSq == null ? null : moved(maxExpAvgSq, p);
            if (denom != null) {
                denom.close();
                denom = null;
            }
        }

        private static Tensor moved(Tensor buffer, Tensor p) {
            Tensor c;
            try (org.bytedeco.pytorch.TensorOptions o = p.options()) {
                c = torch.empty_like(buffer, o, null);
            }
            c.copy_(buffer);
            buffer.close();
            return c;
        }

        void close() {
            for (Tensor t : new Tensor[] {expAvg, expAvgSq, maxExpAvgSq, denom}) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /** Parameters of one device and dtype updated by one fused call, with the call's fixed arguments. */
    private static final class Group {
        final int[] members;
        final long[] numels;
        final int[] dtypes;
        final boolean[] cuda;
        /** float32 step counters of the members, on their device, advanced before each call. */
        final Tensor steps;
        /** The call's arguments; the gradients' slot is filled at each step. */
        final IValueVector arguments;

        Group(int[] members, long[] numels, int[] dtypes, boolean[] cuda, Tensor steps, IValueVector arguments) {
            this.members = members;
            this.numels = numels;
            this.dtypes = dtypes;
            this.cuda = cuda;
            this.steps = steps;
            this.arguments = arguments;
        }

        /** Whether member {@code k} is still what the kernel was given: same size, dtype, device kind, layout. */
        boolean unchanged(int k, Tensor p) {
            return p.numel() == numels[k] && p.scalar_type().value == dtypes[k] && p.is_cuda() == cuda[k]
                    && p.is_contiguous();
        }

        void close() {
            steps.close();
            arguments.close();
        }
    }

    /**
     * Borrows every parameter for one step or zeroing, so that none is freed meanwhile.
     *
     * @throws IllegalStateException naming the parameter when one was closed
     */
    private void borrowParams() {
        for (int i = 0; i < refs.length; i++) {
            try {
                params[i] = refs[i].acquire();
            } catch (IllegalStateException e) {
                releaseParams(i);
                throw new IllegalStateException("parameter " + i + " of this optimizer was closed (by Module.close() "
                        + "or its own close()); an optimizer cannot step a released tensor", e);
            }
        }
    }

    private void releaseParams(int n) {
        for (int i = 0; i < n; i++) {
            params[i] = null;
            refs[i].release();
        }
    }

    /** A CPU float32 tensor of these values. */
    private static Tensor floats(float[] values, long[] shape) {
        Tensor t = torch.empty(shape, Native.options(dev.torch4j.DType.FLOAT32, dev.torch4j.Device.cpu()), null);
        if (values.length > 0) {
            new org.bytedeco.javacpp.FloatPointer(t.data_ptr()).capacity(values.length).put(values);
        }
        return t;
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        checkOpen();
        borrowParams();
        try {
            stepBorrowed();
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        } finally {
            releaseParams(refs.length);
        }
    }

    private void stepBorrowed() {
        {
            Tensor[] grads = new Tensor[params.length];
            try (Grad g = Grad.disable()) {
                boolean[] has = new boolean[params.length];
                for (int i = 0; i < params.length; i++) {
                    Tensor grad = params[i].grad();
                    if (!grad.defined()) {
                        grad.close();
                        continue;
                    }
                    grads[i] = grad;
                    if (grad.is_sparse()) {
                        throw new dev.torch4j.TorchException(
                                "Adam does not support sparse gradients, please consider SparseAdam instead");
                    }
                    has[i] = true;
                }
                if (!groupsStillApply(has)) {
                    rebuildGroups(has);
                }
                for (Group gr : groups) {
                    stepGroup(gr, grads);
                }
                for (int i : loose) {
                    state[i].follow(params[i]);
                    update(params[i], grads[i], state[i]);
                }
            } finally {
                for (Tensor t : grads) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
        }
    }

    private boolean groupsStillApply(boolean[] has) {
        if (participating == null || !java.util.Arrays.equals(has, participating)) {
            return false;
        }
        for (Group gr : groups) {
            for (int k = 0; k < gr.members.length; k++) {
                if (!gr.unchanged(k, params[gr.members[k]])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sorts the parameters with a gradient into one group per device and dtype, or the single-tensor path. */
    private void rebuildGroups(boolean[] has) {
        for (Group gr : groups) {
            gr.close();
        }
        groups.clear();
        Map<String, List<Integer>> byKind = new LinkedHashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            if (!has[i]) {
                continue;
            }
            Tensor p = params[i];
            if (state[i] == null) {
                state[i] = new State(p, options.amsgrad());
            }
            state[i].follow(p);
            if (fusable(p, state[i])) {
                try (org.bytedeco.pytorch.Device d = p.device()) {
                    byKind.computeIfAbsent(Native.device(d) + "/" + p.scalar_type().value, k -> new ArrayList<>())
                            .add(i);
                }
            } else {
                rest.add(i);
            }
        }
        for (List<Integer> members : byKind.values()) {
            groups.add(group(members));
        }
        loose = rest.stream().mapToInt(Integer::intValue).toArray();
        participating = has.clone();
    }

    /** Whether the fused kernel takes {@code p}: dense, contiguous, a dtype it handles like PyTorch's default. */
    private static boolean fusable(Tensor p, State s) {
        if (!p.is_contiguous() || p.is_sparse() || p.numel() != s.expAvg.numel() || !s.expAvg.is_contiguous()) {
            return false;
        }
        // by value: the binding's enums are not always the interned constants
        int t = p.scalar_type().value;
        boolean single = t == ScalarType.Float.value || t == ScalarType.Double.value;
        boolean half = t == ScalarType.Half.value || t == ScalarType.BFloat16.value;
        return p.is_cpu() ? single : p.is_cuda() && (single || half);
    }

    private Group group(List<Integer> memberList) {
        int n = memberList.size();
        int[] members = new int[n];
        long[] numels = new long[n];
        int[] dtypes = new int[n];
        boolean[] cuda = new boolean[n];
        float[] counts = new float[n];
        for (int k = 0; k < n; k++) {
            int i = memberList.get(k);
            members[k] = i;
            numels[k] = params[i].numel();
            dtypes[k] = params[i].scalar_type().value;
            cuda[k] = params[i].is_cuda();
            counts[k] = state[i].step;
        }
        Tensor steps = floats(counts, new long[] {n});
        if (cuda[0]) {
            // the CUDA kernel reads its step counters on the device
            try (org.bytedeco.pytorch.Device d = params[members[0]].device(); Tensor cpu = steps) {
                steps = cpu.to(d, cpu.scalar_type(), false, false, new org.bytedeco.pytorch.MemoryFormatOptional());
            }
        }
        GenericList p = tensors();
        GenericList m = tensors();
        GenericList v = tensors();
        GenericList vMax = tensors();
        GenericList s = tensors();
        for (int k = 0; k < n; k++) {
            State st = state[members[k]];
            add(p, params[members[k]]);
            add(m, st.expAvg);
            add(v, st.expAvgSq);
            if (st.maxExpAvgSq != null) {
                add(vMax, st.maxExpAvgSq);
            }
            try (Tensor view = steps.select(0, k)) {
                add(s, view);
            }
        }
        // _fused_adam_(self[], grads[], exp_avgs[], exp_avg_sqs[], max_exp_avg_sqs[], state_steps[], *, lr,
        //              beta1, beta2, weight_decay, eps, amsgrad, maximize, grad_scale=None, found_inf=None)
        IValue[] values = {new IValue(p), new IValue(), new IValue(m), new IValue(v), new IValue(vMax),
                new IValue(s), new IValue(options.lr()), new IValue(options.beta1()), new IValue(options.beta2()),
                new IValue(options.weightDecay()), new IValue(options.eps()), new IValue(options.amsgrad()),
                new IValue(false), new IValue(), new IValue()};
        IValueVector args = new IValueVector();
        for (IValue value : values) {
            args.push_back(value);
            value.close();
        }
        for (GenericList l : new GenericList[] {p, m, v, vMax, s}) {
            l.close();
        }
        return new Group(members, numels, dtypes, cuda, steps, args);
    }

    private static GenericList tensors() {
        return new GenericList(TENSOR_TYPE);
    }

    private static void add(GenericList list, Tensor t) {
        try (IValue iv = new IValue(t)) {
            list.push_back(iv);
        }
    }

    private void stepGroup(Group gr, Tensor[] grads) {
        gr.steps.add_(one);
        GenericList g = tensors();
        List<Tensor> made = new ArrayList<>(0);
        try (IValueVector stack = new IValueVector()) {
            for (int i : gr.members) {
                state[i].step++;
                Tensor grad = grads[i];
                if (!grad.is_contiguous()) {
                    // the kernel walks the gradient's memory in the parameter's order
                    grad = grad.contiguous();
                    made.add(grad);
                }
                add(g, grad);
            }
            stack.put(gr.arguments);
            try (IValue gv = new IValue(g)) {
                stack.put(ARG_GRADS, gv);
            }
            Dispatcher.singleton().callBoxed(FUSED_ADAM, stack);
        } finally {
            g.close();
            made.forEach(Tensor::close);
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

    private static boolean sameKind(Tensor a, Tensor b) {
        if (a.scalar_type().value != b.scalar_type().value) {
            return false;
        }
        try (org.bytedeco.pytorch.Device da = a.device(); org.bytedeco.pytorch.Device db = b.device()) {
            return Native.device(da).equals(Native.device(db));
        }
    }

    /** Like {@code zero_grad(set_to_none)}: drops each gradient, or zeroes it in place. */
    public void zeroGrad(boolean setToNone) {
        checkOpen();
        borrowParams();
        try {
            zeroBorrowed(setToNone);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        } finally {
            releaseParams(refs.length);
        }
    }

    private void zeroBorrowed(boolean setToNone) {
        for (Tensor p : params) {
            try (Tensor grad = p.mutable_grad()) {
                if (!grad.defined()) {
                    continue;
                }
                if (setToNone) {
                    grad.reset();
                } else {
                    // as torch.optim.Optimizer.zero_grad
                    if (grad.requires_grad()) {
                        if (grad.is_leaf()) {
                            grad.requires_grad_(false);
                        } else {
                            grad.detach_();
                        }
                    }
                    grad.zero_();
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
        for (Group gr : groups) {
            gr.close();
        }
        groups.clear();
        for (State s : state) {
            if (s != null) {
                s.close();
            }
        }
        for (Scalar s : new Scalar[] {beta1S, oneMinusBeta1, beta2S, oneMinusBeta2, epsS, weightDecayS}) {
            s.close();
        }
        one.close();
    }
}
