package dev.torch4j.optim;

import dev.torch4j.Tensor;
import dev.torch4j.internal.PyValues;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code optimizer.param_groups}: parameters and the hyper-parameters they are optimised
 * with. In PyTorch a param group is a dict ({@code {'params': [...], 'lr': 0.1}}); here the parameters
 * are fixed and the options form an ordered, mutable map of PyTorch's keys and value types
 * ({@code Double} for floats, {@code Long} for ints, {@code Boolean}, {@code null} for {@code None}, a
 * {@link dev.torch4j.serialization.Tuple} for {@code betas}).
 *
 * <p>Pass groups to an optimizer to give parts of a model their own options; keys a group does not
 * set take the optimizer's defaults, as in PyTorch:
 * <pre>{@code
 * SGD opt = new SGD(List.of(
 *         new ParamGroup(model.embedding.parameters()),
 *         new ParamGroup(model.out.parameters(), Map.of("lr", 1e-3))),
 *     SGDOptions.defaults().lr(1e-2).momentum(0.9));
 * opt.paramGroups().get(1).lr(5e-4);   // group['lr'] = 5e-4, read at the next step
 * }</pre>
 * Changing a value takes effect at the next {@code step()}; learning rate schedulers work this way.
 *
 * @see <a href="https://pytorch.org/docs/stable/optim.html#per-parameter-options">Per-parameter options</a>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final LinkedHashMap<String, Object> options = new LinkedHashMap<>();
    private final Map<String, Object> view = Collections.unmodifiableMap(options);
    /** Bumped on every change, so that optimizers re-read the values only when one changed. */
    private int version;

    /**
     * A group of these parameters with no options of its own (the optimizer's defaults apply).
     *
     * @param params the tensors, in a stable order (a {@code List}, or any ordered collection)
     * @throws NullPointerException if {@code params} or one of them is null
     */
    public ParamGroup(Collection<Tensor> params) {
        this(params, Map.of());
    }

    /**
     * A group of these parameters with some options of its own, like
     * {@code {'params': params, 'lr': 0.01}}.
     *
     * @param params  the tensors, in a stable order
     * @param options option names (PyTorch's, e.g. {@code "lr"}, {@code "weight_decay"}) and values
     * @throws NullPointerException     if {@code params} or one of them is null
     * @throws IllegalArgumentException if {@code options} has the key {@code "params"}
     */
    public ParamGroup(Collection<Tensor> params, Map<String, ?> options) {
        for (Tensor p : Objects.requireNonNull(params, "params")) {
            Objects.requireNonNull(p, "params contains null");
        }
        this.params = List.copyOf(params);
        for (Map.Entry<String, ?> e : options.entrySet()) {
            if (e.getKey().equals("params")) {
                throw new IllegalArgumentException("the parameters of a ParamGroup are its constructor's first "
                        + "argument, not an option");
            }
            this.options.put(e.getKey(), normalize(e.getValue()));
        }
    }

    /** @return the parameters, like {@code group['params']} (unmodifiable) */
    public List<Tensor> params() {
        return params;
    }

    /**
     * The options, like the group's dict without {@code 'params'}: an unmodifiable view in PyTorch's key
     * order; change values with {@link #set}.
     *
     * @return the live view
     */
    public Map<String, Object> options() {
        return view;
    }

    /**
     * Like {@code key in group}.
     *
     * @param key the option's PyTorch name
     * @return whether the group has this option
     */
    public boolean containsKey(String key) {
        return options.containsKey(key);
    }

    /**
     * Like {@code group[key]}.
     *
     * @param key the option's PyTorch name
     * @return its value (null stands for {@code None})
     * @throws IllegalArgumentException when the group has no such option (Python's {@code KeyError})
     */
    public Object get(String key) {
        Object v = options.get(key);
        if (v == null && !options.containsKey(key)) {
            throw new IllegalArgumentException("KeyError: '" + key + "' (this param group has " + options.keySet() + ")");
        }
        return v;
    }

    /**
     * A numeric option as a double, like {@code float(group[key])}.
     *
     * @param key the option's PyTorch name
     * @return its value
     * @throws IllegalArgumentException when absent or not a number
     */
    public double getDouble(String key) {
        Object v = options.get(key);
        return v instanceof Double d ? d : PyValues.number("param group option '" + key + "'", get(key));
    }

    /**
     * Like {@code group[key] = value}; takes effect at the optimizer's next step.
     *
     * @param key   the option's PyTorch name (any name may be added, as in Python; schedulers add
     *              {@code initial_lr})
     * @param value a {@code Double}, {@code Long}, {@code Boolean}, null, a list (for {@code betas}) or a
     *              tensor; {@code Integer} and {@code Float} are stored as {@code Long} and {@code Double}
     * @return this group
     * @throws IllegalArgumentException for the key {@code "params"}
     */
    public ParamGroup set(String key, Object value) {
        if (key.equals("params")) {
            throw new IllegalArgumentException("the parameters of a ParamGroup cannot be replaced");
        }
        options.put(key, normalize(value));
        version++;
        return this;
    }

    /**
     * Like {@code group.setdefault(key, value)}.
     *
     * @param key   the option's PyTorch name
     * @param value the value to set when the group has none
     * @return the value now under {@code key}
     */
    public Object setDefault(String key, Object value) {
        if (!options.containsKey(key)) {
            set(key, value);
        }
        return options.get(key);
    }

    /** @return the learning rate, like {@code group['lr']} */
    public double lr() {
        return getDouble("lr");
    }

    /**
     * Sets the learning rate, like {@code group['lr'] = value}.
     *
     * @param value the learning rate, read at the optimizer's next step
     * @return this group
     */
    public ParamGroup lr(double value) {
        return set("lr", value);
    }

    int version() {
        return version;
    }

    /** Replaces all options (a loaded state dict's group), keeping the parameters. */
    void replaceOptions(Map<String, ?> values) {
        options.clear();
        values.forEach((k, v) -> {
            if (!k.equals("params")) {
                options.put(k, normalize(v));
            }
        });
        version++;
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    /** PyTorch's rendering of one group in {@code repr(optimizer)}: its options sorted by name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(options).forEach((k, v) -> sb.append("    ").append(k).append(": ")
                .append(PyValues.repr(v)).append('\n'));
        return sb.toString();
    }
}
