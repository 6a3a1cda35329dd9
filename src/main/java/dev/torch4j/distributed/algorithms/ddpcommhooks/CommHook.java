package dev.torch4j.distributed.algorithms.ddpcommhooks;

/**
 * A DDP communication hook: how {@code DistributedDataParallel} turns each bucket of local gradients
 * into the group's average. Given to {@code DistributedDataParallel.registerCommHook(state, hook)}.
 * Only c10d's built-in hooks exist here, the constants of {@link DefaultHooks}: a hook written in Java
 * could not be called from the C++ reducer that runs them during backward.
 *
 * @see <a href="https://pytorch.org/docs/stable/ddp_comm_hooks.html">DDP Communication Hooks</a>
 */
public final class CommHook {
    private final String name;
    private final String builtin;

    CommHook(String name, String builtin) {
        this.name = name;
        this.builtin = builtin;
    }

    /** @return c10d's name of the built-in hook this runs: {@code ALLREDUCE} or {@code FP16_COMPRESS} */
    public String builtinType() {
        return builtin;
    }

    /** @return the Python name, e.g. {@code fp16_compress_hook} */
    @Override
    public String toString() {
        return name;
    }
}
