package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.nn.utils.rnn.PackedSequence;

/**
 * A multi-layer gated recurrent unit, mirroring {@code nn.GRU}:
 * {@code r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)},
 * {@code z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)},
 * {@code n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))},
 * {@code h_t = (1 - z_t) * n_t + z_t * h_{t-1}}; the gates are stacked in that order (r, z, n) in each
 * weight, so the gate multiplier is 3.
 *
 * <p>Shapes as {@link RNN}: input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} with
 * {@code batchFirst}, unbatched {@code (L, inputSize)}, or a {@link PackedSequence}; {@code h0} and
 * {@code hN} {@code (D*numLayers, N, H)}; output {@code (L, N, D*H)}. One call of libtorch's {@code gru}
 * per forward (cuDNN on CUDA), except for one layer and one direction on the CPU, which runs the same
 * recurrence step by step with half the kernels of libtorch's CPU loop (faster there; only rounding
 * differs; {@code -Dtorch4j.rnnFastPath=false} turns it off). Parameters and their initialisation are
 * described in {@link RNNBase}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.GRU.html">torch.nn.GRU</a>
 */
public class GRU extends RNNBase {
    /**
     * What {@code forward} returns for a tensor input: PyTorch's {@code (output, h_n)} tuple.
     *
     * @param output the last layer's hidden state at every step, {@code (L, N, D*H)}
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
     * @param hN     every layer's final hidden state, in the caller's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {
    }

    /** Like {@code nn.GRU(input_size, hidden_size)} with default options. */
    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, GRUOptions.defaults());
    }

    /** Like {@code nn.GRU(input_size, hidden_size, num_layers)}. */
    public GRU(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, GRUOptions.defaults().numLayers(numLayers));
    }

    /**
     * Like {@code nn.GRU(input_size, hidden_size, **options)}.
     *
     * @throws IllegalArgumentException with Python's message for a dropout outside [0, 1] or sizes or
     *                                  layers that are not positive
     */
    public GRU(long inputSize, long hiddenSize, GRUOptions options) {
        super(Mode.GRU, inputSize, hiddenSize, options, 0);
    }

    /**
     * Runs the GRU from a zero initial state, like {@code gru(input)}.
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
     * Runs the GRU from {@code h0}, like {@code gru(input, h0)}.
     *
     * @param input as for {@link #forward(Tensor)}
     * @param h0    {@code (D*numLayers, N, H)} ({@code (D*numLayers, H)} unbatched), or null for zeros
     * @return the output and the final hidden state
     * @throws IllegalArgumentException with Python's message for a bad input or an {@code h0} of the wrong shape
     */
    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = forwardOneState("GRU", input, h0);
        return observe(new Output(r[0], r[1]));
    }

    /**
     * Runs the GRU over packed sequences from a zero state, like {@code gru(packed)}.
     *
     * @param input the packed sequences
     * @return the packed output and the final hidden state, in the caller's batch order
     */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Runs the GRU over packed sequences from {@code h0}, like {@code gru(packed, h0)}.
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
