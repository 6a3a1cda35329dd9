package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, as PyTorch's {@code _BatchNorm}: per-channel
 * {@code weight} (ones) and {@code bias} (zeros) when affine, buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (int64 0) when tracking running statistics,
 * registered in PyTorch's order so state dicts move unchanged; one {@code torch.batch_norm} per forward.
 */
abstract class BatchNormBase extends Module implements TensorModule {
    private final long numFeatures;
    private final BatchNormOptions options;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNormBase(long numFeatures, BatchNormOptions options) {
        this.numFeatures = numFeatures;
        this.options = options;
        TensorOptions f32 = TensorOptions.defaults().dtype(DType.FLOAT32);
        weight = options.affine() ? registerParameter("weight", Torch.ones(new long[] {numFeatures}, f32)) : null;
        bias = options.affine() ? registerParameter("bias", Torch.zeros(new long[] {numFeatures}, f32)) : null;
        if (options.trackRunningStats()) {
            runningMean = registerBuffer("running_mean", Torch.zeros(new long[] {numFeatures}, f32));
            runningVar = registerBuffer("running_var", Torch.ones(new long[] {numFeatures}, f32));
            numBatchesTracked = registerBuffer("num_batches_tracked",
                    Torch.zeros(new long[0], TensorOptions.defaults().dtype(DType.INT64)));
        } else {
            runningMean = null;
            runningVar = null;
            numBatchesTracked = null;
        }
    }

    /** Raises Python's ValueError message for an input of the wrong rank. */
    abstract void checkInputDim(Tensor input);

    /**
     * Normalises each channel: with the batch's statistics in training (updating the running ones) or when
     * none are tracked, with the running statistics in evaluation.
     *
     * @throws IllegalArgumentException for an input of the wrong rank, or a single value per channel in
     *                                  training (PyTorch's ValueError messages)
     */
    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        double factor = options.momentum() == null ? 0.0 : options.momentum();
        if (isTraining() && options.trackRunningStats()) {
            numBatchesTracked.add_(1);
            if (options.momentum() == null) {
                factor = 1.0 / numBatchesTracked.item();
            }
        }
        boolean batchStats = isTraining() || runningMean == null;
        boolean useRunning = !isTraining() || options.trackRunningStats();
        return observe(Functional.batchNorm(input, useRunning ? runningMean : null, useRunning ? runningVar : null,
                weight, bias, batchStats, factor, options.eps()));
    }

    /** @return the {@code (C)} scale, or null when not affine */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code (C)} shift, or null when not affine */
    public Tensor bias() {
        return bias;
    }

    /** @return the {@code running_mean} buffer, or null when running statistics are not tracked */
    public Tensor runningMean() {
        return runningMean;
    }

    /** @return the {@code running_var} buffer, or null when running statistics are not tracked */
    public Tensor runningVar() {
        return runningVar;
    }

    /** @return the {@code num_batches_tracked} buffer (int64 scalar), or null when not tracked */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    /** Like {@code reset_running_stats()}: mean 0, variance 1, no batches. */
    public void resetRunningStats() {
        if (runningMean != null) {
            runningMean.zero_();
            runningVar.fill_(1);
            numBatchesTracked.zero_();
        }
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.of(options.eps()) + ", momentum="
                + (options.momentum() == null ? "None" : PyRepr.of(options.momentum())) + ", affine="
                + PyRepr.of(options.affine()) + ", track_running_stats=" + PyRepr.of(options.trackRunningStats());
    }
}
