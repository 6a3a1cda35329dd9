package dev.torch4j.nn;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.RnnRelu;
import dev.torch4j.returntypes.RnnTanh;
import dev.torch4j.internal.RnnFastPath;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer Elman RNN with tanh or ReLU, mirroring {@code nn.RNN}.
 *
 * <p>Shapes ({@code N} batch, {@code L} sequence, {@code D} = 2 if bidirectional else 1):
 * input {@code (L, N, inputSize)}, or {@code (N, L, inputSize)} with {@code batchFirst}, or unbatched
 * {@code (L, inputSize)}; {@code h0} and {@code hN} {@code (D*numLayers, N, hiddenSize)} (unbatched:
 * {@code (D*numLayers, hiddenSize)}); output {@code (L, N, D*hiddenSize)} (batch first or unbatched alike).
 * Parameters {@code weight_ih_l{k}[_reverse]}, {@code weight_hh_l{k}}, {@code bias_ih_l{k}},
 * {@code bias_hh_l{k}} are registered in PyTorch's order and initialised from
 * U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.RNN.html">torch.nn.RNN</a>
 */
public final class RNN extends Module {
    /** What {@code forward} returns: PyTorch's {@code (output, h_n)} tuple. */
    public record Output(Tensor output, Tensor hN) {
    }

    private final long inputSize;
    private final long hiddenSize;
    private final RNNOptions options;
    private final boolean relu;
    private final List<Tensor> flatWeights;
    /** Layer 0's forward-direction parameters, for the one-layer CPU path (biases null without bias). */
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor biasIh;
    private final Tensor biasHh;

    /** Like {@code nn.RNN(input_size, hidden_size)} with default options. */
    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, RNNOptions.defaults());
    }

    /**
     * Like {@code nn.RNN(input_size, hidden_size, **options)}.
     *
     * @throws IllegalArgumentException for non-positive sizes or layers, a dropout outside [0, 1], or
     *         an unknown nonlinearity
     */
    public RNN(long inputSize, long hiddenSize, RNNOptions options) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input_size must be greater than zero, got " + inputSize);
        }
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hidden_size must be greater than zero, got " + hiddenSize);
        }
        if (options.numLayers() <= 0) {
            throw new IllegalArgumentException("num_layers must be greater than zero, got " + options.numLayers());
        }
        double p = options.dropout();
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                    + "probability of an element being zeroed, got " + p);
        }
        if (p > 0 && options.numLayers() == 1) {
            System.getLogger("dev.torch4j").log(System.Logger.Level.WARNING, "dropout option adds dropout after "
                    + "all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got "
                    + "dropout=" + p + " and num_layers=1");
        }
        switch (options.nonlinearity()) {
            case "tanh" -> relu = false;
            case "relu" -> relu = true;
            default -> throw new IllegalArgumentException("Unknown nonlinearity '" + options.nonlinearity()
                    + "'. Select from 'tanh' or 'relu'.");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.options = options;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        int dirs = options.bidirectional() ? 2 : 1;
        List<Tensor> flat = new ArrayList<>();
        for (long layer = 0; layer < options.numLayers(); layer++) {
            long in = layer == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + layer + (d == 1 ? "_reverse" : "");
                flat.add(param("weight_ih" + sfx, bound, hiddenSize, in));
                flat.add(param("weight_hh" + sfx, bound, hiddenSize, hiddenSize));
                if (options.bias()) {
                    flat.add(param("bias_ih" + sfx, bound, hiddenSize));
                    flat.add(param("bias_hh" + sfx, bound, hiddenSize));
                }
            }
        }
        flatWeights = List.copyOf(flat);
        weightIh = ownParameters().get("weight_ih_l0");
        weightHh = ownParameters().get("weight_hh_l0");
        biasIh = ownParameters().get("bias_ih_l0");
        biasHh = ownParameters().get("bias_hh_l0");
    }

    private Tensor param(String name, double bound, long... shape) {
        Tensor t = Torch.empty(shape);
        t.uniform_(-bound, bound).requiresGrad_(true);
        return registerParameter(name, t);
    }

    /** Runs the RNN from a zero initial state. See the class comment for shapes. */
    public Output forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Runs the RNN from {@code h0}, like {@code rnn(input, h0)}.
     *
     * @param h0 initial hidden state, or null for zeros
     * @throws IllegalArgumentException for input that is not 2-D or 3-D, whose last size is not
     *         {@code inputSize}, an {@code h0} of the wrong shape, or tensors on different devices
     */
    public Output forward(Tensor input, Tensor h0) {
        long[] s = input.shape();
        if (s.length != 2 && s.length != 3) {
            throw new IllegalArgumentException("RNN: Expected input to be 2D or 3D, got " + s.length
                    + "D tensor instead");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("RNN: expected a floating point input, got " + input.dtype());
        }
        if (s[s.length - 1] != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + s[s.length - 1]);
        }
        Device device = input.device();
        Device own = weightDevice();
        if (!device.equals(own)) {
            throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least "
                    + "two devices, " + own + " and " + device + "! (RNN input)");
        }
        boolean batched = s.length == 3;
        int batchDim = options.batchFirst() ? 0 : 1;
        long batch = batched ? s[batchDim] : 1;
        long layersTimesDirs = options.numLayers() * (options.bidirectional() ? 2 : 1);
        Tensor x = batched ? input : input.unsqueeze(batchDim);
        Tensor hx = null;
        if (h0 != null) {
            checkHidden(h0, batched, layersTimesDirs, batch, device);
            hx = batched ? h0 : h0.unsqueeze(1);
        }
        Tensor[] r;
        if (layersTimesDirs == 1 && device.isCpu() && x.size(options.batchFirst() ? 1 : 0) > 0
                && input.dtype() == weightIh.dtype()) {
            // libtorch's CPU kernel is this same loop; ours launches about half the kernels
            r = RnnFastPath.rnnOneLayer(relu, x, hx, weightIh, weightHh, options.bias() ? biasIh : null,
                    options.bias() ? biasHh : null, options.batchFirst());
        } else {
            if (hx == null) {
                hx = Torch.zeros(new long[] {layersTimesDirs, batch, hiddenSize},
                        TensorOptions.defaults().dtype(input.dtype()).device(device));
            }
            if (relu) {
                RnnRelu out = Torch.rnnRelu(x, hx, flatWeights, options.bias(), options.numLayers(), options.dropout(),
                        isTraining(), options.bidirectional(), options.batchFirst());
                r = new Tensor[] {out.get0(), out.get1()};
            } else {
                RnnTanh out = Torch.rnnTanh(x, hx, flatWeights, options.bias(), options.numLayers(), options.dropout(),
                        isTraining(), options.bidirectional(), options.batchFirst());
                r = new Tensor[] {out.get0(), out.get1()};
            }
        }
        Tensor output = r[0];
        Tensor hN = r[1];
        if (!batched) {
            output = output.squeeze(batchDim);
            hN = hN.squeeze(1);
        }
        return observe(new Output(output, hN));
    }

    private void checkHidden(Tensor h0, boolean batched, long layersTimesDirs, long batch, Device device) {
        long[] hs = h0.shape();
        if (batched && hs.length != 3) {
            throw new IllegalArgumentException("For batched 3-D input, hx should also be 3-D but got " + hs.length
                    + "-D tensor");
        }
        if (!batched && hs.length != 2) {
            throw new IllegalArgumentException("For unbatched 2-D input, hx should also be 2-D but got " + hs.length
                    + "-D tensor");
        }
        long[] expected = batched ? new long[] {layersTimesDirs, batch, hiddenSize}
                : new long[] {layersTimesDirs, hiddenSize};
        if (!java.util.Arrays.equals(hs, expected)) {
            throw new IllegalArgumentException("Expected hidden size " + shapeTuple(expected) + ", got "
                    + Tensor.shapeString(hs));
        }
        if (!h0.device().equals(device)) {
            throw new IllegalArgumentException("Input and hidden tensors are not at the same device, found input "
                    + "tensor at " + device + " and hidden tensor at " + h0.device());
        }
    }

    private static String shapeTuple(long[] s) {
        String a = java.util.Arrays.toString(s);
        return "(" + a.substring(1, a.length() - 1) + ")";
    }

    private Device weightDevice() {
        return ownParameters().values().iterator().next().device();
    }

    /** @return the feature size of the input */
    public long inputSize() {
        return inputSize;
    }

    /** @return the feature size of the hidden state */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** @return the options this RNN was built with */
    public RNNOptions options() {
        return options;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (options.numLayers() != 1) {
            s.append(", num_layers=").append(options.numLayers());
        }
        if (relu) {
            s.append(", nonlinearity=relu");
        }
        if (!options.bias()) {
            s.append(", bias=False");
        }
        if (options.batchFirst()) {
            s.append(", batch_first=True");
        }
        if (options.dropout() != 0) {
            s.append(", dropout=").append(options.dropout());
        }
        if (options.bidirectional()) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }

}
