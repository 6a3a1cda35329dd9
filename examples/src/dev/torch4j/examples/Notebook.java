package dev.torch4j.examples;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.TensorDataset;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.Embedding;
import dev.torch4j.nn.EmbeddingOptions;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.RNN;
import dev.torch4j.nn.RNNOptions;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.text.Tokenizer;
import dev.torch4j.text.Vocab;
import dev.torch4j.text.VocabOptions;
import java.util.Arrays;
import java.util.List;

/**
 * The seed notebook, ported cell by cell: seven short reviews, a word index with {@code <PAD>}=0 and
 * {@code <UNK>}=1, sequences padded to 4, Embedding(17, 100) → RNN(100, 16) → Linear(16, 1) trained
 * with BCEWithLogitsLoss and Adam(lr=0.005) for 20 epochs, then predictions with sigmoid ≥ 0.5.
 *
 * <p>Run: {@code mvn -q test-compile exec:java} (the README's main command). Runs on CUDA when one
 * is present, else on the CPU.
 */
public final class Notebook {
    private Notebook() {
    }

    /** The notebook's model: embedding, a one-layer RNN, and a linear read-out of the last hidden state. */
    public static final class SimpleNet extends Module {
        private final Embedding embedding;
        private final RNN rnn;
        private final Linear out;

        /** Embedding(vocabSize, embeddingDim, padding_idx=0) → RNN(embeddingDim, hiddenSize, batch_first) → Linear(hiddenSize, 1). */
        public SimpleNet(long vocabSize, long embeddingDim, long hiddenSize) {
            embedding = register("embedding",
                    new Embedding(vocabSize, embeddingDim, EmbeddingOptions.defaults().paddingIdx(0)));
            rnn = register("rnn", new RNN(embeddingDim, hiddenSize, RNNOptions.defaults().batchFirst(true)));
            out = register("out", new Linear(hiddenSize, 1));
        }

        /** @return logits {@code (batch, 1)} for int64 indices {@code (batch, seq)} */
        public Tensor forward(Tensor x) {
            RNN.Output r = rnn.forward(embedding.forward(x));   // r.output(), r.hN()
            return out.forward(r.hN().squeeze(0));
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Torch.manualSeed(42);

        // In [1]: the data
        List<String> sentences = List.of("nice great best amazing", "stop lies", "pitiful nerd",
                "excellent work", "supreme quality", "bad", "highly respectable");
        int[] labels = {1, 0, 0, 1, 1, 0, 1};

        // In [2]: tokenize (nltk.word_tokenize) and build the word index, <PAD>=0 and <UNK>=1
        List<List<String>> tokens = Tokenizer.words().tokenize(sentences);
        Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        System.out.println("Vocabulary (" + vocab.size() + " entries): " + vocab.stoi());

        // In [3]: encode and post-pad to length 4
        Tensor x = vocab.encode(tokens).pad(4);                 // LongTensor (7, 4), post-padded with 0
        Tensor y = Tensor.of(labels).toFloat().unsqueeze(1);    // (7, 1)
        System.out.println("Padded sequences:\n" + x);

        // In [4]: dataset and loader, on the GPU when there is one
        Device device = Device.cudaIfAvailable();
        System.out.println("Device: " + device);
        DataLoader loader = new DataLoader(new TensorDataset(x, y),
                DataLoaderOptions.defaults().batchSize(2).shuffle(true).device(device));

        // In [5]: the model
        SimpleNet model = new SimpleNet(vocab.size(), 100, 16);
        model.to(device);
        System.out.println(model);
        System.out.print(model.summary(x.to(device)));

        // In [6]: train for 20 epochs
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
        for (int epoch = 0; epoch < 20; epoch++) {
            double epochLoss = 0;
            for (Batch batch : loader) {
                try (var step = Torch.scope()) {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
                    loss.backward();
                    optimizer.step();
                    epochLoss += loss.item();
                }
            }
            System.out.printf("Epoch %d: loss %f%n", epoch + 1, epochLoss / loader.size());
        }

        // In [7]: predict under no-grad
        model.eval();
        try (AutoCloseable noGrad = Torch.noGrad(); var scope = Torch.scope()) {
            Tensor predictions = model.forward(x.to(device)).sigmoid().ge(0.5).toLong().squeeze(1);
            long[] predicted = predictions.toLongArray();
            System.out.println("Labels:      " + Arrays.toString(labels));
            System.out.println("Predictions: " + Arrays.toString(predicted));
            boolean allRight = true;
            for (int i = 0; i < labels.length; i++) {
                allRight &= labels[i] == predicted[i];
            }
            System.out.println(allRight ? "All " + labels.length + " predictions match the labels."
                    : "Some predictions differ from the labels.");
        }
        System.out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
