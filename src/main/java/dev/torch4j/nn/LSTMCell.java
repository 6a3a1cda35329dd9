package dev.torch4j.nn;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.LstmCell;
import java.util.List;

/**
 * A long short-term memory cell, mirroring {@code nn.LSTMCell}: one step of {@link LSTM}'s recurrence
 * (gates i, f, g, o). Input {@code (N, inputSize)} or unbatched {@code (inputSize)}; {@code h} and
 * {@code c} {@code (N, hiddenSize)} or {@code (hiddenSize)}. Python's {@code h1, c1 = cell(x, (h0, c0))}
 * reads {@code LSTM.State s = cell.forward(x, new LSTM.State(h0, c0))}. One call of libtorch's
 * {@code lstm_cell}. Parameters as {@link RNNCellBase}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.LSTMCell.html">torch.nn.LSTMCell</a>
 */
public class LSTMCell extends RNNCellBase {
    /** Like {@code nn.LSTMCell(input_size, hidden_size)}, with bias. */
    public LSTMCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /**
     * Like {@code nn.LSTMCell(input_size, hidden_size, bias)}.
     *
     * @param bias whether to add {@code b_ih} and {@code b_hh} (PyTorch's default: true)
     */
    public LSTMCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 4);
    }

    /**
     * One step from zero states, like {@code cell(input)}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @return the next {@code (h_1, c_1)}
     * @throws IllegalArgumentException when {@code input} is not 1-D or 2-D (Python's message)
     */
    public LSTM.State forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step, like {@code cell(input, (h0, c0))}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @param h0    {@code (N, hiddenSize)} or {@code (hiddenSize)}
     * @param c0    {@code (N, hiddenSize)} or {@code (hiddenSize)}
     * @return the next {@code (h_1, c_1)}
     */
    public LSTM.State forward(Tensor input, Tensor h0, Tensor c0) {
        return forward(input, new LSTM.State(h0, c0));
    }

    /**
     * One step, like {@code cell(input, hx)}.
     *
     * @param input {@code (N, inputSize)} or {@code (inputSize)}
     * @param hx    {@code (h_0, c_0)}, or null for zeros
     * @return the next {@code (h_1, c_1)}
     * @throws IllegalArgumentException when {@code input}, {@code h} or {@code c} is not 1-D or 2-D (Python's message)
     * @throws dev.torch4j.TorchException for sizes that do not fit (libtorch's message)
     */
    public LSTM.State forward(Tensor input, LSTM.State hx) {
        checkDim(input, "LSTMCell: Expected input");
        if (hx != null && hx.h() != null) {
            checkDim(hx.h(), "LSTMCell: Expected hx[0]");
            checkDim(hx.c(), "LSTMCell: Expected hx[1]");
        }
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        List<Tensor> state;
        if (hx == null || hx.h() == null) {
            Tensor zeros = zeros(x);
            state = List.of(zeros, zeros);
        } else {
            state = batched ? List.of(hx.h(), hx.c()) : List.of(hx.h().unsqueeze(0), hx.c().unsqueeze(0));
        }
        LstmCell r = Torch.lstmCell(x, state, weightIh(), weightHh(), biasIh(), biasHh());
        return observe(batched ? new LSTM.State(r.get0(), r.get1())
                : new LSTM.State(r.get0().squeeze(0), r.get1().squeeze(0)));
    }
}
