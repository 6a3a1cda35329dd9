package dev.torch4j.nn;

import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import java.util.function.BinaryOperator;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, mirroring {@code nn.RNNCellBase}: the
 * parameters {@code weight_ih} {@code (chunks*hidden_size, input_size)}, {@code weight_hh}
 * {@code (chunks*hidden_size, hidden_size)} and, with {@code bias}, {@code bias_ih} and {@code bias_hh}
 * {@code (chunks*hidden_size)}, registered in that order and drawn from U(-1/sqrt(hidden_size),
 * 1/sqrt(hidden_size)) in that order (chunks: 1 RNN, 4 LSTM, 3 GRU).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNNCell.html">torch.nn.RNNCell</a>
 */
public abstract class RNNCellBase extends Module {
    private final long inputSize;
    private final long hiddenSize;
    private final boolean bias;

    RNNCellBase(long inputSize, long hiddenSize, boolean bias, long chunks) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        registerParameter("weight_ih", Torch.empty(chunks * hiddenSize, inputSize));
        registerParameter("weight_hh", Torch.empty(chunks * hiddenSize, hiddenSize));
        if (bias) {
            registerParameter("bias_ih", Torch.empty(chunks * hiddenSize));
            registerParameter("bias_hh", Torch.empty(chunks * hiddenSize));
        }
        resetParameters();
    }

    /** Draws every parameter again from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), like {@code reset_parameters()}. */
    public void resetParameters() {
        double stdv = hiddenSize > 0 ? 1.0 / Math.sqrt(hiddenSize) : 0;
        try (NoGradGuard g = Torch.noGrad()) {
            for (Tensor w : ownParameters().values()) {
                w.uniform_(-stdv, stdv);
            }
        }
    }

    /** @return the {@code (chunks*hidden_size, input_size)} input weight, {@code weight_ih} */
    public Tensor weightIh() {
        return ownParameters().get("weight_ih");
    }

    /** @return the {@code (chunks*hidden_size, hidden_size)} recurrent weight, {@code weight_hh} */
    public Tensor weightHh() {
        return ownParameters().get("weight_hh");
    }

    /** @return the input bias {@code bias_ih}, or null without bias */
    public Tensor biasIh() {
        return ownParameters().get("bias_ih");
    }

    /** @return the recurrent bias {@code bias_hh}, or null without bias */
    public Tensor biasHh() {
        return ownParameters().get("bias_hh");
    }

    /** @return the number of input features, {@code input_size} */
    public long inputSize() {
        return inputSize;
    }

    /** @return the number of hidden features, {@code hidden_size} */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** @return whether the cell has biases, {@code bias} */
    public boolean bias() {
        return bias;
    }

    /** Python's check of an input or state dimension: 1-D (unbatched) or 2-D. */
    static void checkDim(Tensor t, String what) {
        if (t.dim() != 1 && t.dim() != 2) {
            throw new IllegalArgumentException(what + " to be 1D or 2D, got " + t.dim() + "D instead");
        }
    }

    /** Zeros {@code (batch, hidden_size)} like {@code input}. */
    final Tensor zeros(Tensor input) {
        return Torch.zeros(new long[] {input.size(0), hiddenSize},
                TensorOptions.defaults().dtype(input.dtype()).device(input.device()));
    }

    /**
     * {@code RNNCell.forward} and {@code GRUCell.forward}: Python's checks, the unbatched case as a batch of
     * one, zeros for a missing {@code hx}, then {@code kernel(input, hx)}.
     */
    final Tensor step(String who, Tensor input, Tensor hx, BinaryOperator<Tensor> kernel) {
        checkDim(input, who + ": Expected input");
        if (hx != null) {
            checkDim(hx, who + ": Expected hidden");
        }
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h = hx == null ? zeros(x) : batched ? hx : hx.unsqueeze(0);
        Tensor r = kernel.apply(x, h);
        return observe(batched ? r : r.squeeze(0));
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
