package dev.torch4j.benchmarks;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.benchmarks.Workloads.Size;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import java.util.Arrays;

/**
 * Where one CPU training step's time goes: zeroGrad, forward, loss, backward, step, item, and the
 * closing of the step's scope, which frees its graph ("free"). {@code benchmarks/python/phases.py}
 * times the same loop in PyTorch; {@code benchmarks/phases.sh} runs both. Prints one JSON line of
 * microseconds per step, from the second of two passes (the first warms up).
 *
 * <pre>java ... dev.torch4j.benchmarks.Phases SIZE STEPS</pre>
 */
public final class Phases {
    static final String[] NAMES = {"zero_grad", "forward", "loss", "backward", "step", "item", "free"};

    private Phases() {
    }

    public static void main(String[] args) {
        Size s = Size.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        Torch.manualSeed(0);
        SimpleNet model = new SimpleNet(s.vocab(), s.emb(), s.hidden());
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
        Tensor x = Tensor.randint(1, s.vocab(), new long[] {s.batch(), s.seq()}, Device.cpu());
        Tensor y = Tensor.randint(0, 2, new long[] {s.batch(), 1}, Device.cpu()).to(DType.FLOAT32);
        long[] ns = new long[NAMES.length];
        for (int pass = 0; pass < 2; pass++) {
            Arrays.fill(ns, 0);
            for (int i = 0; i < steps; i++) {
                long[] t = new long[NAMES.length];
                try (var scope = Torch.scope()) {
                    t[0] = System.nanoTime();
                    optimizer.zeroGrad();
                    t[1] = System.nanoTime();
                    Tensor out = model.forward(x);
                    t[2] = System.nanoTime();
                    Tensor loss = criterion.forward(out, y);
                    t[3] = System.nanoTime();
                    loss.backward();
                    t[4] = System.nanoTime();
                    optimizer.step();
                    t[5] = System.nanoTime();
                    loss.item();
                    t[6] = System.nanoTime();
                }
                for (int k = 0; k < NAMES.length - 1; k++) {
                    ns[k] += t[k + 1] - t[k];
                }
                ns[NAMES.length - 1] += System.nanoTime() - t[NAMES.length - 1];
            }
        }
        StringBuilder json = new StringBuilder("{\"impl\": \"torch4j\", \"size\": \"" + args[0] + "\", \"us\": {");
        for (int k = 0; k < NAMES.length; k++) {
            json.append(k == 0 ? "" : ", ").append('"').append(NAMES[k]).append("\": ")
                    .append(String.format("%.1f", ns[k] / 1e3 / steps));
        }
        System.out.println(json.append("}}"));
    }
}
