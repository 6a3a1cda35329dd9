package dev.torch4j.vectors;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;

/**
 * How {@link KeyedVectors#embeddingMatrix(java.util.List, EmbeddingMatrixOptions)} fills the rows of
 * words it has no vector for. Random rows come from the global generator of the matrix's device
 * ({@link dev.torch4j.Torch#manualSeed}), drawn like {@code torch.empty(n, dim).uniform_(from, to)}
 * or {@code .normal_(mean, std)} for the {@code n} rows concerned, in vocabulary order.
 */
public final class RowInit {
    private enum Kind { CONSTANT, NORMAL, UNIFORM }

    private static final RowInit ZEROS = new RowInit(Kind.CONSTANT, 0, 0);

    private final Kind kind;
    private final double a;
    private final double b;

    private RowInit(Kind kind, double a, double b) {
        this.kind = kind;
        this.a = a;
        this.b = b;
    }

    /** @return rows of zeros, like the usual {@code np.zeros((len(vocab), dim))} start */
    public static RowInit zeros() {
        return ZEROS;
    }

    /** @return rows filled with {@code value}, like {@code torch.full((n, dim), value)} */
    public static RowInit constant(double value) {
        return new RowInit(Kind.CONSTANT, value, 0);
    }

    /**
     * @return rows of normal samples, like {@code torch.empty(n, dim).normal_(mean, std)}
     * @throws IllegalArgumentException if {@code std < 0}
     */
    public static RowInit normal(double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
        }
        return new RowInit(Kind.NORMAL, mean, std);
    }

    /**
     * @return rows of uniform samples in {@code [from, to)}, like {@code torch.empty(n, dim).uniform_(from, to)}
     *         (e.g. {@code uniform(-0.25, 0.25)} for unknown words, as in Kim's CNN for sentences)
     * @throws IllegalArgumentException if {@code from > to}
     */
    public static RowInit uniform(double from, double to) {
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from="
                    + from + " > to=" + to);
        }
        return new RowInit(Kind.UNIFORM, from, to);
    }

    /** A new float32 {@code (n, dim)} tensor on {@code device} filled by this rule. */
    Tensor rows(long n, long dim, Device device) {
        long[] shape = {n, dim};
        return switch (kind) {
            case CONSTANT -> a == 0 ? Torch.zeros(shape, TensorOptions.defaults().dtype(DType.FLOAT32).device(device))
                    : Torch.full(shape, a, TensorOptions.defaults().dtype(DType.FLOAT32).device(device));
            case NORMAL -> Torch.empty(shape, TensorOptions.defaults().dtype(DType.FLOAT32).device(device)).normal_(a, b);
            case UNIFORM -> Torch.empty(shape, TensorOptions.defaults().dtype(DType.FLOAT32).device(device)).uniform_(a, b);
        };
    }

    /** @return the rule as Python would spell it, e.g. {@code uniform_(-0.25, 0.25)} */
    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> a == 0 ? "zeros" : "full(" + a + ")";
            case NORMAL -> "normal_(" + a + ", " + b + ")";
            case UNIFORM -> "uniform_(" + a + ", " + b + ")";
        };
    }
}
