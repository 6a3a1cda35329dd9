package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * What the dropout modules share, PyTorch's {@code _DropoutNd}: the probability {@code p}, whether to
 * work in place, the check of {@code p}, and the repr. Active only in training mode.
 */
abstract class DropoutBase extends Module implements TensorModule {
    final double p;
    final boolean inplace;

    DropoutBase(double p, boolean inplace) {
        Functional.checkDropoutProbability(p);
        this.p = p;
        this.inplace = inplace;
    }

    /** @return the probability of an element (or channel) being zeroed */
    public double p() {
        return p;
    }

    /** @return whether the input is overwritten */
    public boolean inplace() {
        return inplace;
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyRepr.of(p) + ", inplace=" + PyRepr.of(inplace);
    }

    @Override
    public abstract Tensor forward(Tensor input);
}
