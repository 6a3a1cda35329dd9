package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs: the collectives with an odd world size, a subgroup that leaves rank 1 out
 * ({@code GroupMember.NON_GROUP_MEMBER}), and DDP training against one process on the whole batch.
 */
class ThreeRanksTest {
    private static final int WORLD = 3;
    @TempDir
    static Path dir;
    private static Workers.Launch run;

    @BeforeAll
    static void launch() {
        run = Workers.launch(WORLD, Scenarios.class, dir.toString(), "collectives", "ddp-train");
        System.out.println("3 ranks: " + run.elapsed().toMillis() + " ms");
    }

    @Test
    void everyRankFinishedWithoutAFailedCheck() {
        assertEquals(0, run.exitCode(), run::describe);
        for (int r = 0; r < WORLD; r++) {
            assertTrue(run.lines(r).contains("DONE"), "rank " + r + " did not finish\n" + run.describe());
            assertTrue(run.lines(r).stream().noneMatch(l -> l.startsWith("FAIL")), run::describe);
        }
    }

    @Test
    void collectivesGiveExactResults() {
        for (ReduceOp op : ReduceOp.values()) {
            run.assertPassed(WORLD, "allReduce " + op);
        }
        for (String c : new String[] {"broadcast from every rank", "reduce to the last rank", "allGather",
                "reduceScatter SUM", "reduceScatter MAX", "gather to the last rank", "scatter from rank 0",
                "send and recv around the ring", "async allReduce returns a Work", "barrier"}) {
            run.assertPassed(WORLD, c);
        }
    }

    @Test
    void aSubgroupWithoutRankOne() {
        run.assertPassed(WORLD, "newGroup of the first and last rank");
    }

    @Test
    void ddpTrainingKeepsRanksIdenticalAndEqualToOneProcess() throws IOException {
        run.assertPassed(WORLD, "ddp training over 3 ranks equals one process on the whole batch");
        TwoRanksTest.assertIdentical(dir, WORLD);
    }
}
