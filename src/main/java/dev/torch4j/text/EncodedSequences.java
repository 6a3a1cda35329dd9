package dev.torch4j.text;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Token indices of a corpus, one variable-length {@code long[]} row per sentence, as returned by
 * {@link Vocab#encode(List)}; pad them into a tensor with {@link #pad(int)} or
 * {@link #pad(PadOptions)}. Immutable: rows are copied in and out.
 */
public final class EncodedSequences {

    private final List<long[]> rows;
    private final int unknownIndex;   // -1: none

    private EncodedSequences(List<long[]> rows, int unknownIndex) {
        this.rows = rows;
        this.unknownIndex = unknownIndex;
    }

    /**
     * Wraps rows that were encoded elsewhere; {@link #unknownRate()} is then all zeros.
     *
     * @param rows the rows, copied
     * @return the sequences
     * @throws NullPointerException if {@code rows} or a row is null
     */
    public static EncodedSequences of(List<long[]> rows) {
        return of(rows, -1);
    }

    /** Rows from {@link Vocab}, with the index that unknown tokens were mapped to (-1: none). */
    static EncodedSequences of(List<long[]> rows, int unknownIndex) {
        Objects.requireNonNull(rows, "rows");
        List<long[]> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            long[] r = rows.get(i);
            if (r == null) {
                throw new NullPointerException("rows[" + i + "] is null");
            }
            copy.add(r.clone());
        }
        return new EncodedSequences(Collections.unmodifiableList(copy), unknownIndex);
    }

    /** @return the number of sequences (sentences) */
    public int size() {
        return rows.size();
    }

    /**
     * One sequence.
     *
     * @param i the sentence index
     * @return a copy of its token indices
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     */
    public long[] get(int i) {
        return rows.get(i).clone();
    }

    /** @return copies of all rows, in order */
    public List<long[]> rows() {
        List<long[]> out = new ArrayList<>(rows.size());
        for (long[] r : rows) {
            out.add(r.clone());
        }
        return out;
    }

    /** @return the length of each sequence, e.g. for {@code pack_padded_sequence} */
    public long[] lengths() {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).length;
        }
        return out;
    }

    /** @return the length of the longest sequence; 0 when there are none */
    public int maxLength() {
        int max = 0;
        for (long[] r : rows) {
            max = Math.max(max, r.length);
        }
        return max;
    }

    /**
     * Pads with 0 at the end and truncates at the end to {@code maxlen}, as the usual PyTorch
     * notebook does by hand ({@code seq[:maxlen] + [0] * (maxlen - len(seq))}): the same as
     * {@code pad(PadOptions.defaults().maxlen(maxlen))}, whose defaults are PyTorch's post/post
     * (Keras' {@code pad_sequences(seqs, maxlen, padding="post", truncating="post")}).
     *
     * @param maxlen the row length, positive
     * @return a new CPU int64 tensor of shape {@code (size(), maxlen)}
     * @throws IllegalArgumentException if {@code maxlen <= 0}
     */
    public Tensor pad(int maxlen) {
        return pad(PadOptions.defaults().maxlen(maxlen));
    }

    /**
     * Pads and truncates as the options say; see {@link Sequences#pad(List, PadOptions)}.
     *
     * @param options {@code maxlen} (default: the longest), {@code padding} (default POST),
     *                {@code truncating} (default POST), {@code value} (default 0)
     * @return a new CPU int64 tensor of shape {@code (size(), maxlen)}
     * @throws IllegalArgumentException if there are no sequences and no {@code maxlen} is set
     */
    public Tensor pad(PadOptions options) {
        return Sequences.pad(rows, options);
    }

    /**
     * Per sentence, the share of its tokens that were mapped to the vocabulary's unknown index
     * (an out-of-vocabulary rate); 0 for an empty sentence, and all zeros when the vocabulary
     * has no unknown token.
     *
     * @return one rate in {@code [0, 1]} per sequence
     */
    public double[] unknownRate() {
        double[] out = new double[rows.size()];
        if (unknownIndex < 0) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            long[] r = rows.get(i);
            int unknown = 0;
            for (long v : r) {
                if (v == unknownIndex) {
                    unknown++;
                }
            }
            out[i] = r.length == 0 ? 0.0 : (double) unknown / r.length;
        }
        return out;
    }

    /** @return the index unknown tokens were mapped to, or empty when there was none */
    public OptionalInt unknownIndex() {
        return unknownIndex < 0 ? OptionalInt.empty() : OptionalInt.of(unknownIndex);
    }

    /** @return e.g. {@code EncodedSequences[size=7, maxLength=4]} */
    @Override
    public String toString() {
        return "EncodedSequences[size=" + size() + ", maxLength=" + maxLength() + "]";
    }
}
