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
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.RNN;
import dev.torch4j.nn.RNNOptions;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.text.Tokenizer;
import dev.torch4j.text.Vocab;
import dev.torch4j.text.VocabOptions;
import dev.torch4j.vectors.KeyedVectors;
import dev.torch4j.vectors.Word2Vec;
import dev.torch4j.vectors.Word2VecOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The notebook's second half: the embedding comes from pretrained word2vec vectors, frozen and then
 * trainable. By default it reads the small vectors file shipped in {@code examples/data}; point it at
 * {@code GoogleNews-vectors-negative300.bin.gz} with {@code --vectors PATH} (only the vocabulary's
 * words are kept, so memory stays small).
 *
 * <pre>mvn -q test-compile exec:java -Dexample=dev.torch4j.examples.PretrainedNotebook [-Dexec.args="--vectors PATH"]</pre>
 */
public final class PretrainedNotebook {
    private PretrainedNotebook() {
    }

    /** The notebook's model with the embedding given. */
    static final class PretrainedNet extends Module {
        private final Embedding embedding;
        private final RNN rnn;
        private final Linear out;

        PretrainedNet(Embedding pretrained, long hiddenSize) {
            embedding = register("embedding", pretrained);
            rnn = register("rnn", new RNN(pretrained.embeddingDim(), hiddenSize,
                    RNNOptions.defaults().batchFirst(true)));
            out = register("out", new Linear(hiddenSize, 1));
        }

        public Tensor forward(Tensor x) {
            return out.forward(rnn.forward(embedding.forward(x)).hN().squeeze(0));
        }
    }

    public static void main(String[] args) throws Exception {
        Path vectorsPath = Path.of(args.length > 1 && args[0].equals("--vectors") ? args[1]
                : "examples/data/small-vectors.bin");
        Torch.manualSeed(42);
        List<String> sentences = List.of("nice great best amazing", "stop lies", "pitiful nerd",
                "excellent work", "supreme quality", "bad", "highly respectable");
        int[] labels = {1, 0, 0, 1, 1, 0, 1};
        List<List<String>> tokens = Tokenizer.words().tokenize(sentences);
        Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        Tensor x = vocab.encode(tokens).pad(4);
        Tensor y = Tensor.of(labels).toFloat().unsqueeze(1);
        Device device = Device.cudaIfAvailable();

        // gensim: KeyedVectors.load_word2vec_format(path, binary=True); here only the vocabulary's words are kept
        long t0 = System.nanoTime();
        KeyedVectors wv = Word2Vec.load(vectorsPath, Word2VecOptions.defaults().vocabulary(vocab.itos()));
        System.out.printf("Loaded %d of %d vocabulary words (%d-d) from %s in %.2f s%n", wv.size(), vocab.size(),
                wv.dim(), vectorsPath, (System.nanoTime() - t0) / 1e9);
        System.out.println("Missing from the vectors: " + wv.missing(vocab));
        Tensor matrix = wv.embeddingMatrix(vocab);          // (vocab.size(), dim); zero rows for specials and OOV

        for (boolean freeze : new boolean[] {true, false}) {
            System.out.println();
            System.out.println(freeze ? "== frozen pretrained embedding ==" : "== trainable pretrained embedding ==");
            PretrainedNet model = new PretrainedNet(Embedding.fromPretrained(matrix.clone(), freeze), 16);
            model.to(device);
            System.out.print(model.summary());
            DataLoader loader = new DataLoader(new TensorDataset(x, y),
                    DataLoaderOptions.defaults().batchSize(2).shuffle(true).device(device));
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
                if (epoch % 5 == 4) {
                    System.out.printf("Epoch %d: loss %f%n", epoch + 1, epochLoss / loader.size());
                }
            }
            model.eval();
            try (AutoCloseable noGrad = Torch.noGrad(); var scope = Torch.scope()) {
                long[] predicted = model.forward(x.to(device)).sigmoid().ge(0.5).toLong().squeeze(1).toLongArray();
                System.out.println("Labels:      " + Arrays.toString(labels));
                System.out.println("Predictions: " + Arrays.toString(predicted));
            }
            model.close();
        }
        wv.close();
    }
}
