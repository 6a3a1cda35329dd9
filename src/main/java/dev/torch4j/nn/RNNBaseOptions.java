package dev.torch4j.nn;

/**
 * The keyword arguments {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} share, as an immutable value:
 * each method returns a copy of the concrete options ({@link RNNOptions}, {@link LSTMOptions},
 * {@link GRUOptions}) with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code bias=True}, {@code batch_first=False},
 * {@code dropout=0.0}, {@code bidirectional=False}.
 *
 * @param <O> the concrete options type, which every method returns
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNNBase.html">torch.nn.RNNBase</a>
 */
public abstract class RNNBaseOptions<O extends RNNBaseOptions<O>> {
    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;

    RNNBaseOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
    }

    /** A copy of the concrete options with these shared values and its own others. */
    abstract O with(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional);

    /**
     * Stacked recurrent layers ({@code num_layers}). Default: 1.
     *
     * @param n the number of layers
     * @return a copy with this value
     */
    public O numLayers(long n) {
        return with(n, bias, batchFirst, dropout, bidirectional);
    }

    /**
     * Whether the layers have {@code b_ih} and {@code b_hh} ({@code bias}). Default: true.
     *
     * @param flag whether to use biases
     * @return a copy with this value
     */
    public O bias(boolean flag) {
        return with(numLayers, flag, batchFirst, dropout, bidirectional);
    }

    /**
     * Input and output as {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}
     * ({@code batch_first}); the hidden states keep the batch second. Default: false.
     *
     * @param flag whether batch comes first
     * @return a copy with this value
     */
    public O batchFirst(boolean flag) {
        return with(numLayers, bias, flag, dropout, bidirectional);
    }

    /**
     * Dropout on the outputs of each layer but the last, in training mode ({@code dropout}). Default: 0.0.
     *
     * @param p the probability of zeroing an element, in [0, 1]
     * @return a copy with this value
     */
    public O dropout(double p) {
        return with(numLayers, bias, batchFirst, p, bidirectional);
    }

    /**
     * A second, reversed direction per layer ({@code bidirectional}). Default: false.
     *
     * @param flag whether bidirectional
     * @return a copy with this value
     */
    public O bidirectional(boolean flag) {
        return with(numLayers, bias, batchFirst, dropout, flag);
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
}
