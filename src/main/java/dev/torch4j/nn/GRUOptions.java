package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.GRU}, as an immutable value. Each method returns a copy with one
 * argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code bias=True}, {@code batch_first=False},
 * {@code dropout=0.0}, {@code bidirectional=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GRU.html">torch.nn.GRU</a>
 */
public final class GRUOptions {
    private static final GRUOptions DEFAULTS = new GRUOptions(1, true, false, 0.0, false);

    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;

    private GRUOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
    }

    /** @return PyTorch's defaults */
    public static GRUOptions defaults() {
        return DEFAULTS;
    }

    /** Stacked recurrent layers ({@code num_layers}). Default: 1. @return a copy with this value */
    public GRUOptions numLayers(long n) {
        return new GRUOptions(n, bias, batchFirst, dropout, bidirectional);
    }

    /** Whether the layers have {@code b_ih} and {@code b_hh} ({@code bias}). Default: true. @return a copy with this value */
    public GRUOptions bias(boolean flag) {
        return new GRUOptions(numLayers, flag, batchFirst, dropout, bidirectional);
    }

    /**
     * Input and output as {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}
     * ({@code batch_first}); hidden and cell states keep the batch second. Default: false.
     *
     * @return a copy with this value
     */
    public GRUOptions batchFirst(boolean flag) {
        return new GRUOptions(numLayers, bias, flag, dropout, bidirectional);
    }

    /** Dropout on the outputs of each layer but the last, in training mode ({@code dropout}). Default: 0.0. @return a copy */
    public GRUOptions dropout(double p) {
        return new GRUOptions(numLayers, bias, batchFirst, p, bidirectional);
    }

    /** A second, reversed direction per layer ({@code bidirectional}). Default: false. @return a copy with this value */
    public GRUOptions bidirectional(boolean flag) {
        return new GRUOptions(numLayers, bias, batchFirst, dropout, flag);
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
