package dev.torch4j.distributed;

import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import dev.torch4j.optim.Adam;
import java.time.Duration;

/**
 * A rank of the failure tests. {@code killed}: DDP training steps until the process is killed from
 * outside (rank 1 prints {@code READY <pid>} after three steps). {@code silent}: rank 1 joins, then
 * stops answering; rank 0's collective must fail within the group's timeout. Every rank prints
 * {@code PID <pid>} once it joined. Either way a rank whose
 * collective fails prints {@code CAUGHT <type>: <message>} and exits with status 1.
 *
 * <pre>FailureWorker MODE TIMEOUT_SECONDS</pre>
 */
public final class FailureWorker {
    private FailureWorker() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[1]));
        Distributed.initProcessGroup("gloo", InitProcessGroupOptions.defaults().timeout(timeout));
        int rank = Distributed.getRank();
        long pid = ProcessHandle.current().pid();
        System.out.println("PID " + pid);
        long t0 = System.nanoTime();
        try {
            if (mode.equals("silent")) {
                Distributed.barrier();
                if (rank == 1) {
                    System.out.println("SILENT " + pid);
                    Thread.sleep(120_000);
                    return;
                }
                t0 = System.nanoTime();
                Distributed.allReduce(Torch.ones(4));
                System.out.println("UNEXPECTED the allReduce completed");
                return;
            }
            Torch.manualSeed(1);
            var model = new DistributedDataParallel<>(new SimpleNet(17, 8, 6));
            Adam opt = new Adam(model.parameters());
            BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
            Tensor x = Torch.randint(1, 17, new long[] {4, 4});
            Tensor y = Torch.ones(4, 1);
            for (long step = 0; ; step++) {
                try (var scope = Torch.scope()) {
                    opt.zeroGrad();
                    criterion.forward(model.forward(x), y).backward();
                    opt.step();
                }
                if (step == 3 && rank == 1) {
                    System.out.println("READY " + pid);
                }
                t0 = System.nanoTime();
            }
        } catch (RuntimeException e) {
            System.out.println("CAUGHT " + e.getClass().getName() + ": " + e.getMessage().split("\n")[0]
                    + " AFTER_MS " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
            throw e;
        }
    }
}
