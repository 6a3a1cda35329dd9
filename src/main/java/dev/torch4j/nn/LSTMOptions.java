package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.LSTM}, as an immutable value: {@code proj_size} and those of
 * {@link RNNBaseOptions}. Each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code num_layers=1}, {@code bias=True}, {@code batch_first=False},
 * {@code dropout=0.0}, {@code bidirectional=False}, {@code proj_size=0}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html">torch.nn.LSTM</a>
 */
public final class LSTMOptions extends RNNBaseOptions<LSTMOptions> {
    private static final LSTMOptions DEFAULTS = new LSTMOptions(1, true, false, 0.0, false, 0);

    private final long projSize;

    private LSTMOptions(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
            long projSize) {
        super(numLayers, bias, batchFirst, dropout, bidirectional);
        this.projSize = projSize;
    }

    /** @return PyTorch's defaults */
    public static LSTMOptions defaults() {
        return DEFAULTS;
    }

    @Override
    LSTMOptions with(long numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        return new LSTMOptions(numLayers, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /**
     * Projects each layer's hidden state to this size with {@code weight_hr_l{k}} ({@code proj_size}); 0
     * means no projection. Must be smaller than {@code hidden_size}. Default: 0.
     *
     * @param size the projection size
     * @return a copy with this value
     */
    public LSTMOptions projSize(long size) {
        return new LSTMOptions(numLayers(), bias(), batchFirst(), dropout(), bidirectional(), size);
    }

    /** @return the projection size (0: none) */
    public long projSize() {
        return projSize;
    }
}
