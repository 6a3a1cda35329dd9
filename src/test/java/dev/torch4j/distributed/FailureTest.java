package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Distributed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rank that dies, never starts or stops answering gives every other rank a clear exception within
 * the timeout, never a hang or a crash; the launcher then stops the others and exits non-zero.
 * The groups' timeout is 60 s where a failure must be noticed without it, so "fast" means well below it.
 */
class FailureTest {
    private static final Duration JVM_EXIT = Duration.ofSeconds(90);

    /** Rank 0's verdict: the exception type and how long after its last good step it came. */
    private static Matcher caught(String output) {
        Matcher m = Pattern.compile("CAUGHT (\\S+): (.*) AFTER_MS (\\d+)").matcher(output);
        assertTrue(m.find(), "no CAUGHT line in rank 0's output:\n" + Workers.tail(output));
        return m;
    }

    private static void assertNoCrash(String output) {
        assertFalse(output.contains("A fatal error has been detected"), "the JVM crashed:\n" + Workers.tail(output));
    }

    /** Two ranks of {@link FailureWorker} started directly (no launcher to stop the survivor). */
    private record Pair(Process r0, Process r1, Workers.Output o0, Workers.Output o1) {
        static Pair start(String mode, String timeoutSeconds) {
            int port = Workers.freePort();
            Process r0 = Workers.spawn(0, 2, port, FailureWorker.class, mode, timeoutSeconds);
            Process r1 = Workers.spawn(1, 2, port, FailureWorker.class, mode, timeoutSeconds);
            return new Pair(r0, r1, new Workers.Output(r0), new Workers.Output(r1));
        }

        void kill() {
            r0.destroyForcibly();
            r1.destroyForcibly();
        }
    }

    @Test
    void aRankKilledMidRunMakesTheOtherFailAtOnce() {
        Pair pair = Pair.start("killed", "60");
        Process r0 = pair.r0();
        Process r1 = pair.r1();
        Workers.Output o0 = pair.o0();
        Workers.Output o1 = pair.o1();
        try {
            o1.await("^READY (\\d+)", Duration.ofSeconds(60));
            long killed = System.nanoTime();
            r1.destroyForcibly();
            int code = Workers.exitCode(r0, JVM_EXIT);
            long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
            String out = o0.finish();
            assertNoCrash(out);
            assertEquals(1, code, "rank 0 ends with its exception, status 1:\n" + Workers.tail(out));
            Matcher m = caught(out);
            assertTrue(m.group(1).startsWith("dev.torch4j."), "a torch4j exception: " + m.group());
            assertTrue(Long.parseLong(m.group(3)) < 20_000, "noticed within 20 s, not the 60 s timeout: " + m.group());
            assertTrue(seconds < 30, "rank 0 exited " + seconds + " s after the kill");
        } finally {
            pair.kill();
            o1.finish();
        }
    }

    @Test
    void aRankThatStopsAnsweringMakesTheOtherFailWithinTheTimeout() {
        Pair pair = Pair.start("silent", "3");
        try {
            int code = Workers.exitCode(pair.r0(), JVM_EXIT);
            String out = pair.o0().finish();
            assertNoCrash(out);
            assertEquals(1, code, Workers.tail(out));
            Matcher m = caught(out);
            assertEquals(DistBackendError.class.getName(), m.group(1), m.group());
            long ms = Long.parseLong(m.group(3));
            assertTrue(ms >= 2_500 && ms < 30_000, "failed after " + ms + " ms with a 3 s timeout: " + m.group());
            assertTrue(pair.o1().text().contains("SILENT"), Workers.tail(pair.o1().text()));
        } finally {
            pair.kill();
        }
    }

    @Test
    void aRankThatNeverStartsFailsTheOthersWithinTheTimeout() {
        // rank 1 of 2: rank 0, the store's server, never comes
        int port = Workers.freePort();
        long t0 = System.nanoTime();
        DistNetworkError e = assertThrows(DistNetworkError.class, () -> Distributed.initProcessGroup("gloo",
                InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:" + port).rank(1).worldSize(2)
                        .timeout(Duration.ofSeconds(2))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 20_000, "after " + ms + " ms");
        assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
        assertFalse(Distributed.isInitialized());
        // rank 0 of 2: it serves, rank 1 never joins
        t0 = System.nanoTime();
        DistStoreError s = assertThrows(DistStoreError.class, () -> Distributed.initProcessGroup("gloo",
                InitProcessGroupOptions.defaults().initMethod("tcp://127.0.0.1:" + Workers.freePort()).rank(0)
                        .worldSize(2).timeout(Duration.ofSeconds(2))));
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 1_500 && ms < 20_000, "after " + ms + " ms");
        assertTrue(s.getMessage().contains("1/2 clients joined"), s.getMessage());
        assertFalse(Distributed.isInitialized());
    }

    @Test
    void aRankKilledMidRunMakesTheLauncherStopTheOthersAndExitNonZero() {
        Workers.Running run = new Workers.Running("--nproc-per-node", "2", "--master-port",
                Integer.toString(Workers.freePort()), FailureWorker.class.getName(), "killed", "60");
        String pid = run.await("^\\[rank1\\]:READY (\\d+)", Duration.ofSeconds(60));
        long killed = System.nanoTime();
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        int code = run.exitCode(JVM_EXIT);
        long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
        assertEquals(1, code, run.err());
        assertTrue(seconds < 30, "the launcher took " + seconds + " s");
        assertTrue(run.err().contains("FAILED") && run.err().contains("Root Cause"), run.err());
        assertNoCrash(run.out());
        List<Long> workers = new ArrayList<>();
        Matcher m = Pattern.compile("^\\[rank\\d\\]:PID (\\d+)", Pattern.MULTILINE).matcher(run.out());
        while (m.find()) {
            workers.add(Long.parseLong(m.group(1)));
        }
        assertEquals(2, workers.size(), run.out());
        Workers.assertAllGone(workers, Duration.ofSeconds(15));
    }

    @Test
    void aFailedRankNamesItselfAndTheLauncherStopsTheRest() {
        Workers.Launch run = Workers.launch(2, LauncherWorker.class, "fail-rank1");
        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.err().contains("rank      : 1 (local_rank: 1)"), run.err());
        assertTrue(run.err().contains("exitcode  : 3"), run.err());
        assertTrue(run.elapsed().toSeconds() < 30, "took " + run.elapsed());
        String pid0 = run.lines(0).stream().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow()
                .substring("READY ".length());
        Workers.assertAllGone(List.of(Long.parseLong(pid0)), Duration.ofSeconds(10));
    }

    @Test
    void aMainThatThrowsFailsItsRank() {
        Workers.Launch run = Workers.launch(2, LauncherWorker.class, "throw");
        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.err().contains("IllegalStateException: thrown by rank"), run.err());
        assertNotEquals(0, run.exitCode());
    }
}
