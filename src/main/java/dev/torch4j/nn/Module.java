package dev.torch4j.nn;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.serialization.IncompatibleKeys;
import dev.torch4j.serialization.StateDict;
import dev.torch4j.serialization.StateDictFormatException;
import dev.torch4j.serialization.StateDictMismatchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of all neural network modules, mirroring {@code torch.nn.Module}.
 *
 * <p>Subclasses register submodules with {@link #register} and tensors with
 * {@link #registerParameter}; names, order and nesting follow PyTorch, so {@link #namedParameters()}
 * yields {@code embedding.weight}, {@code rnn.weight_ih_l0}, ... in registration order. No
 * {@code forward} signature is fixed here, as in PyTorch. Parameters outlive every
 * {@link Torch#scope()}; {@link #close()} releases them.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html">torch.nn.Module</a>
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters, in training mode. */
    protected Module() {
    }

    /**
     * Registers a submodule under {@code name}, like assigning {@code self.name = module}.
     *
     * @return {@code module}
     * @throws IllegalArgumentException for an empty name, a name with a dot, or a name already used
     */
    protected final <M extends Module> M register(String name, M module) {
        checkName(name, "module");
        if (module == null) {
            throw new IllegalArgumentException("cannot register a null module as '" + name + "'");
        }
        children.put(name, module);
        return module;
    }

    /**
     * Registers {@code tensor} as a parameter, like {@code nn.Parameter}: it requires grad unless
     * told otherwise, and no scope will release it.
     *
     * @return {@code tensor}
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        checkName(name, "parameter");
        tensor.unscoped();
        parameters.put(name, tensor);
        return tensor;
    }

    /** Registers a tensor that is state but not a parameter (moved by {@link #to}, saved by {@link #saveStateDict}). */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        checkName(name, "buffer");
        if (tensor != null) {
            tensor.unscoped();
            buffers.put(name, tensor);
        }
        return tensor;
    }

    private void checkName(String name, String kind) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException(kind + " name can't contain \".\", got \"" + name + "\"");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
    }

    // ------------------------------------------------------------------ traversal

    /** @return every parameter with its dotted name, in PyTorch's order, like {@code named_parameters()} */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(this, "", out, false);
        return Collections.unmodifiableMap(out);
    }

    /** @return every parameter in PyTorch's order, like {@code parameters()} */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** @return parameters and buffers with dotted names, like {@code state_dict()} (shared, not copied) */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(this, "", out, true);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Module m, String prefix, Map<String, Tensor> out, boolean withBuffers) {
        m.parameters.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) {
            m.buffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        m.children.forEach((k, c) -> collect(c, prefix + k + ".", out, withBuffers));
    }

    /** @return the direct submodules by name, like {@code named_children()} */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    // ------------------------------------------------------------------ modes

    /** Training mode for this module and all submodules, like {@code train()}. @return this */
    public final <M extends Module> M train() {
        return train(true);
    }

    /** Like {@code train(mode)}. @return this */
    @SuppressWarnings("unchecked")
    public final <M extends Module> M train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return (M) this;
    }

    /** Evaluation mode (no dropout), like {@code eval()}. @return this */
    public final <M extends Module> M eval() {
        return train(false);
    }

    /** @return whether in training mode, like {@code module.training} */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Moves every parameter and buffer to {@code device} in place, like {@code module.to(device)}:
     * the tensors keep their identity, so an optimizer made before still holds them.
     *
     * @return this
     */
    @SuppressWarnings("unchecked")
    public final <M extends Module> M to(Device device) {
        for (Tensor t : stateDict().values()) {
            if (!t.device().equals(device)) {
                try (Tensor moved = t.detach().to(device)) {
                    t.setData(moved);
                }
            }
        }
        return (M) this;
    }

    /** Stops gradients for every parameter ({@code requires_grad_(False)}). @return this */
    public final <M extends Module> M freeze() {
        return requiresGrad(false);
    }

    /** Re-enables gradients for every parameter. @return this */
    public final <M extends Module> M unfreeze() {
        return requiresGrad(true);
    }

    /** Like {@code module.requires_grad_(flag)}. @return this */
    @SuppressWarnings("unchecked")
    public final <M extends Module> M requiresGrad(boolean flag) {
        for (Tensor p : namedParameters().values()) {
            p.requiresGrad_(flag);
        }
        return (M) this;
    }

    /** Sets every parameter's gradient to none, like {@code zero_grad()} in PyTorch 2.x. */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
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
     * A torchinfo-style table of layers and parameter counts.
     *
     * @return the table, with Total / Trainable / Non-trainable params
     */
    public final String summary() {
        return Summary.of(this, null);
    }

    /**
     * A torchinfo-style table with each layer's output shape, found by running {@code forward(input)}
     * once under no-grad.
     *
     * @param input an example input for this module's {@code forward(Tensor)}
     * @throws IllegalArgumentException if the module has no public {@code forward(Tensor)}
     */
    public final String summary(Tensor input) {
        return Summary.of(this, input);
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
        for (Tensor t : stateDict().values()) {
            t.close();
        }
    }

    /** @return this module's own parameters, without submodules' */
    final Map<String, Tensor> ownParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Lets built-in modules report their output shape to a running {@link #summary(Tensor)}. */
    protected final <T> T observe(T output) {
        Summary.observe(this, output);
        return output;
    }
}
