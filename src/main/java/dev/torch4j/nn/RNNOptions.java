package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.RNN}, as an immutable value. Each method returns a copy with one
 * argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code nonlinearity='tanh'}, {@code bias=True},
 * {@code batch_first=False}, {@code dropout=0.0}, {@code bidirectional=False}.
 */
public final class RNNOptions {
    private static final RNNOptions DEFAULTS = new RNNOptions(1, "tanh", true, false, 0.0, false);

    private final long numLayers;
    private final String nonlinearity;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;

    private RNNOptions(long numLayers, String nonlinearity, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional) {
        this.numLayers = numLayers;
        this.nonlinearity = nonlinearity;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
    }

    /** @return PyTorch's defaults */
    public static RNNOptions defaults() {
        return DEFAULTS;
    }

    /** Stacked recurrent layers. Default: 1. */
    public RNNOptions numLayers(long n) {
        return new RNNOptions(n, nonlinearity, bias, batchFirst, dropout, bidirectional);
    }

    /** {@code "tanh"} or {@code "relu"}. Default: {@code "tanh"}. */
    public RNNOptions nonlinearity(String name) {
        return new RNNOptions(numLayers, name, bias, batchFirst, dropout, bidirectional);
    }

    /** Whether the layers have {@code b_ih} and {@code b_hh}. Default: true. */
    public RNNOptions bias(boolean flag) {
        return new RNNOptions(numLayers, nonlinearity, flag, batchFirst, dropout, bidirectional);
    }

    /** Input and output as {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}. Default: false. */
    public RNNOptions batchFirst(boolean flag) {
        return new RNNOptions(numLayers, nonlinearity, bias, flag, dropout, bidirectional);
    }

    /** Dropout on the outputs of each layer but the last, in training mode. Default: 0.0. */
    public RNNOptions dropout(double p) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, p, bidirectional);
    }

    /** A second, reversed direction per layer. Default: false. */
    public RNNOptions bidirectional(boolean flag) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, flag);
    }

    /** @return the number of layers */
    public long numLayers() {
        return numLayers;
    }

    /** @return the nonlinearity name */
    public String nonlinearity() {
        return nonlinearity;
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
