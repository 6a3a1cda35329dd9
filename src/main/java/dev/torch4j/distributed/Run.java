package dev.torch4j.distributed;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The launcher, torch4j's {@code torchrun}: starts one JVM per process of this node with the
 * environment {@code Distributed.initProcessGroup()} reads ({@code env://}), relays their output with
 * a {@code [rankN]:} prefix, and when one of them fails stops the others and exits non-zero.
 *
 * <pre>
 * java -cp CLASSPATH dev.torch4j.distributed.Run --nproc-per-node 2 my.Train --epochs 3
 * # two nodes: on each, with its own --node-rank
 * java -cp CLASSPATH dev.torch4j.distributed.Run --nnodes 2 --node-rank 0 --nproc-per-node 2 \
 *      --master-addr 10.0.0.1 --master-port 29500 my.Train
 * </pre>
 *
 * <p>Options (torchrun's, with {@code -} or {@code _}): {@code --nproc-per-node N} (default 1),
 * {@code --nnodes M} (1), {@code --node-rank R} (0), {@code --master-addr A} (127.0.0.1),
 * {@code --master-port P} (29500), and torch4j's {@code --jvm-arg OPTION} (repeatable: an option for the
 * workers' JVMs, after the launcher's own JVM options, which they inherit) and
 * {@code --grace-seconds S} (5: how long a stopped worker may take to exit before it is killed).
 *
 * <p>Each worker runs {@code MainClass.main(args)} in {@code java} with the launcher's class path (also
 * when the launcher itself runs under {@code mvn exec:java}) and
 * has {@code RANK = nodeRank * N + LOCAL_RANK}, {@code LOCAL_RANK}, {@code WORLD_SIZE = M * N},
 * {@code LOCAL_WORLD_SIZE}, {@code GROUP_RANK}, {@code ROLE_RANK}, {@code ROLE_WORLD_SIZE},
 * {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code TORCHELASTIC_RUN_ID},
 * {@code TORCHELASTIC_RESTART_COUNT=0}, {@code TORCHELASTIC_MAX_RESTARTS=0}; with more than one worker,
 * {@code OMP_NUM_THREADS=1} as torchrun sets it, and {@code OPENBLAS_NUM_THREADS} = cores / N, unless
 * already set. A worker whose main throws exits with status 1. When a worker exits non-zero the
 * launcher stops the others (SIGTERM, then SIGKILL after the grace period), prints which rank failed
 * and exits with status 1; a worker whose launcher dies (even by SIGKILL) exits too, so no process is
 * left behind. Multi-node: run the launcher on every node; the workers find each other through rank
 * 0's store at {@code --master-addr:--master-port}.
 *
 * @see <a href="https://pytorch.org/docs/stable/elastic/run.html">torchrun</a>
 */
public final class Run {
    private Run() {
    }

    /** Environment variable naming the launcher's pid, read by the worker's watchdog. */
    static final String PARENT_PID = "TORCH4J_RUN_PARENT_PID";

    /** The parsed command line. */
    private record Options(int nprocPerNode, int nnodes, int nodeRank, String masterAddr, int masterPort,
                           List<String> jvmArgs, Duration grace, String mainClass, List<String> args) {
    }

    /**
     * Runs the launcher and exits the JVM with its status: 0 when every worker succeeded, 1 when one
     * failed, 2 for a bad command line.
     *
     * @param args the options above, the main class, its arguments
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the launcher in this JVM and returns its exit status instead of exiting: 0 when every
     * worker exited with 0, 1 when one failed (the others were stopped), 2 for a bad command line.
     *
     * @param out  where the workers' standard output goes, each line prefixed with {@code [rankN]:}
     * @param err  where their standard error and the launcher's messages go
     * @param args as for {@link #main}
     * @return the exit status
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("torch4j Run: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        return new Launch(o, out, err).run();
    }

    static String usage() {
        return "usage: java -cp CLASSPATH dev.torch4j.distributed.Run [--nproc-per-node N] [--nnodes M] "
                + "[--node-rank R] [--master-addr ADDR] [--master-port PORT] [--jvm-arg OPTION]... "
                + "[--grace-seconds S] MainClass [args...]";
    }

    private static Options parse(String[] args) {
        int nproc = 1;
        int nnodes = 1;
        int nodeRank = 0;
        String addr = "127.0.0.1";
        int port = 29500;
        double grace = 5;
        List<String> jvmArgs = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String a = args[i];
            String key = a;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
                i++;
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                value = args[i + 1];
                i += 2;
            }
            switch (key.replace('_', '-')) {
                case "--nproc-per-node" -> nproc = positive(key, value);
                case "--nnodes" -> nnodes = positive(key, value);
                case "--node-rank" -> nodeRank = integer(key, value);
                case "--master-addr" -> addr = value;
                case "--master-port" -> port = integer(key, value);
                case "--jvm-arg" -> jvmArgs.add(value);
                case "--grace-seconds" -> grace = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("missing the main class to run");
        }
        if (nodeRank < 0 || nodeRank >= nnodes) {
            throw new IllegalArgumentException("--node-rank must be in [0, " + nnodes + "), got " + nodeRank);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--master-port must be in [0, 65535], got " + port);
        }
        return new Options(nproc, nnodes, nodeRank, addr, port, List.copyOf(jvmArgs),
                Duration.ofMillis((long) (grace * 1000)), args[i], List.of(args).subList(i + 1, args.length));
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    private static int positive(String key, String value) {
        int v = integer(key, value);
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + v);
        }
        return v;
    }

    /** One run of the workers of this node. */
    private static final class Launch {
        private final Options o;
        private final PrintStream out;
        private final PrintStream err;
        private final List<Process> workers = new ArrayList<>();
        private final List<Thread> relays = new ArrayList<>();
        private volatile boolean stopping;

        Launch(Options o, PrintStream out, PrintStream err) {
            this.o = o;
            this.out = out;
            this.err = err;
        }

        int run() {
            Thread hook = new Thread(this::stopAll, "torch4j-run-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return launchAndWatch();
            } finally {
                stopAll();
                for (Thread t : relays) {
                    try {
                        t.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs anyway
                }
            }
        }

        private int launchAndWatch() {
            String runId = UUID.randomUUID().toString();
            int worldSize = o.nnodes * o.nprocPerNode;
            if (o.nprocPerNode > 1 && System.getenv("OMP_NUM_THREADS") == null) {
                err.println("torch4j Run: setting OMP_NUM_THREADS environment variable for each process to be 1 in "
                        + "default, to avoid your system being overloaded, please further tune the variable for "
                        + "optimal performance in your application as needed.");
            }
            List<CompletableFuture<Process>> exits = new ArrayList<>();
            for (int local = 0; local < o.nprocPerNode; local++) {
                int rank = o.nodeRank * o.nprocPerNode + local;
                ProcessBuilder pb = new ProcessBuilder(command());
                Map<String, String> env = pb.environment();
                env.put("RANK", Integer.toString(rank));
                env.put("LOCAL_RANK", Integer.toString(local));
                env.put("WORLD_SIZE", Integer.toString(worldSize));
                env.put("LOCAL_WORLD_SIZE", Integer.toString(o.nprocPerNode));
                env.put("GROUP_RANK", Integer.toString(o.nodeRank));
                env.put("ROLE_RANK", Integer.toString(rank));
                env.put("ROLE_WORLD_SIZE", Integer.toString(worldSize));
                env.put("MASTER_ADDR", o.masterAddr);
                env.put("MASTER_PORT", Integer.toString(o.masterPort));
                env.put("TORCHELASTIC_RUN_ID", runId);
                env.put("TORCHELASTIC_RESTART_COUNT", "0");
                env.put("TORCHELASTIC_MAX_RESTARTS", "0");
                env.put(PARENT_PID, Long.toString(ProcessHandle.current().pid()));
                if (o.nprocPerNode > 1) {
                    env.putIfAbsent("OMP_NUM_THREADS", "1");
                    env.putIfAbsent("OPENBLAS_NUM_THREADS",
                            Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / o.nprocPerNode)));
                }
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                Process p;
                try {
                    synchronized (workers) {
                        if (stopping) {
                            return 1;
                        }
                        p = pb.start();
                        workers.add(p);
                    }
                } catch (IOException e) {
                    err.println("torch4j Run: cannot start rank " + rank + ": " + e.getMessage());
                    return 1;
                }
                relay(p.getInputStream(), out, "[rank" + rank + "]:", "rank" + rank + "-out");
                relay(p.getErrorStream(), err, "[rank" + rank + "]:", "rank" + rank + "-err");
                exits.add(p.onExit());
            }
            int remaining = exits.size();
            boolean[] done = new boolean[exits.size()];
            while (remaining > 0) {
                try {
                    CompletableFuture.anyOf(pending(exits, done)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    err.println("torch4j Run: interrupted; stopping the workers");
                    return 1;
                } catch (Exception e) {
                    // onExit futures do not fail
                }
                for (int i = 0; i < exits.size(); i++) {
                    if (!done[i] && exits.get(i).isDone()) {
                        done[i] = true;
                        remaining--;
                        Process p = workers.get(i);
                        int code = p.exitValue();
                        if (code != 0) {
                            int rank = o.nodeRank * o.nprocPerNode + i;
                            waitForRelays(i);
                            report(rank, i, code, p.pid());
                            return 1;
                        }
                    }
                }
            }
            return 0;
        }

        private static CompletableFuture<?>[] pending(List<CompletableFuture<Process>> exits, boolean[] done) {
            List<CompletableFuture<Process>> p = new ArrayList<>();
            for (int i = 0; i < exits.size(); i++) {
                if (!done[i]) {
                    p.add(exits.get(i));
                }
            }
            return p.toArray(new CompletableFuture<?>[0]);
        }

        /** Lets the failed worker's last lines (its stack trace) reach the output before the report. */
        private void waitForRelays(int local) {
            for (int k = 2 * local; k < 2 * local + 2 && k < relays.size(); k++) {
                try {
                    relays.get(k).join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** As torchrun's ChildFailedError report, shorter. */
        private void report(int rank, int local, int code, long pid) {
            String signal = code > 128 ? " (killed by signal " + (code - 128) + ")" : "";
            err.println("torch4j Run: " + "=".repeat(60));
            err.println("torch4j Run: " + o.mainClass + " FAILED");
            err.println("torch4j Run: Root Cause (first observed failure):");
            err.println("torch4j Run:   time      : " + Instant.now());
            err.println("torch4j Run:   rank      : " + rank + " (local_rank: " + local + ")");
            err.println("torch4j Run:   exitcode  : " + code + signal + " (pid: " + pid + ")");
            err.println("torch4j Run: stopping the other " + (o.nprocPerNode - 1) + " worker(s) of this node");
            err.println("torch4j Run: " + "=".repeat(60));
        }

        private List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) {
                    cmd.add(a);
                }
            }
            cmd.addAll(o.jvmArgs);
            cmd.add("-cp");
            cmd.add(classPath());
            cmd.add(RunWorker.class.getName());
            cmd.add(o.mainClass);
            cmd.addAll(o.args);
            return cmd;
        }

        /**
         * The application's class path: {@code java.class.path}, or, where the application runs in a
         * class loader of its own (Maven's {@code exec:java}), that loader's entries.
         */
        private static String classPath() {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl instanceof URLClassLoader u && cl != ClassLoader.getSystemClassLoader()) {
                List<String> entries = new ArrayList<>();
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: a worker JVM could not use it either
                    }
                }
                if (!entries.isEmpty()) {
                    return String.join(File.pathSeparator, entries);
                }
            }
            return System.getProperty("java.class.path");
        }

        private void relay(InputStream in, PrintStream to, String prefix, String name) {
            Thread t = new Thread(() -> copyLines(in, to, prefix), "torch4j-run-" + name);
            t.setDaemon(true);
            t.start();
            relays.add(t);
        }

        /** Copies {@code in} to {@code to} line by line, bytes untouched, each line after {@code prefix}. */
        private static void copyLines(InputStream in, PrintStream to, String prefix) {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            byte[] buf = new byte[8192];
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            line.write(buf, start, i + 1 - start);
                            emit(to, p, line);
                            start = i + 1;
                        }
                    }
                    line.write(buf, start, n - start);
                }
            } catch (IOException e) {
                // the worker is gone; flush what came
            }
            if (line.size() > 0) {
                line.write('\n');
                emit(to, p, line);
            }
        }

        private static void emit(PrintStream to, byte[] prefix, java.io.ByteArrayOutputStream line) {
            synchronized (to) {
                to.write(prefix, 0, prefix.length);
                to.write(line.toByteArray(), 0, line.size());
                to.flush();
            }
            line.reset();
        }

        /** SIGTERM to every live worker and its descendants, then SIGKILL after the grace period. */
        private void stopAll() {
            List<Process> live;
            synchronized (workers) {
                stopping = true;
                live = new ArrayList<>(workers);
            }
            List<ProcessHandle> all = new ArrayList<>();
            for (Process p : live) {
                if (p.isAlive()) {
                    p.descendants().forEach(all::add);
                    all.add(p.toHandle());
                }
            }
            if (all.isEmpty()) {
                return;
            }
            all.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + o.grace.toNanos();
            for (ProcessHandle h : all) {
                long left = deadline - System.nanoTime();
                try {
                    if (left > 0) {
                        h.onExit().get(left, TimeUnit.NANOSECONDS);
                    }
                } catch (Exception e) {
                    // still alive: killed below
                }
            }
            for (ProcessHandle h : all) {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // nothing more can be done
                }
            }
        }
    }
}
