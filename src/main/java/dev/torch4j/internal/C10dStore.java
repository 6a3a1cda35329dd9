package dev.torch4j.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.FileStore;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ProcessGroup;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;

/**
 * One c10d key-value store ({@code c10d::Store}), held through a proper {@code intrusive_ptr}.
 *
 * <p>The binding constructs {@code TCPStore}, {@code FileStore} and {@code PrefixStore} with a plain
 * {@code new}: the first C++ consumer that takes such a raw object steals it into an
 * {@code intrusive_ptr}, a second one aborts the process ("Newly-created target had non-zero
 * refcounts"), and Java's collector would later delete what C++ now owns (see
 * shared/notes/c10d.md, traps 1 and 2). So every raw store is handed over exactly once, right where
 * it is made, in {@link #adopt}: a throw-away {@code ProcessGroup} takes it, Java gives up its
 * deallocator, and the group's {@code getStore()} returns the reference-counted handle that this
 * class keeps. No raw store ever leaves this class; each consumer copies the handle.
 */
public final class C10dStore implements AutoCloseable {
    private Store handle;
    private final int port;

    private C10dStore(Store handle, int port) {
        this.handle = handle;
        this.port = port;
    }

    static {
        Native.init();
    }

    /**
     * A TCP store: the server (on {@code isServer}) or a client connecting to {@code host:port}.
     *
     * @param worldSize      the number of clients the server waits for, or -1 for none
     * @param waitForWorkers whether the server's constructor waits until {@code worldSize} clients joined
     * @throws dev.torch4j.distributed.DistNetworkError when the port cannot be bound or the server not reached in time
     * @throws dev.torch4j.distributed.DistStoreError   when the clients did not all join in time
     */
    public static C10dStore tcp(String host, int port, int worldSize, boolean isServer, Duration timeout,
                                boolean waitForWorkers, boolean multiTenant, boolean useLibuv) {
        try (TCPStoreOptions o = new TCPStoreOptions();
             SizeTPointer workers = worldSize >= 0 ? new SizeTPointer(1).put(worldSize) : null;
             Milliseconds ms = millis(timeout)) {
            o.port((short) port);
            o.isServer(isServer);
            if (workers != null) {
                o.numWorkers(workers);
            }
            o.waitWorkers(waitForWorkers && worldSize >= 0);
            o.timeout(ms);
            o.multiTenant(multiTenant);
            o.useLibUV(useLibuv);
            TCPStore raw;
            try {
                raw = new TCPStore(host, o);
            } catch (RuntimeException e) {
                throw C10dErrors.rendezvous(e);
            }
            return adopt(raw, raw.getPort() & 0xFFFF);
        }
    }

    /**
     * A store in a shared file, like {@code FileStore(path, world_size)}.
     *
     * @throws dev.torch4j.distributed.DistStoreError when the file cannot be used
     */
    public static C10dStore file(String path, int worldSize) {
        FileStore raw;
        try {
            raw = new FileStore(path, worldSize);
        } catch (RuntimeException e) {
            throw C10dErrors.store(e);
        }
        return adopt(raw, -1);
    }

    /** A view of {@code base} whose keys all start with {@code prefix + "/"}, like {@code PrefixStore}. */
    public static C10dStore prefix(String prefix, C10dStore base) {
        return adopt(new PrefixStore(prefix, base.handle()), base.port);
    }

    /** The one hand-over of a raw store to C++; afterwards only the returned handle is used. */
    private static C10dStore adopt(Store raw, int port) {
        ProcessGroup holder = new ProcessGroup(raw, 0, 1);
        raw.deallocate(false);
        try {
            return new C10dStore(holder.getStore(), port);
        } finally {
            holder.close();
        }
    }

    /** The reference-counted handle; each C++ consumer copies it. Valid while this store is open. */
    Store handle() {
        Store h = handle;
        if (h == null) {
            throw new IllegalStateException("the store was closed");
        }
        return h;
    }

    /** The TCP port the server listens on (the one it chose when asked for port 0); -1 for a file store. */
    public int port() {
        return port;
    }

    public void set(String key, byte[] value) {
        try (ByteVector v = new ByteVector(value)) {
            call(() -> {
                handle().set(key, v);
                return null;
            });
        }
    }

    public byte[] get(String key) {
        return call(() -> {
            try (ByteVector v = handle().get(key)) {
                return bytes(v);
            }
        });
    }

    public long add(String key, long amount) {
        return call(() -> handle().add(key, amount));
    }

    public byte[] compareSet(String key, byte[] expected, byte[] desired) {
        try (ByteVector e = new ByteVector(expected); ByteVector d = new ByteVector(desired)) {
            return call(() -> {
                try (ByteVector r = handle().compareSet(key, e, d)) {
                    return bytes(r);
                }
            });
        }
    }

    public boolean check(List<String> keys) {
        try (StringVector k = strings(keys)) {
            return call(() -> handle().check(k));
        }
    }

    public void await(List<String> keys, Duration timeout) {
        try (StringVector k = strings(keys)) {
            call(() -> {
                if (timeout == null) {
                    handle()._wait(k);
                } else {
                    try (Milliseconds ms = millis(timeout)) {
                        handle()._wait(k, ms);
                    }
                }
                return null;
            });
        }
    }

    public boolean deleteKey(String key) {
        return call(() -> handle().deleteKey(key));
    }

    public long numKeys() {
        return call(() -> handle().getNumKeys());
    }

    public void setTimeout(Duration timeout) {
        try (Milliseconds ms = millis(timeout)) {
            call(() -> {
                handle().setTimeout(ms);
                return null;
            });
        }
    }

    public Duration timeout() {
        return call(() -> {
            try (Milliseconds ms = handle().getTimeout()) {
                return Duration.ofMillis(ms.count());
            }
        });
    }

    /** Drops this reference; the store lives on while a process group still uses it. Idempotent. */
    @Override
    public synchronized void close() {
        Store h = handle;
        handle = null;
        if (h != null) {
            h.close();
        }
    }

    static Milliseconds millis(Duration d) {
        return new Milliseconds(d.toMillis());
    }

    private static byte[] bytes(ByteVector v) {
        return v.size() == 0 ? new byte[0] : v.get();
    }

    private static StringVector strings(List<String> keys) {
        StringVector v = new StringVector();
        for (String k : keys) {
            v.push_back(k);
        }
        return v;
    }

    /** UTF-8 bytes of a string value, as Python's {@code store.set(key, "text")} stores them. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T call(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw C10dErrors.store(e);
        }
    }
}
