package dev.torch4j.text;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Keyword arguments of {@link Sequences#pad(java.util.List, PadOptions)}, mirroring Keras'
 * {@code pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0)}.
 * Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * PadOptions.defaults().maxlen(4).padding(PadOptions.Side.POST).truncating(PadOptions.Side.POST)
 * }</pre>
 *
 * <p>Note that Keras pads and truncates at the front ({@code "pre"}) by default, and so do these
 * defaults; {@link EncodedSequences#pad(int)} is the shortcut for the post/post variant.
 *
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

    private static final PadOptions DEFAULTS = new PadOptions(0, Side.PRE, Side.PRE, 0L);

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
     * Keras' defaults: no {@code maxlen} (the longest sequence), {@code padding=PRE},
     * {@code truncating=PRE}, {@code value=0}.
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
     * @param padding {@link Side#PRE} (front) or {@link Side#POST} (back); default {@code PRE}
     * @return a copy with this side
     */
    public PadOptions padding(Side padding) {
        return new PadOptions(maxlen, Objects.requireNonNull(padding, "padding"), truncating, value);
    }

    /**
     * Which end loses values when a sequence is longer than {@code maxlen}.
     *
     * @param truncating {@link Side#PRE} (drop from the front) or {@link Side#POST}; default {@code PRE}
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
