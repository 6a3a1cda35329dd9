package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Keyword arguments of {@code nn.BCEWithLogitsLoss}, as an immutable value. Each method returns a
 * copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code weight=None}, {@code reduction='mean'}, {@code pos_weight=None}.
 */
public final class BCEWithLogitsLossOptions {
    private static final BCEWithLogitsLossOptions DEFAULTS = new BCEWithLogitsLossOptions(null, "mean", null);

    private final Tensor weight;
    private final String reduction;
    private final Tensor posWeight;

    private BCEWithLogitsLossOptions(Tensor weight, String reduction, Tensor posWeight) {
        this.weight = weight;
        this.reduction = reduction;
        this.posWeight = posWeight;
    }

    /** @return PyTorch's defaults */
    public static BCEWithLogitsLossOptions defaults() {
        return DEFAULTS;
    }

    /** A rescaling weight for each element, broadcast to the input. Default: none. */
    public BCEWithLogitsLossOptions weight(Tensor w) {
        return new BCEWithLogitsLossOptions(w, reduction, posWeight);
    }

    /**
     * {@code "mean"}, {@code "sum"} or {@code "none"}. Default: {@code "mean"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public BCEWithLogitsLossOptions reduction(String r) {
        if (!r.equals("mean") && !r.equals("sum") && !r.equals("none")) {
            throw new IllegalArgumentException(r + " is not a valid value for reduction: expected 'mean', 'sum' or "
                    + "'none'");
        }
        return new BCEWithLogitsLossOptions(weight, r, posWeight);
    }

    /** A weight for positive examples per class, broadcast along the last dimension. Default: none. */
    public BCEWithLogitsLossOptions posWeight(Tensor w) {
        return new BCEWithLogitsLossOptions(weight, reduction, w);
    }

    /** @return the element weight, or null */
    public Tensor weight() {
        return weight;
    }

    /** @return the reduction name */
    public String reduction() {
        return reduction;
    }

    /** @return the positive-class weight, or null */
    public Tensor posWeight() {
        return posWeight;
    }
}
