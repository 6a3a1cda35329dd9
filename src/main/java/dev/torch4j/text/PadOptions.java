package dev.torch4j.text;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Keyword arguments of {@link Sequences#pad(java.util.List, PadOptions)}: the arguments of Keras'
 * {@code pad_sequences(sequences, maxlen, padding, truncating, value)} with PyTorch's defaults.
 * Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * PadOptions.defaults().maxlen(4)                                                   // PyTorch: post, post
 * PadOptions.defaults().padding(PadOptions.Side.PRE).truncating(PadOptions.Side.PRE)   // Keras' defaults
 * }</pre>
 *
 * <p><b>Which end by default, and why.</b> The defaults pad and truncate at the <em>end</em>
 * ({@link Side#POST}), the convention of the PyTorch code torch4j ports:
 * {@code torch.nn.utils.rnn.pad_sequence} pads on the right ({@code padding_side="right"}),
 * torchtext's {@code Truncate} keeps the first tokens and its {@code PadTransform} and
 * {@code to_tensor} pad on the right, {@code pack_padded_sequence} expects each row's real steps
 * first, and the hand-written {@code seq[:maxlen] + [0] * (maxlen - len(seq))} of PyTorch
 * notebooks is post/post. {@link EncodedSequences#pad(int)} uses these same defaults. Keras'
 * {@code pad_sequences} defaults to the front ({@code "pre"}, for RNNs that read the last step
 * without masking); code ported from Keras sets {@code padding(PRE)} and {@code truncating(PRE)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.rnn.pad_sequence.html">torch.nn.utils.rnn.pad_sequence</a>
 * @see <a href="https://keras.io/api/data_loading/timeseries/#pad_sequences-function">keras.utils.pad_sequences</a>
 */
public final class PadOptions {

    /** Which end of a sequence is padded or truncated ({@code "pre"} or {@code "post"} in Keras). */
    public enum Side {
        /** At the front, Keras' {@code "pre"}. */
        PRE,
        /** At the back, Keras' {@code "post"}. */
        POST
    }

    private static final PadOptions DEFAULTS = new PadOptions(0, Side.POST, Side.POST, 0L);

    private final int maxlen;   // 0: not set
    private final Side padding;
    private final Side truncating;
    private final long value;

    private PadOptions(int maxlen, Side padding, Side truncating, long value) {
        this.maxlen = maxlen;
        this.padding = padding;
        this.truncating = truncating;
        this.value = value;
    }

    /**
     * PyTorch's defaults: no {@code maxlen} (the longest sequence), {@code padding=POST},
     * {@code truncating=POST}, {@code value=0}; see the class comment for why not Keras' PRE.
     *
     * @return the default options
     */
    public static PadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Length of every padded row; longer sequences are truncated.
     *
     * @param maxlen positive length; default: the length of the longest sequence
     * @return a copy with this length
     * @throws IllegalArgumentException if {@code maxlen <= 0}
     */
    public PadOptions maxlen(int maxlen) {
        if (maxlen <= 0) {
            throw new IllegalArgumentException("maxlen must be positive, got " + maxlen);
        }
        return new PadOptions(maxlen, padding, truncating, value);
    }

    /**
     * Where padding values go.
     *
     * @param padding {@link Side#POST} (back) or {@link Side#PRE} (front, Keras' default); default {@code POST}
     * @return a copy with this side
     */
    public PadOptions padding(Side padding) {
        return new PadOptions(maxlen, Objects.requireNonNull(padding, "padding"), truncating, value);
    }

    /**
     * Which end loses values when a sequence is longer than {@code maxlen}.
     *
     * @param truncating {@link Side#POST} (keep the first {@code maxlen} values) or {@link Side#PRE} (keep
     *                   the last, Keras' default); default {@code POST}
     * @return a copy with this side
     */
    public PadOptions truncating(Side truncating) {
        return new PadOptions(maxlen, padding, Objects.requireNonNull(truncating, "truncating"), value);
    }

    /**
     * The padding value.
     *
     * @param value any value; default {@code 0}
     * @return a copy with this value
     */
    public PadOptions value(long value) {
        return new PadOptions(maxlen, padding, truncating, value);
    }

    /** @return the row length, or empty for "the longest sequence" */
    public OptionalInt maxlen() {
        return maxlen == 0 ? OptionalInt.empty() : OptionalInt.of(maxlen);
    }

    /** @return where padding goes */
    public Side padding() {
        return padding;
    }

    /** @return which end is truncated */
    public Side truncating() {
        return truncating;
    }

    /** @return the padding value */
    public long value() {
        return value;
    }

    /** @return e.g. {@code PadOptions[maxlen=4, padding=POST, truncating=POST, value=0]} */
    @Override
    public String toString() {
        return "PadOptions[maxlen=" + (maxlen == 0 ? "longest" : String.valueOf(maxlen)) + ", padding="
                + padding + ", truncating=" + truncating + ", value=" + value + "]";
    }
}
