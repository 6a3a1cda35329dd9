package dev.torch4j.nn;

import dev.torch4j.Tensor;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields of a module tree that hold a module, or a tensor that requires grad and is a leaf, that
 * was never registered: Python registers such attributes by itself, so a port that forgets
 * {@code register} would silently train, move and save less than the original.
 */
final class FieldCheck {
    /** Instance fields of a module class (up to {@link Module}) that can hold a module or tensor. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Module.class && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !canHold(f.getType())) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        out.add(f);
                    } catch (InaccessibleObjectException e) {
                        // a class in a named module that does not open its package: nothing to read
                    }
                }
            }
            return List.copyOf(out);
        }
    };

    private FieldCheck() {
    }

    /** @return the instance fields of {@code type} that may hold modules or tensors, readable */
    static List<Field> fields(Class<?> type) {
        return FIELDS.get(type);
    }

    private static boolean canHold(Class<?> t) {
        if (t.isPrimitive() || t == String.class || t.isEnum() || Number.class.isAssignableFrom(t)) {
            return false;
        }
        return Module.class.isAssignableFrom(t) || t.isAssignableFrom(Module.class) || t.isInterface()
                || t.isAssignableFrom(Tensor.class) || Collection.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || (t.isArray() && !t.getComponentType().isPrimitive());
    }

    /**
     * Checks every field of every module of the tree.
     *
     * @param root    the module the call was made on (named in the message)
     * @param modules every module of its tree
     * @throws IllegalStateException naming the first field that holds something unregistered
     */
    static void check(Module root, Collection<Module> modules) {
        Set<Module> registeredModules = Collections.newSetFromMap(new IdentityHashMap<>());
        registeredModules.addAll(modules);
        Set<Tensor> registeredTensors = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module m : modules) {
            registeredTensors.addAll(m.ownParameters().values());
            registeredTensors.addAll(m.ownBuffers().values());
        }
        for (Module m : modules) {
            for (Field f : fields(m.getClass())) {
                Object v;
                try {
                    v = f.get(m);
                } catch (IllegalAccessException e) {
                    continue;
                }
                String where = f.getDeclaringClass().getSimpleName() + "." + f.getName();
                checkValue(v, where, f.getName(), registeredModules, registeredTensors);
                if (v instanceof Collection<?> c) {
                    int i = 0;
                    for (Object e : c) {
                        checkElement(e, where + "[" + i + "]", f.getName(), i++, registeredModules, registeredTensors);
                    }
                } else if (v instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        checkElement(e.getValue(), where + "[" + e.getKey() + "]", String.valueOf(e.getKey()), -1,
                                registeredModules, registeredTensors);
                    }
                } else if (v != null && v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(v); i++) {
                        checkElement(Array.get(v, i), where + "[" + i + "]", f.getName(), i, registeredModules,
                                registeredTensors);
                    }
                }
            }
        }
    }

    private static void checkValue(Object v, String where, String name, Set<Module> modules, Set<Tensor> tensors) {
        if (v instanceof Module m && !modules.contains(m)) {
            throw new IllegalStateException(where + " holds a module (" + m.getClass().getSimpleName()
                    + ") that was never registered, so its parameters would not be trained, moved or saved (Python "
                    + "registers attributes by itself, Java cannot): assign it with " + name + " = register(\"" + name
                    + "\", ...)");
        }
        if (v instanceof Tensor t && isUnregisteredParameter(t, tensors)) {
            throw new IllegalStateException(where + " holds a tensor that requires grad but was never registered, "
                    + "so it would not be trained, moved or saved (Python registers an nn.Parameter attribute by "
                    + "itself, Java cannot): assign it with " + name + " = registerParameter(\"" + name
                    + "\", ...), or registerBuffer for state that is not trained");
        }
    }

    private static void checkElement(Object e, String where, String name, int index, Set<Module> modules,
            Set<Tensor> tensors) {
        String suggested = index < 0 ? name : name + "_" + index;
        if (e instanceof Module m && !modules.contains(m)) {
            throw new IllegalStateException(where + " holds a module (" + m.getClass().getSimpleName()
                    + ") that was never registered, so its parameters would not be trained, moved or saved (a plain "
                    + "Python list or dict does not register its modules either): keep the modules in a ModuleList "
                    + "or ModuleDict registered with register(\"" + name + "\", ...), or register each one, e.g. "
                    + "register(\"" + suggested + "\", ...)");
        }
        if (e instanceof Tensor t && isUnregisteredParameter(t, tensors)) {
            throw new IllegalStateException(where + " holds a tensor that requires grad but was never registered, "
                    + "so it would not be trained, moved or saved: register each one with registerParameter(\""
                    + suggested + "\", ...)");
        }
    }

    private static boolean isUnregisteredParameter(Tensor t, Set<Tensor> registered) {
        return !registered.contains(t) && !t.isClosed() && t.requiresGrad() && t.isLeaf();
    }
}
