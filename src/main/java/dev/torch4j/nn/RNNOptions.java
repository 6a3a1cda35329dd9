package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.RNN}, as an immutable value: {@code nonlinearity} and those of
 * {@link RNNBaseOptions}. Each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code nonlinearity='tanh'}, {@code bias=True},
 * {@code batch_first=False}, {@code dropout=0.0}, {@code bidirectional=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNN.html">torch.nn.RNN</a>
 */
public final class RNNOptions extends RNNBaseOptions<RNNOptions> {
    private static final RNNOptions DEFAULTS = new RNNOptions(1, true, false, 0.0, false, "tanh");

    private final String nonlinearity;

    private RNNOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
            String nonlinearity) {
        super(numLayers, bias, batchFirst, dropout, bidirectional);
        this.nonlinearity = nonlinearity;
    }

    /** @return PyTorch's defaults */
    public static RNNOptions defaults() {
        return DEFAULTS;
    }

    @Override
    RNNOptions with(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        return new RNNOptions(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
    }

    /**
     * The nonlinearity ({@code nonlinearity}): {@code "tanh"} or {@code "relu"}. Default: {@code "tanh"}.
     *
     * @param name {@code "tanh"} or {@code "relu"} (checked when the RNN is built)
     * @return a copy with this value
     */
    public RNNOptions nonlinearity(String name) {
        return new RNNOptions(numLayers(), bias(), batchFirst(), dropout(), bidirectional(), name);
    }

    /** @return the nonlinearity name */
    public String nonlinearity() {
        return nonlinearity;
    }
}
