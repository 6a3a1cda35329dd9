package dev.torch4j.nn.parallel;

import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.distributed.GroupMember;
import dev.torch4j.distributed.ProcessGroup;
import dev.torch4j.distributed.algorithms.ddpcommhooks.CommHook;
import dev.torch4j.internal.C10dAccess;
import dev.torch4j.internal.C10dGroup;
import dev.torch4j.internal.C10dReducer;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.TensorModule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Data-parallel training over processes, mirroring {@code torch.nn.parallel.DistributedDataParallel}:
 * every rank holds the same model, runs it on its own part of the batch, and backward leaves every
 * rank with the gradients averaged over the group, so that the optimizer steps keep the ranks'
 * parameters identical. Built on c10d's own {@code Reducer} (the engine of PyTorch's DDP): gradients
 * are grouped into buckets and each bucket is all-reduced while backward still computes the others.
 *
 * <pre>{@code
 * Distributed.initProcessGroup("gloo");
 * var model = new DistributedDataParallel<>(new SimpleNet(vocab, 100, 16));
 * Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
 * for (Batch batch : loader) {                       // a DistributedSampler gives each rank its part
 *     optimizer.zeroGrad();
 *     Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
 *     loss.backward();                                // averages gradients across ranks
 *     optimizer.step();
 * }
 * SimpleNet inner = model.module();                   // the wrapped module, with its own type
 * }</pre>
 *
 * <p>The constructor copies rank 0's parameters and buffers to every rank. Like PyTorch's, this
 * module's {@link #stateDict()} names the wrapped module's tensors {@code module.<name>}, while
 * {@code module().stateDict()} has them without the prefix. A model whose {@code forward} is not
 * {@code forward(Tensor)} runs through {@link #forward(Function)}: {@code model.forward(m -> m.forward(x, h0))}.
 *
 * @param <M> the wrapped module's type
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.parallel.DistributedDataParallel.html">DistributedDataParallel</a>
 */
public final class DistributedDataParallel<M extends Module> extends Module implements TensorModule {
    /** PyTorch's {@code broadcast_bucket_size}: 250 MiB. */
    private static final long BROADCAST_BUCKET_SIZE = 250L * 1024 * 1024;

    private final M module;
    private final DistributedDataParallelOptions options;
    private final ProcessGroup processGroup;
    private final C10dReducer reducer;
    private final List<Tensor> buffers;
    private boolean requireBackwardGradSync = true;
    private boolean requireForwardParamSync = true;
    private Method tensorForward;

    /**
     * Wraps {@code module} with {@link DistributedDataParallelOptions#defaults()}, like
     * {@code DistributedDataParallel(module)}.
     *
     * @throws IllegalStateException    as {@link #DistributedDataParallel(Module, DistributedDataParallelOptions)}
     * @throws IllegalArgumentException as {@link #DistributedDataParallel(Module, DistributedDataParallelOptions)}
     */
    public DistributedDataParallel(M module) {
        this(module, DistributedDataParallelOptions.defaults());
    }

    /**
     * Wraps {@code module}, like {@code DistributedDataParallel(module, **options)}: checks that every rank
     * has the same parameter shapes, copies rank 0's parameters and buffers to every rank (unless
     * {@code initSync(false)}), and installs the gradient hooks. Every rank of the group must call it.
     *
     * @param module  the model, on the device this rank uses; it keeps its identity ({@link #module()})
     * @param options bucket size, unused-parameter search, buffers, group
     * @throws IllegalStateException    when no process group is initialized
     * @throws IllegalArgumentException when no parameter requires grad, when parameters are on different
     *                                  device types, or the group does not contain this process
     * @throws dev.torch4j.TorchException when the ranks' parameters differ in count or shape (libtorch's message)
     * @throws dev.torch4j.distributed.DistBackendError when a peer failed
     */
    public DistributedDataParallel(M module, DistributedDataParallelOptions options) {
        if (module == null || options == null) {
            throw new IllegalArgumentException("DistributedDataParallel: module and options must not be null");
        }
        this.module = module;
        this.options = options;
        ProcessGroup pg = options.processGroup().orElseGet(Distributed::groupWorld);
        if (pg == GroupMember.NON_GROUP_MEMBER) {
            throw new IllegalArgumentException("DistributedDataParallel: this process is not a member of the "
                    + "process group given (GroupMember.NON_GROUP_MEMBER)");
        }
        this.processGroup = pg;
        C10dGroup group = C10dAccess.bridge().unwrap(pg);

        Map<String, Tensor> named = module.namedParameters();
        List<Tensor> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> deviceTypes = new HashSet<>();
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            deviceTypes.add(e.getValue().device().isCuda() ? "cuda" : "cpu");
            if (e.getValue().requiresGrad() && seen.add(e.getValue())) {
                params.add(e.getValue());
                names.add(e.getKey());
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("DistributedDataParallel is not needed when a module doesn't have "
                    + "any parameter that requires a gradient.");
        }
        if (deviceTypes.size() != 1) {
            throw new IllegalArgumentException("DistributedDataParallel's input module must be on the same type of "
                    + "devices, but input module parameters locate in " + deviceTypes + ".");
        }
        Set<Tensor> paramSet = Collections.newSetFromMap(new IdentityHashMap<>());
        paramSet.addAll(named.values());
        List<Tensor> bufs = new ArrayList<>();
        for (Tensor t : module.stateDict().values()) {
            if (!paramSet.contains(t)) {
                bufs.add(t);
            }
        }
        this.buffers = List.copyOf(bufs);

        C10dReducer.verifyParamsAcrossProcesses(group, params);
        if (options.initSync()) {
            List<Tensor> states = new ArrayList<>(named.values());
            states.addAll(buffers);
            C10dReducer.broadcastCoalesced(group, states, BROADCAST_BUCKET_SIZE, 0);
        }
        String debug = System.getenv("TORCH_DISTRIBUTED_DEBUG");
        boolean withNames = debug != null
                && (debug.equalsIgnoreCase("INFO") || debug.equalsIgnoreCase("DETAIL"));
        long cap = (long) (options.bucketCapMb() * 1024 * 1024);
        this.reducer = new C10dReducer(params, group, cap, options.bucketCapMbIsDefault(),
                options.findUnusedParameters(), options.gradientAsBucketView(), withNames ? names : null);
        reducer.logConstruction(module.getClass().getSimpleName(), options.broadcastBuffers());
        register("module", module);
    }

    /** @return the wrapped module with its own type, like {@code ddp.module} */
    public M module() {
        return module;
    }

    /** @return the options this module was built with */
    public DistributedDataParallelOptions options() {
        return options;
    }

    /** @return the group whose ranks share the model, like {@code ddp.process_group} */
    public ProcessGroup processGroup() {
        return processGroup;
    }

    /**
     * Runs the wrapped module's {@code forward(Tensor)}, like {@code ddp(input)}, with DDP's work around
     * it (buffer broadcast before, preparing the gradient reduction after).
     *
     * @return the module's output
     * @throws IllegalStateException when the wrapped module has no public {@code forward(Tensor)} returning a
     *                               Tensor (use {@link #forward(Function)})
     * @throws dev.torch4j.TorchException when the previous backward left gradients unreduced (a parameter
     *                                    was unused without {@code findUnusedParameters}: libtorch's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(m -> callForward(m, input));
    }

    /**
     * Runs {@code forward} on the wrapped module with DDP's work around it, like {@code ddp(*inputs)} for a
     * module whose forward takes other arguments: {@code ddp.forward(m -> m.forward(x, lengths))}. With
     * {@code findUnusedParameters}, the tensors of the result (a Tensor, or tensors inside records,
     * collections, maps, arrays, Optionals) are where the search for unused parameters starts, as PyTorch's
     * {@code _find_tensors} searches the output.
     *
     * @param forward calls the module's forward and returns its output
     * @param <R>     the output's type
     * @return what {@code forward} returned
     * @throws dev.torch4j.TorchException when the previous backward left gradients unreduced
     */
    public <R> R forward(Function<? super M, R> forward) {
        boolean grad = Torch.isGradEnabled();
        if (grad && requireBackwardGradSync) {
            reducer.prepareForForward();
        }
        if (grad) {
            reducer.rebuildBuckets();
        }
        if (requireForwardParamSync && options.broadcastBuffers() && !buffers.isEmpty()) {
            C10dReducer.broadcastCoalesced(reducer.group(), buffers, BROADCAST_BUCKET_SIZE, 0);
        }
        R output = forward.apply(module);
        if (grad && requireBackwardGradSync) {
            requireForwardParamSync = true;
            reducer.prepareForBackward(options.findUnusedParameters() ? findTensors(output) : List.of());
        } else {
            requireForwardParamSync = false;
        }
        return output;
    }

    private Tensor callForward(M m, Tensor input) {
        if (m instanceof TensorModule tm) {
            return tm.forward(input);
        }
        try {
            if (tensorForward == null) {
                Method f = m.getClass().getMethod("forward", Tensor.class);
                if (!Tensor.class.isAssignableFrom(f.getReturnType())) {
                    throw new NoSuchMethodException("forward(Tensor) returns " + f.getReturnType().getSimpleName());
                }
                f.setAccessible(true);
                tensorForward = f;
            }
            return (Tensor) tensorForward.invoke(m, input);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(m.getClass().getSimpleName() + " has no public Tensor forward(Tensor) ("
                    + e.getMessage() + "); run it with ddp.forward(m -> m.forward(...))", e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m.getClass().getSimpleName() + ".forward(Tensor)", e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }

    /** PyTorch's {@code _find_tensors}: every tensor inside an output. */
    static List<Tensor> findTensors(Object output) {
        List<Tensor> found = new ArrayList<>();
        collect(output, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void collect(Object o, List<Tensor> out, Set<Object> visited) {
        if (o == null || !visited.add(o)) {
            return;
        }
        if (o instanceof Tensor t) {
            out.add(t);
        } else if (o instanceof Iterable<?> it) {
            for (Object x : it) {
                collect(x, out, visited);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Object x : m.values()) {
                collect(x, out, visited);
            }
        } else if (o instanceof Object[] a) {
            for (Object x : a) {
                collect(x, out, visited);
            }
        } else if (o instanceof Optional<?> opt) {
            opt.ifPresent(x -> collect(x, out, visited));
        } else if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                try {
                    Method acc = rc.getAccessor();
                    acc.setAccessible(true);
                    collect(acc.invoke(o), out, visited);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a component that cannot be read holds no tensor we can see
                }
            }
        }
    }

    /**
     * Turns gradient synchronization off until the guard is closed, like {@code with ddp.no_sync():}:
     * backward passes inside only accumulate local gradients; the first backward after it (whose forward
     * ran outside) all-reduces the accumulated sum.
     *
     * <pre>{@code
     * try (var g = model.noSync()) {
     *     criterion.forward(model.forward(x1), y1).backward();   // local only
     * }
     * criterion.forward(model.forward(x2), y2).backward();       // averages x1's and x2's gradients
     * }</pre>
     *
     * @return the guard; closing it restores the previous setting
     */
    public NoSync noSync() {
        boolean previous = requireBackwardGradSync;
        requireBackwardGradSync = false;
        return new NoSync(this, previous);
    }

    /** The guard of {@link #noSync()}; {@link #close()} restores synchronization. */
    public static final class NoSync implements AutoCloseable {
        private final DistributedDataParallel<?> ddp;
        private final boolean previous;
        private boolean closed;

        private NoSync(DistributedDataParallel<?> ddp, boolean previous) {
            this.ddp = ddp;
            this.previous = previous;
        }

        /** Restores gradient synchronization as it was; closing twice is harmless. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                ddp.requireBackwardGradSync = previous;
            }
        }
    }

    /**
     * Replaces how buckets are reduced, like {@code ddp.register_comm_hook(state, hook)}; only the hooks of
     * {@link dev.torch4j.distributed.algorithms.ddpcommhooks.DefaultHooks} exist (c10d's built-in ones,
     * which use this module's process group). Call it once, before the first backward.
     *
     * @param state null, or this module's {@link #processGroup()} (what the default hooks take as state)
     * @param hook  e.g. {@code DefaultHooks.FP16_COMPRESS_HOOK}
     * @throws IllegalArgumentException for a null hook or another group as state
     * @throws dev.torch4j.TorchException when a hook was registered before (libtorch's message)
     */
    public void registerCommHook(Object state, CommHook hook) {
        if (hook == null) {
            throw new IllegalArgumentException("Communication hook must be callable.");
        }
        if (state != null && state != processGroup) {
            throw new IllegalArgumentException("the built-in hook " + hook + " reduces over this module's process "
                    + "group; pass null or that group as state, got " + state);
        }
        reducer.registerBuiltinCommHook(hook.builtinType().toUpperCase(Locale.ROOT));
    }

    /** Removes the gradient hooks, then releases the wrapped module's tensors as {@link Module#close()}. */
    @Override
    public void close() {
        reducer.close();
        super.close();
    }
}
