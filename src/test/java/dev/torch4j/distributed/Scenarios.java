package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Device;
import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.DistributedSampler;
import dev.torch4j.data.DistributedSamplerOptions;
import dev.torch4j.data.TensorDataset;
import dev.torch4j.distributed.algorithms.ddpcommhooks.DefaultHooks;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import dev.torch4j.nn.parallel.DistributedDataParallelOptions;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each rank of the distributed tests runs (started by {@link Run} from the JUnit tests): the
 * named groups of checks, each printing {@code PASS name} or {@code FAIL name: why}. Expected values
 * are exact arithmetic on the ranks' known inputs, or PyTorch's from tools/gen_distributed_fixtures.py.
 *
 * <pre>java ... dev.torch4j.distributed.Run --nproc-per-node N dev.torch4j.distributed.Scenarios DIR GROUP...</pre>
 */
public final class Scenarios {
    private static int rank;
    private static int world;
    private static Path dir;

    private Scenarios() {
    }

    /** A check's body. */
    interface Body {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        dir = Path.of(args[0]);
        Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().timeout(Duration.ofSeconds(60)));
        rank = Distributed.getRank();
        world = Distributed.getWorldSize();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "collectives" -> collectives();
                case "ddp-fixture" -> ddpFixture();
                case "ddp-train" -> ddpTrain();
                case "stores" -> stores();
                case "two-node" -> twoNode();
                case "nccl" -> nccl();
                default -> throw new IllegalArgumentException("unknown group " + args[i]);
            }
        }
        if (Distributed.isInitialized()) {
            Distributed.destroyProcessGroup();
        }
        System.out.println("DONE");
    }

    static void check(String name, Body body) {
        try {
            body.run();
            System.out.println("PASS " + name);
        } catch (Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            System.out.println("FAIL " + name + ": " + w.toString().replace("\n", "\n    "));
        }
        System.out.flush();
    }

    private static float[] values(Tensor t) {
        return t.toFloatArray();
    }

    // ------------------------------------------------------------------ collectives

    static void collectives() {
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.AVG, ReduceOp.PRODUCT, ReduceOp.MIN, ReduceOp.MAX}) {
            check("allReduce " + op, () -> {
                float[] base = {1f, -2f, 0.5f};
                float[] mine = new float[3];
                float[] expected = new float[3];
                for (int k = 0; k < 3; k++) {
                    mine[k] = base[k] * (rank + 1);
                    float acc = op == ReduceOp.PRODUCT ? 1 : op == ReduceOp.MIN ? Float.MAX_VALUE
                            : op == ReduceOp.MAX ? -Float.MAX_VALUE : 0;
                    for (int i = 1; i <= world; i++) {
                        float v = base[k] * i;
                        acc = switch (op) {
                            case SUM, AVG -> acc + v;
                            case PRODUCT -> acc * v;
                            case MIN -> Math.min(acc, v);
                            default -> Math.max(acc, v);
                        };
                    }
                    expected[k] = op == ReduceOp.AVG ? acc / world : acc;
                }
                Tensor t = Tensor.of(mine);
                Distributed.allReduce(t, op);
                assertArrayEquals(expected, values(t), 0f, "allReduce " + op);
            });
        }
        for (ReduceOp op : new ReduceOp[] {ReduceOp.BAND, ReduceOp.BOR, ReduceOp.BXOR}) {
            check("allReduce " + op, () -> {
                long[] mine = {0b1111L ^ (1L << rank), 1L << rank, 0b1010L + rank};
                long[] expected = new long[3];
                for (int k = 0; k < 3; k++) {
                    long acc = op == ReduceOp.BAND ? -1L : 0L;
                    for (int i = 0; i < world; i++) {
                        long v = k == 0 ? 0b1111L ^ (1L << i) : k == 1 ? 1L << i : 0b1010L + i;
                        acc = op == ReduceOp.BAND ? acc & v : op == ReduceOp.BOR ? acc | v : acc ^ v;
                    }
                    expected[k] = acc;
                }
                Tensor t = Tensor.of(mine);
                Distributed.allReduce(t, op);
                assertArrayEquals(expected, t.toLongArray(), "allReduce " + op);
            });
        }
        check("allReduce float64 and int64", () -> {
            Tensor d = Tensor.of(new double[] {1e-20 * (rank + 1), 1e20});
            Tensor l = Tensor.of(new long[] {(1L << 40) * (rank + 1)});
            Distributed.allReduce(d);
            Distributed.allReduce(l);
            double sum = 0;
            long lsum = 0;
            for (int i = 1; i <= world; i++) {
                sum += 1e-20 * i;
                lsum += (1L << 40) * i;
            }
            assertArrayEquals(new double[] {sum, 1e20 * world}, d.toDoubleArray(), 1e-36);
            assertEquals(lsum, l.toLongArray()[0]);
        });
        check("broadcast from every rank", () -> {
            for (int src = 0; src < world; src++) {
                Tensor t = Tensor.of(new float[] {rank * 10f, rank * 10f + 1});
                Distributed.broadcast(t, src);
                assertArrayEquals(new float[] {src * 10f, src * 10f + 1}, values(t), 0f, "src " + src);
            }
        });
        check("reduce to the last rank", () -> {
            Tensor t = Tensor.of(new float[] {rank + 1});
            Distributed.reduce(t, world - 1);
            if (rank == world - 1) {
                assertEquals(world * (world + 1) / 2f, values(t)[0], 0f);
            }
        });
        check("allGather", () -> {
            List<Tensor> outs = new ArrayList<>();
            for (int i = 0; i < world; i++) {
                outs.add(Torch.zeros(2));
            }
            Distributed.allGather(outs, Tensor.of(new float[] {rank, rank * rank}));
            for (int i = 0; i < world; i++) {
                assertArrayEquals(new float[] {i, i * i}, values(outs.get(i)), 0f, "from rank " + i);
            }
        });
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX}) {
            check("reduceScatter " + op, () -> {
                List<Tensor> in = new ArrayList<>();
                for (int i = 0; i < world; i++) {
                    in.add(Tensor.of(new float[] {10f * i + rank, -rank}));
                }
                Tensor out = Torch.zeros(2);
                Distributed.reduceScatter(out, in, op);
                float[] expected = op == ReduceOp.SUM
                        ? new float[] {10f * rank * world + world * (world - 1) / 2f, -world * (world - 1) / 2f}
                        : new float[] {10f * rank + world - 1, 0f};
                assertArrayEquals(expected, values(out), 0f);
            });
        }
        check("gather to the last rank", () -> {
            int dst = world - 1;
            List<Tensor> list = null;
            if (rank == dst) {
                list = new ArrayList<>();
                for (int i = 0; i < world; i++) {
                    list.add(Torch.zeros(1));
                }
            }
            Distributed.gather(Tensor.of(new float[] {100f + rank}), list, dst);
            if (rank == dst) {
                for (int i = 0; i < world; i++) {
                    assertEquals(100f + i, values(list.get(i))[0], 0f);
                }
            }
        });
        check("scatter from rank 0", () -> {
            List<Tensor> list = null;
            if (rank == 0) {
                list = new ArrayList<>();
                for (int i = 0; i < world; i++) {
                    list.add(Tensor.of(new float[] {7f * i, -i}));
                }
            }
            Tensor t = Torch.zeros(2);
            Distributed.scatter(t, list, 0);
            assertArrayEquals(new float[] {7f * rank, -rank}, values(t), 0f);
        });
        check("send and recv around the ring", () -> {
            Tensor out = Tensor.of(new float[] {rank + 0.5f});
            Tensor in = Torch.zeros(1);
            int next = (rank + 1) % world;
            int prev = (rank + world - 1) % world;
            Work sent = Distributed.isend(out, next, null);
            assertEquals(prev, Distributed.recv(in, prev));
            sent.await();
            assertEquals(prev + 0.5f, values(in)[0], 0f);
        });
        check("async allReduce returns a Work", () -> {
            Tensor a = Tensor.of(new float[] {rank + 1});
            Tensor b = Tensor.of(new float[] {2f * (rank + 1)});
            Work wa = Distributed.allReduceAsync(a);
            Work wb = Distributed.allReduceAsync(b, ReduceOp.MAX);
            assertTrue(wa.await());
            assertTrue(wb.await(Duration.ofSeconds(30)));
            assertTrue(wa.isCompleted() && wb.isCompleted());
            assertEquals(world * (world + 1) / 2f, values(a)[0], 0f);
            assertEquals(2f * world, values(b)[0], 0f);
            wa.close();
            wb.close();
            Work bar = Distributed.barrierAsync(null);
            bar.await();
        });
        check("barrier", Distributed::barrier);
        DistFixtures ddp = DistFixtures.load("ddp.txt");
        check("gather and scatter list errors are PyTorch's", () -> {
            Tensor t = Torch.zeros(1);
            if (rank == 0) {
                assertEquals(ddp.string("error gather_list missing on dst"),
                        assertThrows(IllegalArgumentException.class, () -> Distributed.gather(t, null, 0)).getMessage());
                assertEquals(ddp.string("error scatter_list missing on src"),
                        assertThrows(IllegalArgumentException.class, () -> Distributed.scatter(t, null, 0)).getMessage());
            } else {
                assertEquals(ddp.string("error gather_list on non-dst"), assertThrows(IllegalArgumentException.class,
                        () -> Distributed.gather(t, List.of(t, t), 0)).getMessage());
                assertEquals(ddp.string("error scatter_list on non-src"), assertThrows(IllegalArgumentException.class,
                        () -> Distributed.scatter(t, List.of(t, t), 0)).getMessage());
            }
            assertEquals(ddp.string("error init twice"),
                    assertThrows(IllegalStateException.class, () -> Distributed.initProcessGroup("gloo")).getMessage());
            assertEquals(ddp.string("error new_group rank outside"), assertThrows(IllegalArgumentException.class,
                    () -> Distributed.newGroup(List.of(0, world + 3))).getMessage());
        });
        check("a wrong list size is the backend's error", () -> {
            List<Tensor> outs = new ArrayList<>();
            for (int i = 0; i <= world; i++) {
                outs.add(Torch.zeros(1));
            }
            DistBackendError e = assertThrows(DistBackendError.class, () -> Distributed.allGather(outs, Torch.zeros(1)));
            assertFalse(e.getMessage().contains("Exception raised from"), e.getMessage());
        });
        check("newGroup of the first and last rank", () -> {
            ProcessGroup g = Distributed.newGroup(List.of(world - 1, 0));
            boolean member = rank == 0 || rank == world - 1;
            Tensor t = Tensor.of(new float[] {rank + 1});
            if (!member) {
                assertSame(GroupMember.NON_GROUP_MEMBER, g);
                assertEquals(-1, Distributed.getRank(g));
                assertEquals(-1, Distributed.getWorldSize(g));
                assertNull(Distributed.allReduceAsync(t, ReduceOp.SUM, g));
                Distributed.allReduce(t, ReduceOp.SUM, g);
                assertEquals(rank + 1f, values(t)[0], 0f, "a non-member's tensor is left alone");
                return;
            }
            assertEquals(rank == 0 ? 0 : 1, Distributed.getRank(g));
            assertEquals(2, Distributed.getWorldSize(g));
            assertEquals(List.of(0, world - 1), Distributed.getProcessGroupRanks(g));
            assertEquals(world - 1, Distributed.getGlobalRank(g, 1));
            assertEquals("gloo", Distributed.getBackend(g));
            Distributed.allReduce(t, ReduceOp.SUM, g);
            assertEquals(1f + world, values(t)[0], 0f);
            Tensor b = Tensor.of(new float[] {rank});
            Distributed.broadcast(b, world - 1, g);
            assertEquals(world - 1f, values(b)[0], 0f, "src is a global rank");
            assertThrows(IllegalArgumentException.class, () -> Distributed.broadcast(b, 99, g));
            Distributed.barrier(g);
            Distributed.destroyProcessGroup(g);
            assertThrows(IllegalArgumentException.class, () -> Distributed.destroyProcessGroup(g));
        });
        Distributed.barrier();
    }

    // ------------------------------------------------------------------ stores, traps 1 and 2, init methods

    /** Rank 0's value of {@code v} on every rank, through the default group. */
    private static int shared(int v) {
        Tensor t = Tensor.of(new long[] {rank == 0 ? v : 0});
        Distributed.broadcast(t, 0);
        return (int) t.toLongArray()[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static TCPStore openStore(int port) {
        return new TCPStore("127.0.0.1", port, TCPStoreOptions.defaults().worldSize(world).isMaster(rank == 0)
                .waitForWorkers(false).timeout(Duration.ofSeconds(30)));
    }

    private static void sumCheck(String what) {
        Tensor t = Tensor.of(new float[] {rank + 1});
        Distributed.allReduce(t);
        assertEquals(world * (world + 1) / 2f, values(t)[0], 0f, what);
    }

    static void stores() throws IOException {
        // rank 0 serves on a port the OS chose; the others learn it through the default group
        TCPStore server = rank == 0 ? openStore(0) : null;
        int port = shared(rank == 0 ? server.port() : 0);
        TCPStore store = rank == 0 ? server : openStore(port);
        check("store set, get, add, wait, compareSet, deleteKey across ranks", () -> {
            store.set("key" + rank, "value" + rank);
            assertEquals(rank + 1, store.add("counter", rank + 1) >= rank + 1 ? rank + 1 : -1);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < world; i++) {
                keys.add("key" + i);
            }
            store.wait(keys);
            assertTrue(store.check(keys));
            for (int i = 0; i < world; i++) {
                assertEquals("value" + i, new String(store.get("key" + i), StandardCharsets.UTF_8));
            }
            Distributed.barrier();
            assertEquals(world * (world + 1) / 2, store.add("counter", 0));
            Distributed.barrier();
            if (rank == 0) {
                assertArrayEquals("b".getBytes(StandardCharsets.UTF_8), store.compareSet("cas",
                        new byte[0], "b".getBytes(StandardCharsets.UTF_8)));
                assertTrue(store.deleteKey("key0"));
                assertFalse(store.deleteKey("key0"));
            }
            Distributed.barrier();
            assertFalse(store.check(List.of("key0")));
            DistStoreError e = assertThrows(DistStoreError.class,
                    () -> store.wait(List.of("never"), Duration.ofMillis(200)));
            assertFalse(e.getMessage().isEmpty());
        });
        int tcpPort = shared(rank == 0 ? freePort() : 0);
        int port2 = 0;
        TCPStore second = null;
        if (rank == 0) {
            second = openStore(0);
            port2 = second.port();
        }
        port2 = shared(port2);
        if (rank != 0) {
            second = openStore(port2);
        }
        final TCPStore[] secondHolder = {second};
        Distributed.destroyProcessGroup();

        check("trap 1: one store given to two groups, two prefix stores and its user", () -> {
            PrefixStore p1 = new PrefixStore("run1", store);
            PrefixStore p2 = new PrefixStore("run1", store);
            Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().store(p1).rank(rank).worldSize(world)
                    .timeout(Duration.ofSeconds(30)));
            sumCheck("group over the first prefix store");
            p2.set("seen" + rank, "yes");
            assertEquals("yes", new String(p1.get("seen" + rank), StandardCharsets.UTF_8));
            assertEquals("yes", new String(store.get("run1/seen" + rank), StandardCharsets.UTF_8));
            Distributed.destroyProcessGroup();
            Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().store(new PrefixStore("run2", store))
                    .rank(rank).worldSize(world).timeout(Duration.ofSeconds(30)));
            sumCheck("group over a second prefix store of the same store");
            store.set("still usable " + rank, "1");
            p1.close();
            p2.close();
            store.close();
            sumCheck("after the user closed every handle");
            Distributed.destroyProcessGroup();
        });

        check("trap 2: a store handed to a group survives the garbage collector", () -> {
            Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().store(secondHolder[0])
                    .rank(rank).worldSize(world).timeout(Duration.ofSeconds(30)));
            secondHolder[0] = null;
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            ProcessGroup g = Distributed.newGroup();
            Tensor t = Tensor.of(new float[] {rank + 1});
            Distributed.allReduce(t, ReduceOp.SUM, g);
            assertEquals(world * (world + 1) / 2f, values(t)[0], 0f);
            Distributed.barrier();
            Distributed.destroyProcessGroup();
        });

        check("init with tcp://", () -> {
            Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults()
                    .initMethod("tcp://127.0.0.1:" + tcpPort).rank(rank).worldSize(world).timeout(Duration.ofSeconds(30)));
            assertEquals(rank, Distributed.getRank());
            sumCheck("tcp://");
            Distributed.destroyProcessGroup();
            assertFalse(Distributed.isInitialized());
        });

        check("init with file://", () -> {
            String url = "file://" + dir.resolve("filestore").toAbsolutePath() + "?rank=" + rank + "&world_size=" + world;
            Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().initMethod(url)
                    .timeout(Duration.ofSeconds(30)));
            assertEquals(world, Distributed.getWorldSize());
            sumCheck("file://");
            Distributed.destroyProcessGroup();
        });
    }

    // ------------------------------------------------------------------ DDP against PyTorch's fixture

    private static TinyNet tinyNet(DistFixtures f) {
        TinyNet net = new TinyNet();
        Map<String, Tensor> state = new HashMap<>();
        for (String k : net.stateDict().keySet()) {
            long[] shape = f.longs("init " + k + " shape");
            state.put(k, Tensor.of(f.floats("init " + k), shape));
        }
        net.loadStateDict(state);
        return net;
    }

    private static Tensor input(DistFixtures f, int step) {
        return Tensor.of(f.floats("input rank=" + rank + " step=" + step), 2, 3);
    }

    private static void assertGrads(DistFixtures f, String scenario, TinyNet net, double tol) {
        for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
            double[] expected = f.doubles(scenario + " rank=" + rank + " grad " + e.getKey());
            Tensor g = e.getValue().grad();
            if (expected == null) {
                assertNull(g, scenario + ": " + e.getKey() + ".grad should be None, as in PyTorch");
                continue;
            }
            assertNotNull(g, scenario + ": " + e.getKey() + ".grad is None, PyTorch has a value");
            float[] actual = g.toFloatArray();
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected[i], actual[i], tol, scenario + ": " + e.getKey() + "[" + i + "]");
            }
        }
    }

    private static DistributedDataParallel<TinyNet> wrap(DistFixtures f, DistributedDataParallelOptions o) {
        return new DistributedDataParallel<>(tinyNet(f), o);
    }

    static void ddpFixture() {
        DistFixtures f = DistFixtures.load("ddp.txt");
        DistributedDataParallelOptions defaults = DistributedDataParallelOptions.defaults();
        check("ddp plain gradients equal PyTorch's", () -> {
            var ddp = wrap(f, defaults);
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), true, true))).backward();
            assertGrads(f, "plain", ddp.module(), 1e-6);
        });
        check("ddp gradientAsBucketView gradients equal PyTorch's", () -> {
            var ddp = wrap(f, defaults.gradientAsBucketView(true));
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), true, true))).backward();
            assertGrads(f, "plain", ddp.module(), 1e-6);
        });
        check("ddp noSync accumulates locally, then averages the sums, as PyTorch", () -> {
            var ddp = wrap(f, defaults);
            try (var g = ddp.noSync()) {
                TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), true, true))).backward();
            }
            assertGrads(f, "no_sync inside", ddp.module(), 1e-6);
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 1), true, true))).backward();
            assertGrads(f, "no_sync after", ddp.module(), 1e-6);
        });
        check("ddp findUnusedParameters: unused on one rank or everywhere, as PyTorch", () -> {
            var ddp = wrap(f, defaults.findUnusedParameters(true));
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), rank == 0, false))).backward();
            assertGrads(f, "unused", ddp.module(), 1e-6);
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 1), rank == 1, false))).backward();
            assertGrads(f, "unused second", ddp.module(), 1e-6);
        });
        check("ddp an unused parameter without findUnusedParameters fails the next forward, as PyTorch", () -> {
            var ddp = wrap(f, defaults);
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), true, false))).backward();
            dev.torch4j.TorchException e = assertThrows(dev.torch4j.TorchException.class,
                    () -> ddp.forward(m -> m.forward(input(f, 1), true, true)));
            String expected = f.string("unused without find_unused_parameters rank=" + rank + " error");
            String firstSentence = expected.substring(0, expected.indexOf(". ") + 1);
            assertTrue(e.getMessage().startsWith(firstSentence), e.getMessage());
        });
        check("ddp fp16 compression hook equals PyTorch's", () -> {
            var ddp = wrap(f, defaults);
            ddp.registerCommHook(null, DefaultHooks.FP16_COMPRESS_HOOK);
            TinyNet.loss(ddp.forward(m -> m.forward(input(f, 0), true, true))).backward();
            assertGrads(f, "fp16", ddp.module(), 1e-3);
            assertThrows(dev.torch4j.TorchException.class,
                    () -> ddp.registerCommHook(null, DefaultHooks.ALLREDUCE_HOOK), "a hook is registered once");
        });
        for (boolean broadcast : new boolean[] {true, false}) {
            check("ddp broadcastBuffers=" + broadcast, () -> {
                var ddp = wrap(f, defaults.broadcastBuffers(broadcast));
                ddp.module().steps.fill_(rank + 1);
                try (var g = Torch.noGrad()) {
                    ddp.forward(m -> m.forward(input(f, 0), true, true));
                }
                assertArrayEquals(f.floats("broadcast_buffers=" + (broadcast ? 1 : 0) + " rank=" + rank + " steps"),
                        values(ddp.module().steps), 0f);
            });
        }
        check("ddp construction copies rank 0's parameters and buffers (trap 3: they require grad)", () -> {
            TinyNet net = tinyNet(f);
            Tensor w0 = net.a.weight().detach().clone();
            if (rank != 0) {
                try (var g = Torch.noGrad()) {
                    net.a.weight().add_(rank);
                    net.steps.fill_(rank);
                }
            }
            assertTrue(net.a.weight().requiresGrad());
            var ddp = new DistributedDataParallel<>(net, defaults);
            assertTrue(ddp.module().a.weight().equal(w0));
            assertEquals(0f, values(ddp.module().steps)[0], 0f);
            assertTrue(ddp.module().a.weight().requiresGrad() && ddp.module().a.weight().isLeaf());
        });
        check("ddp state dict keys carry module. as PyTorch's", () -> {
            var ddp = wrap(f, defaults);
            assertEquals(f.string("state_dict keys"), String.join(" ", ddp.stateDict().keySet()));
            assertEquals(f.string("module.state_dict keys"), String.join(" ", ddp.module().stateDict().keySet()));
            assertEquals(f.string("named_parameters"), String.join(" ", ddp.namedParameters().keySet()));
            TinyNet inner = ddp.module();
            assertSame(TinyNet.class, inner.getClass());
        });
    }

    // ------------------------------------------------------------------ DDP training against one process

    /** Twelve notebook-like samples: token ids (12, 4), labels (12, 1). */
    private static Tensor[] dataset() {
        Torch.manualSeed(7);
        Tensor x = Torch.randint(0, 17, new long[] {12, 4});
        Tensor y = Torch.randint(0, 2, new long[] {12, 1}).toFloat();
        return new Tensor[] {x, y};
    }

    private static long[] indices(DistributedSampler s) {
        List<Long> l = new ArrayList<>();
        s.forEach(l::add);
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    static void ddpTrain() {
        check("ddp training over " + world + " ranks equals one process on the whole batch", () -> {
            Tensor[] data = dataset();
            TensorDataset ds = new TensorDataset(data[0], data[1]);
            int perRank = 12 / world;
            int batch = perRank / 2;
            Torch.manualSeed(100 + rank);   // different weights everywhere: the constructor must copy rank 0's
            var model = new DistributedDataParallel<>(new SimpleNet(17, 8, 6),
                    DistributedDataParallelOptions.defaults().gradientAsBucketView(true));
            SimpleNet reference = new SimpleNet(17, 8, 6);
            reference.loadStateDict(model.module().stateDict());
            Adam opt = new Adam(model.parameters(), AdamOptions.defaults().lr(0.01));
            Adam refOpt = new Adam(reference.parameters(), AdamOptions.defaults().lr(0.01));
            BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
            DistributedSampler sampler = new DistributedSampler(ds, DistributedSamplerOptions.defaults().seed(3));
            DataLoader loader = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(batch).sampler(sampler));
            List<DistributedSampler> all = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                all.add(new DistributedSampler(ds, DistributedSamplerOptions.defaults().numReplicas(world).rank(r).seed(3)));
            }
            int step = 0;
            for (int epoch = 0; epoch < 3; epoch++) {
                sampler.setEpoch(epoch);
                List<long[]> orders = new ArrayList<>();
                for (DistributedSampler s : all) {
                    s.setEpoch(epoch);
                    orders.add(indices(s));
                }
                int b = 0;
                for (Batch xb : loader) {
                    try (var scope = Torch.scope()) {
                        opt.zeroGrad(step % 2 == 0);     // in place and to none, with bucket views (trap 4)
                        criterion.forward(model.forward(xb.get(0)), xb.get(1)).backward();
                        opt.step();
                        long[] union = new long[batch * world];
                        for (int r = 0; r < world; r++) {
                            System.arraycopy(orders.get(r), b * batch, union, r * batch, batch);
                        }
                        Tensor idx = Tensor.of(union);
                        refOpt.zeroGrad();
                        criterion.forward(reference.forward(data[0].indexSelect(0, idx)), data[1].indexSelect(0, idx))
                                .backward();
                        refOpt.step();
                    }
                    b++;
                    step++;
                }
                assertEquals(2, b, "batches per epoch");
            }
            double max = 0;
            for (Map.Entry<String, Tensor> e : model.module().stateDict().entrySet()) {
                Tensor d = e.getValue().sub(reference.stateDict().get(e.getKey())).abs().max();
                max = Math.max(max, d.item());
            }
            assertTrue(max <= 1e-6, "max |ddp - reference| = " + max);
            model.module().saveStateDict(dir.resolve("world" + world + "-rank" + rank + ".safetensors"));
            System.out.println("MAXDIFF " + max);
        });
    }

    // ------------------------------------------------------------------ NCCL (GPU machines only)

    /** The collectives and DDP training again, over NCCL, each rank on GPU LOCAL_RANK. */
    static void nccl() throws IOException {
        int port = shared(rank == 0 ? freePort() : 0);
        Distributed.destroyProcessGroup();
        Distributed.initProcessGroup("nccl", InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:" + port)
                .rank(rank).worldSize(world).timeout(Duration.ofSeconds(60)));
        Device device = Device.cuda(Integer.parseInt(System.getenv().getOrDefault("LOCAL_RANK", "0")));
        check("nccl allReduce SUM, AVG, MAX", () -> {
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.AVG, ReduceOp.MAX}) {
                Tensor t = Tensor.of(new float[] {rank + 1, -(rank + 1)}).to(device);
                Distributed.allReduce(t, op);
                float s = world * (world + 1) / 2f;
                float[] expected = op == ReduceOp.SUM ? new float[] {s, -s}
                        : op == ReduceOp.AVG ? new float[] {s / world, -s / world} : new float[] {world, -1};
                assertArrayEquals(expected, t.to(Device.cpu()).toFloatArray(), 1e-6f, op.toString());
            }
        });
        check("nccl broadcast and allGather", () -> {
            Tensor b = Tensor.of(new float[] {rank}).to(device);
            Distributed.broadcast(b, world - 1);
            assertEquals(world - 1f, b.to(Device.cpu()).toFloatArray()[0], 0f);
            List<Tensor> outs = new ArrayList<>();
            for (int i = 0; i < world; i++) {
                outs.add(Torch.zeros(new long[] {1}, TensorOptions.defaults().device(device)));
            }
            Distributed.allGather(outs, Tensor.of(new float[] {10f * rank}).to(device));
            for (int i = 0; i < world; i++) {
                assertEquals(10f * i, outs.get(i).to(Device.cpu()).toFloatArray()[0], 0f);
            }
        });
        check("nccl ddp training keeps ranks identical", () -> {
            Torch.manualSeed(100 + rank);
            var model = new DistributedDataParallel<>(new SimpleNet(17, 8, 6).to(device));
            Adam opt = new Adam(model.parameters(), AdamOptions.defaults().lr(0.01));
            BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
            Tensor[] data = dataset();
            for (int step = 0; step < 4; step++) {
                try (var scope = Torch.scope()) {
                    opt.zeroGrad();
                    Tensor x = data[0].narrow(0, 2 * rank, 2).to(device);
                    Tensor y = data[1].narrow(0, 2 * rank, 2).to(device);
                    criterion.forward(model.forward(x), y).backward();
                    opt.step();
                }
            }
            for (Tensor p : model.parameters()) {
                Tensor mine = p.detach().clone();
                Tensor max = mine.clone();
                Distributed.allReduce(max, ReduceOp.MAX);
                assertTrue(mine.equal(max), "parameters differ across ranks");
            }
        });
    }

    // ------------------------------------------------------------------ two launchers as two nodes

    static void twoNode() {
        check("two-node environment", () -> {
            assertEquals(Integer.parseInt(System.getenv("GROUP_RANK")), rank, "one process per node: node rank = rank");
            assertEquals("0", System.getenv("LOCAL_RANK"));
            assertEquals("1", System.getenv("LOCAL_WORLD_SIZE"));
            assertEquals(2, world);
            sumCheck("two-node allReduce");
        });
    }
}
