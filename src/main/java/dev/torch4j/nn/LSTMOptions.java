package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.LSTM}, as an immutable value. Each method returns a copy with one
 * argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code bias=True}, {@code batch_first=False},
 * {@code dropout=0.0}, {@code bidirectional=False}, {@code proj_size=0}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html">torch.nn.LSTM</a>
 */
public final class LSTMOptions {
    private static final LSTMOptions DEFAULTS = new LSTMOptions(1, true, false, 0.0, false, 0);

    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final long projSize;

    private LSTMOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
            long projSize) {
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.projSize = projSize;
    }

    /** @return PyTorch's defaults */
    public static LSTMOptions defaults() {
        return DEFAULTS;
    }

    /** Stacked recurrent layers ({@code num_layers}). Default: 1. @return a copy with this value */
    public LSTMOptions numLayers(long n) {
        return new LSTMOptions(n, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** Whether the layers have {@code b_ih} and {@code b_hh} ({@code bias}). Default: true. @return a copy with this value */
    public LSTMOptions bias(boolean flag) {
        return new LSTMOptions(numLayers, flag, batchFirst, dropout, bidirectional, projSize);
    }

    /**
     * Input and output as {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}
     * ({@code batch_first}); hidden and cell states keep the batch second. Default: false.
     *
     * @return a copy with this value
     */
    public LSTMOptions batchFirst(boolean flag) {
        return new LSTMOptions(numLayers, bias, flag, dropout, bidirectional, projSize);
    }

    /** Dropout on the outputs of each layer but the last, in training mode ({@code dropout}). Default: 0.0. @return a copy */
    public LSTMOptions dropout(double p) {
        return new LSTMOptions(numLayers, bias, batchFirst, p, bidirectional, projSize);
    }

    /** A second, reversed direction per layer ({@code bidirectional}). Default: false. @return a copy with this value */
    public LSTMOptions bidirectional(boolean flag) {
        return new LSTMOptions(numLayers, bias, batchFirst, dropout, flag, projSize);
    }

    /**
     * Projects each layer's hidden state to this size with {@code weight_hr_l{k}} ({@code proj_size}); 0
     * means no projection. Must be smaller than {@code hidden_size}. Default: 0.
     *
     * @return a copy with this value
     */
    public LSTMOptions projSize(long size) {
        return new LSTMOptions(numLayers, bias, batchFirst, dropout, bidirectional, size);
    }

    /** @return the number of layers */
    public long numLayers() {
        return numLayers;
    }

    /** @return whether biases are used */
    public boolean bias() {
        return bias;
    }

    /** @return whether batch comes first */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** @return the dropout probability */
    public double dropout() {
        return dropout;
    }

    /** @return whether bidirectional */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** @return the projection size (0: none) */
    public long projSize() {
        return projSize;
    }
}
