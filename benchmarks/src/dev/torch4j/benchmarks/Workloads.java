package dev.torch4j.benchmarks;

import dev.torch4j.TensorOptions;
import dev.torch4j.examples.Notebook.SimpleNet;

import dev.torch4j.Cuda;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.EmbeddingOptions;
import dev.torch4j.nn.GRU;
import dev.torch4j.nn.GRUOptions;
import dev.torch4j.nn.LSTM;
import dev.torch4j.nn.LSTMOptions;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.TensorModule;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.optim.AdamW;
import dev.torch4j.optim.AdamWOptions;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.SGD;
import dev.torch4j.optim.SGDOptions;
import java.io.IOException;

/**
 * The torch4j side of the benchmark workloads; {@code benchmarks/python/workloads.py} is the same
 * program in PyTorch. Prints one JSON line: steps per second over the measured time and in its fastest
 * 0.2 s window, peak RSS, and
 * on CUDA the peak GPU memory (steps are timed to a device synchronisation).
 *
 * <pre>java ... dev.torch4j.benchmarks.Workloads WORKLOAD SECONDS</pre>
 */
public final class Workloads {
    private Workloads() {
    }

    /** Sizes of one model configuration: vocab, embedding, hidden, batch, sequence length. */
    record Size(long vocab, long emb, long hidden, long batch, long seq) {
        static Size of(String name) {
            return switch (name) {
                case "notebook" -> new Size(17, 100, 16, 2, 4);
                case "medium" -> new Size(5000, 100, 64, 32, 32);
                case "large" -> new Size(20000, 300, 256, 128, 64);
                default -> throw new IllegalArgumentException("unknown size " + name);
            };
        }
    }

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        Torch.manualSeed(0);
        Device device = Device.cudaIfAvailable();
        Step step = workload.equals("ops_chain") ? opsChainStep(device) : modelStep(workload, device);
        double[] rate = measure(step, seconds, device);
        System.out.printf("{\"impl\": \"torch4j\", \"workload\": \"%s\", \"steps_per_s\": %.3f, "
                + "\"fastest_window_steps_per_s\": %.3f, \"peak_rss_mb\": %.1f, \"peak_gpu_mb\": %.1f, \"threads\": %d, "
                + "\"blas_threads\": %d, \"device\": \"%s\", \"torch\": \"%s\"}%n", workload, rate[0], rate[1],
                peakRssMiB(), peakGpuMiB(device), Torch.getNumThreads(), Torch.getBlasThreads(), device, Torch.version());
    }

    /** One unit of work; each call is one step. */
    public interface Step {
        void run() throws Exception;
    }

    /**
     * {@code SIZE_KIND} runs the notebook's model ({@code notebook_train}); {@code SIZE_CELL_KIND} the same
     * model with its RNN swapped for an LSTM or a GRU ({@code large_lstm_train}).
     */
    static Step modelStep(String workload, Device device) throws Exception {
        String[] parts = workload.split("_");
        Size size = Size.of(parts[0]);
        boolean otherCell = parts.length > 2 && (parts[1].equals("lstm") || parts[1].equals("gru"));
        String cell = otherCell ? parts[1] : "rnn";
        String kind = String.join("_", java.util.Arrays.copyOfRange(parts, otherCell ? 2 : 1, parts.length));
        return switch (kind) {
            case "train" -> trainStep(size, cell, device, "adam");
            case "train_sgd" -> trainStep(size, cell, device, "sgd");
            case "train_adamw" -> trainStep(size, cell, device, "adamw");
            case "forward" -> forwardStep(size, cell, device);
            default -> extra(workload, size, device);
        };
    }

    /**
     * No model: twenty {@code tanh} on a 2x16 leaf, a sum and its backward. Both sides run the
     * same 22 kernels and 22 autograd nodes, so the ratio is the cost of one libtorch operation
     * from Java against one from Python, whatever each side's libtorch version adds.
     */
    static Step opsChainStep(Device device) {
        Tensor x = Torch.randn(new long[] {2, 16}, TensorOptions.defaults().dtype(DType.FLOAT32).device(device)).requiresGrad_(true).unscoped();
        return () -> {
            try (var scope = Torch.scope()) {
                Tensor y = x;
                for (int k = 0; k < 20; k++) {
                    y = y.tanh();
                }
                y.sum().backward();
                x.clearGrad();
            }
        };
    }

    /** Overridden by workloads that need more than the model (the DataLoader ones). */
    static Step extra(String workload, Size size, Device device) throws Exception {
        return LoaderWorkloads.of(workload, size, device);
    }

    /**
     * The notebook's model with another recurrent layer, for the LSTM and GRU workloads:
     * {@code out(rnn(embedding(x)).h_n.squeeze(0))}, as benchmarks/python/workloads.py's Net.
     */
    static final class RecurrentNet extends Module implements TensorModule {
        private final Embedding embedding;
        private final LSTM lstm;
        private final GRU gru;
        private final Linear out;

        RecurrentNet(String cell, long vocabSize, long embeddingDim, long hiddenSize) {
            embedding = register("embedding",
                    new Embedding(vocabSize, embeddingDim, EmbeddingOptions.defaults().paddingIdx(0)));
            lstm = cell.equals("lstm")
                    ? register("rnn", new LSTM(embeddingDim, hiddenSize, LSTMOptions.defaults().batchFirst(true))) : null;
            gru = cell.equals("gru")
                    ? register("rnn", new GRU(embeddingDim, hiddenSize, GRUOptions.defaults().batchFirst(true))) : null;
            if (lstm == null && gru == null) {
                throw new IllegalArgumentException("unknown recurrent layer " + cell + ": rnn, lstm or gru");
            }
            out = register("out", new Linear(hiddenSize, 1));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor e = embedding.forward(x);
            Tensor hN = lstm != null ? lstm.forward(e).hN() : gru.forward(e).hN();
            return out.forward(hN.squeeze(0));
        }
    }

    /** The notebook's model ({@code "rnn"}), or the same with an LSTM or GRU, as one tensor-to-tensor function. */
    static Module model(Size s, String cell) {
        return cell.equals("rnn") ? new SimpleNet(s.vocab, s.emb, s.hidden) : new RecurrentNet(cell, s.vocab, s.emb,
                s.hidden);
    }

    private static Tensor forward(Module model, Tensor x) {
        return model instanceof SimpleNet n ? n.forward(x) : ((RecurrentNet) model).forward(x);
    }

    /**
     * The training loop's objects: the model at a size, its loss, the optimizer (the notebook's Adam
     * lr=0.005; or SGD lr=0.005 with momentum 0.9, or AdamW lr=0.005) and one fixed batch.
     */
    record Training(Module model, BCEWithLogitsLoss criterion, Optimizer optimizer, Tensor x, Tensor y) {
        static Training of(Size s, Device device) {
            return of(s, "rnn", device, "adam");
        }

        static Training of(Size s, String cell, Device device) {
            return of(s, cell, device, "adam");
        }

        static Training of(Size s, String cell, Device device, String optimizer) {
            Module model = Workloads.model(s, cell);
            model.to(device);
            Optimizer opt = switch (optimizer) {
                case "adam" -> new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
                case "sgd" -> new SGD(model.parameters(), SGDOptions.defaults().lr(0.005).momentum(0.9));
                case "adamw" -> new AdamW(model.parameters(), AdamWOptions.defaults().lr(0.005));
                default -> throw new IllegalArgumentException("unknown optimizer " + optimizer);
            };
            return new Training(model, new BCEWithLogitsLoss(), opt,
                    Torch.randint(1, s.vocab, new long[] {s.batch, s.seq}, TensorOptions.defaults().device(device)),
                    Torch.randint(0, 2, new long[] {s.batch, 1}, TensorOptions.defaults().device(device)).to(DType.FLOAT32));
        }

        /** The model's forward. */
        Tensor forward(Tensor x) {
            return Workloads.forward(model, x);
        }
    }

    static Step trainStep(Size s, String cell, Device device, String optimizer) {
        Training t = Training.of(s, cell, device, optimizer);
        return () -> {
            try (var scope = Torch.scope()) {
                t.optimizer().zeroGrad();
                Tensor loss = t.criterion().forward(t.forward(t.x()), t.y());
                loss.backward();
                t.optimizer().step();
                loss.item();
            }
        };
    }

    static Step forwardStep(Size s, String cell, Device device) throws Exception {
        Module model = model(s, cell);
        model.to(device);
        model.eval();
        Tensor x = Torch.randint(1, s.vocab, new long[] {s.batch, s.seq}, TensorOptions.defaults().device(device));
        return () -> {
            try (var g = Torch.noGrad(); var scope = Torch.scope()) {
                forward(model, x).sum().item();
            }
        };
    }

    /** Steps are counted in windows of at least this long; the fastest one is reported too. */
    static final double WINDOW_SECONDS = 0.2;

    /**
     * Warms up, then times whole steps; on CUDA each step ends with a device synchronisation.
     *
     * @return steps/s over the whole measured time, and in its fastest window of at least
     *         {@link #WINDOW_SECONDS}: on a shared machine the fastest window is the figure other
     *         processes disturb least
     */
    static double[] measure(Step step, double seconds, Device device) throws Exception {
        return measure(step, seconds, () -> sync(device));
    }

    /**
     * As {@link #measure(Step, double, Device)}, with {@code sync} run after the warm-up and after
     * every step; the raw-binding loop passes a no-op, so that nothing loads torch4j's natives.
     */
    public static double[] measure(Step step, double seconds, Runnable sync) throws Exception {
        long warmEnd = System.nanoTime() + (long) (Math.min(2.0, seconds / 2) * 1e9);
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        sync.run();
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long window = (long) (WINDOW_SECONDS * 1e9);
        long windowStart = start;
        long windowSteps = 0;
        double fastest = 0;
        long now;
        do {
            step.run();
            n++;
            windowSteps++;
            sync.run();
            now = System.nanoTime();
            if (now - windowStart >= window) {
                fastest = Math.max(fastest, windowSteps / ((now - windowStart) / 1e9));
                windowStart = now;
                windowSteps = 0;
            }
        } while (now < end);
        return new double[] {n / ((now - start) / 1e9), fastest};
    }

    static void sync(Device device) {
        if (device.isCuda()) {
            Cuda.synchronize(device);
        }
    }

    /** Peak memory the caching allocator handed out, in MiB, or -1 on CPU. */
    static double peakGpuMiB(Device device) {
        return device.isCuda() ? Cuda.maxMemoryAllocated(device) / (1024.0 * 1024.0) : -1;
    }

    /** Peak resident set size (VmHWM) of this process, from /proc (Linux). */
    public static double peakRssMiB() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
