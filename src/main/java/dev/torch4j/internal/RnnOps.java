package dev.torch4j.internal;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * The private ATen operators behind {@code torch.nn.utils.rnn} and {@code RNNBase.flatten_parameters}
 * ({@code _pack_padded_sequence}, {@code _pad_packed_sequence}, {@code _cudnn_rnn_flatten_weight}).
 * The generator leaves out every operator whose name starts with an underscore, so these go through
 * the dispatcher by schema name, as Python's {@code _VF} reaches them; libtorch checks the arguments
 * and its messages are PyTorch's.
 */
public final class RnnOps {
    private static final Boxed PACK = new Boxed("aten::_pack_padded_sequence", "", "TENSOR,TENSOR,BOOL->TENSOR,TENSOR");
    private static final Boxed PAD = new Boxed("aten::_pad_packed_sequence", "",
            "TENSOR,TENSOR,BOOL,SCALAR,INT->TENSOR,TENSOR");
    private static final Boxed USE_CUDNN_FLATTEN = new Boxed("aten::_use_cudnn_rnn_flatten_weight", "", "->BOOL");
    private static final Boxed CUDNN_FLATTEN = new Boxed("aten::_cudnn_rnn_flatten_weight", "",
            "TENSOR_LIST,INT,INT,INT,INT,INT,INT,BOOL,BOOL->TENSOR");

    private RnnOps() {
    }

    /**
     * {@code torch._pack_padded_sequence(input, lengths, batch_first)}.
     *
     * @return {data, batch_sizes}
     */
    public static Tensor[] packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst) {
        Object[] r = PACK.call(input, lengths, batchFirst);
        return new Tensor[] {(Tensor) r[0], (Tensor) r[1]};
    }

    /**
     * {@code torch._pad_packed_sequence(data, batch_sizes, batch_first, padding_value, total_length)}.
     *
     * @return {padded, lengths}
     */
    public static Tensor[] padPackedSequence(Tensor data, Tensor batchSizes, boolean batchFirst, double paddingValue,
            long totalLength) {
        Object[] r = PAD.call(data, batchSizes, batchFirst, paddingValue, totalLength);
        return new Tensor[] {(Tensor) r[0], (Tensor) r[1]};
    }

    /** {@code torch._use_cudnn_rnn_flatten_weight()}: whether this libtorch was built with cuDNN. */
    public static boolean useCudnnFlattenWeight() {
        return (Boolean) USE_CUDNN_FLATTEN.call()[0];
    }

    /**
     * {@code torch._cudnn_rnn_flatten_weight(...)}: copies the weights into one buffer in cuDNN's layout
     * and makes each weight a view of it, as {@code RNNBase.flatten_parameters()} does; the caller holds
     * no-grad. The returned buffer is closed here (the weights keep its storage alive).
     *
     * @param mode cuDNN's mode number: 0 RNN_RELU, 1 RNN_TANH, 2 LSTM, 3 GRU
     */
    public static void cudnnFlattenWeight(List<Tensor> weights, long weightStride0, long inputSize, long mode,
            long hiddenSize, long projSize, long numLayers, boolean batchFirst, boolean bidirectional) {
        Object[] r = CUDNN_FLATTEN.call(weights, weightStride0, inputSize, mode, hiddenSize, projSize, numLayers,
                batchFirst, bidirectional);
        ((Tensor) r[0]).close();
    }
}
