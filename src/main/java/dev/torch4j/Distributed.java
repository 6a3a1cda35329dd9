package dev.torch4j;

import dev.torch4j.distributed.Backend;
import dev.torch4j.distributed.DistBackendError;
import dev.torch4j.distributed.DistError;
import dev.torch4j.distributed.DistStoreError;
import dev.torch4j.distributed.GroupMember;
import dev.torch4j.distributed.InitProcessGroupOptions;
import dev.torch4j.distributed.NewGroupOptions;
import dev.torch4j.distributed.ProcessGroup;
import dev.torch4j.distributed.ReduceOp;
import dev.torch4j.distributed.Work;
import dev.torch4j.internal.C10dAccess;
import dev.torch4j.internal.C10dGroup;
import dev.torch4j.internal.C10dStore;
import dev.torch4j.internal.C10dWork;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The functions of {@code torch.distributed}: process groups and the collectives that run over them,
 * on libtorch's c10d (Gloo for CPU tensors, NCCL for CUDA tensors with the GPU build).
 *
 * <pre>{@code
 * // in every process, started by: java -cp ... dev.torch4j.distributed.Run --nproc-per-node 2 my.Main
 * Distributed.initProcessGroup("gloo");                // env://: MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
 * Tensor t = Tensor.of(new float[] {Distributed.getRank() + 1});
 * Distributed.allReduce(t);                             // every rank now holds 1 + 2 = 3
 * Distributed.destroyProcessGroup();
 * }</pre>
 *
 * <p>Collectives block until done; the {@code ...Async} variants return a {@link Work} (PyTorch's
 * {@code async_op=True}). Ranks passed to collectives ({@code src}, {@code dst}) are global ranks, also
 * for subgroups. A process that dies makes the others' collectives fail at once with a
 * {@link DistBackendError}; one that never starts (or stops answering) makes them fail within the
 * group's timeout. Nothing here hangs forever or crashes the JVM.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html">torch.distributed</a>
 */
public final class Distributed {
    private Distributed() {
    }

    /** Everything {@code init_process_group} made: PyTorch's {@code _world}. */
    private static final class World {
        final ProcessGroup group;
        final C10dStore store;
        final Map<String, String> deviceBackends;
        final String backendName;
        final Duration timeout;
        final List<ProcessGroup> groups = new ArrayList<>();
        int groupCount = 1;

        World(ProcessGroup group, C10dStore store, Map<String, String> deviceBackends, String backendName,
              Duration timeout) {
            this.group = group;
            this.store = store;
            this.deviceBackends = deviceBackends;
            this.backendName = backendName;
            this.timeout = timeout;
        }
    }

    private static final Object LOCK = new Object();
    private static volatile World world;

    /** The default timeout of Gloo (and every backend but NCCL), PyTorch's {@code default_pg_timeout}. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** The default timeout of NCCL, PyTorch's {@code default_pg_nccl_timeout}. */
    private static final Duration DEFAULT_NCCL_TIMEOUT = Duration.ofMinutes(10);

    // ------------------------------------------------------------------ availability

    /** @return true: every torch4j build has the distributed package, like {@code is_available()} */
    public static boolean isAvailable() {
        return true;
    }

    /** @return true: Gloo is in every torch4j build, like {@code is_gloo_available()} */
    public static boolean isGlooAvailable() {
        return true;
    }

    /** @return whether NCCL can be used here (GPU build, a GPU, NCCL's library), like {@code is_nccl_available()} */
    public static boolean isNcclAvailable() {
        return C10dGroup.ncclAvailable();
    }

    /** @return whether {@link #initProcessGroup} ran (and no {@link #destroyProcessGroup()} since), like {@code is_initialized()} */
    public static boolean isInitialized() {
        return world != null;
    }

    // ------------------------------------------------------------------ init and destroy

    /**
     * Like {@code init_process_group()}: the default backend ({@code "cpu:gloo,cuda:nccl"} where NCCL is
     * available, else Gloo) and {@code env://}.
     *
     * @throws IllegalArgumentException as {@link #initProcessGroup(String, InitProcessGroupOptions)}
     * @throws DistError                as {@link #initProcessGroup(String, InitProcessGroupOptions)}
     */
    public static void initProcessGroup() {
        initProcessGroup(null, InitProcessGroupOptions.defaults());
    }

    /**
     * Like {@code init_process_group(backend)}, with {@code env://}.
     *
     * @param backend {@link Backend#GLOO}, {@link Backend#NCCL}, {@code "cpu:gloo,cuda:nccl"}, or null for the default
     * @throws IllegalArgumentException as {@link #initProcessGroup(String, InitProcessGroupOptions)}
     * @throws DistError                as {@link #initProcessGroup(String, InitProcessGroupOptions)}
     */
    public static void initProcessGroup(String backend) {
        initProcessGroup(backend, InitProcessGroupOptions.defaults());
    }

    /**
     * Joins this process to the default process group, like {@code init_process_group(backend, **options)}:
     * finds the other processes through the init method (or the given store) and connects the backend
     * to each of them. Every process of the group must call it; it returns once all have joined.
     *
     * @param backend {@link Backend#GLOO}, {@link Backend#NCCL}, {@code "cpu:gloo,cuda:nccl"}, or null for the
     *                default ({@code "cpu:gloo,cuda:nccl"} where NCCL is available, else Gloo)
     * @param options init method, timeout, world size, rank, store
     * @throws IllegalStateException    when the default group is already initialized
     * @throws IllegalArgumentException for an unknown backend, a malformed init method, a missing
     *                                  environment variable or URL parameter (PyTorch's messages)
     * @throws dev.torch4j.distributed.DistNetworkError when rank 0's store cannot be reached or served
     * @throws DistStoreError           when the other processes did not all join within the timeout
     * @throws DistBackendError         when the backend cannot be made (NCCL without a GPU build)
     */
    public static void initProcessGroup(String backend, InitProcessGroupOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use InitProcessGroupOptions.defaults()");
        }
        synchronized (LOCK) {
            if (world != null) {
                throw new IllegalStateException("trying to initialize the default process group twice!");
            }
            Map<String, String> devices = deviceBackends(backend);
            String name = backendName(devices);
            Duration timeout = options.timeout().orElse(
                    name.equals(Backend.NCCL) ? DEFAULT_NCCL_TIMEOUT : DEFAULT_TIMEOUT);
            int rank;
            int worldSize;
            C10dStore rendezvous;
            if (options.store().isPresent()) {
                if (options.initMethod().isPresent()) {
                    throw new IllegalArgumentException("Cannot specify both init_method and store.");
                }
                if (options.worldSize() <= 0) {
                    throw new IllegalArgumentException("world_size must be positive if using store");
                }
                if (options.rank() < 0) {
                    throw new IllegalArgumentException("rank must be non-negative if using store");
                }
                rank = options.rank();
                worldSize = options.worldSize();
                rendezvous = C10dStore.prefix("default_pg", C10dAccess.bridge().unwrap(options.store().get()));
            } else {
                Rendezvous r = rendezvous(options.initMethod().orElse("env://"), options.rank(),
                        options.worldSize(), timeout);
                rank = r.rank;
                worldSize = r.worldSize;
                try {
                    rendezvous = C10dStore.prefix("default_pg", r.store);
                } finally {
                    r.store.close();
                }
            }
            if (rank >= worldSize) {
                rendezvous.close();
                throw new IllegalArgumentException("rank " + rank + " is not in [0, world_size=" + worldSize + ")");
            }
            C10dGroup group;
            try {
                rendezvous.setTimeout(timeout);
                group = C10dGroup.create(rendezvous, "0/", rank, worldSize, devices, name, timeout);
            } catch (RuntimeException | Error e) {
                rendezvous.close();
                throw e;
            }
            int[] ranks = new int[worldSize];
            Arrays.setAll(ranks, i -> i);
            world = new World(C10dAccess.bridge().wrap(group, ranks, "0"), rendezvous, devices, name, timeout);
        }
    }

    /** A store, this process's rank and the world size, found through an init method. */
    private record Rendezvous(C10dStore store, int rank, int worldSize) {
    }

    /** PyTorch's {@code rendezvous(url, rank, world_size)}: the {@code env://}, {@code tcp://} and {@code file://} handlers. */
    private static Rendezvous rendezvous(String url, int rank, int worldSize, Duration timeout) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("No rendezvous handler for " + url);
        }
        String scheme = url.substring(0, sep);
        String rest = url.substring(sep + 3);
        int q = rest.indexOf('?');
        String location = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = query(q < 0 ? null : rest.substring(q + 1));
        if (rank != -1) {
            query.put("rank", Integer.toString(rank));
        }
        if (worldSize != -1) {
            query.put("world_size", Integer.toString(worldSize));
        }
        boolean useLibuv = query.getOrDefault("use_libuv", envOr("USE_LIBUV", "1")).equals("1");
        switch (scheme) {
            case "env": {
                String prefix = "env:// rendezvous: ";
                int r = query.containsKey("rank") ? intParam(query.get("rank"), prefix + "rank")
                        : intParam(env("RANK", prefix), prefix + "RANK");
                int w = query.containsKey("world_size") ? intParam(query.get("world_size"), prefix + "world_size")
                        : intParam(env("WORLD_SIZE", prefix), prefix + "WORLD_SIZE");
                String addr = env("MASTER_ADDR", prefix);
                int port = intParam(env("MASTER_PORT", prefix), prefix + "MASTER_PORT");
                return new Rendezvous(tcpStore(addr, port, r, w, timeout, useLibuv), r, w);
            }
            case "tcp": {
                String prefix = "tcp:// rendezvous: ";
                int colon = location.lastIndexOf(':');
                if (colon < 0 || colon == location.length() - 1 || location.endsWith("]")) {
                    throw new IllegalArgumentException(rendezvousError(prefix + "port number missing"));
                }
                String host = location.substring(0, colon).replace("[", "").replace("]", "");
                int port = intParam(location.substring(colon + 1).replace("/", ""), prefix + "port");
                int r = intParam(required(query, "rank", prefix + "rank parameter missing"), prefix + "rank");
                int w = intParam(required(query, "world_size", prefix + "world size parameter missing"),
                        prefix + "world_size");
                return new Rendezvous(tcpStore(host, port, r, w, timeout, useLibuv), r, w);
            }
            case "file": {
                String prefix = "file:// rendezvous: ";
                String path = location;
                if (path.isEmpty()) {
                    throw new IllegalArgumentException(rendezvousError(prefix + "path missing"));
                }
                int r = intParam(required(query, "rank", prefix + "rank parameter missing"), prefix + "rank");
                int w = intParam(required(query, "world_size", prefix + "world size parameter missing"),
                        prefix + "world_size");
                return new Rendezvous(C10dStore.file(path, w), r, w);
            }
            default:
                throw new IllegalArgumentException("No rendezvous handler for " + scheme + "://");
        }
    }

    /** PyTorch's {@code _create_c10d_store}: rank 0 serves, multi-tenant, waiting for all ranks. */
    private static C10dStore tcpStore(String host, int port, int rank, int worldSize, Duration timeout,
                                      boolean useLibuv) {
        if (port < 0 || port >= 65536) {
            throw new IllegalArgumentException("port must have value from 0 to 65535 but was " + port + ".");
        }
        return C10dStore.tcp(host, port, worldSize, rank == 0, timeout, true, true, useLibuv);
    }

    private static String rendezvousError(String msg) {
        return "Error initializing torch.distributed using " + msg;
    }

    private static String env(String name, String prefix) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalArgumentException(rendezvousError(prefix + "environment variable " + name
                    + " expected, but not set"));
        }
        return v;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static String required(Map<String, String> query, String key, String message) {
        String v = query.get(key);
        if (v == null) {
            throw new IllegalArgumentException(rendezvousError(message));
        }
        return v;
    }

    private static int intParam(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rendezvousError(what + " is not an integer: '" + value + "'"), e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    /** PyTorch's {@code BackendConfig}: which backend serves which device type. */
    private static Map<String, String> deviceBackends(String backend) {
        Map<String, String> map = new LinkedHashMap<>();
        if (backend == null || backend.equalsIgnoreCase("undefined")) {
            map.put("cpu", Backend.GLOO);
            map.put("cuda", C10dGroup.ncclAvailable() ? Backend.NCCL : Backend.GLOO);
            return map;
        }
        String b = backend.toLowerCase(Locale.ROOT);
        switch (b) {
            case Backend.GLOO:
                map.put("cpu", Backend.GLOO);
                map.put("cuda", Backend.GLOO);
                return map;
            case Backend.NCCL:
                map.put("cuda", Backend.NCCL);
                return map;
            default:
                break;
        }
        if (!b.contains(":")) {
            throw new IllegalArgumentException("Invalid backend: '" + backend + "'");
        }
        for (String pair : b.split(",")) {
            String[] dv = pair.split(":");
            if (dv.length != 2 || dv[0].isBlank() || dv[1].isBlank()) {
                throw new IllegalArgumentException("The custom backend string argument is invalid: " + backend
                        + ". Custom backend string is an experimental feature where the backend string must be in "
                        + "the format: \"<device_type1>:<backend1>,<device_type2>:<backend2>...\". e.g. "
                        + "'cpu:gloo,cuda:nccl'");
            }
            String device = dv[0].trim();
            String be = dv[1].trim();
            if (!device.equals("cpu") && !device.equals("cuda")) {
                throw new IllegalArgumentException("Invalid device type: '" + device + "' in backend '" + backend
                        + "' (torch4j has cpu and cuda)");
            }
            if (!be.equals(Backend.GLOO) && !be.equals(Backend.NCCL)) {
                throw new IllegalArgumentException("Invalid backend: '" + be + "'");
            }
            if (map.containsKey(device)) {
                throw new IllegalArgumentException("Duplicate device type " + device + " in backend string: "
                        + backend + ". ");
            }
            map.put(device, be);
        }
        return map;
    }

    private static String backendName(Map<String, String> devices) {
        if (new TreeSet<>(devices.values()).size() == 1) {
            return devices.values().iterator().next();
        }
        StringBuilder sb = new StringBuilder();
        devices.forEach((d, b) -> sb.append(sb.length() == 0 ? "" : ",").append(d).append(':').append(b));
        return sb.toString();
    }

    /**
     * Leaves every process group, like {@code destroy_process_group()}: the default group and all
     * groups made by {@link #newGroup}. Another {@link #initProcessGroup} may follow. Tensors and DDP
     * models keep working locally; a DDP model that still reduces keeps its group alive until closed.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static void destroyProcessGroup() {
        synchronized (LOCK) {
            World w = requireWorld();
            world = null;
            for (ProcessGroup g : w.groups) {
                close(g);
            }
            close(w.group);
            w.store.close();
        }
    }

    /**
     * Leaves {@code group}, like {@code destroy_process_group(group)}; the default group (or
     * {@link #groupWorld()}) destroys all of them as {@link #destroyProcessGroup()}. A
     * {@link GroupMember#NON_GROUP_MEMBER} is ignored.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code group} is not a live group of this process ("Invalid
     *                                  process group specified")
     */
    public static void destroyProcessGroup(ProcessGroup group) {
        if (group == GroupMember.NON_GROUP_MEMBER) {
            return;
        }
        synchronized (LOCK) {
            World w = requireWorld();
            if (group == null || group == w.group) {
                destroyProcessGroup();
                return;
            }
            if (!w.groups.remove(group)) {
                throw new IllegalArgumentException("Invalid process group specified");
            }
            close(group);
        }
    }

    private static void close(ProcessGroup g) {
        C10dGroup native_ = C10dAccess.bridge().unwrap(g);
        if (native_ != null) {
            native_.close();
        }
    }

    private static World requireWorld() {
        World w = world;
        if (w == null) {
            throw new IllegalStateException(
                    "Default process group has not been initialized, please make sure to call init_process_group.");
        }
        return w;
    }

    // ------------------------------------------------------------------ groups and ranks

    /**
     * The default group, like {@code torch.distributed.group.WORLD}.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static ProcessGroup groupWorld() {
        return requireWorld().group;
    }

    /**
     * This process's rank in the default group, like {@code get_rank()}.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static int getRank() {
        return requireWorld().group.rank();
    }

    /**
     * This process's rank in {@code group}, like {@code get_rank(group)}; -1 when it is not a member.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static int getRank(ProcessGroup group) {
        return resolve(group).rank();
    }

    /**
     * The number of processes in the default group, like {@code get_world_size()}.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static int getWorldSize() {
        return requireWorld().group.size();
    }

    /**
     * The number of processes in {@code group}, like {@code get_world_size(group)}; -1 when this process
     * is not a member.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static int getWorldSize(ProcessGroup group) {
        return resolve(group).size();
    }

    /**
     * The default group's backend, like {@code get_backend()}: {@code "gloo"}, {@code "nccl"}, or
     * {@code "cpu:gloo,cuda:nccl"}.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static String getBackend() {
        return requireWorld().backendName;
    }

    /**
     * {@code group}'s backend, like {@code get_backend(group)}.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException for {@link GroupMember#NON_GROUP_MEMBER} ("Invalid process group specified")
     */
    public static String getBackend(ProcessGroup group) {
        C10dGroup g = C10dAccess.bridge().unwrap(resolve(group));
        if (g == null) {
            throw new IllegalArgumentException("Invalid process group specified");
        }
        return g.backendName();
    }

    /**
     * The global ranks of {@code group}'s members, in group-rank order, like {@code get_process_group_ranks(group)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     */
    public static List<Integer> getProcessGroupRanks(ProcessGroup group) {
        List<Integer> out = new ArrayList<>();
        for (int r : C10dAccess.bridge().globalRanks(resolve(group))) {
            out.add(r);
        }
        return out;
    }

    /**
     * The global rank of {@code group}'s member {@code groupRank}, like {@code get_global_rank(group, group_rank)}.
     *
     * @throws IllegalArgumentException when {@code group} has no such rank
     */
    public static int getGlobalRank(ProcessGroup group, int groupRank) {
        int[] ranks = C10dAccess.bridge().globalRanks(resolve(group));
        if (groupRank < 0 || groupRank >= ranks.length) {
            throw new IllegalArgumentException("Group rank " + groupRank + " is not part of group " + group);
        }
        return ranks[groupRank];
    }

    /**
     * {@code globalRank}'s rank in {@code group}, like {@code get_group_rank(group, global_rank)}.
     *
     * @throws IllegalArgumentException when that process is not in {@code group}
     */
    public static int getGroupRank(ProcessGroup group, int globalRank) {
        ProcessGroup g = resolve(group);
        int[] ranks = C10dAccess.bridge().globalRanks(g);
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == globalRank) {
                return i;
            }
        }
        throw new IllegalArgumentException("Global rank " + globalRank + " is not part of group " + g);
    }

    /**
     * A group of all processes, like {@code new_group()}.
     *
     * @throws IllegalStateException as {@link #newGroup(List, NewGroupOptions)}
     * @throws DistError             as {@link #newGroup(List, NewGroupOptions)}
     */
    public static ProcessGroup newGroup() {
        return newGroup(null, NewGroupOptions.defaults());
    }

    /**
     * A group of the processes with the given global ranks, like {@code new_group(ranks)}.
     *
     * @throws IllegalStateException    as {@link #newGroup(List, NewGroupOptions)}
     * @throws IllegalArgumentException as {@link #newGroup(List, NewGroupOptions)}
     * @throws DistError                as {@link #newGroup(List, NewGroupOptions)}
     */
    public static ProcessGroup newGroup(List<Integer> ranks) {
        return newGroup(ranks, NewGroupOptions.defaults());
    }

    /**
     * A group of the processes with the given global ranks, like {@code new_group(ranks, **options)}.
     * Every process of the default group must call it, members or not, in the same order as the other
     * {@code newGroup} calls; the members connect to each other before it returns. A process outside
     * the group receives {@link GroupMember#NON_GROUP_MEMBER}.
     *
     * @param ranks the members' global ranks (any order; the group ranks follow their sorted order),
     *              or null for all
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException for a rank outside the world (PyTorch 1.13's "The new group's rank
     *                                  should be within the the world_size set by init_process_group") or an unknown backend
     * @throws DistError                when a member did not join within the timeout
     */
    public static ProcessGroup newGroup(List<Integer> ranks, NewGroupOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use NewGroupOptions.defaults()");
        }
        synchronized (LOCK) {
            World w = requireWorld();
            int worldSize = w.group.size();
            int[] members;
            if (ranks == null) {
                members = new int[worldSize];
                Arrays.setAll(members, i -> i);
            } else {
                members = ranks.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
                for (int r : members) {
                    if (r < 0 || r >= worldSize) {
                        throw new IllegalArgumentException(
                                "The new group's rank should be within the the world_size set by init_process_group");
                    }
                }
            }
            Map<String, String> devices = options.backend().isPresent()
                    ? deviceBackends(options.backend().get()) : w.deviceBackends;
            String backendName = options.backend().isPresent() ? backendName(devices) : w.backendName;
            Duration timeout = options.timeout().orElse(w.timeout);
            String name = Integer.toString(w.groupCount++);
            int groupRank = Arrays.binarySearch(members, w.group.rank());
            if (groupRank < 0) {
                return GroupMember.NON_GROUP_MEMBER;
            }
            C10dGroup g = C10dGroup.create(w.store, name + "/", groupRank, members.length, devices, backendName,
                    timeout);
            ProcessGroup pg = C10dAccess.bridge().wrap(g, members, name);
            w.groups.add(pg);
            return pg;
        }
    }

    /** The group to run on: {@code group}, or the default one for null. */
    private static ProcessGroup resolve(ProcessGroup group) {
        World w = requireWorld();
        return group == null ? w.group : group;
    }

    /** The native group, or null when this process is not a member. */
    private static C10dGroup member(ProcessGroup group) {
        return C10dAccess.bridge().unwrap(resolve(group));
    }

    private static int groupRank(ProcessGroup group, int globalRank, String what) {
        ProcessGroup g = resolve(group);
        int[] ranks = C10dAccess.bridge().globalRanks(g);
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == globalRank) {
                return i;
            }
        }
        throw new IllegalArgumentException("Global rank " + globalRank + " (" + what + ") is not part of group " + g);
    }

    private static Work wrap(C10dWork w) {
        return C10dAccess.bridge().wrap(w);
    }

    private static void await(Work w) {
        if (w != null) {
            try (w) {
                w.await();
            }
        }
    }

    private static Tensor check(Tensor t, String name) {
        if (t == null) {
            throw new IllegalArgumentException("Invalid function argument. Expected parameter `" + name
                    + "` of type torch.Tensor but got None instead.");
        }
        return t;
    }

    private static List<Tensor> check(List<Tensor> list, String name) {
        if (list == null || list.stream().anyMatch(t -> t == null)) {
            throw new IllegalArgumentException("Invalid function argument. Expected parameter `" + name
                    + "` of type List[torch.Tensor] but got " + (list == null ? "None" : "a list with None") + " instead.");
        }
        return list;
    }

    private static ReduceOp check(ReduceOp op) {
        if (op == null) {
            throw new IllegalArgumentException("op must not be null; ReduceOp.SUM is the default");
        }
        return op;
    }

    // ------------------------------------------------------------------ all_reduce

    /**
     * Sums {@code tensor} over all processes of the default group, in place, like {@code all_reduce(tensor)}.
     *
     * @param tensor the same shape and dtype on every rank; holds the sum afterwards
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when a peer failed, the timeout passed, or the backend refused the tensor
     */
    public static void allReduce(Tensor tensor) {
        allReduce(tensor, ReduceOp.SUM, null);
    }

    /**
     * Reduces {@code tensor} over the default group with {@code op}, in place, like {@code all_reduce(tensor, op)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}
     */
    public static void allReduce(Tensor tensor, ReduceOp op) {
        allReduce(tensor, op, null);
    }

    /**
     * Reduces {@code tensor} over {@code group} with {@code op}, in place, like {@code all_reduce(tensor, op, group)}.
     * Does nothing on a process outside {@code group}.
     *
     * @param group the group, null for the default
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}
     */
    public static void allReduce(Tensor tensor, ReduceOp op, ProcessGroup group) {
        await(allReduceAsync(tensor, op, group));
    }

    /**
     * {@link #allReduce(Tensor)} without waiting, like {@code all_reduce(tensor, async_op=True)}.
     *
     * @return the issued collective; {@code tensor} holds the result after {@link Work#await()}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work allReduceAsync(Tensor tensor) {
        return allReduceAsync(tensor, ReduceOp.SUM, null);
    }

    /**
     * {@link #allReduce(Tensor, ReduceOp)} without waiting.
     *
     * @return the issued collective
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work allReduceAsync(Tensor tensor, ReduceOp op) {
        return allReduceAsync(tensor, op, null);
    }

    /**
     * {@link #allReduce(Tensor, ReduceOp, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group} (as PyTorch's None)
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work allReduceAsync(Tensor tensor, ReduceOp op, ProcessGroup group) {
        check(tensor, "tensor");
        check(op);
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.allreduce(List.of(tensor), op));
    }

    // ------------------------------------------------------------------ broadcast

    /**
     * Copies rank {@code src}'s {@code tensor} into every other rank's {@code tensor}, like
     * {@code broadcast(tensor, src)}.
     *
     * @param tensor the same shape and dtype on every rank
     * @param src    the global rank whose values are sent
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}
     */
    public static void broadcast(Tensor tensor, int src) {
        broadcast(tensor, src, null);
    }

    /**
     * {@link #broadcast(Tensor, int)} within {@code group}, like {@code broadcast(tensor, src, group)}.
     *
     * @param src the global rank whose values are sent; it must be in {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code src} is not in {@code group}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void broadcast(Tensor tensor, int src, ProcessGroup group) {
        await(broadcastAsync(tensor, src, group));
    }

    /**
     * {@link #broadcast(Tensor, int)} without waiting.
     *
     * @return the issued collective
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work broadcastAsync(Tensor tensor, int src) {
        return broadcastAsync(tensor, src, null);
    }

    /**
     * {@link #broadcast(Tensor, int, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code src} is not in {@code group}
     * @throws DistBackendError         when the collective cannot be issued
     */
    public static Work broadcastAsync(Tensor tensor, int src, ProcessGroup group) {
        check(tensor, "tensor");
        C10dGroup g = member(group);
        if (g == null) {
            return null;
        }
        return wrap(g.broadcast(List.of(tensor), groupRank(group, src, "src")));
    }

    // ------------------------------------------------------------------ reduce

    /**
     * Sums {@code tensor} over the default group into rank {@code dst}'s {@code tensor}, like
     * {@code reduce(tensor, dst)}; the other ranks' tensors are left as the backend leaves them.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}
     */
    public static void reduce(Tensor tensor, int dst) {
        reduce(tensor, dst, ReduceOp.SUM, null);
    }

    /**
     * {@link #reduce(Tensor, int)} with {@code op}, like {@code reduce(tensor, dst, op)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}
     */
    public static void reduce(Tensor tensor, int dst, ReduceOp op) {
        reduce(tensor, dst, op, null);
    }

    /**
     * {@link #reduce(Tensor, int, ReduceOp)} within {@code group}, like {@code reduce(tensor, dst, op, group)}.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code dst} is not in {@code group}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void reduce(Tensor tensor, int dst, ReduceOp op, ProcessGroup group) {
        await(reduceAsync(tensor, dst, op, group));
    }

    /**
     * {@link #reduce(Tensor, int, ReduceOp, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code dst} is not in {@code group}
     * @throws DistBackendError         when the collective cannot be issued
     */
    public static Work reduceAsync(Tensor tensor, int dst, ReduceOp op, ProcessGroup group) {
        check(tensor, "tensor");
        check(op);
        C10dGroup g = member(group);
        if (g == null) {
            return null;
        }
        return wrap(g.reduce(tensor, groupRank(group, dst, "dst"), op));
    }

    // ------------------------------------------------------------------ all_gather

    /**
     * Gathers every rank's {@code tensor} into each rank's {@code tensorList}, like
     * {@code all_gather(tensor_list, tensor)}: {@code tensorList.get(i)} receives rank i's tensor.
     *
     * @param tensorList one tensor per rank of the group, each shaped like {@code tensor}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}, or when the list's size is not the group's
     */
    public static void allGather(List<Tensor> tensorList, Tensor tensor) {
        allGather(tensorList, tensor, null);
    }

    /**
     * {@link #allGather(List, Tensor)} within {@code group}, like {@code all_gather(tensor_list, tensor, group)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allGather(List, Tensor)}
     */
    public static void allGather(List<Tensor> tensorList, Tensor tensor, ProcessGroup group) {
        await(allGatherAsync(tensorList, tensor, group));
    }

    /**
     * {@link #allGather(List, Tensor, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work allGatherAsync(List<Tensor> tensorList, Tensor tensor, ProcessGroup group) {
        check(tensorList, "tensor_list");
        check(tensor, "tensor");
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.allgather(tensorList, tensor));
    }

    // ------------------------------------------------------------------ reduce_scatter

    /**
     * Sums {@code inputList.get(r)} over all ranks into rank r's {@code output}, like
     * {@code reduce_scatter(output, input_list)}.
     *
     * @param inputList one tensor per rank of the group, each shaped like {@code output}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #allReduce(Tensor)}, or when the list's size is not the group's
     */
    public static void reduceScatter(Tensor output, List<Tensor> inputList) {
        reduceScatter(output, inputList, ReduceOp.SUM, null);
    }

    /**
     * {@link #reduceScatter(Tensor, List)} with {@code op}, like {@code reduce_scatter(output, input_list, op)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #reduceScatter(Tensor, List)}
     */
    public static void reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op) {
        reduceScatter(output, inputList, op, null);
    }

    /**
     * {@link #reduceScatter(Tensor, List, ReduceOp)} within {@code group}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      as {@link #reduceScatter(Tensor, List)}
     */
    public static void reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op, ProcessGroup group) {
        await(reduceScatterAsync(output, inputList, op, group));
    }

    /**
     * {@link #reduceScatter(Tensor, List, ReduceOp, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the collective cannot be issued
     */
    public static Work reduceScatterAsync(Tensor output, List<Tensor> inputList, ReduceOp op, ProcessGroup group) {
        check(output, "output");
        check(inputList, "input_list");
        check(op);
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.reduceScatter(output, inputList, op));
    }

    // ------------------------------------------------------------------ gather

    /**
     * Sends {@code tensor} to rank 0 of the default group, like {@code gather(tensor)} on a rank other
     * than the destination.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException on rank 0 ("Argument ``gather_list`` must be specified on destination rank.")
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void gather(Tensor tensor) {
        gather(tensor, null, 0, null);
    }

    /**
     * Gathers every rank's {@code tensor} into rank 0's {@code gatherList}, like {@code gather(tensor, gather_list)}.
     *
     * @param gatherList on rank 0 one tensor per rank; null (or empty) on the others
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #gather(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void gather(Tensor tensor, List<Tensor> gatherList) {
        gather(tensor, gatherList, 0, null);
    }

    /**
     * Gathers every rank's {@code tensor} into rank {@code dst}'s {@code gatherList}, like
     * {@code gather(tensor, gather_list, dst)}.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #gather(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void gather(Tensor tensor, List<Tensor> gatherList, int dst) {
        gather(tensor, gatherList, dst, null);
    }

    /**
     * {@link #gather(Tensor, List, int)} within {@code group}, like {@code gather(tensor, gather_list, dst, group)}.
     *
     * @param gatherList on {@code dst} one tensor per rank of the group (receives rank i's tensor at i);
     *                   null or empty elsewhere
     * @param dst        the global rank that receives
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code dst} has no list ("Argument ``gather_list`` must be specified
     *                                  on destination rank.") or another rank has one ("... must NOT be specified
     *                                  on non-destination ranks."), or {@code dst} is not in {@code group}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void gather(Tensor tensor, List<Tensor> gatherList, int dst, ProcessGroup group) {
        await(gatherAsync(tensor, gatherList, dst, group));
    }

    /**
     * {@link #gather(Tensor, List, int, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #gather(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         when the collective cannot be issued
     */
    public static Work gatherAsync(Tensor tensor, List<Tensor> gatherList, int dst, ProcessGroup group) {
        check(tensor, "tensor");
        C10dGroup g = member(group);
        if (g == null) {
            return null;
        }
        int root = groupRank(group, dst, "dst");
        boolean hasList = gatherList != null && !gatherList.isEmpty();
        if (g.rank() == root) {
            if (!hasList) {
                throw new IllegalArgumentException("Argument ``gather_list`` must be specified on destination rank.");
            }
            check(gatherList, "gather_list");
        } else if (hasList) {
            throw new IllegalArgumentException("Argument ``gather_list`` must NOT be specified on non-destination ranks.");
        }
        return wrap(g.gather(hasList ? gatherList : null, tensor, root));
    }

    // ------------------------------------------------------------------ scatter

    /**
     * Receives this rank's part from rank 0, like {@code scatter(tensor)} on a rank other than the source.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException on rank 0 ("Argument ``scatter_list`` must be specified on source rank.")
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void scatter(Tensor tensor) {
        scatter(tensor, null, 0, null);
    }

    /**
     * Sends {@code scatterList.get(i)} from rank 0 into rank i's {@code tensor}, like
     * {@code scatter(tensor, scatter_list)}.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #scatter(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void scatter(Tensor tensor, List<Tensor> scatterList) {
        scatter(tensor, scatterList, 0, null);
    }

    /**
     * Sends {@code scatterList.get(i)} from rank {@code src} into rank i's {@code tensor}, like
     * {@code scatter(tensor, scatter_list, src)}.
     *
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #scatter(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void scatter(Tensor tensor, List<Tensor> scatterList, int src) {
        scatter(tensor, scatterList, src, null);
    }

    /**
     * {@link #scatter(Tensor, List, int)} within {@code group}, like {@code scatter(tensor, scatter_list, src, group)}.
     *
     * @param scatterList on {@code src} one tensor per rank of the group; null or empty elsewhere
     * @param src         the global rank that sends
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code src} has no list ("Argument ``scatter_list`` must be specified
     *                                  on source rank.") or another rank has one ("... must NOT be specified on
     *                                  non-source ranks."), or {@code src} is not in {@code group}
     * @throws DistBackendError         as {@link #allReduce(Tensor)}
     */
    public static void scatter(Tensor tensor, List<Tensor> scatterList, int src, ProcessGroup group) {
        await(scatterAsync(tensor, scatterList, src, group));
    }

    /**
     * {@link #scatter(Tensor, List, int, ProcessGroup)} without waiting.
     *
     * @return the issued collective, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException as {@link #scatter(Tensor, List, int, ProcessGroup)}
     * @throws DistBackendError         when the collective cannot be issued
     */
    public static Work scatterAsync(Tensor tensor, List<Tensor> scatterList, int src, ProcessGroup group) {
        check(tensor, "tensor");
        C10dGroup g = member(group);
        if (g == null) {
            return null;
        }
        int root = groupRank(group, src, "src");
        boolean hasList = scatterList != null && !scatterList.isEmpty();
        if (g.rank() == root) {
            if (!hasList) {
                throw new IllegalArgumentException("Argument ``scatter_list`` must be specified on source rank.");
            }
            check(scatterList, "scatter_list");
        } else if (hasList) {
            throw new IllegalArgumentException("Argument ``scatter_list`` must NOT be specified on non-source ranks.");
        }
        return wrap(g.scatter(tensor, hasList ? scatterList : null, root));
    }

    // ------------------------------------------------------------------ barrier

    /**
     * Waits until every process of the default group reached this call, like {@code barrier()}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when a peer failed or the timeout passed
     */
    public static void barrier() {
        barrier(null);
    }

    /**
     * Waits until every process of {@code group} reached this call, like {@code barrier(group)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when a peer failed or the timeout passed
     */
    public static void barrier(ProcessGroup group) {
        await(barrierAsync(group));
    }

    /**
     * {@link #barrier(ProcessGroup)} without waiting, like {@code barrier(group, async_op=True)}.
     *
     * @return the issued barrier, or null on a process outside {@code group}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the barrier cannot be issued
     */
    public static Work barrierAsync(ProcessGroup group) {
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.barrier());
    }

    // ------------------------------------------------------------------ point to point

    /**
     * Sends {@code tensor} to rank {@code dst}, blocking until it was received, like {@code send(tensor, dst)}.
     *
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the peer failed or the timeout passed
     */
    public static void send(Tensor tensor, int dst) {
        await(isend(tensor, dst, null));
    }

    /**
     * Sends {@code tensor} to rank {@code dst} without waiting, like {@code isend(tensor, dst, group)}.
     *
     * @return the issued send, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code dst} is not in {@code group}
     * @throws DistBackendError         when the send cannot be issued
     */
    public static Work isend(Tensor tensor, int dst, ProcessGroup group) {
        check(tensor, "tensor");
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.send(tensor, groupRank(group, dst, "dst"), 0));
    }

    /**
     * Receives into {@code tensor} from rank {@code src}, like {@code recv(tensor, src)}.
     *
     * @return {@code src}
     * @throws IllegalStateException when the default group is not initialized
     * @throws DistBackendError      when the peer failed or the timeout passed
     */
    public static int recv(Tensor tensor, int src) {
        await(irecv(tensor, src, null));
        return src;
    }

    /**
     * Receives into {@code tensor} from rank {@code src} without waiting, like {@code irecv(tensor, src, group)}.
     *
     * @return the issued receive, or null on a process outside {@code group}
     * @throws IllegalStateException    when the default group is not initialized
     * @throws IllegalArgumentException when {@code src} is not in {@code group}
     * @throws DistBackendError         when the receive cannot be issued
     */
    public static Work irecv(Tensor tensor, int src, ProcessGroup group) {
        check(tensor, "tensor");
        C10dGroup g = member(group);
        return g == null ? null : wrap(g.recv(tensor, groupRank(group, src, "src"), 0));
    }
}
