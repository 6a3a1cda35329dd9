package dev.torch4j.nn.utils;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.internal.RnnOps;
import dev.torch4j.nn.Functional;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import dev.torch4j.returntypes.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of {@code torch.nn.utils.rnn}: packing variable-length sequences for the recurrent
 * modules and padding them back. The class {@link PackedSequence} lives in {@code nn.utils.rnn}, as in
 * Python.
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.html#utilities">torch.nn.utils.rnn</a>
 */
public final class Rnn {
    private Rnn() {
    }

    /**
     * What {@link #padPackedSequence} returns: Python's {@code (padded_output, lengths)} tuple.
     *
     * @param output  the padded batch {@code (T, B, *)}, or {@code (B, T, *)} batch first, in the order the
     *                sequences were given to the pack function
     * @param lengths each sequence's length, a CPU int64 tensor {@code (B)} in the same order
     */
    public record PaddedSequence(Tensor output, Tensor lengths) {
    }

    /**
     * Packs a padded batch {@code (T, B, *)} whose sequences are sorted by decreasing length, like
     * {@code pack_padded_sequence(input, lengths)}.
     *
     * @see #packPaddedSequence(Tensor, Tensor, boolean, boolean)
     */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths) {
        return packPaddedSequence(input, lengths, false, true);
    }

    /**
     * Like {@code pack_padded_sequence(input, lengths, batch_first)}, sequences sorted by decreasing length.
     *
     * @see #packPaddedSequence(Tensor, Tensor, boolean, boolean)
     */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst) {
        return packPaddedSequence(input, lengths, batchFirst, true);
    }

    /**
     * Packs a padded batch of variable-length sequences, like
     * {@code pack_padded_sequence(input, lengths, batch_first, enforce_sorted)}. Steps of a sequence past
     * its length are left out.
     *
     * @param input         {@code (T, B, *)}, or {@code (B, T, *)} when {@code batchFirst}; any dtype and device
     * @param lengths       each sequence's length {@code (B)}, an integer tensor on the CPU
     * @param batchFirst    whether {@code input} is {@code (B, T, *)} (PyTorch's default: false)
     * @param enforceSorted whether the lengths must already decrease (default: true); when false the
     *                      sequences are sorted here and {@link PackedSequence#unsortedIndices()} restores
     *                      the caller's order after an RNN
     * @return the packed sequence
     * @throws dev.torch4j.TorchException when the lengths are not sorted while {@code enforceSorted}, a length
     *                                    is not positive or longer than {@code T}, or {@code lengths} is not a
     *                                    1-D CPU tensor (libtorch's messages, PyTorch's)
     */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst,
            boolean enforceSorted) {
        Tensor len = lengths.to(DType.INT64);
        Tensor sortedIndices = null;
        Tensor x = input;
        if (!enforceSorted) {
            Sort sorted = len.sort(-1, true);
            len = sorted.values();
            sortedIndices = sorted.indices().to(input.device());
            x = input.indexSelect(batchFirst ? 0 : 1, sortedIndices);
        }
        Tensor[] packed = RnnOps.packPaddedSequence(x, len, batchFirst);
        return new PackedSequence(packed[0], packed[1], sortedIndices, null);
    }

    /**
     * Like {@link #packPaddedSequence(Tensor, Tensor, boolean, boolean)} with the lengths as Java numbers,
     * as Python accepts a list of ints.
     *
     * @param lengths each sequence's length
     * @return the packed sequence
     */
    public static PackedSequence packPaddedSequence(Tensor input, long[] lengths, boolean batchFirst,
            boolean enforceSorted) {
        return packPaddedSequence(input, Tensor.of(lengths, lengths.length), batchFirst, enforceSorted);
    }

    /**
     * Pads a packed batch back to {@code (T, B, *)}, like {@code pad_packed_sequence(sequence)}.
     *
     * @see #padPackedSequence(PackedSequence, boolean, double, Long)
     */
    public static PaddedSequence padPackedSequence(PackedSequence sequence) {
        return padPackedSequence(sequence, false, 0.0, null);
    }

    /**
     * Like {@code pad_packed_sequence(sequence, batch_first)}.
     *
     * @see #padPackedSequence(PackedSequence, boolean, double, Long)
     */
    public static PaddedSequence padPackedSequence(PackedSequence sequence, boolean batchFirst) {
        return padPackedSequence(sequence, batchFirst, 0.0, null);
    }

    /**
     * Like {@code pad_packed_sequence(sequence, batch_first, padding_value)}.
     *
     * @see #padPackedSequence(PackedSequence, boolean, double, Long)
     */
    public static PaddedSequence padPackedSequence(PackedSequence sequence, boolean batchFirst, double paddingValue) {
        return padPackedSequence(sequence, batchFirst, paddingValue, null);
    }

    /**
     * Pads a packed batch of variable-length sequences, the inverse of {@link #packPaddedSequence}, like
     * {@code pad_packed_sequence(sequence, batch_first, padding_value, total_length)}. The sequences come
     * back in the order they were given to the pack function.
     *
     * @param sequence     the packed batch
     * @param batchFirst   whether the result is {@code (B, T, *)} (PyTorch's default: false, {@code (T, B, *)})
     * @param paddingValue the value of padded elements (default: 0)
     * @param totalLength  pad to this many steps instead of the longest sequence's length (default: null);
     *                     useful when a module is replicated over devices
     * @return the padded batch and the lengths
     * @throws IllegalArgumentException when {@code totalLength} is shorter than the longest sequence (Python's message)
     */
    public static PaddedSequence padPackedSequence(PackedSequence sequence, boolean batchFirst, double paddingValue,
            Long totalLength) {
        long maxSeqLength = sequence.batchSizes().size(0);
        if (totalLength != null) {
            if (totalLength < maxSeqLength) {
                throw new IllegalArgumentException("Expected total_length to be at least the length of the longest "
                        + "sequence in input, but got total_length=" + totalLength + " and max sequence length being "
                        + maxSeqLength);
            }
            maxSeqLength = totalLength;
        }
        Tensor[] padded = RnnOps.padPackedSequence(sequence.data(), sequence.batchSizes(), batchFirst, paddingValue,
                maxSeqLength);
        Tensor unsorted = sequence.unsortedIndices();
        if (unsorted != null) {
            return new PaddedSequence(padded[0].indexSelect(batchFirst ? 0 : 1, unsorted),
                    padded[1].index(unsorted.cpu()));
        }
        return new PaddedSequence(padded[0], padded[1]);
    }

    /**
     * Pads sequences {@code (L_i, *)} to the longest and stacks them into {@code (T, B, *)}, like
     * {@code pad_sequence(sequences)}.
     *
     * @see #padSequence(List, boolean, double, String)
     */
    public static Tensor padSequence(List<Tensor> sequences) {
        return padSequence(sequences, false, 0.0, "right");
    }

    /**
     * Like {@code pad_sequence(sequences, batch_first)}.
     *
     * @see #padSequence(List, boolean, double, String)
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst) {
        return padSequence(sequences, batchFirst, 0.0, "right");
    }

    /**
     * Like {@code pad_sequence(sequences, batch_first, padding_value)}.
     *
     * @see #padSequence(List, boolean, double, String)
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, double paddingValue) {
        return padSequence(sequences, batchFirst, paddingValue, "right");
    }

    /**
     * Pads a list of variable-length sequences {@code (L_i, *)} with {@code paddingValue} and stacks them,
     * like {@code pad_sequence(sequences, batch_first, padding_value, padding_side)}.
     *
     * @param sequences    tensors of equal trailing shape and dtype
     * @param batchFirst   whether the result is {@code (B, T, *)} (default: false, {@code (T, B, *)})
     * @param paddingValue the value of padded elements (default: 0)
     * @param paddingSide  {@code "right"} (default) or {@code "left"}
     * @return the padded batch, {@code T} the longest length
     * @throws dev.torch4j.TorchException for an empty list, unequal trailing shapes or an unknown side
     *                                    (libtorch's messages)
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, double paddingValue,
            String paddingSide) {
        return Functional.padSequence(sequences, batchFirst, paddingValue, paddingSide);
    }

    /**
     * Packs a list of sequences sorted by decreasing length, like {@code pack_sequence(sequences)}.
     *
     * @see #packSequence(List, boolean)
     */
    public static PackedSequence packSequence(List<Tensor> sequences) {
        return packSequence(sequences, true);
    }

    /**
     * Packs a list of variable-length sequences {@code (L_i, *)}, like
     * {@code pack_sequence(sequences, enforce_sorted)}: {@link #padSequence} then
     * {@link #packPaddedSequence}.
     *
     * @param sequences     the sequences
     * @param enforceSorted whether they must already be sorted by decreasing length (default: true)
     * @return the packed sequence
     * @throws dev.torch4j.TorchException when not sorted while {@code enforceSorted} (libtorch's message)
     */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        long[] lengths = new long[sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).size(0);
        }
        return packPaddedSequence(padSequence(sequences), lengths, false, enforceSorted);
    }

    /**
     * Splits a padded batch into its sequences, like {@code unpad_sequence(padded_sequences, lengths)}.
     *
     * @see #unpadSequence(Tensor, Tensor, boolean)
     */
    public static List<Tensor> unpadSequence(Tensor paddedSequences, Tensor lengths) {
        return unpadSequence(paddedSequences, lengths, false);
    }

    /**
     * Splits a padded batch into a list of variable-length sequences, like
     * {@code unpad_sequence(padded_sequences, lengths, batch_first)}. Unlike Python, which transposes its
     * argument in place when {@code batch_first} is false, {@code paddedSequences} is left as it was.
     *
     * @param paddedSequences {@code (T, B, *)}, or {@code (B, T, *)} when {@code batchFirst}
     * @param lengths         each sequence's length {@code (B)}
     * @param batchFirst      the layout of {@code paddedSequences} (default: false)
     * @return the sequences {@code (L_i, *)}
     */
    public static List<Tensor> unpadSequence(Tensor paddedSequences, Tensor lengths, boolean batchFirst) {
        Tensor padded = batchFirst ? paddedSequences : paddedSequences.transpose(0, 1);
        long maxLength = padded.size(1);
        Tensor idx = Torch.arange(maxLength, TensorOptions.defaults().device(lengths.device()));
        List<Tensor> out = new ArrayList<>();
        List<Tensor> rows = padded.unbind(0);
        long[] lens = lengths.toLongArray();
        for (int i = 0; i < rows.size() && i < lens.length; i++) {
            out.add(rows.get(i).index(idx.lt(lens[i]).to(rows.get(i).device())));
        }
        return out;
    }

    /**
     * Splits a packed batch into its sequences in the caller's order, like
     * {@code unpack_sequence(packed_sequences)}.
     *
     * @param packedSequences the packed batch
     * @return the sequences {@code (L_i, *)}
     */
    public static List<Tensor> unpackSequence(PackedSequence packedSequences) {
        PaddedSequence padded = padPackedSequence(packedSequences, true);
        return unpadSequence(padded.output(), padded.lengths(), true);
    }

    /**
     * The inverse of a permutation, like {@code invert_permutation(permutation)}.
     *
     * @param permutation a 1-D int64 tensor of indices, or null
     * @return the inverse, on the same device, or null for null
     */
    public static Tensor invertPermutation(Tensor permutation) {
        if (permutation == null) {
            return null;
        }
        Tensor output = Torch.emptyLike(permutation);
        Device device = permutation.device();
        return output.scatter_(0, permutation,
                Torch.arange(0, permutation.numel(), TensorOptions.defaults().device(device)));
    }
}
