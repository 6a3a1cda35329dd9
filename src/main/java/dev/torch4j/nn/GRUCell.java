package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;

/**
 * A gated recurrent unit cell, mirroring {@code nn.GRUCell}: one step of {@link GRU}'s recurrence. Input
 * {@code (N, inputSize)} or unbatched {@code (inputSize)}; hidden state and result {@code (N, hiddenSize)}
 * or {@code (hiddenSize)}. One call of libtorch's {@code gru_cell}. Parameters as {@link RNNCellBase}
 * (gates r, z, n).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GRUCell.html">torch.nn.GRUCell</a>
 */
public class GRUCell extends RNNCellBase implements TensorModule {
    /** Like {@code nn.GRUCell(input_size, hidden_size)}, with bias. */
    public GRUCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /**
     * Like {@code nn.GRUCell(input_size, hidden_size, bias)}.
     *
     * @param bias whether to add {@code b_ih} and {@code b_hh} (PyTorch's default: true)
     */
    public GRUCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 3);
    }

    /**
     * One step from a zero hidden state, like {@code cell(input)}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @return the next hidden state
     * @throws IllegalArgumentException when {@code input} is not 1-D or 2-D (Python's message)
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step, like {@code cell(input, hx)}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @param hx    {@code (N, hiddenSize)} or {@code (hiddenSize)}, or null for zeros
     * @return the next hidden state
     * @throws IllegalArgumentException when {@code input} or {@code hx} is not 1-D or 2-D (Python's message)
     * @throws dev.torch4j.TorchException for sizes that do not fit (libtorch's message)
     */
    public Tensor forward(Tensor input, Tensor hx) {
        return step("GRUCell", input, hx, (x, h) -> Torch.gruCell(x, h, weightIh(), weightHh(), biasIh(), biasHh()));
    }
}
