package dev.torch4j.distributed;

import java.time.Duration;
import java.util.Optional;

/**
 * The keyword arguments of {@code Distributed.initProcessGroup}, mirroring those of
 * {@code torch.distributed.init_process_group}: an immutable value, each method returning a copy with
 * one argument set.
 *
 * <p>Defaults (PyTorch's): {@code initMethod} none, which means {@code "env://"} unless a
 * {@code store} is given; {@code timeout} none, which means 30 minutes for Gloo and 10 minutes for
 * NCCL; {@code worldSize} and {@code rank} -1 (taken from the init method: {@code WORLD_SIZE} and
 * {@code RANK} for {@code env://}, the URL's {@code ?rank=&world_size=} otherwise); {@code store} none.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.init_process_group">torch.distributed.init_process_group</a>
 */
public final class InitProcessGroupOptions {
    private static final InitProcessGroupOptions DEFAULTS = new InitProcessGroupOptions(null, null, -1, -1, null);

    private final String initMethod;
    private final Duration timeout;
    private final int worldSize;
    private final int rank;
    private final Store store;

    private InitProcessGroupOptions(String initMethod, Duration timeout, int worldSize, int rank, Store store) {
        this.initMethod = initMethod;
        this.timeout = timeout;
        this.worldSize = worldSize;
        this.rank = rank;
        this.store = store;
    }

    /** @return PyTorch's defaults, listed in the class comment */
    public static InitProcessGroupOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How the processes find each other, like {@code init_method=}: {@code "env://"} (the variables
     * {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK}, {@code WORLD_SIZE}, as the launcher
     * {@link Run} sets them), {@code "tcp://host:port"} (rank 0 serves a store there) or
     * {@code "file:///path"} (a {@link FileStore} on a shared file system). Default none ({@code env://}).
     *
     * @throws IllegalArgumentException for a null URL
     */
    public InitProcessGroupOptions initMethod(String initMethod) {
        if (initMethod == null) {
            throw new IllegalArgumentException("initMethod must not be null; leave it unset for env://");
        }
        return new InitProcessGroupOptions(initMethod, timeout, worldSize, rank, store);
    }

    /** @return the init method, empty (the default) for {@code env://} or the given store */
    public Optional<String> initMethod() {
        return Optional.ofNullable(initMethod);
    }

    /**
     * How long the rendezvous and each collective may wait for the other processes, like
     * {@code timeout=}; a process that died or never started makes the others fail within it.
     * Default none: 30 minutes for Gloo, 10 minutes for NCCL.
     *
     * @throws IllegalArgumentException for a null, zero or negative duration
     */
    public InitProcessGroupOptions timeout(Duration timeout) {
        return new InitProcessGroupOptions(initMethod, TCPStoreOptions.positive(timeout), worldSize, rank, store);
    }

    /** @return the timeout, empty (the default) for the backend's own */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * The number of processes, like {@code world_size=}. Default -1: from the init method.
     *
     * @throws IllegalArgumentException when {@code worldSize} is 0 or below -1
     */
    public InitProcessGroupOptions worldSize(int worldSize) {
        if (worldSize == 0 || worldSize < -1) {
            throw new IllegalArgumentException("world_size must be positive, or -1 for the init method's; got "
                    + worldSize);
        }
        return new InitProcessGroupOptions(initMethod, timeout, worldSize, rank, store);
    }

    /** @return the world size, -1 (the default) for the init method's */
    public int worldSize() {
        return worldSize;
    }

    /**
     * This process's rank, in {@code [0, worldSize)}, like {@code rank=}. Default -1: from the init method.
     *
     * @throws IllegalArgumentException when {@code rank < -1}
     */
    public InitProcessGroupOptions rank(int rank) {
        if (rank < -1) {
            throw new IllegalArgumentException("rank must be non-negative, or -1 for the init method's; got " + rank);
        }
        return new InitProcessGroupOptions(initMethod, timeout, worldSize, rank, store);
    }

    /** @return the rank, -1 (the default) for the init method's */
    public int rank() {
        return rank;
    }

    /**
     * A store every process reaches, like {@code store=}; excludes {@code initMethod} and needs
     * {@code worldSize} and {@code rank}. Default none.
     *
     * @throws IllegalArgumentException for a null store
     */
    public InitProcessGroupOptions store(Store store) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null; leave it unset to use the init method");
        }
        return new InitProcessGroupOptions(initMethod, timeout, worldSize, rank, store);
    }

    /** @return the store, empty (the default) when the init method makes one */
    public Optional<Store> store() {
        return Optional.ofNullable(store);
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "InitProcessGroupOptions(init_method=" + (initMethod == null ? "None" : "'" + initMethod + "'")
                + ", timeout=" + (timeout == null ? "None" : timeout) + ", world_size=" + worldSize + ", rank=" + rank
                + ", store=" + (store == null ? "None" : store.getClass().getSimpleName()) + ")";
    }
}
