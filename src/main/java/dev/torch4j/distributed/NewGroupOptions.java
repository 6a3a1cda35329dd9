package dev.torch4j.distributed;

import java.time.Duration;
import java.util.Optional;

/**
 * The keyword arguments of {@code Distributed.newGroup}, mirroring those of
 * {@code torch.distributed.new_group}: an immutable value, each method returning a copy with one
 * argument set. Defaults: {@code timeout} and {@code backend} none, meaning the default group's.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.new_group">torch.distributed.new_group</a>
 */
public final class NewGroupOptions {
    private static final NewGroupOptions DEFAULTS = new NewGroupOptions(null, null);

    private final Duration timeout;
    private final String backend;

    private NewGroupOptions(Duration timeout, String backend) {
        this.timeout = timeout;
        this.backend = backend;
    }

    /** @return the defaults: the default group's timeout and backend */
    public static NewGroupOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How long the group's rendezvous and collectives may wait, like {@code timeout=}. Default: the
     * default group's.
     *
     * @throws IllegalArgumentException for a null, zero or negative duration
     */
    public NewGroupOptions timeout(Duration timeout) {
        return new NewGroupOptions(TCPStoreOptions.positive(timeout), backend);
    }

    /** @return the timeout, empty (the default) for the default group's */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * The group's backend ({@link Backend#GLOO}, {@link Backend#NCCL}, or {@code "cpu:gloo,cuda:nccl"}),
     * like {@code backend=}. Default: the default group's.
     *
     * @throws IllegalArgumentException for a null name
     */
    public NewGroupOptions backend(String backend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null; leave it unset for the default group's");
        }
        return new NewGroupOptions(timeout, backend);
    }

    /** @return the backend, empty (the default) for the default group's */
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "NewGroupOptions(timeout=" + (timeout == null ? "None" : timeout) + ", backend="
                + (backend == null ? "None" : "'" + backend + "'") + ")";
    }
}
