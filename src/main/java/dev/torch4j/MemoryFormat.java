package dev.torch4j;

/**
 * The order of a tensor's elements in memory, mirroring {@code torch.memory_format}.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch-memory-format">torch.memory_format</a>
 */
public enum MemoryFormat {
    /** {@code torch.contiguous_format}: row-major. */
    CONTIGUOUS_FORMAT,
    /** {@code torch.preserve_format}: the input's own order where possible. */
    PRESERVE_FORMAT,
    /** {@code torch.channels_last}: NHWC for 4-d tensors. */
    CHANNELS_LAST,
    /** {@code torch.channels_last_3d}: NDHWC for 5-d tensors. */
    CHANNELS_LAST_3D
}
