package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;

/**
 * An Elman RNN cell with tanh or ReLU, mirroring {@code nn.RNNCell}:
 * {@code h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)}. Input {@code (N, inputSize)} or unbatched
 * {@code (inputSize)}; hidden state and result {@code (N, hiddenSize)} or {@code (hiddenSize)}. One call of
 * libtorch's {@code rnn_tanh_cell}/{@code rnn_relu_cell}. Parameters as {@link RNNCellBase}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNNCell.html">torch.nn.RNNCell</a>
 */
public class RNNCell extends RNNCellBase implements TensorModule {
    private final String nonlinearity;

    /** Like {@code nn.RNNCell(input_size, hidden_size)}: with bias, tanh. */
    public RNNCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh");
    }

    /** Like {@code nn.RNNCell(input_size, hidden_size, bias)}, tanh. */
    public RNNCell(long inputSize, long hiddenSize, boolean bias) {
        this(inputSize, hiddenSize, bias, "tanh");
    }

    /**
     * Like {@code nn.RNNCell(input_size, hidden_size, bias, nonlinearity)}.
     *
     * @param bias         whether to add {@code b_ih} and {@code b_hh} (PyTorch's default: true)
     * @param nonlinearity {@code "tanh"} (default) or {@code "relu"}
     * @throws IllegalArgumentException for another nonlinearity (Python's message, which Python gives at the
     *                                  first forward)
     */
    public RNNCell(long inputSize, long hiddenSize, boolean bias, String nonlinearity) {
        super(inputSize, hiddenSize, bias, 1);
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("Unknown nonlinearity: " + nonlinearity);
        }
        this.nonlinearity = nonlinearity;
    }

    /** @return {@code "tanh"} or {@code "relu"} */
    public String nonlinearity() {
        return nonlinearity;
    }

    /**
     * One step from a zero hidden state, like {@code cell(input)}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @return the next hidden state {@code (N, hiddenSize)} or {@code (hiddenSize)}
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
        return step("RNNCell", input, hx, (x, h) -> nonlinearity.equals("tanh")
                ? Torch.rnnTanhCell(x, h, weightIh(), weightHh(), biasIh(), biasHh())
                : Torch.rnnReluCell(x, h, weightIh(), weightHh(), biasIh(), biasHh()));
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
