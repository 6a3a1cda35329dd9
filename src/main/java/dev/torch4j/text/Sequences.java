package dev.torch4j.text;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Operations on variable-length integer sequences (token indices).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.rnn.pad_sequence.html">torch.nn.utils.rnn.pad_sequence</a>
 * @see <a href="https://keras.io/api/data_loading/timeseries/#pad_sequences-function">keras.utils.pad_sequences</a>
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * Pads and truncates sequences to one length, like Keras'
     * {@code pad_sequences(sequences, maxlen, padding, truncating, value)}: a sequence longer than
     * {@code maxlen} loses values at the {@code truncating} end, a shorter one gets {@code value}
     * at the {@code padding} end, an empty one becomes a row of {@code value}. The defaults are
     * PyTorch's, padding and truncating at the end ({@code torch.nn.utils.rnn.pad_sequence(seqs,
     * batch_first=True)} for rows without {@code maxlen}); Keras' defaults are at the front
     * ({@code "pre"}); see {@link PadOptions} for why.
     *
     * <p>Unlike Keras, whose default dtype is int32, the result is int64 ({@code torch.long}), the
     * index type of {@code nn.Embedding}.
     *
     * @param sequences the sequences; not modified
     * @param options   {@code maxlen} (default: the longest length), {@code padding} (default POST),
     *                  {@code truncating} (default POST), {@code value} (default 0)
     * @return a new CPU int64 tensor of shape {@code (sequences.size(), maxlen)}
     * @throws IllegalArgumentException if {@code sequences} is empty and no {@code maxlen} is set
     *                                  (there is no longest sequence), or the result would hold
     *                                  more than {@code Integer.MAX_VALUE} values
     * @throws NullPointerException     if an argument or a sequence is null
     */
    public static Tensor pad(List<long[]> sequences, PadOptions options) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(options, "options");
        int n = sequences.size();
        int longest = 0;
        for (int i = 0; i < n; i++) {
            long[] s = sequences.get(i);
            if (s == null) {
                throw new NullPointerException("sequences[" + i + "] is null");
            }
            longest = Math.max(longest, s.length);
        }
        if (n == 0 && options.maxlen().isEmpty()) {
            throw new IllegalArgumentException(
                    "cannot pad an empty list of sequences without maxlen: expected at least 1 sequence, got 0");
        }
        int maxlen = options.maxlen().orElse(longest);
        long total = (long) n * maxlen;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("padded size " + n + " x " + maxlen + " = " + total
                    + " exceeds the maximum of " + Integer.MAX_VALUE + " values");
        }
        if (total == 0) {
            return Torch.zeros(new long[] {n, maxlen}, TensorOptions.defaults().dtype(DType.INT64).device(Device.cpu()));
        }
        long[] data = new long[(int) total];
        if (options.value() != 0) {
            Arrays.fill(data, options.value());
        }
        for (int i = 0; i < n; i++) {
            long[] s = sequences.get(i);
            int len = Math.min(s.length, maxlen);
            int from = options.truncating() == PadOptions.Side.PRE ? s.length - len : 0;
            int to = i * maxlen + (options.padding() == PadOptions.Side.PRE ? maxlen - len : 0);
            System.arraycopy(s, from, data, to, len);
        }
        return Tensor.of(data, n, maxlen);
    }

    /**
     * {@link #pad(List, PadOptions)} with {@link PadOptions#defaults()}: padding with 0 at the end
     * to the longest length, like {@code pad_sequence(seqs, batch_first=True)}.
     *
     * @param sequences the sequences; not modified
     * @return a new CPU int64 tensor of shape {@code (sequences.size(), longest length)}
     * @throws IllegalArgumentException if {@code sequences} is empty
     */
    public static Tensor pad(List<long[]> sequences) {
        return pad(sequences, PadOptions.defaults());
    }
}
