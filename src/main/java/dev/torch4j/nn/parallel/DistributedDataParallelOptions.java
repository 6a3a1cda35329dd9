package dev.torch4j.nn.parallel;

import dev.torch4j.distributed.ProcessGroup;
import java.util.Optional;

/**
 * The keyword arguments of {@link DistributedDataParallel}, mirroring those of
 * {@code torch.nn.parallel.DistributedDataParallel}: an immutable value, each method returning a copy
 * with one argument set.
 *
 * <p>Defaults (PyTorch's): {@code broadcastBuffers} true, {@code initSync} true, {@code processGroup}
 * none (the default group), {@code bucketCapMb} 25, {@code findUnusedParameters} false,
 * {@code gradientAsBucketView} false. Not offered: {@code device_ids}, {@code output_device} and
 * {@code dim} (inputs are not moved or split: give each process its own batch on its own device, as
 * PyTorch recommends), {@code static_graph}, {@code mixed_precision}, {@code check_reduction}
 * (deprecated in PyTorch).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.parallel.DistributedDataParallel.html">DistributedDataParallel</a>
 */
public final class DistributedDataParallelOptions {
    private static final DistributedDataParallelOptions DEFAULTS =
            new DistributedDataParallelOptions(true, true, null, Double.NaN, false, false);

    private final boolean broadcastBuffers;
    private final boolean initSync;
    private final ProcessGroup processGroup;
    private final double bucketCapMb;
    private final boolean findUnusedParameters;
    private final boolean gradientAsBucketView;

    private DistributedDataParallelOptions(boolean broadcastBuffers, boolean initSync, ProcessGroup processGroup,
                                           double bucketCapMb, boolean findUnusedParameters,
                                           boolean gradientAsBucketView) {
        this.broadcastBuffers = broadcastBuffers;
        this.initSync = initSync;
        this.processGroup = processGroup;
        this.bucketCapMb = bucketCapMb;
        this.findUnusedParameters = findUnusedParameters;
        this.gradientAsBucketView = gradientAsBucketView;
    }

    /** @return PyTorch's defaults, listed in the class comment */
    public static DistributedDataParallelOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Whether rank 0's buffers are copied to every rank at the start of each forward, like
     * {@code broadcast_buffers=}. Default true.
     */
    public DistributedDataParallelOptions broadcastBuffers(boolean broadcastBuffers) {
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return whether buffers are broadcast before each forward (default true) */
    public boolean broadcastBuffers() {
        return broadcastBuffers;
    }

    /**
     * Whether the constructor copies rank 0's parameters and buffers to every rank, like
     * {@code init_sync=}. Default true; turn off only when every rank already holds the same values.
     */
    public DistributedDataParallelOptions initSync(boolean initSync) {
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return whether the constructor broadcasts rank 0's state (default true) */
    public boolean initSync() {
        return initSync;
    }

    /**
     * The group whose ranks share the model, like {@code process_group=}. Default none: the default group.
     *
     * @throws IllegalArgumentException for null
     */
    public DistributedDataParallelOptions processGroup(ProcessGroup processGroup) {
        if (processGroup == null) {
            throw new IllegalArgumentException("processGroup must not be null; leave it unset for the default group");
        }
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return the group, empty (the default) for the default group */
    public Optional<ProcessGroup> processGroup() {
        return Optional.ofNullable(processGroup);
    }

    /**
     * The size of a gradient bucket in MiB, like {@code bucket_cap_mb=}: each bucket is all-reduced as
     * soon as backward filled it. Default 25 (and then a first bucket of 1 MiB, as in PyTorch).
     *
     * @throws IllegalArgumentException unless positive and finite
     */
    public DistributedDataParallelOptions bucketCapMb(double bucketCapMb) {
        if (!(bucketCapMb > 0) || Double.isInfinite(bucketCapMb)) {
            throw new IllegalArgumentException("bucket_cap_mb must be positive, got " + bucketCapMb);
        }
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return the bucket size in MiB (default 25) */
    public double bucketCapMb() {
        return Double.isNaN(bucketCapMb) ? 25 : bucketCapMb;
    }

    /** @return whether {@link #bucketCapMb(double)} was left at its default */
    boolean bucketCapMbIsDefault() {
        return Double.isNaN(bucketCapMb);
    }

    /**
     * Whether each forward's output is searched for parameters it did not use, so that backward does
     * not wait for their gradients, like {@code find_unused_parameters=}. Default false: a parameter
     * left unused makes the next forward fail with libtorch's explanation.
     */
    public DistributedDataParallelOptions findUnusedParameters(boolean findUnusedParameters) {
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return whether unused parameters are searched (default false) */
    public boolean findUnusedParameters() {
        return findUnusedParameters;
    }

    /**
     * Whether each parameter's {@code grad} is a view into its communication bucket (no copy, less
     * memory), like {@code gradient_as_bucket_view=}. Default false. Zeroing gradients in place or
     * setting them to none both work with it.
     */
    public DistributedDataParallelOptions gradientAsBucketView(boolean gradientAsBucketView) {
        return new DistributedDataParallelOptions(broadcastBuffers, initSync, processGroup, bucketCapMb,
                findUnusedParameters, gradientAsBucketView);
    }

    /** @return whether gradients are bucket views (default false) */
    public boolean gradientAsBucketView() {
        return gradientAsBucketView;
    }

    /** @return the options in PyTorch's keyword spelling */
    @Override
    public String toString() {
        return "DistributedDataParallelOptions(broadcast_buffers=" + py(broadcastBuffers) + ", init_sync="
                + py(initSync) + ", process_group=" + (processGroup == null ? "None" : processGroup)
                + ", bucket_cap_mb=" + bucketCapMb() + ", find_unused_parameters=" + py(findUnusedParameters)
                + ", gradient_as_bucket_view=" + py(gradientAsBucketView) + ")";
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
