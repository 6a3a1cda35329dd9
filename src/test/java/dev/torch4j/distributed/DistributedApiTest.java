package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.distributed.algorithms.ddpcommhooks.DefaultHooks;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import dev.torch4j.nn.parallel.DistributedDataParallelOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Distributed} in this JVM: the argument and rendezvous errors (PyTorch's messages, from
 * tools/gen_distributed_fixtures.py), and a process group of one process for the API around the
 * collectives and DDP. The multi-process behaviour is in the other tests of this package.
 */
class DistributedApiTest {
    private static final DistFixtures ERRORS = DistFixtures.load("errors.txt");

    private static String message(String key) {
        return ERRORS.string(key);
    }

    private static <T extends Throwable> void assertMessage(Class<T> type, String key,
                                                            org.junit.jupiter.api.function.Executable call) {
        assertEquals(message(key), assertThrows(type, call).getMessage());
    }

    /** A group of this process alone; rank 0 serves the store on a port the OS picks. */
    private static void initAlone() {
        Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:0")
                .rank(0).worldSize(1).timeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void leave() {
        if (Distributed.isInitialized()) {
            Distributed.destroyProcessGroup();
        }
    }

    @Test
    void withoutAGroupTheFunctionsFailWithPyTorchsMessage() {
        assertFalse(Distributed.isInitialized());
        assertMessage(IllegalStateException.class, "get_rank uninitialized", Distributed::getRank);
        assertMessage(IllegalStateException.class, "get_rank uninitialized", Distributed::getWorldSize);
        assertMessage(IllegalStateException.class, "get_rank uninitialized", () -> Distributed.allReduce(Torch.ones(1)));
        assertMessage(IllegalStateException.class, "get_rank uninitialized", Distributed::destroyProcessGroup);
        assertMessage(IllegalStateException.class, "get_rank uninitialized",
                () -> new DistributedDataParallel<>(new Linear(2, 2)));
        assertTrue(Distributed.isAvailable() && Distributed.isGlooAvailable());
    }

    @Test
    void initArgumentErrorsArePyTorchs(@TempDir Path tmp) {
        assertMessage(IllegalArgumentException.class, "invalid backend", () -> Distributed.initProcessGroup("foo"));
        assumeTrue(System.getenv("RANK") == null && System.getenv("MASTER_ADDR") == null,
                "this JVM runs inside a launcher: RANK or MASTER_ADDR is set");
        assertMessage(IllegalArgumentException.class, "env RANK missing", () -> Distributed.initProcessGroup("gloo"));
        assertMessage(IllegalArgumentException.class, "env MASTER_ADDR missing", () -> Distributed.initProcessGroup(
                "gloo", InitProcessGroupOptions.defaults().rank(0).worldSize(1)));
        InitProcessGroupOptions tcp = InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:1");
        assertMessage(IllegalArgumentException.class, "tcp rank missing", () -> Distributed.initProcessGroup("gloo", tcp));
        assertMessage(IllegalArgumentException.class, "tcp world_size missing",
                () -> Distributed.initProcessGroup("gloo", tcp.rank(0)));
        assertMessage(IllegalArgumentException.class, "tcp port missing", () -> Distributed.initProcessGroup("gloo",
                InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1").rank(0).worldSize(1)));
        assertMessage(IllegalArgumentException.class, "file rank missing", () -> Distributed.initProcessGroup("gloo",
                InitProcessGroupOptions.defaults().initMethod("file:///tmp/x")));
        try (FileStore store = new FileStore(tmp.resolve("store").toString(), 1)) {
            InitProcessGroupOptions withStore = InitProcessGroupOptions.defaults().store(store);
            assertMessage(IllegalArgumentException.class, "store and init_method", () -> Distributed.initProcessGroup(
                    "gloo", withStore.initMethod("env://").rank(0).worldSize(1)));
            assertMessage(IllegalArgumentException.class, "store without world_size",
                    () -> Distributed.initProcessGroup("gloo", withStore.rank(0)));
            assertMessage(IllegalArgumentException.class, "store without rank",
                    () -> Distributed.initProcessGroup("gloo", withStore.worldSize(1)));
        }
        assertFalse(Distributed.isInitialized());
    }

    @Test
    void aGroupOfOneProcess() {
        initAlone();
        assertTrue(Distributed.isInitialized());
        assertEquals(0, Distributed.getRank());
        assertEquals(1, Distributed.getWorldSize());
        assertEquals("gloo", Distributed.getBackend());
        assertEquals("0", Distributed.groupWorld().groupName());
        Tensor t = Tensor.of(new float[] {1.5f, -2f});
        Distributed.allReduce(t, ReduceOp.AVG);
        assertArrayEquals(new float[] {1.5f, -2f}, t.toFloatArray(), 0f);
        try (Work w = Distributed.allReduceAsync(t)) {
            assertTrue(w.await(Duration.ofSeconds(10)));
            assertTrue(w.isCompleted());
        }
        ProcessGroup g = Distributed.newGroup();
        assertEquals("1", g.groupName());
        assertEquals(0, g.rank());
        Distributed.destroyProcessGroup(g);
        Distributed.destroyProcessGroup(GroupMember.NON_GROUP_MEMBER);
        assertThrows(IllegalStateException.class, () -> Distributed.initProcessGroup("gloo"));
        Distributed.destroyProcessGroup();
        assertFalse(Distributed.isInitialized());
        assertThrows(IllegalStateException.class, () -> Distributed.allReduce(t, ReduceOp.SUM, g),
                "a destroyed group refuses collectives");
        initAlone();
        assertEquals(1, Distributed.getWorldSize(), "a second init after destroy");
    }

    @Test
    void ncclWithoutTheGpuBuildIsAClearError() {
        assumeTrue(!Distributed.isNcclAvailable(), "NCCL is available here");
        DistBackendError e = assertThrows(DistBackendError.class, () -> Distributed.initProcessGroup("nccl",
                InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:0").rank(0).worldSize(1)));
        assertTrue(e.getMessage().contains("NCCL") || e.getMessage().contains("GPU"), e.getMessage());
        assertFalse(Distributed.isInitialized());
    }

    @Test
    void ddpInOneProcessWrapsTheModuleWithItsType() {
        initAlone();
        Torch.manualSeed(0);
        Linear linear = new Linear(3, 2);
        DistributedDataParallel<Linear> ddp = new DistributedDataParallel<>(linear);
        Linear inner = ddp.module();
        assertSame(linear, inner);
        assertEquals(Map.of("module.weight", 0, "module.bias", 1).keySet(), ddp.stateDict().keySet());
        assertTrue(ddp.toString().startsWith("DistributedDataParallel(\n  (module): Linear(in_features=3"), ddp.toString());
        Tensor x = Torch.ones(4, 3);
        ddp.forward(x).sum().backward();
        try (Tensor g = linear.weight().grad()) {
            assertArrayEquals(new float[] {4, 4, 4, 4, 4, 4}, g.toFloatArray(), 0f, "one rank: the mean is the local grad");
        }
        try (var a = ddp.noSync()) {
            try (var b = ddp.noSync()) {
                ddp.forward(x).sum().backward();
            }
            ddp.forward(x).sum().backward();
        }
        ddp.forward(x).sum().backward();
        try (Tensor g = linear.bias().grad()) {
            assertArrayEquals(new float[] {16, 16}, g.toFloatArray(), 0f, "four backward passes accumulated");
        }
        ddp.close();
        assertThrows(IllegalStateException.class, () -> ddp.forward(x));
    }

    @Test
    void ddpOnAModuleWithoutTensorModuleRunsItsForwardByReflection() {
        initAlone();
        SimpleNet net = new SimpleNet(17, 4, 3);
        var ddp = new DistributedDataParallel<>(net, DistributedDataParallelOptions.defaults().findUnusedParameters(true));
        Tensor out = ddp.forward(Tensor.of(new long[] {1, 2, 3, 0}, 1, 4));
        assertArrayEquals(new long[] {1, 1}, out.shape());
        out.sum().backward();
        assertNotNull(net.parameters().get(0).grad());
        assertThrows(IllegalArgumentException.class, () -> ddp.registerCommHook(Distributed.newGroup(),
                DefaultHooks.FP16_COMPRESS_HOOK));
    }

    @Test
    void ddpRefusesAModuleWithoutTrainableParameters() {
        initAlone();
        Module frozen = new Linear(2, 2).freeze();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DistributedDataParallel<>(frozen));
        assertEquals("DistributedDataParallel is not needed when a module doesn't have any parameter that requires "
                + "a gradient.", e.getMessage());
    }

    @Test
    void optionsValidateAndPrintInPyTorchsSpelling() {
        assertThrows(IllegalArgumentException.class, () -> InitProcessGroupOptions.defaults().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> InitProcessGroupOptions.defaults().worldSize(0));
        assertThrows(IllegalArgumentException.class, () -> DistributedDataParallelOptions.defaults().bucketCapMb(0));
        assertEquals(25.0, DistributedDataParallelOptions.defaults().bucketCapMb());
        assertEquals("DistributedDataParallelOptions(broadcast_buffers=True, init_sync=True, process_group=None, "
                + "bucket_cap_mb=25.0, find_unused_parameters=False, gradient_as_bucket_view=False)",
                DistributedDataParallelOptions.defaults().toString());
    }
}
