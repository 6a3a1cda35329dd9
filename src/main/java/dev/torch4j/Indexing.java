package dev.torch4j;

/**
 * The pieces of Python's subscript syntax for {@link Tensor#index(Object...)} and
 * {@link Tensor#indexPut_(Object[], Tensor)}: {@code t[1:3, ..., None]} is
 * {@code t.index(Indexing.slice(1, 3), Indexing.ellipsis(), Indexing.newaxis())}. Slices clamp to the
 * dimension and accept negative bounds, as Python's do; {@code null} leaves an end open.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_view.html">tensor views</a>
 */
public final class Indexing {
    private Indexing() {
    }

    /**
     * A slice {@code start:stop:step}; null bounds are open, as in Python.
     *
     * @param start first index, or null for the beginning
     * @param stop  index after the last, or null for the end
     * @param step  stride (positive), or null for 1
     */
    public record Slice(Long start, Long stop, Long step) {
        @Override
        public String toString() {
            return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
        }
    }

    /** Python's {@code ...} and {@code None} in a subscript. */
    public enum Marker {
        /** {@code ...}: as many {@code :} as the other indices leave dimensions. */
        ELLIPSIS,
        /** {@code None}: a new dimension of size 1. */
        NEWAXIS
    }

    /** @return {@code start:stop} */
    public static Slice slice(long start, long stop) {
        return new Slice(start, stop, null);
    }

    /** @return {@code start:stop:step} */
    public static Slice slice(long start, long stop, long step) {
        return new Slice(start, stop, step);
    }

    /** @return {@code start:stop} where either end may be null (open), e.g. {@code slice(2, null)} for {@code 2:} */
    public static Slice slice(Number start, Number stop) {
        return new Slice(toLong(start), toLong(stop), null);
    }

    /** @return {@code start:stop:step} where any part may be null */
    public static Slice slice(Number start, Number stop, Number step) {
        return new Slice(toLong(start), toLong(stop), toLong(step));
    }

    /** @return {@code :}, every element of a dimension */
    public static Slice all() {
        return new Slice(null, null, null);
    }

    /** @return {@code ...} */
    public static Marker ellipsis() {
        return Marker.ELLIPSIS;
    }

    /** @return {@code None} */
    public static Marker newaxis() {
        return Marker.NEWAXIS;
    }

    private static Long toLong(Number n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Double || n instanceof Float) {
            throw new IllegalArgumentException("slice indices must be integers or None, got " + n);
        }
        return n.longValue();
    }
}
