package dev.torch4j.benchmarks;

import dev.torch4j.TensorOptions;
import dev.torch4j.examples.Notebook.SimpleNet;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A long training loop that prints resident memory (VmRSS) at checkpoints, to show it stays flat.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexample=dev.torch4j.benchmarks.MemoryLoop -Dexec.args="seed 100000"
 * mvn -q test-compile exec:java -Dexample=dev.torch4j.benchmarks.MemoryLoop -Dexec.args="large 2000"
 * mvn -q test-compile exec:java -Dexample=dev.torch4j.benchmarks.MemoryLoop -Dexec.args="seed-unscoped 100000"
 * mvn -q test-compile exec:java -Dexample=dev.torch4j.benchmarks.MemoryLoop -Dexec.args="muladd 10000"
 * </pre>
 * seed: vocab 17, emb 100, hidden 16, batch 2, seq 4. large: vocab 20000, emb 300, hidden 256,
 * batch 128, seq 64. Each step: zeroGrad, forward, loss, backward, step, loss.item(), in a scope;
 * with {@code -unscoped} the same loop without any scope or close, as ported Python code is written.
 * muladd: {@code y = x.mul(2).add(1)} on a 4 MiB tensor, never closed (issue 14 item 13).
 */
public final class MemoryLoop {
    private MemoryLoop() {
    }

    public static void main(String[] args) throws IOException {
        String config = args.length > 0 ? args[0] : "seed";
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        if (config.equals("muladd")) {
            mulAdd(steps);
            return;
        }
        boolean unscoped = config.endsWith("-unscoped");
        boolean large = config.startsWith("large");
        long vocab = large ? 20000 : 17;
        long emb = large ? 300 : 100;
        long hidden = large ? 256 : 16;
        long batch = large ? 128 : 2;
        long seq = large ? 64 : 4;
        Torch.manualSeed(0);
        Device device = Device.cudaIfAvailable();
        SimpleNet model = new SimpleNet(vocab, emb, hidden);
        model.to(device);
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.001));
        System.out.printf("config=%s steps=%d device=%s threads=%d blasThreads=%d%n", config, steps, device,
                Torch.getNumThreads(), Torch.getBlasThreads());
        long start = System.nanoTime();
        double loss = 0;
        double peak = 0;
        for (long step = 1; step <= steps; step++) {
            if (unscoped) {
                loss = trainStep(model, criterion, optimizer, vocab, batch, seq, device);
            } else {
                try (var scope = Torch.scope()) {
                    loss = trainStep(model, criterion, optimizer, vocab, batch, seq, device);
                }
            }
            if (step % 1000 == 0) {
                peak = Math.max(peak, rssMiB());
            }
            if (isCheckpoint(step, steps)) {
                double secs = (System.nanoTime() - start) / 1e9;
                double rss = rssMiB();
                peak = Math.max(peak, rss);
                System.out.printf("step %8d  rss %7.1f MiB  peak %7.1f MiB  loss %.4f  %.1f steps/s%n", step, rss, peak,
                        loss, step / secs);
            }
        }
    }

    private static double trainStep(SimpleNet model, BCEWithLogitsLoss criterion, Adam optimizer, long vocab,
            long batch, long seq, Device device) {
        Tensor x = Torch.randint(0, vocab, new long[] {batch, seq}, TensorOptions.defaults().device(device));
        Tensor y = Torch.randint(0, 2, new long[] {batch, 1}, TensorOptions.defaults().device(device))
                .to(DType.FLOAT32);
        optimizer.zeroGrad();
        Tensor l = criterion.forward(model.forward(x), y);
        l.backward();
        optimizer.step();
        return l.item();
    }

    private static void mulAdd(long steps) throws IOException {
        Tensor x = Torch.randn(1024, 1024);
        double peak = rssMiB();
        long start = System.nanoTime();
        for (long step = 1; step <= steps; step++) {
            Tensor y = x.mul(2).add(1);
            if (step % 100 == 0) {
                peak = Math.max(peak, rssMiB());
            }
            if (isCheckpoint(step, steps)) {
                System.out.printf("step %8d  rss %7.1f MiB  peak %7.1f MiB  %.1f steps/s%n", step, rssMiB(), peak,
                        step / ((System.nanoTime() - start) / 1e9));
            }
        }
    }

    private static boolean isCheckpoint(long step, long steps) {
        long every = Math.max(1, steps / 10);
        return step == 1 || step == 10 || step == 100 || step == 1000 || step % every == 0 || step == steps;
    }

    /** Resident set size of this process, from /proc (Linux). */
    public static double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
