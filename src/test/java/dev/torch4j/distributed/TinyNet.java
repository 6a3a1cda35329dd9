package dev.torch4j.distributed;

import dev.torch4j.Torch;
import dev.torch4j.Tensor;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;

/**
 * The model of tools/gen_distributed_fixtures.py: a buffer {@code steps}, then Linear a (3 to 4), b, c, d
 * (4 to 2); {@code forward(x, useC, useD) = (b(h) [+ c(h)] [+ d(h)]) * (1 + steps)} with
 * {@code h = tanh(a(x))}.
 */
final class TinyNet extends Module {
    final Tensor steps;
    final Linear a;
    final Linear b;
    final Linear c;
    final Linear d;

    TinyNet() {
        steps = registerBuffer("steps", Torch.zeros(1));
        a = register("a", new Linear(3, 4));
        b = register("b", new Linear(4, 2));
        c = register("c", new Linear(4, 2));
        d = register("d", new Linear(4, 2));
    }

    Tensor forward(Tensor x, boolean useC, boolean useD) {
        Tensor h = a.forward(x).tanh();
        Tensor out = b.forward(h);
        if (useC) {
            out = out.add(c.forward(h));
        }
        if (useD) {
            out = out.add(d.forward(h));
        }
        return out.mul(steps.add(1.0));
    }

    /** Python's {@code (out * out).mean()}. */
    static Tensor loss(Tensor out) {
        return out.mul(out).mean();
    }
}
