package dev.torch4j.distributed;

/**
 * The names of the communication backends, mirroring {@code torch.distributed.Backend}:
 * {@code Distributed.initProcessGroup(Backend.GLOO)} is {@code init_process_group("gloo")}. A backend
 * string may also map device types to backends, {@code "cpu:gloo,cuda:nccl"}.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.Backend">torch.distributed.Backend</a>
 */
public final class Backend {
    private Backend() {
    }

    /** Gloo: CPU tensors (and CUDA tensors through the host), available in every torch4j build. */
    public static final String GLOO = "gloo";

    /** NCCL: CUDA tensors, needs the GPU build ({@code mvn -Pcuda}) and NCCL's library. */
    public static final String NCCL = "nccl";
}
