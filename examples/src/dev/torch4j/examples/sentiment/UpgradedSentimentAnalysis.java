package dev.torch4j.examples.sentiment;

import dev.torch4j.Device;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.Collate;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.Dataset;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.utils.Rnn;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.Optimizer;
import dev.torch4j.text.Tokenizer;
import dev.torch4j.text.Vocab;
import dev.torch4j.text.VocabOptions;
import dev.torch4j.vectors.KeyedVectors;
import dev.torch4j.vectors.Word2Vec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bentrevett/pytorch-sentiment-analysis' "2 - Upgraded Sentiment Analysis", ported cell by cell
 * (<a href="https://github.com/bentrevett/pytorch-sentiment-analysis/blob/329f654b2cfaed22fee432569ebd7a2674584f79/legacy/2%20-%20Upgraded%20Sentiment%20Analysis.ipynb">legacy/2
 * - Upgraded Sentiment Analysis.ipynb at commit 329f654</a>, MIT License, Copyright (c) 2017 Ben Trevett): a
 * 2-layer bidirectional LSTM ({@link RNN}) over packed sequences, initialised with pretrained vectors (unknown and
 * padding rows zeroed), trained with Adam and BCEWithLogitsLoss, with binary accuracy, the best model by
 * validation loss saved and tested, and {@code predict_sentiment}.
 *
 * <p>The notebook's torchtext.legacy/spaCy/IMDB/GloVe cells (downloads) are replaced as in
 * {@code tools/gen_sentiment_fixtures.py}, which runs the same program in PyTorch: the data are
 * {@code examples/data/sentiment/{train,valid,test}.tsv}, split on whitespace; the vocabulary is legacy torchtext's
 * ({@code <unk>}, {@code <pad>}, then by frequency, ties alphabetical; {@link VocabOptions.Order#FREQUENCY}); the
 * vectors are {@code examples/data/small-vectors.bin}, missing words drawn by {@code normal_} as torchtext's
 * {@code unk_init}; BucketIterator is a {@link DataLoader} whose collate sorts each batch longest first and pads to
 * {@code [sent len, batch]}. Sizes fit the tiny data: HIDDEN_DIM 32 (256 upstream), BATCH_SIZE 8 (64), N_EPOCHS 20 (5).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexample=dev.torch4j.examples.sentiment.UpgradedSentimentAnalysis}
 * ({@code -Dexec.args="--data DIR --vectors FILE --save FILE"} to change the inputs or where the best model goes).
 */
public final class UpgradedSentimentAnalysis {
    /** One epoch's numbers as the notebook prints them. */
    record Epoch(double trainLoss, double trainAcc, double validLoss, double validAcc) {
    }

    Path data = Path.of("examples/data/sentiment");
    Path vectorsPath = Path.of("examples/data/small-vectors.bin");
    Path save = Path.of("tut2-model.pt");
    int vocabSize;
    long parameterCount;
    final List<Epoch> epochs = new ArrayList<>();
    double testLoss;
    double testAcc;
    final Map<String, Double> predictions = new LinkedHashMap<>();

    Vocab vocab;
    Device device;
    int unkIdx;

    UpgradedSentimentAnalysis(String... args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--vectors" -> vectorsPath = Path.of(args[i + 1]);
                case "--save" -> save = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unrecognized argument: " + args[i]);
            }
        }
    }

    /**
     * Runs the notebook.
     *
     * @param args optional {@code --data DIR}, {@code --vectors FILE}, {@code --save FILE}
     * @throws IOException when the data or vectors cannot be read or the model not saved
     */
    public static void main(String[] args) throws IOException {
        new UpgradedSentimentAnalysis(args).run();
    }

    /** One labelled example: its tokens and 1.0 for pos, 0.0 for neg. */
    record Example(List<String> text, double label) {
    }

    // REPLACED: data.Field(tokenize='spacy', include_lengths=True), LabelField(dtype=torch.float), IMDB.splits
    static List<Example> read(Path path) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 2);
            examples.add(new Example(Tokenizer.whitespace().tokenize(fields[1]), fields[0].equals("pos") ? 1.0 : 0.0));
        }
        return examples;
    }

    /** A list of examples as a {@link Dataset}: each sample is (word indices, label). */
    static Dataset dataset(List<Example> examples, Vocab vocab) {
        return new Dataset() {
            @Override
            public long size() {
                return examples.size();
            }

            @Override
            public List<Tensor> get(long index) {
                Example ex = examples.get((int) index);
                return List.of(Tensor.of(vocab.lookupIndices(ex.text())), Tensor.scalar(ex.label()).toFloat());
            }
        };
    }

    UpgradedSentimentAnalysis run() throws IOException {
        long seed = 1234;

        Torch.manualSeed(seed);
        // torch.backends.cudnn.deterministic = True: torch4j has no switch for it (nor for
        // torch.use_deterministic_algorithms); the CPU run this test makes is deterministic anyway

        List<Example> trainData = read(data.resolve("train.tsv"));
        List<Example> validData = read(data.resolve("valid.tsv"));
        List<Example> testData = read(data.resolve("test.tsv"));

        int maxVocabSize = 25_000;

        // REPLACED: TEXT.build_vocab(train_data, max_size=MAX_VOCAB_SIZE, vectors="glove.6B.100d",
        //                            unk_init=torch.Tensor.normal_)
        vocab = Vocab.build(trainData.stream().map(Example::text).toList(), VocabOptions.defaults()
                .specials("<unk>", "<pad>").unknown("<unk>").order(VocabOptions.Order.FREQUENCY).maxSize(maxVocabSize));
        Tensor vectors;
        try (KeyedVectors wv = Word2Vec.load(vectorsPath)) {
            vectors = wv.embeddingMatrix(vocab);
            for (int i = 0; i < vocab.size(); i++) {
                if (!wv.contains(vocab.itos(i))) {
                    vectors.index(i).normal_();
                }
            }
        }

        int batchSize = 8;

        device = Device.cudaIfAvailable();

        int padIdx = vocab.stoi("<pad>");

        // REPLACED: data.BucketIterator.splits((train_data, valid_data, test_data), batch_size=BATCH_SIZE,
        //                                      sort_within_batch=True, device=device)
        Collate collate = samples -> {
            List<List<Tensor>> batch = new ArrayList<>(samples);
            batch.sort(Comparator.comparingLong((List<Tensor> ex) -> ex.get(0).size(0)).reversed());
            List<Tensor> text = batch.stream().map(ex -> ex.get(0)).toList();
            Tensor lengths = Tensor.of(batch.stream().mapToLong(ex -> ex.get(0).size(0)).toArray());
            Tensor label = Torch.stack(batch.stream().map(ex -> ex.get(1)).toList(), 0);
            return Batch.of(Rnn.padSequence(text, false, padIdx).to(device), lengths, label.to(device));
        };
        DataLoader trainIterator = new DataLoader(dataset(trainData, vocab),
                DataLoaderOptions.defaults().batchSize(batchSize).shuffle(true).collate(collate));
        DataLoader validIterator = new DataLoader(dataset(validData, vocab),
                DataLoaderOptions.defaults().batchSize(batchSize).collate(collate));
        DataLoader testIterator = new DataLoader(dataset(testData, vocab),
                DataLoaderOptions.defaults().batchSize(batchSize).collate(collate));

        int inputDim = vocab.size();
        int embeddingDim = 100;
        int hiddenDim = 32;
        int outputDim = 1;
        int nLayers = 2;
        boolean bidirectional = true;
        double dropout = 0.5;

        RNN model = new RNN(inputDim,
                embeddingDim,
                hiddenDim,
                outputDim,
                nLayers,
                bidirectional,
                dropout,
                padIdx);

        System.out.printf("The model has %,d trainable parameters%n", countParameters(model));
        vocabSize = vocab.size();
        parameterCount = countParameters(model);

        Tensor pretrainedEmbeddings = vectors;

        System.out.println("torch.Size(" + Arrays.toString(pretrainedEmbeddings.shape()) + ")");

        model.embedding.weight().data().copy_(pretrainedEmbeddings);

        unkIdx = vocab.stoi("<unk>");

        model.embedding.weight().data().indexPut_(new Object[] {unkIdx}, Torch.zeros(embeddingDim));
        model.embedding.weight().data().indexPut_(new Object[] {padIdx}, Torch.zeros(embeddingDim));

        System.out.println(model.embedding.weight().data());

        Adam optimizer = new Adam(model.parameters());

        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();

        model.to(device);

        int nEpochs = 20;

        double bestValidLoss = Double.POSITIVE_INFINITY;

        for (int epoch = 0; epoch < nEpochs; epoch++) {

            long startTime = System.nanoTime();

            double[] trainResult = train(model, trainIterator, optimizer, criterion);
            double[] validResult = evaluate(model, validIterator, criterion);
            double trainLoss = trainResult[0];
            double trainAcc = trainResult[1];
            double validLoss = validResult[0];
            double validAcc = validResult[1];

            long endTime = System.nanoTime();

            int[] epochTime = epochTime(startTime, endTime);

            if (validLoss < bestValidLoss) {
                bestValidLoss = validLoss;
                model.saveStateDict(save);
            }

            System.out.printf("Epoch: %02d | Epoch Time: %dm %ds%n", epoch + 1, epochTime[0], epochTime[1]);
            System.out.printf("\tTrain Loss: %.3f | Train Acc: %.2f%%%n", trainLoss, trainAcc * 100);
            System.out.printf("\t Val. Loss: %.3f |  Val. Acc: %.2f%%%n", validLoss, validAcc * 100);
            epochs.add(new Epoch(trainLoss, trainAcc, validLoss, validAcc));
        }

        model.loadStateDict(save);

        double[] testResult = evaluate(model, testIterator, criterion);
        testLoss = testResult[0];
        testAcc = testResult[1];

        System.out.printf("Test Loss: %.3f | Test Acc: %.2f%%%n", testLoss, testAcc * 100);

        for (String sentence : List.of("This film is terrible", "This film is great")) {
            double p = predictSentiment(model, sentence);
            System.out.println(sentence + " " + p);
            predictions.put(sentence, p);
        }
        return this;
    }

    static long countParameters(Module model) {
        return model.parameters().stream().filter(Tensor::requiresGrad).mapToLong(Tensor::numel).sum();
    }

    /** Returns accuracy per batch, i.e. if you get 8/10 right, this returns 0.8, NOT 8. */
    static Tensor binaryAccuracy(Tensor preds, Tensor y) {

        //round predictions to the closest integer
        Tensor roundedPreds = Torch.round(Torch.sigmoid(preds));
        Tensor correct = roundedPreds.eq(y).toFloat(); //convert into float for division
        Tensor acc = correct.sum().div(correct.size(0));
        return acc;
    }

    static double[] train(RNN model, DataLoader iterator, Optimizer optimizer, BCEWithLogitsLoss criterion) {

        double epochLoss = 0;
        double epochAcc = 0;

        model.train();

        for (Batch batch : iterator) {

            optimizer.zeroGrad();

            Tensor text = batch.get(0);          // REPLACED: text, text_lengths = batch.text
            Tensor textLengths = batch.get(1);
            Tensor label = batch.get(2);         // REPLACED: batch.label

            Tensor predictions = model.forward(text, textLengths).squeeze(1);

            Tensor loss = criterion.forward(predictions, label);

            Tensor acc = binaryAccuracy(predictions, label);

            loss.backward();

            optimizer.step();

            epochLoss += loss.item();
            epochAcc += acc.item();
        }

        return new double[] {epochLoss / iterator.size(), epochAcc / iterator.size()};
    }

    static double[] evaluate(RNN model, DataLoader iterator, BCEWithLogitsLoss criterion) {

        double epochLoss = 0;
        double epochAcc = 0;

        model.eval();

        try (NoGradGuard noGrad = Torch.noGrad()) {

            for (Batch batch : iterator) {

                Tensor text = batch.get(0);      // REPLACED: text, text_lengths = batch.text
                Tensor textLengths = batch.get(1);
                Tensor label = batch.get(2);     // REPLACED: batch.label

                Tensor predictions = model.forward(text, textLengths).squeeze(1);

                Tensor loss = criterion.forward(predictions, label);

                Tensor acc = binaryAccuracy(predictions, label);

                epochLoss += loss.item();
                epochAcc += acc.item();
            }
        }

        return new double[] {epochLoss / iterator.size(), epochAcc / iterator.size()};
    }

    static int[] epochTime(long startTime, long endTime) {
        double elapsedTime = (endTime - startTime) / 1e9;
        int elapsedMins = (int) (elapsedTime / 60);
        int elapsedSecs = (int) (elapsedTime - (elapsedMins * 60));
        return new int[] {elapsedMins, elapsedSecs};
    }

    // REPLACED: nlp = spacy.load('en_core_web_sm'); tokenized = [tok.text for tok in nlp.tokenizer(sentence)]
    double predictSentiment(RNN model, String sentence) {
        model.eval();
        List<String> tokenized = Tokenizer.whitespace().tokenize(sentence);
        long[] indexed = tokenized.stream().mapToLong(t -> vocab.indexOf(t, unkIdx)).toArray();
        long[] length = {indexed.length};
        Tensor tensor = Tensor.of(indexed).to(device);
        tensor = tensor.unsqueeze(1);
        Tensor lengthTensor = Tensor.of(length);
        Tensor prediction = Torch.sigmoid(model.forward(tensor, lengthTensor));
        return prediction.item();
    }
}
