package dev.torch4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.OperatorHandle;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorType;
import org.bytedeco.pytorch.Type;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One param group's update by one of libtorch's fused optimizer kernels, the ones
 * {@code torch.optim.X(fused=True)} calls: {@code _fused_adam_}, {@code _fused_adamw_},
 * {@code _fused_sgd_} and {@code _fused_adagrad_}.
 *
 * <p>Why: on small models an update is launch-bound (PyTorch's default single-tensor Adam is seven
 * kernels per parameter), on large ones memory-bound (seven passes over each state). One fused call
 * updates all parameters of a device and dtype in one pass over each, in place; on CPU, for float32 and
 * float64, its arithmetic is the single-tensor formula's (the optimizer tests hold every kernel to
 * PyTorch's default path within 1e-5, and the fused Adam to the single-tensor one bit for bit in float32).
 * The binding has no typed entry for these operators, so they are called boxed, by schema name.
 *
 * <p>The optimizer ({@code dev.torch4j.optim}) owns the state as public tensors and decides which
 * parameters are ready; this class sorts those into buckets of one device and dtype, keeps each bucket's
 * boxed arguments between steps (rebuilt only when a member, its state or its gradient's presence
 * changes), refreshes the hyper-parameters when the group's values change (so a scheduler's new
 * {@code lr} takes effect at the next step), and hands back the parameters the kernel can't take (not
 * contiguous, sparse gradient, float16/bfloat16 on CPU where the kernel rounds less often than PyTorch's
 * default, a kernel without a kernel for the device). Step counters of a bucket live in one float32
 * tensor, advanced by one {@code add_}; each member's {@code state['step']} is a view of its element.
 * A state tensor whose parameter was moved or cast since is moved along (its data is replaced in place).
 */
public final class FusedOptimizer implements AutoCloseable {
    /** A fused kernel: its operator, its state lists after the gradients, and whether it takes step counters. */
    public enum Kernel {
        /** {@code _fused_adam_(self, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps, *, lr, beta1, beta2, weight_decay, eps, amsgrad, maximize)}. */
        ADAM("aten::_fused_adam_", 3, true, true),
        /** {@code _fused_adamw_}, the same arguments, decoupled weight decay. */
        ADAMW("aten::_fused_adamw_", 3, true, true),
        /** {@code _fused_sgd_(self, grads, momentum_buffer_list, *, weight_decay, momentum, lr, dampening, nesterov, maximize, is_first_step)}. */
        SGD("aten::_fused_sgd_", 1, false, true),
        /** {@code _fused_adagrad_(self, grads, state_sums, state_steps, *, lr, lr_decay, weight_decay, eps, maximize)}: CPU only. */
        ADAGRAD("aten::_fused_adagrad_", 1, true, false);

        final String schema;
        final int stateLists;
        final boolean steps;
        final boolean cuda;
        private volatile OperatorHandle handle;

        Kernel(String schema, int stateLists, boolean steps, boolean cuda) {
            this.schema = schema;
            this.stateLists = stateLists;
            this.steps = steps;
            this.cuda = cuda;
        }

        OperatorHandle handle() {
            OperatorHandle h = handle;
            if (h == null) {
                Native.init();
                h = handle = Dispatcher.singleton().findSchemaOrThrow(schema, "");
            }
            return h;
        }

        /** @return how many state tensor lists follow the gradients */
        public int stateLists() {
            return stateLists;
        }
    }

    private static final Type.TypePtr TENSOR_TYPE;

    static {
        Native.init();
        TENSOR_TYPE = new Type.TypePtr(TensorType.get());
    }

    /** Where the gradients go among the operator's arguments, the only ones that change between calls. */
    private static final int ARG_GRADS = 1;

    private final Kernel kernel;
    /** Index of the first keyword argument: self, grads, the state lists, and the step list if any. */
    private final int firstScalar;
    /** A float32 one, so that step counters are advanced without a wrapped-scalar conversion. */
    private final Tensor one;
    private final List<Bucket> buckets = new ArrayList<>();

    // What the buckets were built for.
    private boolean[] builtFor;
    private dev.torch4j.Tensor[][] builtState;
    private dev.torch4j.Tensor[] builtSteps;
    private Object[] builtScalars;
    private int[] loose = new int[0];

    // One step's borrowed parameters and gradients, between begin() and end().
    private List<dev.torch4j.Tensor> stepParams;
    private TensorRef[] refs = new TensorRef[0];
    private Tensor[] params = new Tensor[0];
    private Tensor[] grads = new Tensor[0];
    private boolean[] sparse = new boolean[0];
    private int borrowed;
    private boolean closed;

    public FusedOptimizer(Kernel kernel) {
        this.kernel = kernel;
        this.firstScalar = 2 + kernel.stateLists + (kernel.steps ? 1 : 0);
        one = torch.empty(new long[0], Native.options(dev.torch4j.DType.FLOAT32, dev.torch4j.Device.cpu()), null);
        new org.bytedeco.javacpp.FloatPointer(one.data_ptr()).capacity(1).put(1f);
    }

    /** Parameters of one device and dtype updated by one fused call, with the call's arguments. */
    private static final class Bucket {
        final int[] members;
        final long[] numels;
        final int[] dtypes;
        final boolean[] cuda;
        /** float32 step counters of the members, on their device, advanced before each call; null for SGD. */
        final Tensor steps;
        /** The call's arguments; the gradients' slot is filled at each step. */
        final IValueVector arguments;

        Bucket(int[] members, long[] numels, int[] dtypes, boolean[] cuda, Tensor steps, IValueVector arguments) {
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
            if (steps != null) {
                steps.close();
            }
            arguments.close();
        }
    }

    /**
     * Starts a step: borrows every parameter (so that none is freed meanwhile) and reads its gradient.
     *
     * @return for each parameter, whether it has a gradient
     * @throws IllegalStateException naming the parameter when one was closed
     */
    public boolean[] begin(List<dev.torch4j.Tensor> ps) {
        checkOpen();
        if (borrowed != 0) {
            end();
        }
        int n = ps.size();
        if (refs.length != n) {
            refs = new TensorRef[n];
            params = new Tensor[n];
            grads = new Tensor[n];
            sparse = new boolean[n];
        }
        stepParams = ps;
        boolean[] has = new boolean[n];
        try {
            for (int i = 0; i < n; i++) {
                refs[i] = TensorBridge.ref(ps.get(i));
                try {
                    params[i] = refs[i].acquire();
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("parameter " + i + " of this param group was closed (by Module.close() "
                            + "or its own close()); an optimizer cannot step a released tensor", e);
                }
                borrowed = i + 1;
                Tensor g = params[i].grad();
                if (g.defined()) {
                    grads[i] = g;
                    has[i] = true;
                    sparse[i] = g.is_sparse();
                } else {
                    g.close();
                    sparse[i] = false;
                }
            }
        } catch (RuntimeException e) {
            end();
            throw Errors.translate(e);
        }
        return has;
    }

    /** @return whether parameter {@code i}'s gradient (read by {@link #begin}) is sparse */
    public boolean sparse(int i) {
        return sparse[i];
    }

    /**
     * Updates every parameter in {@code take} that the kernel can take, with the scalars given (the
     * kernel's keyword arguments in schema order, without {@code grad_scale} and {@code found_inf}).
     *
     * @param take    which parameters (those with a gradient and their state made) to update
     * @param state   per parameter, its state tensors in the kernel's list order (a null entry leaves
     *                that list empty, e.g. {@code max_exp_avg_sqs} without amsgrad)
     * @param steps   per parameter, its 0-d step counter, or null for a kernel without one; entries
     *                are replaced by views of the bucket's counters when the buckets are rebuilt
     * @param scalars the keyword arguments ({@code Double}, {@code Boolean})
     * @return indices of the parameters in {@code take} left to the caller
     */
    public int[] run(boolean[] take, dev.torch4j.Tensor[][] state, dev.torch4j.Tensor[] steps, Object... scalars) {
        checkOpen();
        try (Grad g = Grad.disable()) {
            if (!stillApply(take, state, steps)) {
                rebuild(take, state, steps, scalars);
            } else if (!Arrays.equals(scalars, builtScalars)) {
                for (Bucket b : buckets) {
                    setScalars(b.arguments, scalars);
                }
                builtScalars = scalars.clone();
            }
            for (Bucket b : buckets) {
                call(b);
            }
            return loose.clone();
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }

    /** Ends a step: releases the gradients and the parameters borrowed by {@link #begin}. */
    public void end() {
        for (int i = 0; i < borrowed; i++) {
            if (grads[i] != null) {
                grads[i].close();
                grads[i] = null;
            }
            params[i] = null;
            refs[i].release();
            refs[i] = null;
        }
        borrowed = 0;
        stepParams = null;
    }

    private boolean stillApply(boolean[] take, dev.torch4j.Tensor[][] state, dev.torch4j.Tensor[] steps) {
        if (builtFor == null || !Arrays.equals(take, builtFor)) {
            return false;
        }
        for (int i = 0; i < take.length; i++) {
            if (!take[i]) {
                continue;
            }
            dev.torch4j.Tensor[] s = state[i];
            dev.torch4j.Tensor[] b = builtState[i];
            for (int k = 0; k < s.length; k++) {
                if (s[k] != b[k]) {
                    return false;
                }
            }
            if (steps != null && steps[i] != builtSteps[i]) {
                return false;
            }
        }
        for (Bucket b : buckets) {
            for (int k = 0; k < b.members.length; k++) {
                if (!b.unchanged(k, params[b.members[k]])) {
                    return false;
                }
            }
        }
        for (int i : loose) {
            if (isFusable(i, state[i])) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the parameters to take into one bucket per device and dtype, or the caller's loose list. */
    private void rebuild(boolean[] take, dev.torch4j.Tensor[][] state, dev.torch4j.Tensor[] steps, Object[] scalars) {
        for (Bucket b : buckets) {
            b.close();
        }
        buckets.clear();
        Map<String, List<Integer>> byKind = new LinkedHashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < take.length; i++) {
            if (!take[i]) {
                continue;
            }
            Tensor p = params[i];
            for (dev.torch4j.Tensor s : state[i]) {
                if (s != null) {
                    follow(TensorBridge.borrow(s), p);
                }
            }
            if (isFusable(i, state[i])) {
                try (org.bytedeco.pytorch.Device d = p.device()) {
                    byKind.computeIfAbsent(Native.device(d) + "/" + p.scalar_type().value, k -> new ArrayList<>()).add(i);
                }
            } else {
                rest.add(i);
            }
        }
        for (List<Integer> members : byKind.values()) {
            buckets.add(bucket(members, state, steps, scalars));
        }
        loose = rest.stream().mapToInt(Integer::intValue).toArray();
        builtFor = take.clone();
        builtState = new dev.torch4j.Tensor[take.length][];
        for (int i = 0; i < take.length; i++) {
            builtState[i] = take[i] ? state[i].clone() : null;
        }
        builtSteps = steps == null ? null : steps.clone();
        builtScalars = scalars.clone();
    }

    /**
     * Moves a state tensor to its parameter's device and dtype when the parameter was moved or cast since
     * (PyTorch would fail at the next step; a state dict round trip moves it the same way).
     */
    private static void follow(Tensor state, Tensor p) {
        if (state.scalar_type().value == p.scalar_type().value && sameDevice(state, p)) {
            return;
        }
        Tensor moved;
        try (org.bytedeco.pytorch.TensorOptions o = p.options()) {
            moved = torch.empty_like(state, o, null);
        }
        moved.copy_(state);
        state.set_data(moved);
        moved.close();
    }

    private static boolean sameDevice(Tensor a, Tensor b) {
        try (org.bytedeco.pytorch.Device da = a.device(); org.bytedeco.pytorch.Device db = b.device()) {
            return Native.device(da).equals(Native.device(db));
        }
    }

    /** Whether the kernel takes parameter {@code i}: dense and contiguous, its state too, a dtype it handles like PyTorch's default. */
    private boolean isFusable(int i, dev.torch4j.Tensor[] state) {
        Tensor p = params[i];
        if (sparse[i] || !p.is_contiguous() || p.is_sparse()) {
            return false;
        }
        for (dev.torch4j.Tensor s : state) {
            if (s == null) {
                continue;
            }
            Tensor n = TensorBridge.borrow(s);
            if (n.numel() != p.numel() || !n.is_contiguous() || n.scalar_type().value != p.scalar_type().value
                    || n.is_cuda() != p.is_cuda()) {
                return false;
            }
        }
        // by value: the binding's enums are not always the interned constants
        int t = p.scalar_type().value;
        boolean single = t == ScalarType.Float.value || t == ScalarType.Double.value;
        boolean half = t == ScalarType.Half.value || t == ScalarType.BFloat16.value;
        if (p.is_cpu()) {
            return single;
        }
        return p.is_cuda() && kernel.cuda && (single || half);
    }

    private Bucket bucket(List<Integer> memberList, dev.torch4j.Tensor[][] state, dev.torch4j.Tensor[] stepTensors,
            Object[] scalars) {
        int n = memberList.size();
        int[] members = new int[n];
        long[] numels = new long[n];
        int[] dtypes = new int[n];
        boolean[] cuda = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = memberList.get(k);
            members[k] = i;
            numels[k] = params[i].numel();
            dtypes[k] = params[i].scalar_type().value;
            cuda[k] = params[i].is_cuda();
        }
        Tensor steps = kernel.steps ? packSteps(members, stepTensors) : null;
        GenericList p = tensors();
        GenericList[] lists = new GenericList[kernel.stateLists];
        for (int l = 0; l < lists.length; l++) {
            lists[l] = tensors();
        }
        GenericList s = tensors();
        for (int k = 0; k < n; k++) {
            int i = members[k];
            add(p, params[i]);
            for (int l = 0; l < lists.length; l++) {
                if (state[i][l] != null) {
                    add(lists[l], TensorBridge.borrow(state[i][l]));
                }
            }
            if (steps != null) {
                Tensor view = steps.select(0, k);
                add(s, view);
                // the member's state['step'] becomes this view: one add_ advances the whole bucket
                stepTensors[i] = TensorBridge.own(view).unscoped();
            }
        }
        IValueVector args = new IValueVector();
        push(args, new IValue(p));
        push(args, new IValue());
        for (GenericList l : lists) {
            push(args, new IValue(l));
        }
        if (steps != null) {
            push(args, new IValue(s));
        }
        for (Object v : scalars) {
            push(args, scalar(v));
        }
        push(args, new IValue());
        push(args, new IValue());
        p.close();
        s.close();
        for (GenericList l : lists) {
            l.close();
        }
        return new Bucket(members, numels, dtypes, cuda, steps, args);
    }

    /** The members' step counters as one float32 tensor on their device (what the CUDA kernels read). */
    private Tensor packSteps(int[] members, dev.torch4j.Tensor[] stepTensors) {
        float[] counts = new float[members.length];
        for (int k = 0; k < members.length; k++) {
            counts[k] = (float) TensorBridge.borrow(stepTensors[members[k]]).item_double();
        }
        Tensor steps = torch.empty(new long[] {counts.length}, Native.options(dev.torch4j.DType.FLOAT32, dev.torch4j.Device.cpu()), null);
        new org.bytedeco.javacpp.FloatPointer(steps.data_ptr()).capacity(counts.length).put(counts);
        Tensor p = params[members[0]];
        if (p.is_cuda()) {
            try (Tensor cpu = steps; org.bytedeco.pytorch.Device d = p.device()) {
                steps = cpu.to(d, cpu.scalar_type(), false, false, new org.bytedeco.pytorch.MemoryFormatOptional());
            }
        }
        return steps;
    }

    private void setScalars(IValueVector args, Object[] scalars) {
        for (int k = 0; k < scalars.length; k++) {
            try (IValue v = scalar(scalars[k])) {
                args.put(firstScalar + k, v);
            }
        }
    }

    private static IValue scalar(Object v) {
        if (v instanceof Boolean b) {
            return new IValue(b);
        }
        return new IValue(((Number) v).doubleValue());
    }

    private static void push(IValueVector args, IValue v) {
        args.push_back(v);
        v.close();
    }

    private static GenericList tensors() {
        return new GenericList(TENSOR_TYPE);
    }

    private static void add(GenericList list, Tensor t) {
        try (IValue iv = new IValue(t)) {
            list.push_back(iv);
        }
    }

    private void call(Bucket b) {
        if (b.steps != null) {
            b.steps.add_(one);
        }
        GenericList g = tensors();
        List<Tensor> made = new ArrayList<>(0);
        try (IValueVector stack = new IValueVector()) {
            for (int i : b.members) {
                Tensor grad = grads[i];
                if (!grad.is_contiguous()) {
                    // the kernel walks the gradient's memory in the parameter's order
                    grad = grad.contiguous();
                    made.add(grad);
                }
                add(g, grad);
            }
            stack.put(b.arguments);
            try (IValue gv = new IValue(g)) {
                stack.put(ARG_GRADS, gv);
            }
            Dispatcher.singleton().callBoxed(kernel.handle(), stack);
        } finally {
            g.close();
            made.forEach(Tensor::close);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this optimizer is closed");
        }
    }

    /** Forgets the buckets (their step counters stay readable through the views handed out). */
    public void invalidate() {
        for (Bucket b : buckets) {
            b.close();
        }
        buckets.clear();
        builtFor = null;
        loose = new int[0];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        end();
        invalidate();
        closed = true;
        one.close();
    }
}
