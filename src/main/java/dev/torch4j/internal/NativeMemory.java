package dev.torch4j.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps native memory bounded for code that never closes its tensors (ported Python code has no
 * scopes). Tensors made outside any {@code Torch.scope()} are counted by their bytes plus a fixed
 * allowance for what autograd keeps with them; tensors closed by hand are taken off the count. When
 * the count of unreleased bytes grows past a threshold since the last collection (over at least 16
 * tensors: a few big ones, such as a loaded embedding matrix, are live, not garbage), the garbage
 * collector is asked to run, so that JavaCPP's deallocator frees what is no longer reachable: the Java heap alone
 * would not fill up for a long time, since a tensor's handle is small and its memory native.
 *
 * <p>The threshold is {@code torch4j.gcThresholdBytes} (default 256 MiB; {@code 0} turns the collection
 * off). Scoped code is not counted and never triggers it: scopes remain the fast path.
 *
 * <p>Once, after the 1000th scope closes (a training loop past its warm-up), one collection is asked
 * for as well: the JVM sizes its young generation from the machine's RAM (RAM/64 committed at start),
 * and a loop's short-lived garbage touches all of it, so a 3.9 MB live heap held 228 MB resident in the
 * notebook loop. One collection lets the heap shrink to what is live (measured: 463 MB RSS to 260 MB,
 * a 20 ms pause, no loss of steps/s; {@code benchmarks/FOOTPRINT.md}). {@code -Dtorch4j.warmupGc=false}
 * turns it off.
 */
public final class NativeMemory {
    /**
     * What autograd and the allocator hold per tensor beyond its elements, as an allowance: measured on
     * the notebook loop without scopes, 12 tensors a step leave about 32 KB of native memory behind.
     */
    static final long PER_TENSOR = 4096;
    private static final long THRESHOLD = threshold();
    private static final AtomicLong UNSCOPED = new AtomicLong();
    private static final AtomicLong COLLECTIONS = new AtomicLong();
    /** Tensors counted since the last collection: a few big ones (a loaded matrix) are live, not garbage. */
    private static final AtomicLong UNSCOPED_TENSORS = new AtomicLong();
    private static final long MIN_TENSORS = 16;
    private static final Object LOCK = new Object();
    /** Counts from before the last collection are not taken off again. */
    private static volatile int epoch;

    private NativeMemory() {
    }

    private static long threshold() {
        String v = System.getProperty("torch4j.gcThresholdBytes");
        if (v == null || v.isBlank()) {
            return 256L << 20;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("torch4j.gcThresholdBytes must be a number of bytes, got '" + v + "'");
        }
    }

    private static final boolean WARMUP_GC = !"false".equalsIgnoreCase(System.getProperty("torch4j.warmupGc"));
    private static final int WARMUP_SCOPES = 1000;
    private static final java.util.concurrent.atomic.AtomicInteger SCOPES_CLOSED = new java.util.concurrent.atomic.AtomicInteger();

    /** Called when a scope closes: the one warm-up collection (see the class comment). */
    public static void scopeClosed() {
        if (WARMUP_GC && SCOPES_CLOSED.get() <= WARMUP_SCOPES && SCOPES_CLOSED.incrementAndGet() == WARMUP_SCOPES) {
            COLLECTIONS.incrementAndGet();
            System.gc();
        }
    }

    /** Counts a tensor made outside any scope. */
    public static void unscoped(TensorRef ref) {
        if (THRESHOLD <= 0) {
            return;
        }
        long bytes = PER_TENSOR + ref.nbytes();
        ref.accounted = bytes;
        ref.epoch = epoch;
        long n = UNSCOPED_TENSORS.incrementAndGet();
        if (UNSCOPED.addAndGet(bytes) > THRESHOLD && n >= MIN_TENSORS) {
            collect();
        }
    }

    /** Takes a counted tensor off the count when it is closed by hand (a collected one is not seen). */
    static void released(TensorRef ref) {
        long bytes = ref.accounted;
        if (bytes != 0) {
            ref.accounted = 0;
            if (ref.epoch == epoch) {
                UNSCOPED.addAndGet(-bytes);
            }
        }
    }

    private static void collect() {
        synchronized (LOCK) {
            if (UNSCOPED.get() <= THRESHOLD) {
                return;
            }
            UNSCOPED.set(0);
            UNSCOPED_TENSORS.set(0);
            epoch++;
            COLLECTIONS.incrementAndGet();
        }
        System.gc();
    }

    /** @return how many collections unscoped tensors have asked for, for tests and the doctor */
    public static long collections() {
        return COLLECTIONS.get();
    }

    /** @return the bytes counted since the last collection */
    public static long unscopedBytes() {
        return UNSCOPED.get();
    }
}
