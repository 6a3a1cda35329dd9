package dev.torch4j.benchmarks;

import dev.torch4j.Device;
import dev.torch4j.Torch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per training step of a workload on this thread, the figure a shared machine disturbs least
 * (time spent waiting for a core is not counted). Meant for single-threaded settings
 * ({@code -Dtorch4j.blasThreads=1}; libtorch's one intra-op thread is torch4j's default), where every
 * kernel runs on the calling thread; {@code benchmarks/python/cputime.py} is the PyTorch side. Prints the
 * best of five windows of {@code STEPS} steps, in microseconds, as one JSON line.
 *
 * <pre>java -Dtorch4j.blasThreads=1 ... dev.torch4j.benchmarks.CpuTime WORKLOAD STEPS</pre>
 */
public final class CpuTime {
    private CpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        int steps = Integer.parseInt(args[1]);
        Torch.manualSeed(0);
        Workloads.Step step = Workloads.modelStep(workload, Device.cpu());
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.min(steps, 300); i++) {
            step.run();
        }
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 5; window++) {
            long start = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            best = Math.min(best, (bean.getCurrentThreadCpuTime() - start) / steps);
        }
        System.out.printf("{\"impl\": \"torch4j\", \"workload\": \"%s\", \"cpu_us_per_step\": %.1f, \"torch\": \"%s\"}%n",
                workload, best / 1000.0, Torch.version());
    }
}
