package dev.torch4j.benchmarks;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.benchmarks.Workloads.Size;
import java.util.Arrays;

/**
 * Where one CPU training step's time goes: zeroGrad, forward, loss, backward, step, item, and the
 * closing of the step's scope, which frees its graph ("free"). {@code benchmarks/python/phases.py}
 * times the same loop in PyTorch; {@code benchmarks/phases.sh} runs both. Prints one JSON line of
 * microseconds per step, from the second of two passes (the first warms up).
 *
 * <pre>java ... dev.torch4j.benchmarks.Phases SIZE STEPS [CELL]</pre>
 *
 * <p>CELL: {@code rnn} (the notebook's model, default), {@code lstm} or {@code gru}.
 */
public final class Phases {
    static final String[] NAMES = {"zero_grad", "forward", "loss", "backward", "step", "item", "free"};

    private Phases() {
    }

    public static void main(String[] args) {
        Size s = Size.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        Torch.manualSeed(0);
        String cell = args.length > 2 ? args[2] : "rnn";
        Workloads.Training t = Workloads.Training.of(s, cell, Device.cpu());
        long[] ns = new long[NAMES.length];
        for (int pass = 0; pass < 2; pass++) {
            Arrays.fill(ns, 0);
            for (int i = 0; i < steps; i++) {
                long[] at = new long[NAMES.length];
                try (var scope = Torch.scope()) {
                    at[0] = System.nanoTime();
                    t.optimizer().zeroGrad();
                    at[1] = System.nanoTime();
                    Tensor out = t.forward(t.x());
                    at[2] = System.nanoTime();
                    Tensor loss = t.criterion().forward(out, t.y());
                    at[3] = System.nanoTime();
                    loss.backward();
                    at[4] = System.nanoTime();
                    t.optimizer().step();
                    at[5] = System.nanoTime();
                    loss.item();
                    at[6] = System.nanoTime();
                }
                for (int k = 0; k < NAMES.length - 1; k++) {
                    ns[k] += at[k + 1] - at[k];
                }
                ns[NAMES.length - 1] += System.nanoTime() - at[NAMES.length - 1];
            }
        }
        StringBuilder json = new StringBuilder("{\"impl\": \"torch4j\", \"size\": \"" + args[0] + "\", \"cell\": \"" + cell + "\", \"us\": {");
        for (int k = 0; k < NAMES.length; k++) {
            json.append(k == 0 ? "" : ", ").append('"').append(NAMES[k]).append("\": ")
                    .append(String.format("%.1f", ns[k] / 1e3 / steps));
        }
        System.out.println(json.append("}}"));
    }
}
