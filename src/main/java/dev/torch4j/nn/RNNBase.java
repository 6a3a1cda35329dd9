package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.internal.Backends;
import dev.torch4j.internal.RnnFastPath;
import dev.torch4j.internal.RnnOps;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import dev.torch4j.returntypes.Gru;
import dev.torch4j.returntypes.Lstm;
import dev.torch4j.returntypes.RnnRelu;
import dev.torch4j.returntypes.RnnTanh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, mirroring {@code nn.RNNBase}: the options, one
 * weight layout whose gate multiplier is 1 (RNN), 4 (LSTM) or 3 (GRU), PyTorch's parameter names and
 * initialisation, and one call of libtorch's multi-layer kernel per forward ({@code torch.rnn_tanh},
 * {@code rnn_relu}, {@code lstm}, {@code gru}; on CUDA libtorch runs cuDNN), except that a one-layer,
 * one-direction RNN or GRU on the CPU runs a step loop of fewer kernels (see {@link RNN} and {@link GRU}).
 *
 * <p>Parameters, per layer {@code k} and direction (suffix {@code _reverse} for the second), registered in
 * this order: {@code weight_ih_l{k}} {@code (gates*hidden_size, input_size)} for layer 0, else
 * {@code (gates*hidden_size, D*H_out)}; {@code weight_hh_l{k}} {@code (gates*hidden_size, H_out)};
 * {@code bias_ih_l{k}} and {@code bias_hh_l{k}} {@code (gates*hidden_size)} when {@code bias}; and, for an
 * LSTM with {@code proj_size > 0}, {@code weight_hr_l{k}} {@code (proj_size, hidden_size)}; {@code H_out} is
 * {@code proj_size} if set, else {@code hidden_size}. All are drawn from U(-1/sqrt(hidden_size),
 * 1/sqrt(hidden_size)) in that order, so the same {@link Torch#manualSeed} gives PyTorch's weights.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNNBase.html">torch.nn.RNNBase</a>
 */
public abstract class RNNBase extends Module {
    /**
     * What every recurrent layer's {@code forward} returns, for code written against {@code RNNBase} as Python's
     * {@code output, hidden = self.rnn(emb, hidden)} is, whichever layer {@code getattr(nn, rnn_type)} made.
     */
    public interface Result {
        /** @return the last layer's hidden state at every step */
        Tensor output();

        /** @return every layer's hidden state after the last step */
        Tensor hN();

        /** @return the state to pass to the next {@code forward}: {@code h_n} for RNN and GRU, an {@link LSTM.State} for LSTM */
        Object hidden();
    }

    /**
     * Runs the layer from a zero state, like {@code rnn(input)}.
     *
     * @param input {@code (L, N, H_in)}, {@code (N, L, H_in)} with batch first, or unbatched {@code (L, H_in)}
     * @return the output and the final state
     */
    public abstract Result forward(Tensor input);

    /**
     * Runs the layer from {@code hx} whichever layer this is, like {@code rnn(input, hx)}: a tensor for
     * {@link RNN} and {@link GRU}, an {@link LSTM.State} for {@link LSTM} (what {@link Result#hidden()} gave),
     * or null for zeros.
     *
     * @throws IllegalArgumentException for a state of the other kind, and as the layer's own {@code forward}
     */
    public abstract Result forward(Tensor input, Object hx);

    /** The state {@code hx} as a tensor for RNN and GRU, with a clear message for an LSTM state. */
    final Tensor tensorState(Object hx) {
        if (hx == null || hx instanceof Tensor) {
            return (Tensor) hx;
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + " expects its hidden state as one tensor h_0, got "
                + hx.getClass().getSimpleName());
    }

    /** PyTorch's mode strings, with the gate multiplier and cuDNN's mode number. */
    enum Mode {
        RNN_TANH(1, 1), RNN_RELU(1, 0), LSTM(4, 2), GRU(3, 3);

        final int gates;
        final int cudnnMode;

        Mode(int gates, int cudnnMode) {
            this.gates = gates;
            this.cudnnMode = cudnnMode;
        }
    }

    private static final System.Logger LOG = System.getLogger("dev.torch4j");

    final Mode mode;
    private final long inputSize;
    private final long hiddenSize;
    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final long projSize;
    private final List<List<String>> allWeightNames;
    private final List<String> flatWeightNames;
    private boolean flattenFailed;

    RNNBase(Mode mode, long inputSize, long hiddenSize, RNNBaseOptions<?> options, long projSize) {
        long numLayers = options.numLayers();
        boolean bias = options.bias();
        boolean bidirectional = options.bidirectional();
        double dropout = options.dropout();
        // Python's checks, in Python's order and with its messages
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                    + "probability of an element being zeroed");
        }
        if (dropout > 0 && numLayers == 1) {
            LOG.log(System.Logger.Level.WARNING, "dropout option adds dropout after all but last recurrent layer, "
                    + "so non-zero dropout expects num_layers greater than 1, but got dropout=" + dropout
                    + " and num_layers=" + numLayers);
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input_size must be greater than zero");
        }
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hidden_size must be greater than zero");
        }
        if (numLayers <= 0) {
            throw new IllegalArgumentException("num_layers must be greater than zero");
        }
        if (projSize < 0) {
            throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable projections");
        }
        if (projSize >= hiddenSize) {
            throw new IllegalArgumentException("proj_size has to be smaller than hidden_size");
        }
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = options.batchFirst();
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.projSize = projSize;
        long gateSize = mode.gates * hiddenSize;
        long realHidden = projSize > 0 ? projSize : hiddenSize;
        int dirs = bidirectional ? 2 : 1;
        List<List<String>> all = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        for (long layer = 0; layer < numLayers; layer++) {
            for (int direction = 0; direction < dirs; direction++) {
                long layerInput = layer == 0 ? inputSize : realHidden * dirs;
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                List<String> names = new ArrayList<>();
                names.add(declare("weight_ih" + suffix, gateSize, layerInput));
                names.add(declare("weight_hh" + suffix, gateSize, realHidden));
                if (bias) {
                    names.add(declare("bias_ih" + suffix, gateSize));
                    names.add(declare("bias_hh" + suffix, gateSize));
                }
                if (projSize > 0) {
                    names.add(declare("weight_hr" + suffix, projSize, hiddenSize));
                }
                all.add(List.copyOf(names));
                flat.addAll(names);
            }
        }
        allWeightNames = List.copyOf(all);
        flatWeightNames = List.copyOf(flat);
        resetParameters();
    }

    private String declare(String name, long... shape) {
        registerParameter(name, Torch.empty(shape));
        return name;
    }

    /**
     * Draws every parameter again from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) in registration
     * order, like {@code reset_parameters()}.
     */
    public void resetParameters() {
        double stdv = 1.0 / Math.sqrt(hiddenSize);
        try (NoGradGuard g = Torch.noGrad()) {
            for (Tensor w : ownParameters().values()) {
                w.uniform_(-stdv, stdv);
            }
        }
    }

    // ------------------------------------------------------------------ weights

    /** The current weights in the kernel's order (a replaced parameter is picked up, as {@code _flat_weights}). */
    final List<Tensor> flatWeights() {
        List<Tensor> out = new ArrayList<>(flatWeightNames.size());
        for (String name : flatWeightNames) {
            out.add(ownParameters().get(name));
        }
        return out;
    }

    /**
     * The parameters per layer and direction, like {@code all_weights}: for each, {@code [w_ih, w_hh]},
     * then {@code b_ih, b_hh} with a bias, then {@code w_hr} with a projection.
     *
     * @return read-only lists of the registered tensors
     */
    public List<List<Tensor>> allWeights() {
        List<List<Tensor>> out = new ArrayList<>();
        for (List<String> names : allWeightNames) {
            List<Tensor> layer = new ArrayList<>();
            for (String n : names) {
                layer.add(ownParameters().get(n));
            }
            out.add(Collections.unmodifiableList(layer));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Makes the weights views of one buffer in cuDNN's layout, like {@code flatten_parameters()}, so that
     * cuDNN does not copy them on every call (and libtorch does not warn that they "are not part of single
     * contiguous chunk of memory"). A no-op unless every weight is on CUDA, of one floating point dtype, and
     * libtorch was built with cuDNN; {@link #to} calls it after a move.
     */
    public void flattenParameters() {
        List<Tensor> weights = flatWeights();
        DType dtype = weights.get(0).dtype();
        for (Tensor w : weights) {
            if (!w.isCuda() || w.dtype() != dtype
                    || (dtype != DType.FLOAT16 && dtype != DType.FLOAT32 && dtype != DType.FLOAT64)) {
                return;
            }
        }
        if (weights.stream().distinct().count() != weights.size() || flattenFailed) {
            return;
        }
        try (NoGradGuard g = Torch.noGrad()) {
            if (RnnOps.useCudnnFlattenWeight()) {
                RnnOps.cudnnFlattenWeight(weights, (bias ? 4 : 2) + (projSize > 0 ? 1 : 0), inputSize,
                        mode.cudnnMode, hiddenSize, projSize, numLayers, batchFirst, bidirectional);
            }
        } catch (RuntimeException e) {
            // the weights still work unflattened, only slower: say so once, as PyTorch's warning would
            flattenFailed = true;
            LOG.log(System.Logger.Level.WARNING, "RNN weights could not be flattened for cuDNN; they are copied on "
                    + "every call instead: " + e.getMessage());
        }
    }

    @Override
    void tensorsApplied() {
        flattenParameters();
    }

    // ------------------------------------------------------------------ forward, shared

    /** The batch-first flag as the kernel sees it: ignored for unbatched input, as PyTorch does. */
    private int batchDim() {
        return batchFirst ? 0 : 1;
    }

    /** Zeros {@code (D*num_layers, batch, size)} in the input's dtype and device. */
    final Tensor zerosState(Tensor like, long batch, long size) {
        return Torch.zeros(new long[] {numLayers * (bidirectional ? 2 : 1), batch, size},
                TensorOptions.defaults().dtype(like.dtype()).device(like.device()));
    }

    /** {@code H_out}: {@code proj_size} when set, else {@code hidden_size}. */
    final long outputHiddenSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /** Python's {@code check_input}. */
    final void checkInput(Tensor input, Tensor batchSizes) {
        DType w = ownParameters().get(flatWeightNames.get(0)).dtype();
        if (input.dtype() != w) {
            throw new IllegalArgumentException("RNN input dtype (" + input.dtype() + ") does not match weight dtype ("
                    + w + "). Convert input: input.to(" + w + "), or convert model: model.to(" + input.dtype() + ")");
        }
        int expectedDim = batchSizes != null ? 2 : 3;
        if (input.dim() != expectedDim) {
            throw new IllegalArgumentException("input must have " + expectedDim + " dimensions, got " + input.dim());
        }
        if (inputSize != input.size(-1)) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + input.size(-1));
        }
    }

    /** Python's {@code get_expected_hidden_size}, with {@code size} the last dimension. */
    final long[] expectedState(Tensor input, Tensor batchSizes, long size) {
        long miniBatch = batchSizes != null ? batchSizes.toLongArray()[0] : input.size(batchFirst ? 0 : 1);
        return new long[] {numLayers * (bidirectional ? 2 : 1), miniBatch, size};
    }

    /** Python's {@code check_hidden_size}. */
    static void checkState(Tensor hx, long[] expected, String what) {
        if (!Arrays.equals(hx.shape(), expected)) {
            throw new IllegalArgumentException("Expected " + what + " size (" + expected[0] + ", " + expected[1] + ", "
                    + expected[2] + "), got " + Tensor.shapeString(hx.shape()));
        }
    }

    /** Python's {@code permute_hidden} for one tensor. */
    static Tensor permute(Tensor hx, Tensor permutation) {
        return permutation == null ? hx : hx.indexSelect(1, permutation);
    }

    /**
     * {@code RNN.forward} and {@code GRU.forward} on a tensor (they are the same but for the kernel).
     *
     * @return {output, h_n}
     */
    final Tensor[] forwardOneState(String who, Tensor input, Tensor hx) {
        int dim = input.dim();
        if (dim != 2 && dim != 3) {
            throw new IllegalArgumentException(who + ": Expected input to be 2D or 3D, got " + dim + "D"
                    + (mode == Mode.GRU ? "" : " tensor") + " instead");
        }
        boolean batched = dim == 3;
        Tensor x = input;
        Tensor h = hx;
        if (!batched) {
            x = input.unsqueeze(batchDim());
            if (h != null) {
                if (h.dim() != 2) {
                    throw new IllegalArgumentException("For unbatched 2-D input, hx should also be 2-D but got "
                            + h.dim() + "-D tensor");
                }
                h = h.unsqueeze(1);
            }
        } else if (h != null && h.dim() != 3) {
            throw new IllegalArgumentException("For batched 3-D input, hx should also be 3-D but got " + h.dim()
                    + "-D tensor");
        }
        checkInput(x, null);
        Tensor[] r;
        if (fastPathApplies(x)) {
            // the loop skips the product with a zero initial state, so none is made
            if (h != null) {
                checkState(h, expectedState(x, null, hiddenSize), "hidden");
            }
            List<Tensor> w = flatWeights();
            Tensor bIh = bias ? w.get(2) : null;
            Tensor bHh = bias ? w.get(3) : null;
            r = mode == Mode.GRU ? RnnFastPath.gruOneLayer(x, h, w.get(0), w.get(1), bIh, bHh, batchFirst)
                    : RnnFastPath.rnnOneLayer(mode == Mode.RNN_RELU, x, h, w.get(0), w.get(1), bIh, bHh, batchFirst);
        } else {
            if (h == null) {
                h = zerosState(x, x.size(batchDim()), hiddenSize);
            }
            checkState(h, expectedState(x, null, hiddenSize), "hidden");
            r = runOneState(x, null, h);
        }
        if (!batched) {
            return new Tensor[] {r[0].squeeze(batchDim()), r[1].squeeze(1)};
        }
        return r;
    }

    /**
     * {@code RNN.forward} and {@code GRU.forward} on a packed sequence.
     *
     * @return {output data, h_n in the caller's batch order}
     */
    final Tensor[] forwardOneState(PackedSequence input, Tensor hx) {
        Tensor data = input.data();
        Tensor batchSizes = input.batchSizes();
        Tensor h = hx == null ? zerosState(data, batchSizes.toLongArray()[0], hiddenSize)
                : permute(hx, input.sortedIndices());
        checkInput(data, batchSizes);
        checkState(h, expectedState(data, batchSizes, hiddenSize), "hidden");
        Tensor[] r = runOneState(data, batchSizes, h);
        return new Tensor[] {r[0], permute(r[1], input.unsortedIndices())};
    }

    /** Whether the one-layer CPU loop of {@link RnnFastPath} runs instead of the kernel (see its comment). */
    private boolean fastPathApplies(Tensor x) {
        // measured: a Java loop for the LSTM is slower than libtorch's oneDNN kernel at every benchmark size
        return mode != Mode.LSTM && numLayers == 1 && !bidirectional && !x.isCuda() && x.size(batchFirst ? 1 : 0) > 0
                && FAST_PATH;
    }

    /** Set {@code -Dtorch4j.rnnFastPath=false} to run libtorch's kernel for one-layer CPU RNNs and GRUs too. */
    private static final boolean FAST_PATH = Boolean.parseBoolean(System.getProperty("torch4j.rnnFastPath", "true"));

    /** One kernel call for RNN_TANH, RNN_RELU or GRU; {@code batchSizes} null for a padded input. */
    private Tensor[] runOneState(Tensor x, Tensor batchSizes, Tensor h) {
        List<Tensor> w = flatWeights();
        boolean train = isTraining();
        switch (mode) {
            case RNN_TANH -> {
                RnnTanh r = batchSizes == null
                        ? Torch.rnnTanh(x, h, w, bias, numLayers, dropout, train, bidirectional, batchFirst)
                        : Torch.rnnTanh(x, batchSizes, h, w, bias, numLayers, dropout, train, bidirectional);
                return new Tensor[] {r.get0(), r.get1()};
            }
            case RNN_RELU -> {
                RnnRelu r = batchSizes == null
                        ? Torch.rnnRelu(x, h, w, bias, numLayers, dropout, train, bidirectional, batchFirst)
                        : Torch.rnnRelu(x, batchSizes, h, w, bias, numLayers, dropout, train, bidirectional);
                return new Tensor[] {r.get0(), r.get1()};
            }
            case GRU -> {
                Gru r = batchSizes == null
                        ? Torch.gru(x, h, w, bias, numLayers, dropout, train, bidirectional, batchFirst)
                        : Torch.gru(x, batchSizes, h, w, bias, numLayers, dropout, train, bidirectional);
                return new Tensor[] {r.get0(), r.get1()};
            }
            default -> throw new IllegalStateException("mode " + mode + " has two states");
        }
    }

    /** One {@code torch.lstm} call; {@code batchSizes} null for a padded input. @return {output, h_n, c_n} */
    final Tensor[] runLstm(Tensor x, Tensor batchSizes, Tensor h, Tensor c) {
        List<Tensor> w = flatWeights();
        List<Tensor> hx = List.of(h, c);
        Supplier<Lstm> call = () -> batchSizes == null
                ? Torch.lstm(x, hx, w, bias, numLayers, dropout, isTraining(), bidirectional, batchFirst)
                : Torch.lstm(x, batchSizes, hx, w, bias, numLayers, dropout, isTraining(), bidirectional);
        // rows of one step times the gate matrix: batch x (4 hidden) x max(input, hidden)
        long rows = batchSizes == null ? (x.dim() == 3 ? x.size(batchFirst ? 0 : 1) : 1) : x.size(0) / Math.max(1,
                batchSizes.numel());
        long macs = rows * 4 * hiddenSize * Math.max(inputSize, hiddenSize);
        Lstm r = !x.isCuda() && Backends.preferBlasLstm(macs) ? Backends.withoutMkldnn(call) : call.get();
        return new Tensor[] {r.get0(), r.get1(), r.get2()};
    }

    // ------------------------------------------------------------------ options

    /** @return PyTorch's mode string: {@code "RNN_TANH"}, {@code "RNN_RELU"}, {@code "LSTM"} or {@code "GRU"} */
    public String mode() {
        return mode.name();
    }

    /** @return the number of features of the input, {@code input_size} */
    public long inputSize() {
        return inputSize;
    }

    /** @return the number of features of the hidden state, {@code hidden_size} */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** @return the number of stacked layers, {@code num_layers} */
    public long numLayers() {
        return numLayers;
    }

    /** @return whether the layers have {@code b_ih} and {@code b_hh}, {@code bias} */
    public boolean bias() {
        return bias;
    }

    /** @return whether input and output are {@code (batch, seq, feature)}, {@code batch_first} */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** @return the dropout probability between layers in training mode, {@code dropout} */
    public double dropout() {
        return dropout;
    }

    /** @return whether each layer has a reverse direction, {@code bidirectional} */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** @return the LSTM projection size (0: none), {@code proj_size} */
    public long projSize() {
        return projSize;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) {
            s.append(", proj_size=").append(projSize);
        }
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(dropout);
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
