package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.serialization.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on 127.0.0.1, started once by the launcher, run {@link Scenarios}: every collective and
 * reduce op with exact results, stores and the two store traps, the three init methods, DDP against
 * PyTorch's fixture (plain, noSync, unused parameters, fp16 hook, buffers, state dict keys) and DDP
 * training against one process on the whole batch. Each test reads one check's verdict from both ranks.
 */
class TwoRanksTest {
    private static final int WORLD = 2;
    @TempDir
    static Path dir;
    private static Workers.Launch run;

    @BeforeAll
    static void launch() {
        run = Workers.launch(WORLD, Scenarios.class, dir.toString(), "collectives", "ddp-fixture", "ddp-train", "stores");
        System.out.println("2 ranks: " + run.elapsed().toMillis() + " ms");
    }

    private static void passed(String check) {
        run.assertPassed(WORLD, check);
    }

    @Test
    void everyRankFinishedWithoutAFailedCheck() {
        assertEquals(0, run.exitCode(), run::describe);
        for (int r = 0; r < WORLD; r++) {
            List<String> lines = run.lines(r);
            assertTrue(lines.contains("DONE"), "rank " + r + " did not finish\n" + run.describe());
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), run::describe);
        }
    }

    @Test
    void allReduceGivesExactResultsForEveryOp() {
        for (ReduceOp op : ReduceOp.values()) {
            passed("allReduce " + op);
        }
        passed("allReduce float64 and int64");
        passed("async allReduce returns a Work");
    }

    @Test
    void theOtherCollectivesGiveExactResults() {
        passed("broadcast from every rank");
        passed("reduce to the last rank");
        passed("allGather");
        passed("reduceScatter SUM");
        passed("reduceScatter MAX");
        passed("gather to the last rank");
        passed("scatter from rank 0");
        passed("send and recv around the ring");
        passed("barrier");
        passed("newGroup of the first and last rank");
    }

    @Test
    void argumentErrorsAreJavaExceptionsWithPyTorchsMessages() {
        passed("gather and scatter list errors are PyTorch's");
        passed("a wrong list size is the backend's error");
    }

    @Test
    void storesAndTheStoreTrapsOfTheNote() {
        passed("store set, get, add, wait, compareSet, deleteKey across ranks");
        passed("trap 1: one store given to two groups, two prefix stores and its user");
        passed("trap 2: a store handed to a group survives the garbage collector");
    }

    @Test
    void initMethods() {
        passed("init with tcp://");
        passed("init with file://");
    }

    @Test
    void ddpGradientsEqualPyTorchs() {
        passed("ddp plain gradients equal PyTorch's");
        passed("ddp gradientAsBucketView gradients equal PyTorch's");
        passed("ddp fp16 compression hook equals PyTorch's");
    }

    @Test
    void ddpNoSyncAndUnusedParametersBehaveAsInPyTorch() {
        passed("ddp noSync accumulates locally, then averages the sums, as PyTorch");
        passed("ddp findUnusedParameters: unused on one rank or everywhere, as PyTorch");
        passed("ddp an unused parameter without findUnusedParameters fails the next forward, as PyTorch");
    }

    @Test
    void ddpBuffersAndStateDict() {
        passed("ddp broadcastBuffers=true");
        passed("ddp broadcastBuffers=false");
        passed("ddp construction copies rank 0's parameters and buffers (trap 3: they require grad)");
        passed("ddp state dict keys carry module. as PyTorch's");
    }

    @Test
    void ddpTrainingKeepsRanksIdenticalAndEqualToOneProcess() throws IOException {
        passed("ddp training over 2 ranks equals one process on the whole batch");
        assertIdentical(dir, WORLD);
    }

    /** The ranks' final parameters, bit for bit. */
    static void assertIdentical(Path dir, int world) throws IOException {
        Map<String, Tensor> first = Safetensors.loadFile(dir.resolve("world" + world + "-rank0.safetensors"));
        for (int r = 1; r < world; r++) {
            Path p = dir.resolve("world" + world + "-rank" + r + ".safetensors");
            assertTrue(Files.exists(p), p + " missing");
            Map<String, Tensor> other = Safetensors.loadFile(p);
            assertEquals(first.keySet(), other.keySet());
            for (String k : first.keySet()) {
                assertArrayEquals(first.get(k).toFloatArray(), other.get(k).toFloatArray(), 0f,
                        "rank " + r + " " + k + " differs from rank 0");
            }
        }
    }

    @Test
    void theLauncherPrefixesEveryLineWithTheRank() {
        for (String line : run.out().split("\n")) {
            assertTrue(line.startsWith("[rank0]:") || line.startsWith("[rank1]:"), line);
        }
    }
}
