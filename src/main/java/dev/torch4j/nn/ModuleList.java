package dev.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A list of submodules, mirroring {@code nn.ModuleList}: registered under {@code "0"}, {@code "1"}, ... so
 * that their parameters are the container's ({@code layers.0.weight}). It has no {@code forward}; iterate it.
 * The type parameter lets {@code ModuleList<Linear>} hand out {@code Linear}s.
 *
 * <p>PyTorch's {@code insert}, item assignment and deletion are not offered: {@link Module} can add
 * submodules but not yet replace or remove them.
 *
 * @param <M> the type of the modules held
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.ModuleList.html">torch.nn.ModuleList</a>
 */
public class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> modules = new ArrayList<>();

    /** Like {@code nn.ModuleList()}. */
    public ModuleList() {
    }

    /** Like {@code nn.ModuleList(modules)}. */
    public ModuleList(Iterable<? extends M> modules) {
        extend(modules);
    }

    /** Like {@code nn.ModuleList([m1, m2, ...])}. */
    @SafeVarargs
    public ModuleList(M... modules) {
        extend(List.of(modules));
    }

    static int checkIndex(int index, int size) {
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range");
        }
        return index < 0 ? index + size : index;
    }

    /** Appends a module, like {@code append(module)}. @return this */
    public ModuleList<M> append(M module) {
        modules.add(register(String.valueOf(modules.size()), module));
        return this;
    }

    /** Appends each module, like {@code extend(modules)}. @return this */
    public ModuleList<M> extend(Iterable<? extends M> more) {
        for (M m : more) {
            append(m);
        }
        return this;
    }

    /**
     * The module at {@code index}, like {@code list[index]}; negative counts from the end.
     *
     * @throws IndexOutOfBoundsException outside {@code [-size, size)}, with Python's message
     */
    public M get(int index) {
        return modules.get(checkIndex(index, modules.size()));
    }

    /** @return the number of modules, like {@code len(list)} */
    public int size() {
        return modules.size();
    }

    /** @return the modules in order (read-only) */
    @Override
    public Iterator<M> iterator() {
        return Collections.unmodifiableList(modules).iterator();
    }
}
