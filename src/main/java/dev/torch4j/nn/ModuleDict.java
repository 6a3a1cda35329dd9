package dev.torch4j.nn;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Submodules by name, in insertion order, mirroring {@code nn.ModuleDict}: each is registered under its
 * key, so its parameters are {@code <key>.weight} etc. Iterating yields the keys, as in Python.
 *
 * <p>Replacing or removing an entry ({@code dict[key] = other} for an existing key, {@code pop},
 * {@code clear}, {@code del}) is not offered: {@link Module} can add submodules but not yet replace or
 * remove them.
 *
 * @param <M> the type of the modules held
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.ModuleDict.html">torch.nn.ModuleDict</a>
 */
public class ModuleDict<M extends Module> extends Module implements Iterable<String> {
    private final Map<String, M> modules = new LinkedHashMap<>();

    /** Like {@code nn.ModuleDict()}. */
    public ModuleDict() {
    }

    /** Like {@code nn.ModuleDict(modules)} with an ordered mapping. */
    public ModuleDict(Map<String, ? extends M> modules) {
        update(modules);
    }

    /**
     * Adds a module under {@code key}, like {@code dict[key] = module}; a module already under {@code key} is
     * replaced, as in Python.
     *
     * @return this
     * @throws IllegalArgumentException for a key that is empty, contains a dot, or names a parameter or
     *         buffer of the container
     */
    public ModuleDict<M> put(String key, M module) {
        modules.put(key, register(key, module));
        return this;
    }

    /** Adds every entry, like {@code update(modules)}. @return this */
    public ModuleDict<M> update(Map<String, ? extends M> more) {
        more.forEach(this::put);
        return this;
    }

    /**
     * The module under {@code key}, like {@code dict[key]}.
     *
     * @throws NoSuchElementException for an unknown key (Python's KeyError)
     */
    public M get(String key) {
        M m = modules.get(key);
        if (m == null) {
            throw new NoSuchElementException("'" + key + "'");
        }
        return m;
    }

    /** @return whether {@code key} is present, like {@code key in dict} */
    public boolean containsKey(String key) {
        return modules.containsKey(key);
    }

    /** @return the keys in order, like {@code keys()} (read-only) */
    public Set<String> keys() {
        return Collections.unmodifiableSet(modules.keySet());
    }

    /** @return the entries in order, like {@code items()} (read-only) */
    public Set<Map.Entry<String, M>> items() {
        return Collections.unmodifiableMap(modules).entrySet();
    }

    /** @return the modules in order, like {@code values()} (read-only) */
    public Iterable<M> values() {
        return Collections.unmodifiableCollection(modules.values());
    }

    /** @return the number of entries, like {@code len(dict)} */
    public int size() {
        return modules.size();
    }

    /** @return the keys in order, as iterating a Python ModuleDict does */
    @Override
    public Iterator<String> iterator() {
        return keys().iterator();
    }
}
