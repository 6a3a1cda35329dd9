package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.nn.utils.rnn.PackedSequence;

/**
 * A multi-layer long short-term memory RNN, mirroring {@code nn.LSTM}:
 * {@code i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)}, {@code f_t}, {@code g_t} (tanh) and
 * {@code o_t} alike, {@code c_t = f_t * c_{t-1} + i_t * g_t}, {@code h_t = o_t * tanh(c_t)}; the gates are
 * stacked in that order (i, f, g, o) in each weight, so the gate multiplier is 4. With
 * {@code projSize > 0}, {@code h_t} is projected by {@code weight_hr_l{k}} to {@code projSize} features.
 *
 * <p>Shapes ({@code H_out} = {@code projSize} if set, else {@code hiddenSize}; {@code H_cell} =
 * {@code hiddenSize}): input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} with {@code batchFirst},
 * unbatched {@code (L, inputSize)}, or a {@link PackedSequence}; {@code h} {@code (D*numLayers, N, H_out)}
 * and {@code c} {@code (D*numLayers, N, H_cell)} (unbatched without {@code N}; never batch first); output
 * {@code (L, N, D*H_out)}. One call of libtorch's {@code lstm} per forward (cuDNN on CUDA). Parameters and
 * their initialisation are described in {@link RNNBase}.
 *
 * <p>Python's {@code output, (h_n, c_n) = lstm(x, (h0, c0))} reads
 * {@code LSTM.Output r = lstm.forward(x, new LSTM.State(h0, c0))}, or {@code lstm.forward(x, h0, c0)}, and
 * {@code r.hidden()} is the {@code (h_n, c_n)} to pass to the next call.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html">torch.nn.LSTM</a>
 */
public class LSTM extends RNNBase {
    /**
     * An LSTM's hidden and cell state, Python's {@code (h, c)} tuple: what {@code forward} takes as
     * {@code (h_0, c_0)}, {@link Output#hidden()} gives as {@code (h_n, c_n)}, and {@link LSTMCell} takes and
     * returns.
     *
     * @param h the hidden state
     * @param c the cell state
     */
    public record State(Tensor h, Tensor c) {
        /**
         * @throws IllegalArgumentException when only one of the two is given
         */
        public State {
            if ((h == null) != (c == null)) {
                throw new IllegalArgumentException("an LSTM state needs both h and c, got " + (h == null ? "no h" : "no c"));
            }
        }

        /**
         * Both tensors cut from the graph, for truncated backpropagation through time (the
         * {@code repackage_hidden} of PyTorch's word language model).
         *
         * @return a state of detached tensors
         */
        public State detach() {
            return new State(h.detach(), c.detach());
        }
    }

    /**
     * What {@code forward} returns for a tensor input: PyTorch's {@code (output, (h_n, c_n))}.
     *
     * @param output the last layer's hidden state at every step, {@code (L, N, D*H_out)}
     * @param hN     every layer's hidden state after the last step, {@code (D*numLayers, N, H_out)}
     * @param cN     every layer's cell state after the last step, {@code (D*numLayers, N, H_cell)}
     */
    public record Output(Tensor output, Tensor hN, Tensor cN) implements RNNBase.Result {
        /** @return {@code (h_n, c_n)} as one state, to pass to the next {@code forward} */
        @Override
        public State hidden() {
            return new State(hN, cN);
        }
    }

    /**
     * What {@code forward} returns for a packed input: PyTorch's {@code (output, (h_n, c_n))} with a packed output.
     *
     * @param output the last layer's hidden states, packed like the input
     * @param hN     every layer's final hidden state, in the caller's batch order
     * @param cN     every layer's final cell state, in the caller's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN, Tensor cN) {
        /** @return {@code (h_n, c_n)} as one state */
        public State hidden() {
            return new State(hN, cN);
        }
    }

    /** Like {@code nn.LSTM(input_size, hidden_size)} with default options. */
    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, LSTMOptions.defaults());
    }

    /** Like {@code nn.LSTM(input_size, hidden_size, num_layers)}. */
    public LSTM(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, LSTMOptions.defaults().numLayers(numLayers));
    }

    /**
     * Like {@code nn.LSTM(input_size, hidden_size, **options)}.
     *
     * @throws IllegalArgumentException with Python's message for a dropout outside [0, 1], sizes or layers
     *                                  that are not positive, or a {@code projSize} negative or not smaller
     *                                  than {@code hiddenSize}
     */
    public LSTM(long inputSize, long hiddenSize, LSTMOptions options) {
        super(Mode.LSTM, inputSize, hiddenSize, options, options.projSize());
    }

    /**
     * Runs the LSTM from zero states, like {@code lstm(input)}.
     *
     * @param input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} batch first, or {@code (L, inputSize)}
     * @return the output and the final states
     * @throws IllegalArgumentException with Python's message for input that is not 2-D or 3-D, whose last
     *                                  size is not {@code inputSize}, or whose dtype is not the weights'
     */
    @Override
    public Output forward(Tensor input) {
        return forward(input, (State) null);
    }

    /**
     * Like {@link #forward(Tensor, State)} for code written against {@link RNNBase}: {@code hx} is an
     * {@link State} (what {@link Output#hidden()} gave) or null.
     *
     * @throws IllegalArgumentException for another kind of state (a single tensor)
     */
    @Override
    public Output forward(Tensor input, Object hx) {
        if (hx == null || hx instanceof State) {
            return forward(input, (State) hx);
        }
        throw new IllegalArgumentException("LSTM expects its hidden state as an LSTM.State (h_0, c_0), got "
                + hx.getClass().getSimpleName());
    }

    /**
     * Runs the LSTM from {@code (h0, c0)}, like {@code lstm(input, (h0, c0))}.
     *
     * @param input as for {@link #forward(Tensor)}
     * @param h0    {@code (D*numLayers, N, H_out)} ({@code (D*numLayers, H_out)} unbatched)
     * @param c0    {@code (D*numLayers, N, H_cell)} ({@code (D*numLayers, H_cell)} unbatched)
     * @return the output and the final states
     * @throws IllegalArgumentException with Python's message for a bad input or states of the wrong shape
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        return forward(input, new State(h0, c0));
    }

    /**
     * Runs the LSTM from {@code hx}, like {@code lstm(input, hx)}.
     *
     * @param input as for {@link #forward(Tensor)}
     * @param hx    the initial {@code (h_0, c_0)}, or null for zeros
     * @return the output and the final states
     * @throws IllegalArgumentException with Python's message for a bad input or states of the wrong shape
     */
    public Output forward(Tensor input, State hx) {
        int dim = input.dim();
        if (dim != 2 && dim != 3) {
            throw new IllegalArgumentException("LSTM: Expected input to be 2D or 3D, got " + dim + "D instead");
        }
        boolean batched = dim == 3;
        int batchDim = batchFirst() ? 0 : 1;
        Tensor x = batched ? input : input.unsqueeze(batchDim);
        Tensor h;
        Tensor c;
        if (hx == null || hx.h() == null) {
            long batch = x.size(batchDim);
            h = zerosState(x, batch, outputHiddenSize());
            c = zerosState(x, batch, hiddenSize());
        } else {
            h = hx.h();
            c = hx.c();
            int expected = batched ? 3 : 2;
            if (h.dim() != expected || c.dim() != expected) {
                throw new IllegalArgumentException("For " + (batched ? "batched 3-D" : "unbatched 2-D") + " input, "
                        + "hx and cx should also be " + expected + "-D but got (" + h.dim() + "-D, " + c.dim()
                        + "-D) tensors");
            }
            if (!batched) {
                h = h.unsqueeze(1);
                c = c.unsqueeze(1);
            }
        }
        checkForwardArgs(x, null, h, c);
        Tensor[] r = runLstm(x, null, h, c);
        if (!batched) {
            return observe(new Output(r[0].squeeze(batchDim), r[1].squeeze(1), r[2].squeeze(1)));
        }
        return observe(new Output(r[0], r[1], r[2]));
    }

    /**
     * Runs the LSTM over packed sequences from zero states, like {@code lstm(packed)}.
     *
     * @param input sequences packed by {@link dev.torch4j.nn.utils.Rnn#packPaddedSequence} or
     *              {@link dev.torch4j.nn.utils.Rnn#packSequence}
     * @return the packed output and the final states, in the caller's batch order
     */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Runs the LSTM over packed sequences from {@code hx}, like {@code lstm(packed, hx)}.
     *
     * @param input the packed sequences
     * @param hx    the initial {@code (h_0, c_0)} in the caller's batch order, or null for zeros
     * @return the packed output and the final states, in the caller's batch order
     * @throws IllegalArgumentException with Python's message for states of the wrong shape
     */
    public PackedOutput forward(PackedSequence input, State hx) {
        Tensor data = input.data();
        Tensor batchSizes = input.batchSizes();
        Tensor h;
        Tensor c;
        if (hx == null || hx.h() == null) {
            long batch = batchSizes.toLongArray()[0];
            h = zerosState(data, batch, outputHiddenSize());
            c = zerosState(data, batch, hiddenSize());
        } else {
            h = permute(hx.h(), input.sortedIndices());
            c = permute(hx.c(), input.sortedIndices());
        }
        // Python leaves these checks to libtorch for packed input; made here too, with Python's messages
        checkForwardArgs(data, batchSizes, h, c);
        Tensor[] r = runLstm(data, batchSizes, h, c);
        PackedSequence output = new PackedSequence(r[0], batchSizes, input.sortedIndices(), input.unsortedIndices());
        return observe(new PackedOutput(output, permute(r[1], input.unsortedIndices()),
                permute(r[2], input.unsortedIndices())));
    }

    /** Python's {@code LSTM.check_forward_args}. */
    private void checkForwardArgs(Tensor input, Tensor batchSizes, Tensor h, Tensor c) {
        checkInput(input, batchSizes);
        checkState(h, expectedState(input, batchSizes, outputHiddenSize()), "hidden[0]");
        checkState(c, expectedState(input, batchSizes, hiddenSize()), "hidden[1]");
    }
}
