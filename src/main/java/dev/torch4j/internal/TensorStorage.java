package dev.torch4j.internal;

/**
 * Where a tensor's elements live in its storage, for writers of files that keep views as views
 * ({@code torch.save}): the storage's identity and size, the tensor's offset and strides in elements.
 * (Candidates for the generated surface: {@code storage_offset()}, {@code stride()},
 * {@code untyped_storage().nbytes()}.)
 */
public final class TensorStorage {
    /**
     * @param identity the address of the storage object (equal for tensors that share storage while both are open)
     * @param nbytes   the storage's size in bytes
     * @param offset   the tensor's first element, in elements from the storage start
     * @param stride   the tensor's strides, in elements
     */
    public record Info(long identity, long nbytes, long offset, long[] stride) {
    }

    private TensorStorage() {
    }

    /**
     * @param t an open tensor
     * @return the storage layout of {@code t}
     * @throws IllegalStateException when {@code t} was closed
     */
    public static Info of(dev.torch4j.Tensor t) {
        TensorRef r = TensorBridge.ref(t);
        org.bytedeco.pytorch.Tensor n = r.acquire();
        try {
            long[] stride = new long[(int) n.dim()];
            for (int i = 0; i < stride.length; i++) {
                stride[i] = n.stride(i);
            }
            if (!n.has_storage()) {
                throw new IllegalStateException("tensor has no storage (sparse or a tensor subclass)");
            }
            org.bytedeco.pytorch.Storage s = n.storage();
            return new Info(s.unsafeGetStorageImpl().address(), s.nbytes(), n.storage_offset(), stride);
        } finally {
            r.release();
        }
    }
}
