package dev.torch4j.distributed.algorithms.ddpcommhooks;

/**
 * The hooks of {@code torch.distributed.algorithms.ddp_comm_hooks.default_hooks}, run by c10d's C++
 * built-in implementations:
 *
 * <pre>{@code
 * model.registerCommHook(null, DefaultHooks.FP16_COMPRESS_HOOK);   // model.register_comm_hook(None, default_hooks.fp16_compress_hook)
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/ddp_comm_hooks.html#default-communication-hooks">Default Communication Hooks</a>
 */
public final class DefaultHooks {
    private DefaultHooks() {
    }

    /**
     * {@code allreduce_hook}: each bucket is divided by the group size and all-reduced, which is what DDP
     * does without a hook.
     */
    public static final CommHook ALLREDUCE_HOOK = new CommHook("allreduce_hook", "ALLREDUCE");

    /**
     * {@code fp16_compress_hook}: each bucket is cast to float16 and divided by the group size, all-reduced,
     * and cast back: half the traffic, float16's precision on the averaged gradients.
     */
    public static final CommHook FP16_COMPRESS_HOOK = new CommHook("fp16_compress_hook", "FP16_COMPRESS");
}
