package dev.torch4j.examples.wordlm;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.Functional;
import dev.torch4j.nn.Init;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Transformer;
import dev.torch4j.nn.TransformerOptions;

/**
 * Container module with an encoder, a recurrent or transformer module, and a decoder:
 * {@code model.TransformerModel} of pytorch/examples' word_language_model
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/model.py">model.py</a>).
 *
 * <p>As in Python it is an {@code nn.Transformer} whose {@code decoder} is then replaced by a {@link Linear}
 * (the transformer's decoder stack is built, initialised and dropped, which draws the same random numbers), and
 * whose encoder layers keep {@code nn.Transformer}'s default dropout of 0.1.
 */
public class TransformerModel extends Transformer {
    final String modelType;
    Tensor srcMask;
    final PositionalEncoding posEncoder;
    final Embedding inputEmb;
    final long ninp;
    final Linear decoder;

    /** {@code TransformerModel(ntoken, ninp, nhead, nhid, nlayers)} with {@code dropout=0.5}. */
    public TransformerModel(long ntoken, long ninp, long nhead, long nhid, long nlayers) {
        this(ntoken, ninp, nhead, nhid, nlayers, 0.5);
    }

    /**
     * @param ntoken  vocabulary size
     * @param ninp    model (embedding) size
     * @param nhead   attention heads
     * @param nhid    feed-forward size
     * @param nlayers encoder layers
     * @param dropout the positional encoding's dropout
     */
    public TransformerModel(long ntoken, long ninp, long nhead, long nhid, long nlayers, double dropout) {
        super(TransformerOptions.defaults().dModel(ninp).nhead(nhead).dimFeedforward(nhid).numEncoderLayers(nlayers));
        this.modelType = "Transformer";
        this.srcMask = null;
        this.posEncoder = register("pos_encoder", new PositionalEncoding(ninp, dropout));

        this.inputEmb = register("input_emb", new Embedding(ntoken, ninp));
        this.ninp = ninp;
        this.decoder = register("decoder", new Linear(ninp, ntoken));

        initWeights();
    }

    /** Python's {@code _generate_square_subsequent_mask}: log(tril(ones)), 0 on and below the diagonal, -inf above. */
    private static Tensor squareSubsequentMask(long sz) {
        return Torch.log(Torch.tril(Torch.ones(sz, sz)));
    }

    /** {@code init_weights}: U(-0.1, 0.1) for the embedding and the decoder's weight, zeros for its bias. */
    public void initWeights() {
        double initrange = 0.1;
        Init.uniform_(inputEmb.weight(), -initrange, initrange);
        Init.zeros_(decoder.bias());
        Init.uniform_(decoder.weight(), -initrange, initrange);
    }

    /** {@code forward(src)} with {@code has_mask=True}. */
    public Tensor forward(Tensor src) {
        return forward(src, true);
    }

    /**
     * @param src     word indices {@code (seq_len, batch)}
     * @param hasMask whether each position attends only to itself and earlier ones
     * @return log-probabilities {@code (seq_len, batch, ntoken)}
     */
    public Tensor forward(Tensor src, boolean hasMask) {
        if (hasMask) {
            Device device = src.device();
            if (srcMask == null || srcMask.size(0) != src.size(0)) {
                Tensor mask = squareSubsequentMask(src.size(0)).to(device);
                srcMask = mask.unscoped();
            }
        } else {
            srcMask = null;
        }

        src = inputEmb.forward(src).mul(Math.sqrt(ninp));
        src = posEncoder.forward(src);
        Tensor output = encoder().forward(src, srcMask);
        output = decoder.forward(output);
        return Functional.logSoftmax(output, -1);
    }
}
