package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.nn.utils.rnn.PackedSequence;

/**
 * A multi-layer Elman RNN with tanh or ReLU, mirroring {@code nn.RNN}:
 * {@code h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)}.
 *
 * <p>Shapes ({@code N} batch, {@code L} sequence, {@code D} = 2 if bidirectional else 1, {@code H} =
 * {@code hiddenSize}): input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} with {@code batchFirst},
 * or unbatched {@code (L, inputSize)}, or a {@link PackedSequence}; {@code h0} and {@code hN}
 * {@code (D*numLayers, N, H)} (unbatched {@code (D*numLayers, H)}; never batch first); output
 * {@code (L, N, D*H)}, {@code (N, L, D*H)} batch first, {@code (L, D*H)} unbatched. Parameters and their
 * initialisation are described in {@link RNNBase}. One call of libtorch's {@code rnn_tanh}/{@code rnn_relu}
 * per forward, except for one layer and one direction on the CPU, which runs the same recurrence step by
 * step with fewer kernels (faster there; only rounding differs; {@code -Dtorch4j.rnnFastPath=false}
 * turns it off).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNN.html">torch.nn.RNN</a>
 */
public class RNN extends RNNBase {
    /**
     * What {@code forward} returns for a tensor input: PyTorch's {@code (output, h_n)} tuple.
     *
     * @param output the last layer's hidden state at every step, {@code (L, N, D*H)} (see the class comment)
     * @param hN     every layer's hidden state after the last step, {@code (D*numLayers, N, H)}
     */
    public record Output(Tensor output, Tensor hN) implements RNNBase.Result {
        /** @return {@code h_n}, the state to pass to the next {@code forward} */
        @Override
        public Tensor hidden() {
            return hN;
        }
    }

    /**
     * What {@code forward} returns for a packed input: PyTorch's {@code (output, h_n)} with a packed output.
     *
     * @param output the last layer's hidden states, packed like the input
     * @param hN     every layer's final hidden state, {@code (D*numLayers, N, H)}, in the caller's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {
    }

    private final String nonlinearity;

    /** Like {@code nn.RNN(input_size, hidden_size)} with default options. */
    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, RNNOptions.defaults());
    }

    /** Like {@code nn.RNN(input_size, hidden_size, num_layers)}. */
    public RNN(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, RNNOptions.defaults().numLayers(numLayers));
    }

    /**
     * Like {@code nn.RNN(input_size, hidden_size, **options)}.
     *
     * @throws IllegalArgumentException with Python's message for an unknown nonlinearity, a dropout
     *                                  outside [0, 1], or sizes or layers that are not positive
     */
    public RNN(long inputSize, long hiddenSize, RNNOptions options) {
        super(mode(options.nonlinearity()), inputSize, hiddenSize, options, 0);
        this.nonlinearity = options.nonlinearity();
    }

    private static Mode mode(String nonlinearity) {
        return switch (String.valueOf(nonlinearity)) {
            case "tanh" -> Mode.RNN_TANH;
            case "relu" -> Mode.RNN_RELU;
            default -> throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity
                    + "'. Select from 'tanh' or 'relu'.");
        };
    }

    /** @return {@code "tanh"} or {@code "relu"} */
    public String nonlinearity() {
        return nonlinearity;
    }

    /**
     * Runs the RNN from a zero initial state, like {@code rnn(input)}.
     *
     * @param input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} batch first, or {@code (L, inputSize)}
     * @return the output and the final hidden state
     * @throws IllegalArgumentException with Python's message for input that is not 2-D or 3-D, whose last
     *                                  size is not {@code inputSize}, or whose dtype is not the weights'
     */
    @Override
    public Output forward(Tensor input) {
        return forward(input, (Tensor) null);
    }

    /**
     * Like {@link #forward(Tensor, Tensor)} for code written against {@link RNNBase}: {@code hx} is a tensor or null.
     *
     * @throws IllegalArgumentException for another kind of state (an {@link LSTM.State})
     */
    @Override
    public Output forward(Tensor input, Object hx) {
        return forward(input, tensorState(hx));
    }

    /**
     * Runs the RNN from {@code h0}, like {@code rnn(input, h0)}.
     *
     * @param input as for {@link #forward(Tensor)}
     * @param h0    the initial hidden state {@code (D*numLayers, N, H)} ({@code (D*numLayers, H)} unbatched),
     *              or null for zeros
     * @return the output and the final hidden state
     * @throws IllegalArgumentException with Python's message for a bad input or an {@code h0} of the wrong shape
     */
    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = forwardOneState("RNN", input, h0);
        return observe(new Output(r[0], r[1]));
    }

    /**
     * Runs the RNN over packed sequences from a zero state, like {@code rnn(packed)}.
     *
     * @param input sequences packed by {@link dev.torch4j.nn.utils.Rnn#packPaddedSequence} or
     *              {@link dev.torch4j.nn.utils.Rnn#packSequence}
     * @return the packed output and the final hidden state, in the caller's batch order
     */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Runs the RNN over packed sequences from {@code h0}, like {@code rnn(packed, h0)}.
     *
     * @param input the packed sequences
     * @param h0    {@code (D*numLayers, N, H)} in the caller's batch order, or null for zeros
     * @return the packed output and the final hidden state, in the caller's batch order
     * @throws IllegalArgumentException with Python's message for an {@code h0} of the wrong shape
     */
    public PackedOutput forward(PackedSequence input, Tensor h0) {
        Tensor[] r = forwardOneState(input, h0);
        return observe(new PackedOutput(new PackedSequence(r[0], input.batchSizes(), input.sortedIndices(),
                input.unsortedIndices()), r[1]));
    }
}
