package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.serialization.IncompatibleKeys;
import dev.torch4j.serialization.StateDict;
import dev.torch4j.serialization.StateDictFormatException;
import dev.torch4j.serialization.StateDictMismatchException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Base class of all neural network modules, mirroring {@code torch.nn.Module}.
 *
 * <p>Subclasses register submodules with {@link #register}, parameters with {@link #registerParameter}
 * and buffers with {@link #registerBuffer}; names, order and nesting follow PyTorch, so
 * {@link #namedParameters()} yields {@code embedding.weight}, {@code rnn.weight_ih_l0}, ... in
 * registration order. No {@code forward} signature is fixed here, as in PyTorch. Parameters outlive
 * every {@link Torch#scope()}; {@link #close()} releases them.
 *
 * <p>Python registers every attribute that holds a module or a parameter by itself; Java cannot, so
 * a field assigned without {@code register} would silently stay out of training, {@code to()} and the
 * state dict. {@link #parameters()}, {@link #namedParameters()}, {@link #buffers()}, {@link #stateDict()}
 * and {@link #to(Device)} therefore check every field of every module in the tree (and the elements of
 * fields that are collections, maps or arrays): a module, or a tensor that requires grad and is a leaf,
 * that was never registered raises an {@link IllegalStateException} naming the field and the fix.
 *
 * <p>Registering a name again replaces the entry, as assigning the attribute again does in Python
 * ({@code decoder.weight = encoder.weight}); fields of that module that held the replaced value are
 * pointed at the new one, so built-in modules use it too. A tensor registered in several modules (weight
 * tying) is one parameter: {@link #parameters()} lists it once, so an optimizer steps it once, while
 * {@link #stateDict()} names it under every key, as PyTorch's {@code state_dict()} does, and
 * {@link #saveStateDict} writes its storage once.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html">torch.nn.Module</a>
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters, in training mode. */
    protected Module() {
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers {@code module} as a child under {@code name}, like assigning {@code self.name = module}
     * (or {@code add_module(name, module)}); a child registered under {@code name} before is replaced, in
     * its place in the registration order, and this module's fields that held it now hold {@code module}, or
     * null where the field's type cannot hold it (so a subclass of {@link Transformer} may register its own
     * {@code "decoder"}, and {@link Transformer#decoder()} then returns null).
     *
     * @param <M>    the module's type, returned as is so that {@code rnn = register("rnn", new RNN(...))} reads well
     * @param name   the attribute name, which prefixes the child's parameter names ({@code name.weight})
     * @param module the child
     * @return {@code module}
     * @throws IllegalArgumentException for an empty name, a name with a dot, a null module, or a name
     *                                  already used by a parameter or buffer
     */
    public final <M extends Module> M register(String name, M module) {
        checkName(name, "module", children);
        if (module == null) {
            throw new IllegalArgumentException("cannot register a null module as '" + name + "'");
        }
        Module old = children.put(name, module);
        repointFields(old, module);
        return module;
    }

    /**
     * Registers {@code tensor} as a parameter, like assigning {@code self.name = nn.Parameter(tensor)}
     * (or {@code register_parameter(name, param)}): it requires grad from now on and no scope releases
     * it. A parameter registered under {@code name} before is replaced, which is how weights are tied:
     * {@code decoder.registerParameter("weight", encoder.weight())}. A tensor that is not a leaf of the
     * autograd graph is registered as a detached alias of its storage, as {@code nn.Parameter} makes one.
     *
     * @param name   the attribute name ({@code weight}, {@code weight_ih_l0})
     * @param tensor a floating point or complex tensor; null removes a parameter of that name, like
     *               {@code register_parameter(name, None)}
     * @return the registered tensor: {@code tensor} itself, or its detached alias when it was not a leaf
     * @throws IllegalArgumentException for an empty name, a name with a dot, or a name already used by a
     *                                  submodule or buffer
     * @throws dev.torch4j.TorchException when the dtype cannot require grad (libtorch's message)
     */
    public final Tensor registerParameter(String name, Tensor tensor) {
        return registerParameter(name, tensor, true);
    }

    /**
     * Like {@link #registerParameter(String, Tensor)} with {@code requires_grad} given, as
     * {@code nn.Parameter(tensor, requires_grad=requiresGrad)} (a frozen pretrained table, for example).
     *
     * @param name         the attribute name
     * @param tensor       the values (null removes the parameter)
     * @param requiresGrad whether the optimizer should train it (PyTorch's default: true)
     * @return the registered tensor
     * @throws IllegalArgumentException for an empty name, a name with a dot, or a name used by a submodule
     *                                  or buffer
     */
    public final Tensor registerParameter(String name, Tensor tensor, boolean requiresGrad) {
        checkName(name, "parameter", parameters);
        if (tensor == null) {
            repointFields(parameters.remove(name), null);
            return null;
        }
        Tensor p = tensor.isLeaf() ? tensor : tensor.detach();
        p.requiresGrad_(requiresGrad);
        p.unscoped();
        Tensor old = parameters.put(name, p);
        repointFields(old, p);
        return p;
    }

    /**
     * Registers a tensor that is state but not a parameter, like {@code register_buffer(name, tensor)}:
     * moved by {@link #to}, saved by {@link #saveStateDict}, never trained.
     *
     * @param name   the attribute name
     * @param tensor the buffer; null registers nothing (PyTorch keeps a {@code None} entry)
     * @return {@code tensor}
     * @throws IllegalArgumentException for an empty name, a name with a dot, or a name used by a
     *                                  submodule or parameter
     */
    public final Tensor registerBuffer(String name, Tensor tensor) {
        return registerBuffer(name, tensor, true);
    }

    /**
     * Like {@code register_buffer(name, tensor, persistent)}: a buffer that is not persistent is moved
     * by {@link #to} and listed by {@link #buffers()} but left out of {@link #stateDict()}.
     *
     * @param name       the attribute name
     * @param tensor     the buffer; null removes a buffer of that name
     * @param persistent whether {@link #stateDict()} includes it (PyTorch's default: true)
     * @return {@code tensor}
     * @throws IllegalArgumentException for an empty name, a name with a dot, or a name used by a
     *                                  submodule or parameter
     */
    public final Tensor registerBuffer(String name, Tensor tensor, boolean persistent) {
        checkName(name, "buffer", buffers);
        Tensor old;
        if (tensor == null) {
            old = buffers.remove(name);
        } else {
            tensor.unscoped();
            old = buffers.put(name, tensor);
        }
        if (persistent) {
            nonPersistent.remove(name);
        } else {
            nonPersistent.add(name);
        }
        repointFields(old, tensor);
        return tensor;
    }

    /** Python's checks of {@code add_module}/{@code register_parameter}/{@code register_buffer}. */
    private void checkName(String name, String kind, Map<String, ?> sameKind) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException(kind + " name can't contain \".\"" + (kind.equals("module") ? ", got: "
                    + name : ""));
        }
        boolean taken = parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name);
        if (taken && !sameKind.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
    }

    /**
     * Points this module's fields that held {@code old} at {@code replacement}, as Python's attribute is the
     * entry. A field whose type cannot hold the replacement (a superclass's {@code TransformerDecoder decoder}
     * when a subclass registers a {@code Linear} as {@code "decoder"}, as pytorch/examples' word language model
     * does) is cleared: it no longer names what the module holds under that name.
     */
    private void repointFields(Object old, Object replacement) {
        if (old == null || old == replacement) {
            return;
        }
        for (Field f : FieldCheck.fields(getClass())) {
            try {
                if (f.get(this) == old) {
                    f.set(this, replacement == null || f.getType().isInstance(replacement) ? replacement : null);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot update field " + f + " to the newly registered value", e);
            }
        }
    }

    // ------------------------------------------------------------------ traversal

    /**
     * Every parameter with its dotted name, like {@code named_parameters()}: modules in pre-order, each
     * module's own parameters in registration order, a tensor shared by several modules listed once
     * (under its first name).
     *
     * @return a read-only map in PyTorch's order
     * @throws IllegalStateException when a field of a module in the tree holds a module or a trainable
     *                               tensor that was never registered (see the class comment)
     */
    public final Map<String, Tensor> namedParameters() {
        checkFields();
        return namedTensors(false, false);
    }

    /**
     * Every parameter once, like {@code parameters()}: what an optimizer is built from.
     *
     * @return a new list in PyTorch's order
     * @throws IllegalStateException when a field holds an unregistered module or parameter
     */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Every buffer with its dotted name, like {@code named_buffers()} (non-persistent ones included).
     *
     * @return a read-only map in PyTorch's order
     * @throws IllegalStateException when a field holds an unregistered module or parameter
     */
    public final Map<String, Tensor> namedBuffers() {
        checkFields();
        return namedTensors(true, false);
    }

    /**
     * Every buffer once, like {@code buffers()}.
     *
     * @return a new list in PyTorch's order
     * @throws IllegalStateException when a field holds an unregistered module or parameter
     */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /**
     * Parameters and persistent buffers under every dotted name, like {@code state_dict()}: a module or
     * tensor reached by two paths appears under both names (the tensors are shared, not copied).
     *
     * @return a read-only map in PyTorch's order
     * @throws IllegalStateException when a field holds an unregistered module or parameter
     */
    public final Map<String, Tensor> stateDict() {
        checkFields();
        return allState();
    }

    /** The state dict without the field check (for close(), loading and moving). */
    private Map<String, Tensor> allState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState(this, "", out);
        return Collections.unmodifiableMap(out);
    }

    private static void collectState(Module m, String prefix, Map<String, Tensor> out) {
        m.parameters.forEach((k, v) -> out.put(prefix + k, v));
        m.buffers.forEach((k, v) -> {
            if (!m.nonPersistent.contains(k)) {
                out.put(prefix + k, v);
            }
        });
        m.children.forEach((k, c) -> collectState(c, prefix + k + ".", out));
    }

    /** Parameters (or buffers) of the tree without repeats, with or without the field check done before. */
    private Map<String, Tensor> namedTensors(boolean ofBuffers, boolean withDuplicates) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> (ofBuffers ? m.buffers : m.parameters).forEach((k, t) -> {
            if (withDuplicates || seen.add(t)) {
                out.put(prefix.isEmpty() ? k : prefix + "." + k, t);
            }
        }));
        return Collections.unmodifiableMap(out);
    }

    /**
     * This module and every submodule with its dotted name ({@code ""} for this one), in pre-order, each
     * module once, like {@code named_modules()}.
     *
     * @return a read-only map
     */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules(this, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private static void collectModules(Module m, String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) {
            return;
        }
        out.put(prefix, m);
        m.children.forEach((k, c) -> collectModules(c, prefix.isEmpty() ? k : prefix + "." + k, out, seen));
    }

    /**
     * This module and every submodule, in pre-order, each once, like {@code modules()}.
     *
     * @return a new list
     */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /**
     * The direct submodules by name, each once, like {@code named_children()}.
     *
     * @return a read-only map in registration order
     */
    public final Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        children.forEach((k, c) -> {
            if (seen.add(c)) {
                out.put(k, c);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The direct submodules, each once, like {@code children()}.
     *
     * @return a new list in registration order
     */
    public final List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /**
     * Calls {@code fn} on every submodule (children first, recursively) and then on this module, like
     * {@code apply(fn)}; typically to initialise weights: {@code model.apply(m -> { if (m instanceof Linear l)
     * Init.xavierUniform_(l.weight()); })}.
     *
     * @param fn what to do with each module
     * @return this module
     */
    public final Module apply(Consumer<? super Module> fn) {
        for (Module c : children()) {
            c.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    /** Raises when a field of a module in this tree holds a module or trainable tensor never registered. */
    private void checkFields() {
        FieldCheck.check(this, namedModules().values());
    }

    // ------------------------------------------------------------------ modes

    /**
     * Training mode for this module and all submodules, like {@code train()}.
     *
     * @return this module (typed {@code Module}: {@code model.train()} changes the model in place)
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Sets training mode ({@code true}) or evaluation mode ({@code false}) for this module and all
     * submodules, like {@code train(mode)}; dropout and similar layers read it. Override to add behaviour
     * (call {@code super.train(mode)}), as in PyTorch, where {@code eval()} calls {@code train(False)}.
     *
     * @param mode true for training
     * @return this module
     */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children()) {
            c.train(mode);
        }
        return this;
    }

    /**
     * Evaluation mode (no dropout), like {@code eval()}: {@code train(false)}.
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /** @return whether in training mode, like {@code module.training} */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Moves every parameter, its gradient and every buffer to {@code device} in place, like
     * {@code module.to(device)}: the tensors keep their identity, so an optimizer made before still holds
     * them.
     *
     * @param device the target device
     * @return this module
     * @throws IllegalStateException when a field holds an unregistered module or parameter (it would stay behind)
     */
    public final Module to(Device device) {
        checkFields();
        return applyToTensors(t -> t.device().equals(device), t -> t.to(device));
    }

    /**
     * Casts every floating point parameter, its gradient and every floating point buffer to
     * {@code dtype} in place, like {@code module.to(dtype)}; integer tensors are left as they are.
     *
     * @param dtype a floating point or complex type
     * @return this module
     * @throws IllegalArgumentException when {@code dtype} is neither floating point nor complex (Python's message)
     * @throws IllegalStateException    when a field holds an unregistered module or parameter
     */
    public final Module to(DType dtype) {
        if (!dtype.isFloatingPoint() && !dtype.isComplex()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point or complex dtypes, but got "
                    + "desired dtype=" + dtype);
        }
        checkFields();
        return applyToTensors(t -> !t.dtype().isFloatingPoint() || t.dtype() == dtype, t -> t.to(dtype));
    }

    /** PyTorch's {@code _apply}: each tensor (and gradient) once, changed in place through {@code .data}. */
    private Module applyToTensors(Predicate<Tensor> unchanged, UnaryOperator<Tensor> convert) {
        Set<Tensor> done = Collections.newSetFromMap(new IdentityHashMap<>());
        Collection<Module> all = namedModules().values();
        try (NoGradGuard g = Torch.noGrad()) {
            for (Module m : all) {
                for (Tensor t : m.parameters.values()) {
                    if (done.add(t)) {
                        convertInPlace(t, unchanged, convert, true);
                    }
                }
                for (Tensor t : m.buffers.values()) {
                    if (done.add(t)) {
                        convertInPlace(t, unchanged, convert, false);
                    }
                }
            }
        }
        for (Module m : all) {
            m.tensorsApplied();
        }
        return this;
    }

    private static void convertInPlace(Tensor t, Predicate<Tensor> unchanged, UnaryOperator<Tensor> convert,
            boolean withGrad) {
        if (unchanged.test(t)) {
            return;
        }
        Tensor grad = withGrad ? t.grad() : null;
        try {
            if (grad != null) {
                t.clearGrad();
            }
            try (Tensor detached = t.detach(); Tensor converted = convert.apply(detached)) {
                t.setData(converted);
            }
            if (grad != null) {
                try (Tensor converted = convert.apply(grad)) {
                    t.setGrad(converted);
                }
            }
        } finally {
            if (grad != null) {
                grad.close();
            }
        }
    }

    /** Called after {@link #to} changed this module's tensors (RNNs re-flatten their weights for cuDNN). */
    void tensorsApplied() {
    }

    /**
     * Stops gradients for every parameter, like {@code requires_grad_(False)}.
     *
     * @return this module
     */
    public final Module freeze() {
        return requiresGrad(false);
    }

    /**
     * Re-enables gradients for every parameter, like {@code requires_grad_(True)}.
     *
     * @return this module
     */
    public final Module unfreeze() {
        return requiresGrad(true);
    }

    /**
     * Sets {@code requires_grad} of every parameter, like {@code module.requires_grad_(flag)}.
     *
     * @param flag whether the parameters require grad
     * @return this module
     */
    public final Module requiresGrad(boolean flag) {
        for (Tensor p : namedTensors(false, false).values()) {
            p.requiresGrad_(flag);
        }
        return this;
    }

    /** Sets every parameter's gradient to none, like {@code zero_grad()} in PyTorch 2.x. */
    public final void zeroGrad() {
        for (Tensor p : namedTensors(false, false).values()) {
            p.clearGrad();
        }
    }

    // ------------------------------------------------------------------ state

    /**
     * Copies values into this module's tensors, like {@code load_state_dict(state, strict=True)}.
     *
     * @param state tensors by dotted name (any device and dtype; copied, not kept)
     * @return {@link IncompatibleKeys#NONE}: a strict load either matches every key or throws
     * @throws StateDictMismatchException (an {@code IllegalArgumentException}) listing every missing key,
     *                                    unexpected key and shape mismatch; no tensor was changed
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values into this module's tensors, like {@code load_state_dict(state, strict=strict)}. With
     * {@code strict=false}, missing keys keep their current values and unexpected keys are ignored; both
     * are returned. A shape mismatch is an error either way, as in PyTorch.
     *
     * @param state  tensors by dotted name (any device and dtype; copied, not kept)
     * @param strict whether missing and unexpected keys are errors (PyTorch's default: true)
     * @return the missing and unexpected keys (both empty when strict)
     * @throws StateDictMismatchException (an {@code IllegalArgumentException}) listing every shape mismatch and,
     *                                    when strict, every missing and unexpected key; no tensor was changed
     * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.load_state_dict">
     *     Module.load_state_dict</a>
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        for (String k : own.keySet()) {
            if (!state.containsKey(k)) {
                missing.add(k);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        List<String> sizes = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null && !Arrays.equals(src.shape(), e.getValue().shape())) {
                sizes.add("size mismatch for " + e.getKey() + ": copying a param with shape "
                        + Tensor.shapeString(src.shape()) + " from checkpoint, the shape in current model is "
                        + Tensor.shapeString(e.getValue().shape()) + ".");
            }
        }
        if (!sizes.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            throw new StateDictMismatchException(getClass().getSimpleName(), strict ? missing : List.of(),
                    strict ? unexpected : List.of(), sizes);
        }
        try (var g = Torch.noGrad()) {
            own.forEach((k, t) -> {
                Tensor src = state.get(k);
                if (src != null) {
                    t.copy_(src);
                }
            });
        }
        return strict ? IncompatibleKeys.NONE : new IncompatibleKeys(missing, unexpected);
    }

    /**
     * Reads a weights file written by Python's {@code torch.save(model.state_dict(), path)} or by
     * safetensors (found from the content) into this module's tensors, strictly: like
     * {@code model.load_state_dict(torch.load(path, weights_only=True))}. Loading never runs code from the file.
     *
     * @param path a {@code torch.save} archive ({@code .pt}, {@code .pth}, {@code .bin}) or a safetensors file
     * @return {@link IncompatibleKeys#NONE}
     * @throws IOException                when the file cannot be read; a {@link StateDictFormatException}
     *                                    naming the byte offset when it is malformed or not a state dict
     * @throws StateDictMismatchException listing every missing key, unexpected key and shape mismatch
     * @see StateDict#load(Path)
     */
    public final IncompatibleKeys loadStateDict(Path path) throws IOException {
        return loadStateDict(path, true);
    }

    /**
     * Like {@link #loadStateDict(Path)}, returning missing and unexpected keys instead of failing on them
     * when {@code strict} is false.
     *
     * @param path   a {@code torch.save} archive or a safetensors file
     * @param strict whether missing and unexpected keys are errors
     * @return the missing and unexpected keys (both empty when strict)
     * @throws IOException                when the file cannot be read or is malformed
     * @throws StateDictMismatchException listing shape mismatches and, when strict, missing and unexpected keys
     */
    public final IncompatibleKeys loadStateDict(Path path, boolean strict) throws IOException {
        try (StateDict loaded = StateDict.load(path)) {
            return loadStateDict(loaded, strict);
        }
    }

    /**
     * Writes {@link #stateDict()} so that Python reads it: a {@code .safetensors} name gives safetensors
     * ({@code safetensors.torch.load_file}), any other name ({@code .pt}, {@code .pth}, {@code .bin}) the
     * archive of {@code torch.save(model.state_dict(), path)}, read by {@code torch.load(path, weights_only=True)}
     * and then {@code model.load_state_dict(...)}.
     *
     * @param path the file to write (replaced if it exists)
     * @throws IOException when the file cannot be written
     * @see StateDict#save(Map, Path)
     */
    public final void saveStateDict(Path path) throws IOException {
        StateDict.save(stateDict(), path);
    }

    // ------------------------------------------------------------------ text

    /**
     * A torchinfo-style table of layers and parameter counts (a parameter shared by several layers is
     * counted once in the totals).
     *
     * @return the table, with Total / Trainable / Non-trainable params
     */
    public final String summary() {
        return Summary.of(this, null);
    }

    /**
     * A torchinfo-style table with each layer's output shape, found by running this module's public
     * {@code forward} that takes these arguments once under no-grad; a layer whose output is not a tensor
     * shows the shape of the first tensor it holds ({@code RNN.Output.output()}, a packed sequence's data).
     *
     * @param inputs example arguments for a public {@code forward} of this module (tensors, hidden states, ...)
     * @return the table
     * @throws IllegalArgumentException if the module has no public {@code forward} taking these arguments
     */
    public final String summary(Object... inputs) {
        return Summary.of(this, inputs);
    }

    /** @return the part inside the parentheses of this module's repr, like {@code extra_repr()} */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module repr, e.g. {@code Linear(in_features=16, out_features=1, bias=True)}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append("(\n");
        String extra = extraRepr();
        if (!extra.isEmpty()) {
            sb.append("  ").append(extra).append('\n');
        }
        children.forEach((k, c) -> sb.append("  (").append(k).append("): ")
                .append(c.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }

    /** Releases every parameter and buffer of this module and its submodules. */
    @Override
    public void close() {
        for (Module m : namedModules().values()) {
            m.parameters.values().forEach(Tensor::close);
            m.buffers.values().forEach(Tensor::close);
        }
    }

    /** @return this module's own parameters, without submodules' */
    final Map<String, Tensor> ownParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** @return this module's own buffers, without submodules' */
    final Map<String, Tensor> ownBuffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /**
     * Lets a module report its output to a running {@link #summary(Object...)}, which shows the shape of the
     * first tensor it holds; outside a summary it only returns {@code output}.
     *
     * @param <T>    the output's type
     * @param output what {@code forward} returns
     * @return {@code output}
     */
    protected final <T> T observe(T output) {
        Summary.observe(this, output);
        return output;
    }
}
