package dev.torch4j.examples.wordlm;

import dev.torch4j.Tensor;
import dev.torch4j.nn.Dropout;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.Functional;
import dev.torch4j.nn.GRU;
import dev.torch4j.nn.GRUOptions;
import dev.torch4j.nn.Init;
import dev.torch4j.nn.LSTM;
import dev.torch4j.nn.LSTMOptions;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.RNN;
import dev.torch4j.nn.RNNBase;
import dev.torch4j.nn.RNNOptions;
import java.util.Map;

/**
 * Container module with an encoder, a recurrent module, and a decoder: {@code model.RNNModel} of
 * pytorch/examples' word_language_model
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/model.py">model.py</a>).
 *
 * <p>Python's hidden state is a tensor for RNN and GRU and an {@code (h, c)} tuple for LSTM; here it is an
 * {@code Object} holding a {@link Tensor} or an {@link LSTM.State}, as {@link #initHidden} returns it.
 */
public final class RNNModel extends Module {
    /** What {@code forward} returns: Python's {@code (F.log_softmax(decoded, dim=1), hidden)}. */
    public record Output(Tensor output, Object hidden) {
    }

    final long ntoken;
    final Dropout drop;
    final Embedding encoder;
    /** {@code self.rnn}: an {@link LSTM}, {@link GRU} or {@link RNN}. */
    public final RNNBase rnn;
    final Linear decoder;
    final String rnnType;
    final long nhid;
    final long nlayers;

    /** {@code RNNModel(rnn_type, ntoken, ninp, nhid, nlayers)} with {@code dropout=0.5, tie_weights=False}. */
    public RNNModel(String rnnType, long ntoken, long ninp, long nhid, long nlayers) {
        this(rnnType, ntoken, ninp, nhid, nlayers, 0.5, false);
    }

    /**
     * {@code RNNModel(rnn_type, ntoken, ninp, nhid, nlayers, dropout, tie_weights)}.
     *
     * @param rnnType    {@code LSTM}, {@code GRU}, {@code RNN_TANH} or {@code RNN_RELU}
     * @param ntoken     vocabulary size
     * @param ninp       embedding size
     * @param nhid       hidden units per layer
     * @param nlayers    recurrent layers
     * @param dropout    dropout after the embedding, between recurrent layers and before the decoder
     * @param tieWeights whether the decoder's weight is the encoder's (needs {@code nhid == ninp})
     * @throws IllegalArgumentException for another {@code rnnType}, or tied weights with {@code nhid != ninp}
     */
    public RNNModel(String rnnType, long ntoken, long ninp, long nhid, long nlayers, double dropout,
            boolean tieWeights) {
        this.ntoken = ntoken;
        this.drop = register("drop", new Dropout(dropout));
        this.encoder = register("encoder", new Embedding(ntoken, ninp));
        if (rnnType.equals("LSTM")) {
            this.rnn = register("rnn", new LSTM(ninp, nhid, LSTMOptions.defaults().numLayers(nlayers).dropout(dropout)));
        } else if (rnnType.equals("GRU")) {
            this.rnn = register("rnn", new GRU(ninp, nhid, GRUOptions.defaults().numLayers(nlayers).dropout(dropout)));
        } else {
            String nonlinearity = Map.of("RNN_TANH", "tanh", "RNN_RELU", "relu").get(rnnType);
            if (nonlinearity == null) {
                throw new IllegalArgumentException("An invalid option for `--model` was supplied,\n"
                        + "                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']");
            }
            this.rnn = register("rnn", new RNN(ninp, nhid,
                    RNNOptions.defaults().numLayers(nlayers).nonlinearity(nonlinearity).dropout(dropout)));
        }
        this.decoder = register("decoder", new Linear(nhid, ntoken));

        // Optionally tie weights as in:
        // "Using the Output Embedding to Improve Language Models" (Press & Wolf 2016)
        // https://arxiv.org/abs/1608.05859
        // and
        // "Tying Word Vectors and Word Classifiers: A Loss Framework for Language Modeling" (Inan et al. 2016)
        // https://arxiv.org/abs/1611.01462
        if (tieWeights) {
            if (nhid != ninp) {
                throw new IllegalArgumentException("When using the tied flag, nhid must be equal to emsize");
            }
            this.decoder.registerParameter("weight", this.encoder.weight());
        }

        initWeights();

        this.rnnType = rnnType;
        this.nhid = nhid;
        this.nlayers = nlayers;
    }

    /** {@code init_weights}: U(-0.1, 0.1) for the embedding and the decoder's weight, zeros for its bias. */
    public void initWeights() {
        double initrange = 0.1;
        Init.uniform_(encoder.weight(), -initrange, initrange);
        Init.zeros_(decoder.bias());
        Init.uniform_(decoder.weight(), -initrange, initrange);
    }

    /**
     * @param input  word indices {@code (seq_len, batch)}
     * @param hidden the state from {@link #initHidden} or the previous call
     * @return log-probabilities {@code (seq_len*batch, ntoken)} and the new hidden state
     */
    public Output forward(Tensor input, Object hidden) {
        Tensor emb = drop.forward(encoder.forward(input));
        Tensor output;
        if (rnn instanceof LSTM lstm) {
            LSTM.Output r = lstm.forward(emb, (LSTM.State) hidden);
            output = r.output();
            hidden = r.hidden();
        } else if (rnn instanceof GRU gru) {
            GRU.Output r = gru.forward(emb, (Tensor) hidden);
            output = r.output();
            hidden = r.hN();
        } else {
            RNN.Output r = ((RNN) rnn).forward(emb, (Tensor) hidden);
            output = r.output();
            hidden = r.hN();
        }
        output = drop.forward(output);
        Tensor decoded = decoder.forward(output);
        decoded = decoded.view(-1, ntoken);
        return new Output(Functional.logSoftmax(decoded, 1), hidden);
    }

    /**
     * {@code init_hidden(bsz)}: zero states on the parameters' device.
     *
     * @param bsz batch size
     * @return an {@link LSTM.State} for an LSTM, else a tensor {@code (nlayers, bsz, nhid)}
     */
    public Object initHidden(long bsz) {
        Tensor weight = parameters().get(0);
        if (rnnType.equals("LSTM")) {
            return new LSTM.State(weight.newZeros(nlayers, bsz, nhid),
                    weight.newZeros(nlayers, bsz, nhid));
        } else {
            return weight.newZeros(nlayers, bsz, nhid);
        }
    }
}
