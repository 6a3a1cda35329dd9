package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.GRU}, as an immutable value: those of {@link RNNBaseOptions}. Each method
 * returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code bias=True}, {@code batch_first=False},
 * {@code dropout=0.0}, {@code bidirectional=False}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GRU.html">torch.nn.GRU</a>
 */
public final class GRUOptions extends RNNBaseOptions<GRUOptions> {
    private static final GRUOptions DEFAULTS = new GRUOptions(1, true, false, 0.0, false);

    private GRUOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        super(numLayers, bias, batchFirst, dropout, bidirectional);
    }

    /** @return PyTorch's defaults */
    public static GRUOptions defaults() {
        return DEFAULTS;
    }

    @Override
    GRUOptions with(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        return new GRUOptions(numLayers, bias, batchFirst, dropout, bidirectional);
    }
}
