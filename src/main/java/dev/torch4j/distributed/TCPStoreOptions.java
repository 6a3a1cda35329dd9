package dev.torch4j.distributed;

import java.time.Duration;

/**
 * The keyword arguments of {@link TCPStore}, mirroring those of {@code torch.distributed.TCPStore}:
 * an immutable value, each method returning a copy with one argument set.
 *
 * <p>Defaults (PyTorch's): {@code worldSize} none (-1), {@code isMaster} false, {@code timeout} 300 s,
 * {@code waitForWorkers} true, {@code multiTenant} false, {@code useLibuv} true.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.TCPStore">torch.distributed.TCPStore</a>
 */
public final class TCPStoreOptions {
    private static final TCPStoreOptions DEFAULTS =
            new TCPStoreOptions(-1, false, Duration.ofSeconds(300), true, false, true);

    private final int worldSize;
    private final boolean isMaster;
    private final Duration timeout;
    private final boolean waitForWorkers;
    private final boolean multiTenant;
    private final boolean useLibuv;

    private TCPStoreOptions(int worldSize, boolean isMaster, Duration timeout, boolean waitForWorkers,
                            boolean multiTenant, boolean useLibuv) {
        this.worldSize = worldSize;
        this.isMaster = isMaster;
        this.timeout = timeout;
        this.waitForWorkers = waitForWorkers;
        this.multiTenant = multiTenant;
        this.useLibuv = useLibuv;
    }

    /** @return PyTorch's defaults, listed in the class comment */
    public static TCPStoreOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The number of processes using the store (master included), like {@code world_size=}; the master
     * waits for them when {@link #waitForWorkers(boolean)}. Default none (-1).
     *
     * @throws IllegalArgumentException when {@code worldSize < -1} or 0
     */
    public TCPStoreOptions worldSize(int worldSize) {
        if (worldSize == 0 || worldSize < -1) {
            throw new IllegalArgumentException("world_size must be positive, or -1 for none; got " + worldSize);
        }
        return new TCPStoreOptions(worldSize, isMaster, timeout, waitForWorkers, multiTenant, useLibuv);
    }

    /** @return the world size, -1 (the default) for none */
    public int worldSize() {
        return worldSize;
    }

    /** Whether this process serves the store, like {@code is_master=}. Default false. */
    public TCPStoreOptions isMaster(boolean isMaster) {
        return new TCPStoreOptions(worldSize, isMaster, timeout, waitForWorkers, multiTenant, useLibuv);
    }

    /** @return whether this process serves the store (default false) */
    public boolean isMaster() {
        return isMaster;
    }

    /**
     * How long connecting, waiting for workers and waiting for keys may take, like {@code timeout=}.
     * Default 300 s.
     *
     * @throws IllegalArgumentException for a null, zero or negative duration
     */
    public TCPStoreOptions timeout(Duration timeout) {
        return new TCPStoreOptions(worldSize, isMaster, positive(timeout), waitForWorkers, multiTenant, useLibuv);
    }

    /** @return the timeout (default 300 s) */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the master's constructor waits until all workers connected, like {@code wait_for_workers=}. Default true. */
    public TCPStoreOptions waitForWorkers(boolean waitForWorkers) {
        return new TCPStoreOptions(worldSize, isMaster, timeout, waitForWorkers, multiTenant, useLibuv);
    }

    /** @return whether the master waits for the workers (default true) */
    public boolean waitForWorkers() {
        return waitForWorkers;
    }

    /** Whether several stores in one process may share the port, like {@code multi_tenant=}. Default false. */
    public TCPStoreOptions multiTenant(boolean multiTenant) {
        return new TCPStoreOptions(worldSize, isMaster, timeout, waitForWorkers, multiTenant, useLibuv);
    }

    /** @return whether the port may be shared within the process (default false) */
    public boolean multiTenant() {
        return multiTenant;
    }

    /** Whether the server uses libuv, like {@code use_libuv=}. Default true. */
    public TCPStoreOptions useLibuv(boolean useLibuv) {
        return new TCPStoreOptions(worldSize, isMaster, timeout, waitForWorkers, multiTenant, useLibuv);
    }

    /** @return whether the server uses libuv (default true) */
    public boolean useLibuv() {
        return useLibuv;
    }

    static Duration positive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, got " + d);
        }
        return d;
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "TCPStoreOptions(world_size=" + (worldSize < 0 ? "None" : worldSize) + ", is_master="
                + (isMaster ? "True" : "False") + ", timeout=" + timeout + ", wait_for_workers="
                + (waitForWorkers ? "True" : "False") + ", multi_tenant=" + (multiTenant ? "True" : "False")
                + ", use_libuv=" + (useLibuv ? "True" : "False") + ")";
    }
}
