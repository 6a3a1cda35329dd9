package dev.torch4j.benchmarks;

import dev.torch4j.Device;
import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import java.util.Arrays;

/**
 * The torch4j side of {@code benchmarks/distributed.sh}; {@code benchmarks/python/distributed_bench.py}
 * is the same program in PyTorch. Runs under the launcher, one rank per process; rank 0 prints one JSON
 * line. Loops are counted, not timed, so that every rank issues the same collectives.
 *
 * <pre>
 * java ... dev.torch4j.distributed.Run --nproc-per-node 2 dev.torch4j.benchmarks.DistributedBench allreduce BYTES ITERS
 * java ... dev.torch4j.distributed.Run --nproc-per-node 2 dev.torch4j.benchmarks.DistributedBench ddp medium STEPS
 * </pre>
 */
public final class DistributedBench {
    private DistributedBench() {
    }

    public static void main(String[] args) {
        Distributed.initProcessGroup("gloo");
        String line = switch (args[0]) {
            case "allreduce" -> allreduce(Long.parseLong(args[1]), Integer.parseInt(args[2]));
            case "ddp" -> ddp(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("allreduce BYTES ITERS | ddp SIZE STEPS");
        };
        if (Distributed.getRank() == 0) {
            System.out.println(line);
        }
        Distributed.destroyProcessGroup();
    }

    /** Latency of {@code allReduce} (sum) of a float32 tensor of {@code bytes}: median and p10/p90 in µs. */
    static String allreduce(long bytes, int iters) {
        Tensor t = Torch.ones(bytes / 4);
        for (int i = 0; i < Math.max(5, iters / 10); i++) {
            Distributed.allReduce(t);
        }
        Distributed.barrier();
        double[] us = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            Distributed.allReduce(t);
            us[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(us);
        return String.format("{\"impl\": \"torch4j\", \"bench\": \"allreduce\", \"bytes\": %d, \"iters\": %d, "
                        + "\"median_us\": %.1f, \"p10_us\": %.1f, \"p90_us\": %.1f, \"world\": %d, \"torch\": \"%s\"}", bytes,
                iters, us[iters / 2], us[iters / 10], us[iters * 9 / 10], Distributed.getWorldSize(), Torch.version());
    }

    /** DDP training steps per second of the notebook's model at a size, each rank on its own fixed batch. */
    static String ddp(String sizeName, int steps) {
        Torch.manualSeed(Distributed.getRank());
        Workloads.Training t = Workloads.Training.of(Workloads.Size.of(sizeName), Device.cpu());
        var model = new DistributedDataParallel<>(t.model());   // the optimizer holds the same parameters
        Runnable step = () -> {
            try (var scope = Torch.scope()) {
                t.optimizer().zeroGrad();
                Tensor loss = t.criterion().forward(model.forward(t.x()), t.y());
                loss.backward();
                t.optimizer().step();
                loss.item();
            }
        };
        for (int i = 0; i < Math.max(10, steps / 10); i++) {
            step.run();
        }
        Distributed.barrier();
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        Distributed.barrier();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format("{\"impl\": \"torch4j\", \"bench\": \"ddp_%s\", \"steps\": %d, \"steps_per_s\": %.3f, "
                + "\"world\": %d, \"torch\": \"%s\"}", sizeName, steps, steps / seconds, Distributed.getWorldSize(),
                Torch.version());
    }
}
