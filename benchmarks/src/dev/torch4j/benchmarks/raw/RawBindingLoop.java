package dev.torch4j.benchmarks.raw;

import dev.torch4j.benchmarks.Workloads;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The training loop written directly against the JavaCPP binding, without torch4j: what the
 * wrapper costs, and the reproduction of the OpenBLAS crash (run it without torch4j's thread
 * defaults: nothing here calls torch4j). The one place outside dev.torch4j.internal that imports
 * the binding: it measures the binding itself.
 *
 * <pre>java ... dev.torch4j.benchmarks.raw.RawBindingLoop [notebook|medium|large|ops] STEPS|SECONDS [--seconds]</pre>
 * Prints one JSON line with steps/s, or progress lines in step mode.
 */
public final class RawBindingLoop {
    private RawBindingLoop() {
    }

    public static void main(String[] args) throws Exception {
        String size = args[0];
        double amount = Double.parseDouble(args[1]);
        boolean timed = args.length > 2 && args[2].equals("--seconds");
        boolean fresh = args.length > 2 && args[2].equals("--fresh-data");
        if (size.equals("ops")) {
            opsChain(amount);
            return;
        }
        long[] s = switch (size) {
            case "notebook" -> new long[] {17, 100, 16, 2, 4};
            case "medium" -> new long[] {5000, 100, 64, 32, 32};
            default -> new long[] {20000, 300, 256, 128, 64};
        };
        torch.manual_seed(0);
        EmbeddingImpl embedding = new EmbeddingImpl(s[0], s[1]);
        RNNOptions rnnOptions = new RNNOptions(s[1], s[2]);
        rnnOptions.batch_first().put(true);
        RNNImpl rnn = new RNNImpl(rnnOptions);
        LinearImpl out = new LinearImpl(s[2], 1);
        TensorVector params = new TensorVector();
        for (TensorVector v : new TensorVector[] {embedding.parameters(), rnn.parameters(), out.parameters()}) {
            for (long i = 0; i < v.size(); i++) {
                params.push_back(v.get(i));
            }
        }
        Adam adam = new Adam(params, new AdamOptions(0.005));
        Tensor x = torch.randint(1, s[0], new long[] {s[3], s[4]});
        Tensor y = torch.randint(0, 2, new long[] {s[3], 1}).to(torch.ScalarType.Float);
        String name = size + "_train";
        if (timed) {
            printTimed(name, () -> step(embedding, rnn, out, adam, x, y), amount);
            return;
        }
        long start = System.nanoTime();
        for (long i = 1; i <= (long) amount; i++) {
            double loss = fresh ? freshStep(embedding, rnn, out, adam, s) : step(embedding, rnn, out, adam, x, y);
            if (i % 10 == 0 || i == 1) {
                System.out.printf("step %d loss %.4f %.2f steps/s rss %.0f MiB%n", i, loss,
                        i / ((System.nanoTime() - start) / 1e9), dev.torch4j.benchmarks.MemoryLoop.rssMiB());
            }
        }
    }

    /** Workloads.opsChainStep without the wrapper: what one operation costs through JavaCPP alone. */
    private static void opsChain(double seconds) throws Exception {
        Tensor x = torch.randn(2, 16).requires_grad_(true);
        Workloads.Step step = () -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor y = x;
                for (int k = 0; k < 20; k++) {
                    y = torch.tanh(y);
                }
                y.sum().backward();
                x.mutable_grad().reset();
            }
        };
        printTimed("ops_chain", step, seconds);
    }

    /** Times {@code step} as the torch4j workloads are timed and prints the JSON line run.sh records. */
    private static void printTimed(String workload, Workloads.Step step, double seconds) throws Exception {
        double[] rate = Workloads.measure(step, seconds, () -> { });
        System.out.printf("{\"impl\": \"javacpp-raw\", \"workload\": \"%s\", \"steps_per_s\": %.3f, "
                + "\"fastest_window_steps_per_s\": %.3f, \"peak_rss_mb\": %.1f}%n", workload, rate[0], rate[1],
                Workloads.peakRssMiB());
    }

    /** As the crash report had it: new random inputs and targets inside each step's scope. */
    private static double freshStep(EmbeddingImpl embedding, RNNImpl rnn, LinearImpl out, Adam adam, long[] s) {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.randint(1, s[0], new long[] {s[3], s[4]});
            Tensor y = torch.randint(0, 2, new long[] {s[3], 1}).to(torch.ScalarType.Float);
            return step(embedding, rnn, out, adam, x, y);
        }
    }

    private static double step(EmbeddingImpl embedding, RNNImpl rnn, LinearImpl out, Adam adam, Tensor x, Tensor y) {
        try (PointerScope scope = new PointerScope()) {
            adam.zero_grad();
            T_TensorTensor_T r = rnn.forward(embedding.forward(x));
            Tensor logits = out.forward(r.get1().squeeze(0));
            Tensor loss = torch.binary_cross_entropy_with_logits(logits, y);
            loss.backward();
            adam.step();
            return loss.item().toDouble();
        }
    }
}
