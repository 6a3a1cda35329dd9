package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.MultiheadAttention}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code dropout=0.0}, {@code bias=True}, {@code add_bias_kv=False}, {@code add_zero_attn=False}, {@code kdim=None}, {@code vdim=None}, {@code batch_first=False}.
 */
public final class MultiheadAttentionOptions {
    private static final MultiheadAttentionOptions DEFAULTS = new MultiheadAttentionOptions(0.0, true, false, false, null, null, false);

    private final double dropout;
    private final boolean bias;
    private final boolean addBiasKv;
    private final boolean addZeroAttn;
    private final Long kdim;
    private final Long vdim;
    private final boolean batchFirst;

    private MultiheadAttentionOptions(double dropout, boolean bias, boolean addBiasKv, boolean addZeroAttn, Long kdim, Long vdim, boolean batchFirst) {
        this.dropout = dropout;
        this.bias = bias;
        this.addBiasKv = addBiasKv;
        this.addZeroAttn = addZeroAttn;
        this.kdim = kdim;
        this.vdim = vdim;
        this.batchFirst = batchFirst;
    }

    /** @return PyTorch's defaults */
    public static MultiheadAttentionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Dropout probability on the attention weights (training only).
     * Default: 0.0.
     */
    public MultiheadAttentionOptions dropout(double value) {
        return new MultiheadAttentionOptions(value, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
    }

    /**
     * Whether the input and output projections learn biases.
     * Default: true.
     */
    public MultiheadAttentionOptions bias(boolean value) {
        return new MultiheadAttentionOptions(dropout, value, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
    }

    /**
     * Whether to learn a bias appended to the key and value sequences ({@code bias_k}, {@code bias_v}).
     * Default: false.
     */
    public MultiheadAttentionOptions addBiasKv(boolean value) {
        return new MultiheadAttentionOptions(dropout, bias, value, addZeroAttn, kdim, vdim, batchFirst);
    }

    /**
     * Whether to append a batch of zeros to the key and value sequences.
     * Default: false.
     */
    public MultiheadAttentionOptions addZeroAttn(boolean value) {
        return new MultiheadAttentionOptions(dropout, bias, addBiasKv, value, kdim, vdim, batchFirst);
    }

    /**
     * The feature count of the keys.
     * Default: none ({@code embed_dim}).
     */
    public MultiheadAttentionOptions kdim(long value) {
        return new MultiheadAttentionOptions(dropout, bias, addBiasKv, addZeroAttn, value, vdim, batchFirst);
    }

    /**
     * The feature count of the values.
     * Default: none ({@code embed_dim}).
     */
    public MultiheadAttentionOptions vdim(long value) {
        return new MultiheadAttentionOptions(dropout, bias, addBiasKv, addZeroAttn, kdim, value, batchFirst);
    }

    /**
     * Whether inputs and outputs are {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}.
     * Default: false.
     */
    public MultiheadAttentionOptions batchFirst(boolean value) {
        return new MultiheadAttentionOptions(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, value);
    }

    /** @return the {@code dropout} value */
    public double dropout() {
        return dropout;
    }

    /** @return the {@code bias} value */
    public boolean bias() {
        return bias;
    }

    /** @return the {@code add_bias_kv} value */
    public boolean addBiasKv() {
        return addBiasKv;
    }

    /** @return the {@code add_zero_attn} value */
    public boolean addZeroAttn() {
        return addZeroAttn;
    }

    /** @return the {@code kdim} value (null for none) */
    public Long kdim() {
        return kdim;
    }

    /** @return the {@code vdim} value (null for none) */
    public Long vdim() {
        return vdim;
    }

    /** @return the {@code batch_first} value */
    public boolean batchFirst() {
        return batchFirst;
    }
}
