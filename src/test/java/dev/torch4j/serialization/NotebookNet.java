package dev.torch4j.serialization;

import dev.torch4j.Tensor;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.EmbeddingOptions;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.RNN;
import dev.torch4j.nn.RNNOptions;

/** The notebook's model, as DESIGN.md writes it (the same as tools/gen_statedict_fixtures.py's SimpleNet). */
final class NotebookNet extends Module {
    private final Embedding embedding;
    private final RNN rnn;
    private final Linear out;

    NotebookNet(long vocabSize, long embeddingDim, long hiddenSize) {
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
