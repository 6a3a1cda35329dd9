package dev.torch4j.serialization;

/**
 * The limits that keep a hostile or corrupt file from exhausting the machine, read from system
 * properties each time a file is read (so a program may raise them for one load); documented in
 * {@code package-info.java}.
 */
final class Limits {
    /** System property: the heap a {@code torch.save} pickle may take while it is read, in bytes. */
    static final String PICKLE_MEMORY = "torch4j.serialization.maxPickleMemory";
    /** System property: the deepest nesting of dicts, lists and tuples in a checkpoint. */
    static final String DEPTH = "torch4j.serialization.maxDepth";
    static final long DEFAULT_PICKLE_MEMORY = 256L << 20;
    static final int DEFAULT_DEPTH = 1000;

    private Limits() {
    }

    /** @return the heap budget of one pickle: its bytes plus an estimate of the objects it builds */
    static long pickleMemory() {
        return positive(PICKLE_MEMORY, DEFAULT_PICKLE_MEMORY);
    }

    /** @return the deepest container nesting a checkpoint may have (the root dict is depth 1) */
    static int depth() {
        return (int) Math.min(Integer.MAX_VALUE - 1, positive(DEPTH, DEFAULT_DEPTH));
    }

    private static long positive(String property, long fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + property + "=" + v + " must be a positive integer");
    }
}
