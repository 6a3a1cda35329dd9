package dev.torch4j.serialization;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Python {@code tuple} in a checkpoint tree: an unmodifiable {@link List} whose elements keep their
 * order, so that {@link Checkpoint#save} writes a tuple again where {@link Checkpoint#load} read one
 * (an optimizer's {@code betas=(0.9, 0.999)}, a shape). Any other {@code java.util.List} is saved as a
 * Python {@code list}.
 *
 * <p>Being a {@code List}, a tuple can be read like one ({@code List<?> betas = (List<?>) group.get("betas")}
 * works for a tuple and for a list) and is equal to any list with equal elements, as the {@code List}
 * contract requires (Python's {@code (1, 2) != [1, 2]} does not carry over). Elements may be null
 * (Python's {@code None}). The hash code is computed once, when the tuple is made, so nested tuples used
 * as dict keys hash in time proportional to their width, not to their size when expanded.
 *
 * @see <a href="https://docs.python.org/3/library/stdtypes.html#tuple">tuple</a>
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private static final Tuple EMPTY = new Tuple(new Object[0]);

    private final Object[] items;
    private final int hash;
    /** Whether every element is a value Python can hash (None, bool, int, float, str, a dtype, a hashable tuple). */
    final boolean hashable;
    /** 1 + the deepest tuple among the elements (elements of other kinds count 0). */
    final int depth;
    /** The unpickler that made this tuple canonical (structurally equal tuples it made are the same object), or null. */
    final Object canon;

    private Tuple(Object[] items) {
        this(items, null);
    }

    Tuple(Object[] items, Object canon) {
        this.items = items;
        this.canon = canon;
        int h = 1;
        boolean all = true;
        int d = 0;
        for (Object o : items) {
            if (o instanceof Tuple t && t.depth > d) {
                d = t.depth;
            }
            if (hashableValue(o)) {
                h = 31 * h + (o == null ? 0 : o.hashCode());
            } else {
                all = false;
            }
        }
        this.hash = h;
        this.hashable = all;
        this.depth = d == Integer.MAX_VALUE ? d : d + 1;
    }

    /** Whether {@code o} is immutable and hashable as a Python dict key: None, bool, int, float, str, a dtype, such a tuple. */
    static boolean hashableValue(Object o) {
        return o == null || o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean
                || o instanceof java.math.BigInteger || o instanceof Integer || o instanceof Enum<?>
                || (o instanceof Tuple t && t.hashable);
    }

    /**
     * A tuple of the given elements, like Python's {@code (a, b, ...)}.
     *
     * @param items the elements (nulls allowed); the array is copied
     * @return the tuple
     */
    public static Tuple of(Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    /**
     * A tuple of a list's elements, like Python's {@code tuple(items)}.
     *
     * @param items the elements, in order (nulls allowed)
     * @return the tuple
     */
    public static Tuple copyOf(List<?> items) {
        return items instanceof Tuple t ? t : items.isEmpty() ? EMPTY : new Tuple(items.toArray());
    }

    /**
     * @param index the position, from 0
     * @return the element there
     * @throws IndexOutOfBoundsException outside {@code [0, size())}
     */
    @Override
    public Object get(int index) {
        return items[index];
    }

    /** @return the number of elements */
    @Override
    public int size() {
        return items.length;
    }

    /**
     * The {@code List} hash code. A tuple of immutable values (None, bool, int, float, str, dtypes and
     * such tuples, the keys Python can hash) computed it once when it was made, so hashing it takes
     * constant time however deeply it nests; a tuple holding lists, maps or tensors computes it on call.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return hashable ? hash : super.hashCode();
    }

    /**
     * Equal to any {@code List} with equal elements, in order.
     *
     * @param o another object
     * @return whether it is a list of equal elements
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o instanceof Tuple t) {
            if (t.items.length != items.length || (hashable && t.hashable && t.hash != hash)
                    || (canon != null && canon == t.canon)) {
                return false; // two different canonical tuples of one file are never equal
            }
            return Arrays.equals(items, t.items);
        }
        return super.equals(o);
    }

    /** @return the elements in Python's notation, e.g. {@code (0.9, 0.999)} or {@code (1,)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(items[i] == this ? "(this tuple)" : items[i]);
        }
        return sb.append(items.length == 1 ? ",)" : ")").toString();
    }
}
