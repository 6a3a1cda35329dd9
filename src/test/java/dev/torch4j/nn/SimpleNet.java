package dev.torch4j.nn;

import dev.torch4j.Tensor;

/** The notebook's model, written as DESIGN.md shows it. */
final class SimpleNet extends Module {
    private final Embedding embedding;
    private final RNN rnn;
    private final Linear out;

    SimpleNet(long vocabSize, long embeddingDim, long hiddenSize) {
        embedding = register("embedding",
                new Embedding(vocabSize, embeddingDim, EmbeddingOptions.defaults().paddingIdx(0)));
        rnn = register("rnn", new RNN(embeddingDim, hiddenSize, RNNOptions.defaults().batchFirst(true)));
        out = register("out", new Linear(hiddenSize, 1));
    }

    public Tensor forward(Tensor x) {
        RNN.Output r = rnn.forward(embedding.forward(x));
        return out.forward(r.hN().squeeze(0));
    }
}
