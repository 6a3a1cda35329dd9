package dev.torch4j.nn.utils.rnn;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.nn.utils.Rnn;

/**
 * A batch of variable-length sequences packed time step by time step, mirroring
 * {@code torch.nn.utils.rnn.PackedSequence}; {@link dev.torch4j.nn.RNN}, {@link dev.torch4j.nn.LSTM} and
 * {@link dev.torch4j.nn.GRU} take one and return one. Made by {@link Rnn#packPaddedSequence} or
 * {@link Rnn#packSequence}, undone by {@link Rnn#padPackedSequence}.
 *
 * <p>For sequences {@code abc} and {@code x} the data is {@code axbc} and the batch sizes {@code [2, 1, 1]}.
 *
 * @param data            the packed values {@code (sum of lengths, *)}, on any device, of any dtype
 * @param batchSizes      how many sequences are still running at each time step: a CPU int64 tensor
 * @param sortedIndices   how the sequences were sorted by decreasing length to pack them (int64, on the
 *                        data's device), or null when they were packed in the order given
 * @param unsortedIndices the inverse permutation, which restores the caller's order (computed from
 *                        {@code sortedIndices} when null is given for it)
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.rnn.PackedSequence.html">PackedSequence</a>
 */
public record PackedSequence(Tensor data, Tensor batchSizes, Tensor sortedIndices, Tensor unsortedIndices) {
    /**
     * Like {@code PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices)}; PyTorch advises
     * making them with the pack functions instead.
     *
     * @throws IllegalArgumentException when {@code batchSizes} is not on the CPU (Python's message)
     */
    public PackedSequence {
        if (data == null || batchSizes == null) {
            throw new IllegalArgumentException("PackedSequence needs data and batch_sizes, got "
                    + (data == null ? "no data" : "no batch_sizes"));
        }
        if (!batchSizes.device().isCpu()) {
            throw new IllegalArgumentException("batch_sizes should always be on CPU. Instances of PackedSequence "
                    + "should never be created manually. They should be instantiated by functions like "
                    + "pack_sequence and pack_padded_sequences in nn.utils.rnn. "
                    + "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence");
        }
        if (unsortedIndices == null && sortedIndices != null) {
            unsortedIndices = Rnn.invertPermutation(sortedIndices);
        }
    }

    /** Like {@code PackedSequence(data, batch_sizes)}: sequences packed in the order given. */
    public PackedSequence(Tensor data, Tensor batchSizes) {
        this(data, batchSizes, null, null);
    }

    /**
     * The same sequences with the data (and indices) on {@code device}, like {@code packed.to(device)};
     * {@code batchSizes} stays on the CPU.
     *
     * @return this when the data is already there, else a new packed sequence
     */
    public PackedSequence to(Device device) {
        if (data.device().equals(device)) {
            return this;
        }
        return new PackedSequence(data.to(device), batchSizes, sortedIndices == null ? null : sortedIndices.to(device),
                unsortedIndices == null ? null : unsortedIndices.to(device));
    }

    /**
     * The same sequences with the data converted to {@code dtype}, like {@code packed.to(dtype)}.
     *
     * @return this when the data already has that dtype, else a new packed sequence
     */
    public PackedSequence to(DType dtype) {
        if (data.dtype() == dtype) {
            return this;
        }
        return new PackedSequence(data.to(dtype), batchSizes, sortedIndices, unsortedIndices);
    }

    /** @return whether the data is on a CUDA device, like {@code packed.is_cuda} */
    public boolean isCuda() {
        return data.isCuda();
    }
}
