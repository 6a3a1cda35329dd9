package dev.torch4j.internal;

import dev.torch4j.Tensor;
import dev.torch4j.distributed.ReduceOp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllgatherOptions;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BackendOptional;
import org.bytedeco.pytorch.BarrierOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.GatherOptions;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroup;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOptions;
import org.bytedeco.pytorch.ReduceScatterOptions;
import org.bytedeco.pytorch.ScatterOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * One c10d process group ({@code c10d::ProcessGroup}) with its backends, built as
 * {@code torch.distributed._new_process_group_helper} builds one: the group's keys live under
 * {@code <groupName>/} in the store, each backend's under {@code <groupName>/<device>/}. Every store
 * reaches C++ through {@link C10dStore}'s reference-counted handle, never as a raw object.
 */
public final class C10dGroup implements AutoCloseable {
    private ProcessGroup pg;
    private final C10dStore store;
    private final int rank;
    private final int size;
    private final String backendName;

    static {
        Native.init();
    }

    private C10dGroup(ProcessGroup pg, C10dStore store, int rank, int size, String backendName) {
        this.pg = pg;
        this.store = store;
        this.rank = rank;
        this.size = size;
        this.backendName = backendName;
    }

    /**
     * Makes a group and connects its backends (a rendezvous through the store: every member must call
     * this with the same {@code groupName}).
     *
     * @param deviceBackends backend name by device type, e.g. {@code {cpu=gloo, cuda=nccl}}
     * @param backendName    what {@code get_backend} answers, e.g. {@code gloo}
     * @throws dev.torch4j.distributed.DistError when a member does not join within {@code timeout}
     */
    public static C10dGroup create(C10dStore store, String groupName, int rank, int size,
                                   Map<String, String> deviceBackends, String backendName, Duration timeout) {
        C10dStore groupStore = C10dStore.prefix(groupName, store);
        ProcessGroup pg = new ProcessGroup(groupStore.handle(), rank, size);
        try {
            pg.setGroupName(groupName);
            String single = deviceBackends.values().stream().distinct().count() == 1
                    ? deviceBackends.values().iterator().next() : null;
            if (single != null) {
                pg.setDefaultBackend(backendType(single));
            }
            // as torch.distributed does: one backend object for all devices when they all use the same one
            Map<String, Backend> made = new java.util.HashMap<>();
            try {
                for (Map.Entry<String, String> e : deviceBackends.entrySet()) {
                    DeviceType device = e.getKey().equals("cuda") ? DeviceType.CUDA : DeviceType.CPU;
                    Backend backend = made.get(e.getValue());
                    if (backend == null) {
                        try (C10dStore backendStore = C10dStore.prefix(e.getKey() + "/", groupStore)) {
                            backend = makeBackend(e.getValue(), backendStore, rank, size, timeout);
                        }
                        made.put(e.getValue(), backend);
                    }
                    try (BackendOptional opt = new BackendOptional(backend)) {
                        pg.setBackend(device, backendType(e.getValue()), opt);
                    }
                }
            } finally {
                made.values().forEach(Backend::close);
            }
            return new C10dGroup(pg, groupStore, rank, size, backendName);
        } catch (RuntimeException | Error e) {
            pg.close();
            groupStore.close();
            throw e;
        }
    }

    private static ProcessGroup.BackendType backendType(String name) {
        return switch (name) {
            case "gloo" -> ProcessGroup.BackendType.GLOO;
            case "nccl" -> ProcessGroup.BackendType.NCCL;
            default -> throw new IllegalArgumentException("Invalid backend: '" + name + "'");
        };
    }

    private static Backend makeBackend(String name, C10dStore store, int rank, int size, Duration timeout) {
        if (name.equals("nccl")) {
            return C10dNccl.create(store, rank, size, timeout);
        }
        try (Milliseconds ms = C10dStore.millis(timeout);
             ProcessGroupGloo.Options opts = ProcessGroupGloo.Options.create(ms);
             GlooDeviceVector devices = glooDevices()) {
            opts.devices(devices);
            try {
                return new ProcessGroupGloo(store.handle(), rank, size, opts);
            } catch (RuntimeException e) {
                throw C10dErrors.store(e);
            }
        }
    }

    /** As torch's Python binding chooses them: the interfaces in GLOO_SOCKET_IFNAME, else the host name's. */
    private static GlooDeviceVector glooDevices() {
        GlooDeviceVector devices = new GlooDeviceVector();
        String ifnames = System.getenv("GLOO_SOCKET_IFNAME");
        if (ifnames != null && ifnames.length() > 1) {
            for (String iface : ifnames.split(",")) {
                devices.push_back(ProcessGroupGloo.createDeviceForInterface(iface));
            }
        } else {
            devices.push_back(ProcessGroupGloo.createDefaultDevice());
        }
        return devices;
    }

    /** Whether libtorch can make an NCCL backend here (the GPU natives and NCCL's library are present). */
    public static boolean ncclAvailable() {
        return C10dNccl.available();
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return size;
    }

    public String backendName() {
        return backendName;
    }

    /** This group's store (keys under the group's prefix). */
    public C10dStore store() {
        return store;
    }

    synchronized ProcessGroup handle() {
        if (pg == null) {
            throw new IllegalStateException("the process group was destroyed");
        }
        return pg;
    }

    // ------------------------------------------------------------------ collectives

    public C10dWork allreduce(List<Tensor> tensors, ReduceOp op) {
        AllreduceOptions o = ALLREDUCE.get(op);
        try (TensorVector v = vector(tensors)) {
            return issue(() -> handle().allreduce(v, o));
        }
    }

    /** The options of each reduce op, made once: c10d reads them during the call and keeps no reference. */
    private static final Map<ReduceOp, AllreduceOptions> ALLREDUCE = new java.util.EnumMap<>(ReduceOp.class);

    static {
        for (ReduceOp op : ReduceOp.values()) {
            AllreduceOptions o = new AllreduceOptions();
            try (org.bytedeco.pytorch.ReduceOp rop = reduceOp(op)) {
                o.reduceOp(rop);
            }
            ALLREDUCE.put(op, o);
        }
    }

    public C10dWork broadcast(List<Tensor> tensors, int root) {
        try (TensorVector v = vector(tensors); BroadcastOptions o = new BroadcastOptions()) {
            o.rootRank(root);
            o.rootTensor(0);
            return issue(() -> handle().broadcast(v, o));
        }
    }

    public C10dWork reduce(Tensor tensor, int root, ReduceOp op) {
        try (TensorVector v = vector(List.of(tensor));
             org.bytedeco.pytorch.ReduceOp rop = reduceOp(op);
             ReduceOptions o = new ReduceOptions()) {
            o.reduceOp(rop);
            o.rootRank(root);
            o.rootTensor(0);
            return issue(() -> handle().reduce(v, o));
        }
    }

    /** {@code outputs[i]} receives rank i's {@code input}. */
    public C10dWork allgather(List<Tensor> outputs, Tensor input) {
        try (TensorVector out = vector(outputs); TensorVector in = vector(List.of(input));
             AllgatherOptions o = new AllgatherOptions()) {
            return issue(() -> handle().allgather(out, in, o));
        }
    }

    /** {@code output} receives the reduction over ranks of each rank's {@code inputs[rank]}. */
    public C10dWork reduceScatter(Tensor output, List<Tensor> inputs, ReduceOp op) {
        try (TensorVector out = vector(List.of(output)); TensorVector in = vector(inputs);
             org.bytedeco.pytorch.ReduceOp rop = reduceOp(op);
             ReduceScatterOptions o = new ReduceScatterOptions()) {
            o.reduceOp(rop);
            return issue(() -> handle().reduce_scatter(out, in, o));
        }
    }

    /** On the root, {@code outputs[i]} receives rank i's {@code input}; elsewhere {@code outputs} is null. */
    public C10dWork gather(List<Tensor> outputs, Tensor input, int root) {
        try (TensorVector out = outputs == null ? emptyOuter() : vector(outputs); TensorVector in = vector(List.of(input));
             GatherOptions o = new GatherOptions()) {
            o.rootRank(root);
            return issue(() -> handle().gather(out, in, o));
        }
    }

    /** {@code output} receives the root's {@code inputs[rank]}; {@code inputs} is null except on the root. */
    public C10dWork scatter(Tensor output, List<Tensor> inputs, int root) {
        try (TensorVector out = vector(List.of(output)); TensorVector in = inputs == null ? emptyOuter() : vector(inputs);
             ScatterOptions o = new ScatterOptions()) {
            o.rootRank(root);
            return issue(() -> handle().scatter(out, in, o));
        }
    }

    public C10dWork barrier() {
        try (BarrierOptions o = new BarrierOptions()) {
            return issue(() -> handle().barrier(o));
        }
    }

    public C10dWork send(Tensor tensor, int dst, int tag) {
        try (TensorVector v = vector(List.of(tensor))) {
            return issue(() -> handle().send(v, dst, tag));
        }
    }

    public C10dWork recv(Tensor tensor, int src, int tag) {
        try (TensorVector v = vector(List.of(tensor))) {
            return new C10dWork(call(() -> handle().recv(v, src, tag)), src);
        }
    }

    public C10dWork recvAnysource(Tensor tensor, int tag) {
        try (TensorVector v = vector(List.of(tensor))) {
            return new C10dWork(call(() -> handle().recvAnysource(v, tag)), Integer.MIN_VALUE);
        }
    }

    private static C10dWork issue(Supplier<Work> op) {
        return new C10dWork(call(op));
    }

    private static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw C10dErrors.backend(e);
        }
    }

    static TensorVector vector(List<Tensor> tensors) {
        TensorVector v = new TensorVector();
        for (Tensor t : tensors) {
            TensorRef r = TensorBridge.ref(t);
            try {
                v.push_back(r.acquire());   // the vector's copy keeps the tensor alive from here on
            } finally {
                r.release();
            }
        }
        return v;
    }

    /**
     * An empty {@code std::vector<std::vector<at::Tensor>>}: the binding passes a nested-vector argument
     * as an array of {@code TensorVector}s whose length is the pointer's limit.
     */
    private static TensorVector emptyOuter() {
        TensorVector v = new TensorVector();
        v.limit(0);
        return v;
    }

    private static org.bytedeco.pytorch.ReduceOp reduceOp(ReduceOp op) {
        return new org.bytedeco.pytorch.ReduceOp(org.bytedeco.pytorch.ReduceOp.RedOpType.valueOf(op.name()));
    }

    /** Drops this reference to the group; a DDP reducer that still uses it keeps it alive. Idempotent. */
    @Override
    public void close() {
        ProcessGroup p;
        synchronized (this) {
            p = pg;
            pg = null;
        }
        if (p != null) {
            p.close();
            store.close();
        }
    }
}
