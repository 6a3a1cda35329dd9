package dev.torch4j;

/**
 * How a tensor's elements are stored, mirroring {@code torch.layout}; torch4j makes strided tensors.
 *
 * @see <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch-layout">torch.layout</a>
 */
public enum Layout {
    /** {@code torch.strided}: dense, with a stride per dimension. */
    STRIDED,
    /** {@code torch.sparse_coo}. */
    SPARSE_COO,
    /** {@code torch.sparse_csr}. */
    SPARSE_CSR,
    /** {@code torch._mkldnn}. */
    MKLDNN,
    /** {@code torch.sparse_csc}. */
    SPARSE_CSC,
    /** {@code torch.sparse_bsr}. */
    SPARSE_BSR,
    /** {@code torch.sparse_bsc}. */
    SPARSE_BSC,
    /** {@code torch.jagged} (nested tensors). */
    JAGGED
}
