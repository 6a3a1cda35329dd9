package dev.torch4j.examples.sentiment;

import dev.torch4j.Device;
import dev.torch4j.Indexing;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.Dropout;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.EmbeddingOptions;
import dev.torch4j.nn.LSTM;
import dev.torch4j.nn.LSTMOptions;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.utils.Rnn;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import java.util.List;

/**
 * The model of bentrevett/pytorch-sentiment-analysis' "2 - Upgraded Sentiment Analysis" (class {@code RNN}):
 * an embedding with a padding index, a multi-layer bidirectional LSTM over packed sequences, dropout, and a
 * linear read-out of the last layer's final forward and backward hidden states. See
 * {@link UpgradedSentimentAnalysis} for the source.
 */
public final class RNN extends Module {
    final Embedding embedding;
    final LSTM rnn;
    final Linear fc;
    final Dropout dropout;

    /**
     * @param vocabSize     rows of the embedding
     * @param embeddingDim  embedding size
     * @param hiddenDim     LSTM hidden size per direction
     * @param outputDim     outputs (1: one logit)
     * @param nLayers       LSTM layers
     * @param bidirectional whether the LSTM is bidirectional
     * @param dropout       dropout on the embeddings, between LSTM layers and on the final hidden state
     * @param padIdx        the padding index, whose embedding stays zero and gets no gradient
     */
    public RNN(long vocabSize, long embeddingDim, long hiddenDim, long outputDim, long nLayers,
            boolean bidirectional, double dropout, long padIdx) {

        super();

        this.embedding = register("embedding", new Embedding(vocabSize, embeddingDim,
                EmbeddingOptions.defaults().paddingIdx(padIdx)));

        this.rnn = register("rnn", new LSTM(embeddingDim,
                hiddenDim,
                LSTMOptions.defaults().numLayers(nLayers)
                        .bidirectional(bidirectional)
                        .dropout(dropout)));

        this.fc = register("fc", new Linear(hiddenDim * 2, outputDim));

        this.dropout = register("dropout", new Dropout(dropout));
    }

    /**
     * @param text        word indices {@code [sent len, batch size]}, padded, longest first
     * @param textLengths the lengths {@code [batch size]}, decreasing
     * @return logits {@code [batch size, output dim]}
     */
    public Tensor forward(Tensor text, Tensor textLengths) {

        //text = [sent len, batch size]

        Tensor embedded = dropout.forward(embedding.forward(text));

        //embedded = [sent len, batch size, emb dim]

        //pack sequence
        // lengths need to be on CPU!
        PackedSequence packedEmbedded = Rnn.packPaddedSequence(embedded, textLengths.to(Device.cpu()));

        LSTM.PackedOutput r = rnn.forward(packedEmbedded);
        PackedSequence packedOutput = r.output();
        Tensor hidden = r.hN();
        Tensor cell = r.cN();

        //unpack sequence
        Rnn.PaddedSequence unpacked = Rnn.padPackedSequence(packedOutput);
        Tensor output = unpacked.output();
        Tensor outputLengths = unpacked.lengths();

        //output = [sent len, batch size, hid dim * num directions]
        //output over padding tokens are zero tensors

        //hidden = [num layers * num directions, batch size, hid dim]
        //cell = [num layers * num directions, batch size, hid dim]

        //concat the final forward (hidden[-2,:,:]) and backward (hidden[-1,:,:]) hidden layers
        //and apply dropout

        hidden = dropout.forward(Torch.cat(List.of(hidden.index(-2, Indexing.all(), Indexing.all()),
                hidden.index(-1, Indexing.all(), Indexing.all())), 1));

        //hidden = [batch size, hid dim * num directions]

        return fc.forward(hidden);
    }
}
