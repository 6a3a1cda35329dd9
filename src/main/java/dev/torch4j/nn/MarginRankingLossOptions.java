package dev.torch4j.nn;

/**
 * Keyword arguments of {@code nn.MarginRankingLoss} and {@code F.margin_ranking_loss}, as an immutable value:
 * each method returns a copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code margin=0.0}, {@code reduction='mean'}.
 */
public final class MarginRankingLossOptions {
    private static final MarginRankingLossOptions DEFAULTS = new MarginRankingLossOptions(0.0, Reduction.MEAN);

    private final double margin;
    private final Reduction reduction;

    private MarginRankingLossOptions(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    /** @return PyTorch's defaults */
    public static MarginRankingLossOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The margin by which the ranked input must lead.
     * Default: 0.0.
     */
    public MarginRankingLossOptions margin(double value) {
        return new MarginRankingLossOptions(value, reduction);
    }

    /**
     * How the per-element losses are reduced.
     * Default: {@code MEAN}.
     */
    public MarginRankingLossOptions reduction(Reduction value) {
        java.util.Objects.requireNonNull(value, "reduction");
        return new MarginRankingLossOptions(margin, value);
    }

    /** @return the {@code margin} value */
    public double margin() {
        return margin;
    }

    /** @return the {@code reduction} value */
    public Reduction reduction() {
        return reduction;
    }
}
