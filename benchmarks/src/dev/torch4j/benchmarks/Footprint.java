package dev.torch4j.benchmarks;

import dev.torch4j.examples.Notebook.SimpleNet;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.TensorDataset;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.text.Tokenizer;
import dev.torch4j.text.Vocab;
import dev.torch4j.text.VocabOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The seed notebook from its first line to its training loop, as {@code examples/.../Notebook.java}
 * runs it (tokenize, vocabulary, pad, DataLoader, model, Adam, scoped steps), timed and measured for
 * {@code benchmarks/footprint.sh}; {@code benchmarks/python/footprint.py} is the same program in
 * PyTorch. Prints one JSON line: the wall-clock time (epoch ns) at which the first training step
 * ended, the JVM's own uptime then, the resident set after the last step and its peak, the Java
 * heap in use and committed, and the Java garbage the loop's thread allocated per step after the
 * first (what fills the young generation, whose touched pages stay resident), and the steps per
 * second after the first.
 *
 * <pre>java ... dev.torch4j.benchmarks.Footprint STEPS [HOLD_SECONDS]</pre>
 *
 * With HOLD_SECONDS it prints {@code HOLD <pid>} after the loop and sleeps, so that
 * {@code /proc/<pid>/smaps} and {@code jcmd <pid> VM.native_memory} can be read at that point.
 *
 * <p>Experiment knob: {@code -Dfootprint.gcAfter=N} calls {@code System.gc()} once after step N, to
 * measure what one heap-shrinking collection does to the resident set of the rest of the loop (a
 * proposal in the footprint notes, not something torch4j does).
 */
public final class Footprint {
    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        long steps = Long.parseLong(args[0]);
        long hold = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Torch.manualSeed(42);
        List<String> sentences = List.of("nice great best amazing", "stop lies", "pitiful nerd",
                "excellent work", "supreme quality", "bad", "highly respectable");
        int[] labels = {1, 0, 0, 1, 1, 0, 1};
        List<List<String>> tokens = Tokenizer.words().tokenize(sentences);
        Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        Tensor x = vocab.encode(tokens).pad(4);
        Tensor y = Tensor.of(labels).toFloat().unsqueeze(1);
        Device device = Device.cudaIfAvailable();
        DataLoader loader = new DataLoader(new TensorDataset(x, y),
                DataLoaderOptions.defaults().batchSize(2).shuffle(true).device(device));
        SimpleNet model = new SimpleNet(vocab.size(), 100, 16);
        model.to(device);
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
        long gcAfter = Long.getLong("footprint.gcAfter", -1L);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        long allocatedAfterFirst = 0;
        long firstStepEnd = 0;
        double firstStepUptime = 0;
        long done = 0;
        while (done < steps) {
            for (Batch batch : loader) {
                try (var step = Torch.scope()) {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
                    loss.backward();
                    optimizer.step();
                    loss.item();
                }
                if (done++ == 0) {
                    firstStepEnd = wallNanos();
                    firstStepUptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
                    allocatedAfterFirst = threads.getThreadAllocatedBytes(me);
                }
                if (done == gcAfter) {
                    System.gc();
                }
                if (done == steps) {
                    break;
                }
            }
        }
        double stepsPerSecond = done > 1 ? (done - 1) / ((wallNanos() - firstStepEnd) / 1e9) : 0;
        double garbagePerStep = done > 1
                ? (threads.getThreadAllocatedBytes(me) - allocatedAfterFirst) / (double) (done - 1) : 0;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("{\"impl\": \"torch4j\", \"steps\": %d, \"first_step_end_ns\": %d, "
                + "\"first_step_uptime_s\": %.3f, \"rss_mb\": %.1f, \"peak_rss_mb\": %.1f, \"heap_used_mb\": %.1f, "
                + "\"heap_committed_mb\": %.1f, \"java_garbage_per_step_b\": %.0f, \"steps_per_s\": %.0f, "
                + "\"torch\": \"%s\"}%n", done, firstStepEnd, firstStepUptime, MemoryLoop.rssMiB(),
                Workloads.peakRssMiB(), heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, garbagePerStep,
                stepsPerSecond, Torch.version());
        if (hold > 0) {
            System.out.println("HOLD " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(hold * 1000);
        }
    }

    /** Wall-clock time in ns since the epoch, comparable with the launcher's clock. */
    static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
