package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher: environment, output, two launchers as two nodes, no orphans, bad command lines. */
class RunTest {
    @Test
    void eachRankGetsTorchrunsEnvironmentAndPrefixedOutput() {
        int port = Workers.freePort();
        Workers.Launch run = Workers.launch("--nproc_per_node=2", "--master-port", Integer.toString(port),
                LauncherWorker.class.getName(), "env");
        assertEquals(0, run.exitCode(), run::describe);
        for (int r = 0; r < 2; r++) {
            List<String> l = run.lines(r);
            assertTrue(l.contains("RANK=" + r), l.toString());
            assertTrue(l.contains("LOCAL_RANK=" + r), l.toString());
            assertTrue(l.contains("WORLD_SIZE=2") && l.contains("LOCAL_WORLD_SIZE=2") && l.contains("GROUP_RANK=0"),
                    l.toString());
            assertTrue(l.contains("MASTER_ADDR=127.0.0.1") && l.contains("MASTER_PORT=" + port), l.toString());
            assertTrue(l.contains("no newline at the end"), "a last line without newline is kept: " + l);
            assertTrue(run.err().contains("[rank" + r + "]:to stderr"), run.err());
        }
    }

    @Test
    void twoLaunchersOnLocalhostActAsTwoNodes(@TempDir Path dir) {
        int port = Workers.freePort();
        List<Workers.Running> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(new Workers.Running("--nnodes", "2", "--node-rank", Integer.toString(node), "--nproc-per-node",
                    "1", "--master-addr", "127.0.0.1", "--master-port", Integer.toString(port),
                    Scenarios.class.getName(), dir.toString(), "two-node"));
        }
        for (int node = 0; node < 2; node++) {
            Workers.Running n = nodes.get(node);
            assertEquals(0, n.exitCode(Duration.ofSeconds(120)), n.out() + n.err());
            assertTrue(n.out().contains("[rank" + node + "]:PASS two-node environment"), n.out());
            assertTrue(n.out().contains("[rank" + node + "]:DONE"), n.out());
        }
    }

    @Test
    void killingTheLauncherLeavesNoWorkerBehind() throws IOException, InterruptedException {
        List<String> cmd = Workers.javaCommand(Run.class, "--nproc-per-node", "2", "--master-port",
                Integer.toString(Workers.freePort()), LauncherWorker.class.getName(), "sleep");
        Process launcher = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (String line; pids.size() < 2 && System.nanoTime() < end && (line = r.readLine()) != null; ) {
                int i = line.indexOf("]:READY ");
                if (i > 0) {
                    pids.add(Long.parseLong(line.substring(i + "]:READY ".length()).trim()));
                }
            }
            assertEquals(2, pids.size(), "both workers started");
            launcher.destroyForcibly();   // SIGKILL: the launcher cannot clean up
            assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
            Workers.assertAllGone(pids, Duration.ofSeconds(20));
        } finally {
            launcher.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aBadCommandLineIsStatusTwoWithTheUsage() {
        for (String[] args : new String[][] {{}, {"--nproc-per-node", "0", "Main"}, {"--bogus", "1", "Main"},
                {"--nnodes", "2", "--node-rank", "2", "Main"}, {"--nproc-per-node"}}) {
            Workers.Launch run = Workers.launch(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.err().contains("usage: java -cp CLASSPATH dev.torch4j.distributed.Run"), run.err());
        }
    }
}
