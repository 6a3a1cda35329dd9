package dev.torch4j.benchmarks.raw;

import java.util.Arrays;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BackendOptional;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroup;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.global.torch;

/**
 * The allreduce latency loop of {@code DistributedBench} written directly against the JavaCPP binding
 * (shared/notes/c10d.md's recipe, one vector and one options object reused): what libtorch's Gloo costs
 * from Java without torch4j. Runs under the launcher; rank 0 prints one JSON line.
 *
 * <pre>java ... dev.torch4j.distributed.Run --nproc-per-node 2 dev.torch4j.benchmarks.raw.RawAllreduce BYTES ITERS</pre>
 */
public final class RawAllreduce {
    private RawAllreduce() {
    }

    public static void main(String[] args) {
        long bytes = Long.parseLong(args[0]);
        int iters = Integer.parseInt(args[1]);
        int rank = Integer.parseInt(System.getenv("RANK"));
        int world = Integer.parseInt(System.getenv("WORLD_SIZE"));
        TCPStoreOptions o = new TCPStoreOptions();
        o.port((short) Integer.parseInt(System.getenv("MASTER_PORT")));
        o.isServer(rank == 0);
        o.numWorkers(new SizeTPointer(1).put(world));
        o.waitWorkers(true);
        o.timeout(new Milliseconds(60_000));
        Store raw = new TCPStore(System.getenv("MASTER_ADDR"), o);
        ProcessGroup pg = new ProcessGroup(raw, rank, world);
        raw.deallocate(false);
        ProcessGroupGloo.Options opts = ProcessGroupGloo.Options.create(new Milliseconds(60_000));
        opts.devices(new GlooDeviceVector(ProcessGroupGloo.createDefaultDevice()));
        ProcessGroupGloo gloo = new ProcessGroupGloo(pg.getStore(), rank, world, opts);
        pg.setBackend(torch.DeviceType.CPU, ProcessGroup.BackendType.GLOO, new BackendOptional(gloo));
        pg.setDefaultBackend(ProcessGroup.BackendType.GLOO);
        Tensor t = torch.ones(bytes / 4);
        TensorVector v = new TensorVector(t);
        AllreduceOptions sum = new AllreduceOptions();
        sum.reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM));
        for (int i = 0; i < Math.max(5, iters / 10); i++) {
            pg.allreduce(v, sum)._wait();
        }
        pg.barrier()._wait();
        double[] us = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            Work w = pg.allreduce(v, sum);
            w._wait();
            w.close();
            us[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(us);
        if (rank == 0) {
            System.out.printf("{\"impl\": \"raw_javacpp\", \"bench\": \"allreduce\", \"bytes\": %d, \"iters\": %d, "
                    + "\"median_us\": %.1f, \"p10_us\": %.1f, \"p90_us\": %.1f, \"world\": %d}%n", bytes, iters,
                    us[iters / 2], us[iters / 10], us[iters * 9 / 10], world);
        }
    }
}
