package dev.torch4j.internal;

import dev.torch4j.Tensor;
import java.util.List;
import org.bytedeco.pytorch.BoolVector;
import org.bytedeco.pytorch.Logger;
import org.bytedeco.pytorch.LoggerOptional;
import org.bytedeco.pytorch.Reducer;
import org.bytedeco.pytorch.SizeTStringMap;
import org.bytedeco.pytorch.SizeTVector;
import org.bytedeco.pytorch.SizeTVectorVector;
import org.bytedeco.pytorch.T_SizeTVectorVectorSizeTVector_T;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * c10d's {@code Reducer}, the engine inside PyTorch's {@code DistributedDataParallel}: it hooks each
 * parameter's gradient accumulator, groups gradients into buckets and all-reduces each bucket (averaged
 * over the group) as soon as backward filled it, overlapping communication with the rest of backward.
 * Built with the arguments {@code torch/nn/parallel/distributed.py} gives it.
 */
public final class C10dReducer implements AutoCloseable {
    /** PyTorch's {@code dist._DEFAULT_FIRST_BUCKET_BYTES}: 1 MiB. */
    public static final long DEFAULT_FIRST_BUCKET_BYTES;
    /** PyTorch's default {@code bucket_cap_mb=25}, in bytes. */
    public static final long DEFAULT_BUCKET_BYTES_CAP;

    static {
        Native.init();
        DEFAULT_FIRST_BUCKET_BYTES = torch.kDefaultFirstBucketBytes();
        DEFAULT_BUCKET_BYTES_CAP = torch.kDefaultBucketBytesCap();
    }

    private final C10dGroup group;
    /** Not owned by Java: the logger's {@code shared_ptr} owns it (see the constructor). */
    private Reducer reducer;
    /** Owns the reducer; closing it frees both. */
    private Logger logger;

    /**
     * @param params           the parameters that require grad, in {@code named_parameters()} order, without repeats
     * @param bucketBytesCap   the bucket size limit in bytes
     * @param capIsDefault     whether the user left {@code bucket_cap_mb} at its default (then the first
     *                         bucket is capped at 1 MiB, as in PyTorch)
     * @param names            the parameters' names for error messages, or null (PyTorch passes them only
     *                         when {@code TORCH_DISTRIBUTED_DEBUG} is INFO or DETAIL)
     */
    public C10dReducer(List<Tensor> params, C10dGroup group, long bucketBytesCap, boolean capIsDefault,
                       boolean findUnusedParameters, boolean gradientAsBucketView, List<String> names) {
        this.group = group;
        long firstBucketBytes = capIsDefault ? DEFAULT_FIRST_BUCKET_BYTES : bucketBytesCap;
        // Python: one bucket of everything for the first iteration unless unused parameters are searched;
        // the reducer rebuilds the buckets in gradient-ready order after it
        long[] limits = !findUnusedParameters ? new long[] {Long.MAX_VALUE}
                : capIsDefault ? new long[] {DEFAULT_FIRST_BUCKET_BYTES, bucketBytesCap} : new long[] {bucketBytesCap};
        try (TensorVector p = C10dGroup.vector(params);
             SizeTVector sizeLimits = new SizeTVector(limits);
             T_SizeTVectorVectorSizeTVector_T assignment = call(() -> torch.compute_bucket_assignment_by_size(p, sizeLimits));
             SizeTVectorVector buckets = assignment.get0();
             SizeTVectorVector reversed = new SizeTVectorVector();
             BoolVector sparse = new BoolVector(new boolean[params.size()]);
             SizeTStringMap paramNames = new SizeTStringMap()) {
            // "reverse list of buckets because we want to approximate the order in which their gradients
            // are produced" (torch/nn/parallel/distributed.py)
            for (long i = buckets.size() - 1; i >= 0; i--) {
                reversed.push_back(buckets.get(i));
            }
            if (names != null) {
                for (int i = 0; i < names.size(); i++) {
                    paramNames.put(i, names.get(i));
                }
            }
            Reducer r = call(() -> new Reducer(p, reversed, group.handle(), sparse, bucketBytesCap,
                    findUnusedParameters, gradientAsBucketView, paramNames, firstBucketBytes, false, false));
            // The reducer calls its logger (a weak_ptr) when it finds unused parameters and crashes without
            // one. The binding makes the Reducer with a plain new and the Logger takes a shared_ptr to it:
            // hand it over exactly once, then Java must never delete it (the store traps all over again).
            Logger l = new Logger(r);
            r.deallocate(false);
            r.set_logger(l);
            reducer = r;
            logger = l;
        }
    }

    /** Records construction facts in the logger, as PyTorch's DDP does (c10d logs nothing by default). */
    public void logConstruction(String moduleName, boolean broadcastBuffers) {
        call(() -> {
            logger().set_construction_data_and_log(moduleName, new int[0], -1, broadcastBuffers, false, false);
            return null;
        });
    }

    private synchronized Logger logger() {
        if (logger == null) {
            throw new IllegalStateException("the DistributedDataParallel module was closed");
        }
        return logger;
    }

    private synchronized Reducer reducer() {
        if (reducer == null) {
            throw new IllegalStateException("the DistributedDataParallel module was closed");
        }
        return reducer;
    }

    public void prepareForForward() {
        call(() -> {
            reducer().prepare_for_forward();
            return null;
        });
    }

    /** Rebuilds the buckets in the order gradients arrived, once, after the first iteration (a collective). */
    public boolean rebuildBuckets() {
        return call(() -> reducer().rebuild_buckets());
    }

    /**
     * Arms the reducer for the coming backward; with unused-parameter search, {@code outputs} are where
     * the reducer walks the autograd graph from to find the parameters this iteration did not use.
     */
    public void prepareForBackward(List<Tensor> outputs) {
        try (TensorVector v = C10dGroup.vector(outputs)) {
            call(() -> {
                reducer().prepare_for_backward(v);
                return null;
            });
        }
    }

    /** c10d's built-in hooks: {@code "ALLREDUCE"} or {@code "FP16_COMPRESS"}. */
    public void registerBuiltinCommHook(String type) {
        torch.BuiltinCommHookType t = torch.BuiltinCommHookType.valueOf(type);
        call(() -> {
            reducer().register_builtin_comm_hook(t);
            return null;
        });
    }

    /**
     * Copies {@code src}'s values of {@code tensors} into every rank's, in buckets of at most
     * {@code bufferSize} bytes, like {@code dist._broadcast_coalesced}. Runs under no-grad, so parameters
     * that require grad can be written (shared/notes/c10d.md, trap 3).
     */
    public static void broadcastCoalesced(C10dGroup group, List<Tensor> tensors, long bufferSize, int src) {
        try (Grad g = Grad.disable(); TensorVector v = C10dGroup.vector(tensors)) {
            call(() -> {
                torch.broadcast_coalesced(group.handle(), v, bufferSize, src);
                return null;
            });
        }
    }

    /** Fails on every rank unless all ranks' parameters have the same count, shapes and strides. */
    public static void verifyParamsAcrossProcesses(C10dGroup group, List<Tensor> params) {
        try (TensorVector v = C10dGroup.vector(params); LoggerOptional none = new LoggerOptional()) {
            call(() -> {
                torch.verify_params_across_processes(group.handle(), v, none);
                return null;
            });
        }
    }

    public C10dGroup group() {
        return group;
    }

    /** Frees the logger and with it the reducer, whose destructor removes the gradient hooks; idempotent. */
    @Override
    public void close() {
        Logger l;
        synchronized (this) {
            l = logger;
            logger = null;
            reducer = null;
        }
        if (l != null) {
            l.close();
        }
    }

    private static <T> T call(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw C10dErrors.reducer(e);
        }
    }
}
