package dev.torch4j.optim;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.TensorOptions;
import dev.torch4j.TorchException;
import dev.torch4j.internal.Gradients;
import dev.torch4j.internal.PyValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Supplier;

/**
 * Base of all optimizers, mirroring {@code torch.optim.Optimizer}: parameters in param groups, each
 * with its own hyper-parameters ({@link #paramGroups()}, {@link #addParamGroup}), per-parameter state
 * ({@link #state()}), {@link #zeroGrad()}, {@link #step()}, and a state dict in PyTorch's layout
 * ({@link #stateDict()}, {@link #loadStateDict}) that {@code Torch.save} writes for
 * {@code torch.load} and that a PyTorch-written one loads into.
 *
 * <p>Parameters whose gradient is none (frozen ones, or unused in a step) are skipped, as in PyTorch.
 * The hyper-parameters are read from the param groups at every step, so changing {@code lr} (by hand
 * or by a scheduler of {@code dev.torch4j.optim.lrscheduler}) takes effect at the next step.
 *
 * <p>State tensors belong to the optimizer: no {@code Torch.scope()} releases them; {@link #close()}
 * does. Values of a state dict are shared with the optimizer as in PyTorch, except {@code step},
 * which is a copy (a 0-d float32 CPU tensor).
 *
 * @see <a href="https://pytorch.org/docs/stable/optim.html">torch.optim</a>
 */
public abstract class Optimizer implements AutoCloseable {
    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    private final List<ParamGroup> groupsView = Collections.unmodifiableList(paramGroups);
    /** Per-parameter state by parameter identity (Tensor keeps Object's equals), in first-use order. */
    private final Map<Tensor, Map<String, Object>> state = new LinkedHashMap<>();
    /** Every parameter of every group, for zeroGrad. */
    private final List<Tensor> allParams = new ArrayList<>();
    /** The fused kernels' prepared calls, for the optimizers that have one. */
    final Kernels kernels = new Kernels();
    private boolean closed;

    /**
     * Like {@code Optimizer(params, defaults)} with one group of all {@code params}.
     *
     * @param params   the tensors to optimise, in a stable order (e.g. {@code model.parameters()})
     * @param defaults the optimizer's options, PyTorch's keys in PyTorch's order
     * @throws IllegalArgumentException for an empty list, an unordered set, or a non-leaf tensor (PyTorch's messages)
     */
    protected Optimizer(Collection<Tensor> params, Map<String, Object> defaults) {
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        checkOrdered(params);
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        addParamGroup(new ParamGroup(params));
    }

    /**
     * Like {@code Optimizer([{'params': ...}, ...], defaults)}: one param group each.
     *
     * @param groups   the groups; options they don't set take {@code defaults}
     * @param defaults the optimizer's options
     * @throws IllegalArgumentException for no groups, a non-leaf tensor, or a tensor in two groups
     */
    protected Optimizer(List<ParamGroup> groups, Map<String, Object> defaults) {
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        for (ParamGroup g : groups) {
            addParamGroup(g);
        }
    }

    private static void checkOrdered(Collection<Tensor> params) {
        if (params instanceof Set && !(params instanceof LinkedHashSet) && !(params instanceof SortedSet)) {
            throw new IllegalArgumentException("optimizer parameters need to be organized in ordered collections, but "
                    + "the ordering of tensors in sets will change between runs. Please use a list instead.");
        }
    }

    /**
     * Adds a param group, like {@code add_param_group({'params': ..., ...})}: options it does not set
     * take the optimizer's defaults.
     *
     * @param group the group (the optimizer uses this object: later changes to it take effect)
     * @throws IllegalArgumentException if a tensor is not a leaf, or is in another group already
     */
    public void addParamGroup(ParamGroup group) {
        checkOpen();
        Objects.requireNonNull(group, "group");
        for (Tensor p : group.params()) {
            if (!(p.isLeaf() || p.retainsGrad())) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            group.setDefault(d.getKey(), d.getValue());
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : paramGroups) {
            seen.addAll(g.params());
        }
        for (Tensor p : group.params()) {
            if (seen.contains(p)) {
                throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
        }
        paramGroups.add(group);
        allParams.addAll(group.params());
        groupAdded(group);
    }

    /** Called after a group is added (Adagrad makes its state then); does nothing by default. */
    void groupAdded(ParamGroup group) {
    }

    /** @return the param groups, like {@code optimizer.param_groups} (a read-only list of live groups) */
    public List<ParamGroup> paramGroups() {
        return groupsView;
    }

    /** @return the optimizer's default options, like {@code optimizer.defaults} (read-only) */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /**
     * The per-parameter state, like {@code optimizer.state}: for each parameter that has state, its
     * entries ({@code step}, {@code exp_avg}, {@code momentum_buffer}, ...). The maps are read-only
     * views; the tensors are the optimizer's own (reading them, or changing their values in place, acts
     * on the optimizer). Change the state as a whole with {@link #loadStateDict}.
     *
     * @return parameter to state, in the order parameters first got state
     */
    public Map<Tensor, Map<String, Object>> state() {
        Map<Tensor, Map<String, Object>> out = new LinkedHashMap<>();
        state.forEach((p, s) -> out.put(p, Collections.unmodifiableMap(s)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The state of {@code p} for an optimizer's own use, made empty if it has none (like
     * {@code self.state[p]}, a defaultdict). State tensors put here must not belong to a
     * {@code Torch.scope()} ({@code unscoped()}); {@link #close()} closes them.
     *
     * @param p a parameter of this optimizer
     * @return its mutable state
     */
    protected final Map<String, Object> stateOf(Tensor p) {
        return state.computeIfAbsent(p, k -> new LinkedHashMap<>());
    }

    /** The state of {@code p} if it has any, else null. */
    final Map<String, Object> stateIfAny(Tensor p) {
        Map<String, Object> s = state.get(p);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Sets every gradient to none, like {@code zero_grad()} (PyTorch 2.x's default
     * {@code set_to_none=True}).
     */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Like {@code zero_grad(set_to_none)}.
     *
     * @param setToNone drop the gradients (true) or detach them and fill them with zeros (false)
     * @throws IllegalStateException when a parameter or this optimizer was closed
     */
    public void zeroGrad(boolean setToNone) {
        checkOpen();
        Gradients.zero(allParams, setToNone);
    }

    /**
     * Updates every parameter that has a gradient, like {@code step()}, with each group's current options.
     *
     * @throws IllegalStateException when this optimizer or a parameter was closed
     */
    public abstract void step();

    /**
     * Like {@code step(closure)}: evaluates {@code closure} with gradient recording on (it should clear
     * the gradients, compute the loss and call {@code backward()}), then steps.
     *
     * @param closure re-evaluates the model and returns the loss
     * @return the closure's loss
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var g = Torch.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /**
     * The optimizer's state as PyTorch's {@code state_dict()} lays it out: {@code "state"} maps each
     * parameter's index (a {@code Long}, counting parameters across groups in order) to its state, and
     * {@code "param_groups"} lists each group's options with {@code "params"}, the indices of its
     * parameters. Values have PyTorch's types: floats as {@code Double}, ints as {@code Long},
     * {@code betas} as a {@link dev.torch4j.serialization.Tuple}, tensors (the optimizer's own, except {@code step}, a copy).
     * {@code Torch.save} writes it so that {@code torch.optim.X.load_state_dict} in Python reads it.
     *
     * @return a new map of {@code "state"} and {@code "param_groups"}
     */
    public Map<String, Object> stateDict() {
        checkOpen();
        Map<Tensor, Long> index = new IdentityHashMap<>();
        List<Object> groups = new ArrayList<>();
        long start = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>(g.options());
            List<Object> ids = new ArrayList<>();
            long i = start;
            for (Tensor p : g.params()) {
                index.putIfAbsent(p, i++);
                ids.add(index.get(p));
            }
            packed.put("params", ids);
            start += ids.size();
            groups.add(packed);
        }
        Map<Object, Object> packedState = new LinkedHashMap<>();
        for (Map.Entry<Tensor, Map<String, Object>> e : state.entrySet()) {
            Long id = index.get(e.getKey());
            if (id == null || e.getValue().isEmpty()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            e.getValue().forEach((k, v) -> s.put(k, k.equals("step") && v instanceof Tensor t ? stepCopy(t) : v));
            packedState.put(id, s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    private static Tensor stepCopy(Tensor t) {
        return stepTensor(t.item());
    }

    /** A step counter as PyTorch keeps it: a 0-d float32 CPU tensor, belonging to no scope. */
    static Tensor stepTensor(double value) {
        return Torch.scalarTensor(value, TensorOptions.defaults().dtype(DType.FLOAT32)).unscoped();
    }

    /**
     * Loads a state dict, like {@code load_state_dict(state_dict)}: what {@link #stateDict()} returned,
     * or what {@code Torch.load} read from a PyTorch checkpoint's {@code optimizer.state_dict()}. State
     * tensors are copied to each parameter's device (and dtype, for floating parameters), as PyTorch
     * does; the groups take the loaded options (options the loaded group lacks, e.g. keys a newer
     * PyTorch added, take this optimizer's defaults). A PyTorch 1.x state dict loads too: an int
     * {@code step} becomes a tensor, a {@code None} momentum buffer is dropped.
     *
     * @param stateDict a map with {@code "state"} (index to a map of state) and {@code "param_groups"}
     * @throws IllegalArgumentException when the group count or sizes differ (PyTorch's messages), or the
     *                                  map does not have that layout
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        checkOpen();
        List<?> saved = listOf(stateDict.get("param_groups"), "state_dict['param_groups']");
        if (saved.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        List<Map<?, ?>> savedGroups = new ArrayList<>();
        for (int g = 0; g < saved.size(); g++) {
            Map<?, ?> sg = mapOf(saved.get(g), "state_dict['param_groups'][" + g + "]");
            List<?> ids = listOf(sg.get("params"), "state_dict['param_groups'][" + g + "]['params']");
            if (ids.size() != paramGroups.get(g).params().size()) {
                throw new IllegalArgumentException(
                        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            savedGroups.add(sg);
        }
        Map<Long, Tensor> idMap = new LinkedHashMap<>();
        for (int g = 0; g < savedGroups.size(); g++) {
            List<?> ids = (List<?>) savedGroups.get(g).get("params");
            List<Tensor> ps = paramGroups.get(g).params();
            for (int k = 0; k < ids.size(); k++) {
                idMap.put(PyValues.integer("state_dict['param_groups'][" + g + "]['params'][" + k + "]", ids.get(k)),
                        ps.get(k));
            }
        }
        Map<?, ?> savedState = mapOf(stateDict.get("state"), "state_dict['state']");
        Map<Tensor, Map<String, Object>> loaded = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : savedState.entrySet()) {
            String where = "state_dict['state'][" + PyValues.repr(e.getKey()) + "]";
            Tensor p = idMap.get(PyValues.integer(where, e.getKey()));
            if (p == null) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            for (Map.Entry<?, ?> v : mapOf(e.getValue(), where).entrySet()) {
                String key = String.valueOf(v.getKey());
                Object value = cast(p, key, v.getValue(), where + "['" + key + "']");
                if (value != null || !key.equals("momentum_buffer")) {
                    s.put(key, value);
                }
            }
            loaded.put(p, s);
        }
        state.clear();
        state.putAll(loaded);
        for (int g = 0; g < savedGroups.size(); g++) {
            Map<String, Object> options = new LinkedHashMap<>();
            savedGroups.get(g).forEach((k, v) -> options.put(String.valueOf(k), v));
            ParamGroup group = paramGroups.get(g);
            group.replaceOptions(options);
            for (Map.Entry<String, Object> d : defaults.entrySet()) {
                group.setDefault(d.getKey(), d.getValue());
            }
        }
        stateLoaded();
    }

    /** Called after {@link #loadStateDict}: the fused calls built for the previous state are dropped. */
    void stateLoaded() {
        kernels.invalidate();
    }

    /** A loaded state value, as PyTorch's {@code _process_value_according_to_param_policy} makes it. */
    private static Object cast(Tensor p, String key, Object value, String where) {
        try (var g = Torch.noGrad()) {
            if (key.equals("step")) {
                // PyTorch keeps steps as they are (float32 CPU tensors); PyTorch 1.x wrote some as ints
                return stepTensor(PyValues.number(where, value));
            }
            if (value instanceof Tensor t) {
                Tensor c = p.isFloatingPoint() ? t.to(p.device(), p.dtype(), false, true) : t.to(p.device(), t.dtype(),
                        false, true);
                return c.unscoped();
            }
            return value;
        }
    }

    private static List<?> listOf(Object o, String where) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(where + " must be a list, got " + PyValues.describe(o));
    }

    private static Map<?, ?> mapOf(Object o, String where) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(where + " must be a dict, got " + PyValues.describe(o));
    }

    /**
     * Puts the step counter a fused kernel handed back (a view of its bucket's counters) into the state,
     * closing the one it replaces.
     */
    static void installStep(Map<String, Object> s, Tensor step) {
        Object old = s.get("step");
        if (old != step) {
            s.put("step", step);
            if (old instanceof Tensor t) {
                t.close();
            }
        }
    }

    /**
     * Moves a state tensor to its parameter's device and dtype when the parameter was moved or cast
     * after its first step (PyTorch would fail; a state dict round trip moves it the same way).
     *
     * @return {@code state}
     */
    static Tensor follow(Tensor state, Tensor p) {
        if (state.dtype() != p.dtype() || !state.device().equals(p.device())) {
            try (var g = Torch.noGrad()) {
                Tensor moved = state.to(p.device(), p.dtype());
                state.setData(moved);
                moved.close();
            }
        }
        return state;
    }

    /** PyTorch's single-tensor update of one parameter with a dense gradient. */
    interface Update {
        void apply(Tensor param, Tensor grad, Map<String, Object> state);
    }

    /**
     * Runs {@code update} for each parameter of {@code group} with a gradient, each in a scope of its own
     * with gradient recording off, as PyTorch's single-tensor loops do.
     *
     * @throws TorchException for a sparse gradient ({@code "<name> does not support sparse gradients"})
     */
    final void forEachWithGradient(ParamGroup group, String name, Update update) {
        for (Tensor param : group.params()) {
            try (var scope = Torch.scope(); var g = Torch.noGrad()) {
                Tensor grad = param.grad();
                if (grad == null) {
                    continue;
                }
                if (Gradients.isSparse(grad)) {
                    throw new TorchException(name + " does not support sparse gradients");
                }
                update.apply(param, grad, stateOf(param));
            }
        }
    }

    /**
     * Weight decay as Adam, NAdam and RAdam apply it: decoupled ({@code param *= 1 - lr * weight_decay})
     * or added to the gradient.
     *
     * @return the gradient to use
     */
    static Tensor weightDecay(Tensor param, Tensor grad, double lr, double weightDecay, boolean decoupled) {
        if (weightDecay == 0) {
            return grad;
        }
        if (decoupled) {
            param.mul_(1 - lr * weightDecay);
            return grad;
        }
        return grad.add(param, weightDecay);
    }

    /** The state tensor under {@code key}, made as zeros like {@code p} if absent (an option switched on later). */
    static Tensor lazy(Map<String, Object> s, String key, Tensor p) {
        Object t = s.get(key);
        if (t == null) {
            try (var g = Torch.noGrad()) {
                t = Torch.zerosLike(p).unscoped();
            }
            s.put(key, t);
        }
        return (Tensor) t;
    }

    /** Throws when closed. */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this optimizer is closed");
        }
    }


    /** Releases the optimizer state; the parameters stay. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernels.close();
        for (Map<String, Object> s : state.values()) {
            for (Object v : s.values()) {
                if (v instanceof Tensor t) {
                    t.close();
                }
            }
        }
        state.clear();
    }

    /** PyTorch's {@code repr(optimizer)}: the class name and each group's options. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            sb.append("\nParameter Group ").append(i).append('\n').append(paramGroups.get(i));
        }
        return sb.append(')').toString();
    }
}
