package dev.torch4j.nn;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Modules applied one after the other, mirroring {@code nn.Sequential}: the output of each is the input
 * of the next. Children are registered under {@code "0"}, {@code "1"}, ... (or the names of the map given),
 * so parameter names are PyTorch's ({@code 0.weight}, {@code 2.bias}). Each child maps one tensor to one
 * tensor: a {@link TensorModule}, or any module with a public {@code Tensor forward(Tensor)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.Sequential.html">torch.nn.Sequential</a>
 */
public class Sequential extends Module implements TensorModule, Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /** Like {@code nn.Sequential(*modules)}: named {@code "0"}, {@code "1"}, ... */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            append(m);
        }
    }

    /** Like {@code nn.Sequential(OrderedDict(...))}: the children keep the map's names and order. */
    public Sequential(Map<String, ? extends Module> modules) {
        modules.forEach((name, m) -> this.modules.add(register(name, m)));
    }

    /**
     * Appends a module at the end, like {@code append(module)}, named by its position.
     *
     * @return this
     * @throws IllegalArgumentException when that name is already used (a map-built Sequential with a name
     *         like {@code "3"})
     */
    public Sequential append(Module module) {
        modules.add(register(String.valueOf(modules.size()), module));
        return this;
    }

    /** Appends each module, like {@code extend(modules)}. @return this */
    public Sequential extend(Iterable<? extends Module> more) {
        for (Module m : more) {
            append(m);
        }
        return this;
    }

    /**
     * The module at {@code index}, like {@code seq[index]}; negative counts from the end.
     *
     * @throws IndexOutOfBoundsException outside {@code [-size, size)}, with Python's message
     */
    public Module get(int index) {
        return modules.get(ModuleList.checkIndex(index, modules.size()));
    }

    /** @return the number of modules, like {@code len(seq)} */
    public int size() {
        return modules.size();
    }

    /** @return the modules in order (read-only) */
    @Override
    public Iterator<Module> iterator() {
        return Collections.unmodifiableList(modules).iterator();
    }

    /**
     * Chains the modules, like {@code seq(input)}.
     *
     * @throws IllegalArgumentException when a child has no one-tensor {@code forward}
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        int i = 0;
        for (Module m : modules) {
            x = Modules.forward(m, x, "Sequential child " + i++);
        }
        return observe(x);
    }
}
