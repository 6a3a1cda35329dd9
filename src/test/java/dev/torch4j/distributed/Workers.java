package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the JVMs of a distributed test: through the launcher {@link Run} (in this JVM, its output
 * captured), or one by one with {@code RANK} & co. set, for tests that kill or watch single ranks.
 * Ports are free ones the operating system picks at run time, so parallel test runs do not collide.
 */
final class Workers {
    private Workers() {
    }

    /** What a launcher run printed and returned. */
    record Launch(int exitCode, String out, String err, Duration elapsed) {
        /** The lines rank {@code rank} printed on standard output, without the prefix. */
        List<String> lines(int rank) {
            String prefix = "[rank" + rank + "]:";
            List<String> l = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith(prefix)) {
                    l.add(line.substring(prefix.length()));
                }
            }
            return l;
        }

        /** Fails unless every rank printed {@code PASS name}; shows the rank's FAIL line otherwise. */
        void assertPassed(int worldSize, String name) {
            for (int r = 0; r < worldSize; r++) {
                List<String> l = lines(r);
                if (!l.contains("PASS " + name)) {
                    String why = l.stream().filter(s -> s.startsWith("FAIL " + name + ":")).findFirst()
                            .orElse("no PASS or FAIL line for '" + name + "'");
                    fail("rank " + r + ": " + why + "\n--- stdout\n" + tail(out) + "\n--- stderr\n" + tail(err));
                }
            }
        }

        String describe() {
            return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + tail(out)
                    + "\n--- stderr\n" + tail(err);
        }
    }

    static String tail(String s) {
        return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }

    /** A TCP port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@link Run} in this JVM with {@code args}, capturing the workers' output. */
    static Launch launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Run.run(o, e, args);
        }
        return new Launch(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A launcher running on a thread of this JVM, its output readable while it runs. */
    static final class Running {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();

        Running(String... args) {
            Thread t = new Thread(() -> {
                try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                     PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    exit.complete(Run.run(o, e, args));
                } catch (Throwable x) {
                    exit.completeExceptionally(x);
                }
            }, "test-launcher");
            t.setDaemon(true);
            t.start();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the output matches {@code regex}; returns group 1. */
        String await(String regex, Duration timeout) {
            Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                Matcher m = p.matcher(out());
                if (m.find()) {
                    return m.group(1);
                }
                if (exit.isDone()) {
                    break;
                }
                sleep(50);
            }
            fail("no output matching " + regex + "; launcher " + (exit.isDone() ? "exited " + exit.join() : "running")
                    + "\n--- stdout\n" + tail(out()) + "\n--- stderr\n" + tail(err()));
            return null;
        }

        int exitCode(Duration timeout) {
            try {
                return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                fail("the launcher did not exit within " + timeout + " (" + e + ")\n--- stdout\n" + tail(out())
                        + "\n--- stderr\n" + tail(err()));
                return -1;
            }
        }
    }

    /** {@code nproc} ranks of {@code main} on this machine, through the launcher. */
    static Launch launch(int nproc, Class<?> main, String... args) {
        List<String> a = new ArrayList<>(List.of("--nproc-per-node", Integer.toString(nproc),
                "--master-port", Integer.toString(freePort()), main.getName()));
        a.addAll(Arrays.asList(args));
        return launch(a.toArray(new String[0]));
    }

    /** The command that runs {@code main} in a JVM like this one. */
    static List<String> javaCommand(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Starts rank {@code rank} of {@code worldSize} directly (no launcher), output merged, env:// set. */
    static Process spawn(int rank, int worldSize, int port, Class<?> main, String... args) {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(main, args)).redirectErrorStream(true);
        pb.environment().put("RANK", Integer.toString(rank));
        pb.environment().put("LOCAL_RANK", Integer.toString(rank));
        pb.environment().put("WORLD_SIZE", Integer.toString(worldSize));
        pb.environment().put("MASTER_ADDR", "127.0.0.1");
        pb.environment().put("MASTER_PORT", Integer.toString(port));
        pb.environment().put("OMP_NUM_THREADS", "1");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects a spawned process's output on a daemon thread; {@link #text()} is what came so far. */
    static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        Output(Process p) {
            reader = new Thread(() -> {
                try (var in = p.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // process gone
                }
            }, "test-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            return text.toString();
        }

        /** Waits until the output matches {@code regex} (group 1 returned), failing after {@code timeout}. */
        String await(String regex, Duration timeout) {
            Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                Matcher m = p.matcher(text());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                sleep(50);
            }
            fail("no output matching " + regex + " within " + timeout + "; got:\n" + tail(text()));
            return null;
        }

        /** Waits for the reader to see the end of the output. */
        String finish() {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code p} to exit, failing after {@code timeout} (and killing it then). */
    static int exitCode(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("process " + p.pid() + " still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return p.exitValue();
    }

    /** Fails if a process with one of these pids is still alive {@code within} from now. */
    static void assertAllGone(List<Long> pids, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                long left = end - System.nanoTime();
                try {
                    h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // checked below
                }
                assertTrue(!h.isAlive(), "process " + pid + " is still alive: an orphan");
            });
        }
    }
}
