package dev.torch4j.examples.wordlm;

import dev.torch4j.Device;
import dev.torch4j.Indexing;
import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.LSTM;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.NLLLoss;
import dev.torch4j.nn.Utils;
import dev.torch4j.optim.AdamW;
import dev.torch4j.optim.AdamWOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch Wikitext-2 RNN/LSTM/GRU/Transformer Language Model: {@code main.py} of pytorch/examples'
 * word_language_model, ported line for line
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/main.py">main.py
 * at commit 77f55b9</a>; {@link Corpus} and {@link Dictionary} are its data.py, {@link RNNModel},
 * {@link PositionalEncoding} and {@link TransformerModel} its model.py).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexample=dev.torch4j.examples.wordlm.Main
 * -Dexec.args="--data examples/data/wordlm --epochs 6 --tied"} (the flags are main.py's, with its defaults;
 * {@code --data} defaults to {@code ./data/wikitext-2} as in Python, so point it at a corpus folder). Same
 * numbers as Python for the same flags and seed on the CPU, within float rounding
 * (see {@code WordLanguageModelTest}).
 *
 * <p>Where the port is not literal: Python's module-level code and globals are this class's {@link #run()} and
 * fields; {@code torch.save(model)} / {@code torch.load} save and load the state dict (Java has no pickled
 * classes), loaded back into the same model; Ctrl+C is not caught ({@code KeyboardInterrupt}); ONNX export
 * ({@code --onnx-export}) is not available and raises.
 */
public final class Main {
    /** {@code argparse} result: main.py's flags, names camelCased, with its defaults. */
    static final class Args {
        String data = "./data/wikitext-2";
        String model = "LSTM";
        long emsize = 200;
        long nhid = 200;
        long nlayers = 2;
        double lr = 20;
        double clip = 0.25;
        int epochs = 40;
        long batchSize = 20;
        long bptt = 35;
        double dropout = 0.2;
        boolean tied = false;
        long seed = 1111;
        int logInterval = 200;
        String save = "model.pt";
        String onnxExport = "";
        long nhead = 2;
        boolean dryRun = false;
        boolean accel = false;
        boolean useOptimizer = false;

        static Args parse(String... argv) {
            Args a = new Args();
            for (int i = 0; i < argv.length; i++) {
                String flag = argv[i];
                String value = null;
                int eq = flag.indexOf('=');
                if (eq > 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                }
                switch (flag) {
                    case "--tied" -> a.tied = true;
                    case "--dry-run" -> a.dryRun = true;
                    case "--accel" -> a.accel = true;
                    case "--use-optimizer" -> a.useOptimizer = true;
                    default -> {
                        if (value == null) {
                            if (i + 1 >= argv.length) {
                                throw new IllegalArgumentException("argument " + flag + ": expected one argument");
                            }
                            value = argv[++i];
                        }
                        a.set(flag, value);
                    }
                }
            }
            return a;
        }

        private void set(String flag, String v) {
            switch (flag) {
                case "--data" -> data = v;
                case "--model" -> model = v;
                case "--emsize" -> emsize = Long.parseLong(v);
                case "--nhid" -> nhid = Long.parseLong(v);
                case "--nlayers" -> nlayers = Long.parseLong(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--clip" -> clip = Double.parseDouble(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--batch_size" -> batchSize = Long.parseLong(v);
                case "--bptt" -> bptt = Long.parseLong(v);
                case "--dropout" -> dropout = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--log-interval" -> logInterval = Integer.parseInt(v);
                case "--save" -> save = v;
                case "--onnx-export" -> onnxExport = v;
                case "--nhead" -> nhead = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unrecognized arguments: " + flag);
            }
        }
    }

    /**
     * One number main.py prints: a log interval's mean training loss ({@code train}, with its epoch, batch and
     * learning rate), an epoch's validation loss ({@code valid}), or the best model's test loss ({@code test}).
     */
    record Logged(String kind, int epoch, int batch, double lr, double loss) {
    }

    final Args args;
    final List<Logged> log = new ArrayList<>();
    Device device;
    Corpus corpus;
    final long evalBatchSize = 10;
    Tensor trainData;
    Tensor valData;
    Tensor testData;
    Module model;
    NLLLoss criterion;
    AdamW optimizer;
    double lr;
    int epoch;

    Main(String... argv) {
        this.args = Args.parse(argv);
    }

    /**
     * Runs main.py.
     *
     * @param argv main.py's flags
     * @throws IOException when the corpus cannot be read or the model not saved
     */
    public static void main(String[] argv) throws IOException {
        new Main(argv).run();
    }

    /** main.py's module-level code. @return this, whose {@code log} holds the numbers printed */
    Main run() throws IOException {
        // Set the random seed manually for reproducibility.
        Torch.manualSeed(args.seed);

        if (args.accel && Device.isCudaAvailable()) {
            device = Device.cudaIfAvailable();
        } else {
            device = Device.cpu();
        }

        System.out.println("Using device: " + device);

        ///////////////////////////////////////////////////////////////////////////////
        // Load data
        ///////////////////////////////////////////////////////////////////////////////

        corpus = new Corpus(Path.of(args.data));

        trainData = batchify(corpus.train, args.batchSize);
        valData = batchify(corpus.valid, evalBatchSize);
        testData = batchify(corpus.test, evalBatchSize);

        ///////////////////////////////////////////////////////////////////////////////
        // Build the model
        ///////////////////////////////////////////////////////////////////////////////

        long ntokens = corpus.dictionary.size();
        if (args.model.equals("Transformer")) {
            model = new TransformerModel(ntokens, args.emsize, args.nhead, args.nhid, args.nlayers, args.dropout)
                    .to(device);
        } else {
            model = new RNNModel(args.model, ntokens, args.emsize, args.nhid, args.nlayers, args.dropout, args.tied)
                    .to(device);
        }

        criterion = new NLLLoss();
        if (args.useOptimizer) {
            optimizer = new AdamW(model.parameters(), AdamWOptions.defaults().lr(args.lr));
        }

        // Loop over epochs.
        lr = args.lr;
        Double bestValLoss = null;

        for (epoch = 1; epoch < args.epochs + 1; epoch++) {
            long epochStartTime = System.nanoTime();
            train();
            double valLoss = evaluate(valData);
            log.add(new Logged("valid", epoch, 0, lr, valLoss));
            System.out.println("-".repeat(89));
            System.out.printf("| end of epoch %3d | time: %5.2fs | valid loss %5.2f | valid ppl %8.2f%n", epoch,
                    (System.nanoTime() - epochStartTime) / 1e9, valLoss, Math.exp(valLoss));
            System.out.println("-".repeat(89));
            // Save the model if the validation loss is the best we've seen so far.
            if (bestValLoss == null || valLoss < bestValLoss) {
                model.saveStateDict(Path.of(args.save));
                bestValLoss = valLoss;
            } else {
                // Anneal the learning rate if no improvement has been seen in the validation dataset.
                lr /= 4.0;
            }
        }

        // Load the best saved model.
        model.loadStateDict(Path.of(args.save));
        // after load the rnn params are not a continuous chunk of memory
        // this makes them a continuous chunk, and will speed up forward pass
        // Currently, only rnn model supports flatten_parameters function.
        if (List.of("RNN_TANH", "RNN_RELU", "LSTM", "GRU").contains(args.model)) {
            ((RNNModel) model).rnn.flattenParameters();
        }

        // Run on test data.
        double testLoss = evaluate(testData);
        log.add(new Logged("test", 0, 0, lr, testLoss));
        System.out.println("=".repeat(89));
        System.out.printf("| End of training | test loss %5.2f | test ppl %8.2f%n", testLoss, Math.exp(testLoss));
        System.out.println("=".repeat(89));

        if (args.onnxExport.length() > 0) {
            // Export the model in ONNX format.
            throw new UnsupportedOperationException("--onnx-export: torch4j has no ONNX exporter");
        }
        return this;
    }

    // Starting from sequential data, batchify arranges the dataset into columns.
    // For instance, with the alphabet as the sequence and batch size 4, we'd get
    // ┌ a g m s ┐
    // │ b h n t │
    // │ c i o u │
    // │ d j p v │
    // │ e k q w │
    // └ f l r x ┘.
    // These columns are treated as independent by the model, which means that the
    // dependence of e. g. 'g' on 'f' can not be learned, but allows more efficient
    // batch processing.
    Tensor batchify(Tensor data, long bsz) {
        // Work out how cleanly we can divide the dataset into bsz parts.
        long nbatch = data.size(0) / bsz;
        // Trim off any extra elements that wouldn't cleanly fit (remainders).
        data = data.narrow(0, 0, nbatch * bsz);
        // Evenly divide the data across the bsz batches.
        data = data.view(bsz, -1).t().contiguous();
        return data.to(device);
    }

    ///////////////////////////////////////////////////////////////////////////////
    // Training code
    ///////////////////////////////////////////////////////////////////////////////

    /** Wraps hidden states in new Tensors, to detach them from their history. */
    static Object repackageHidden(Object h) {
        if (h instanceof Tensor t) {
            return t.detach();
        } else {
            LSTM.State s = (LSTM.State) h;
            return new LSTM.State((Tensor) repackageHidden(s.h()), (Tensor) repackageHidden(s.c()));
        }
    }

    // get_batch subdivides the source data into chunks of length args.bptt.
    // If source is equal to the example output of the batchify function, with
    // a bptt-limit of 2, we'd get the following two Variables for i = 0:
    // ┌ a g m s ┐ ┌ b h n t ┐
    // └ b h n t ┘ └ c i o u ┘
    // Note that despite the name of the function, the subdivison of data is not
    // done along the batch dimension (i.e. dimension 1), since that was handled
    // by the batchify function. The chunks are along dimension 0, corresponding
    // to the seq_len dimension in the LSTM.
    Tensor[] getBatch(Tensor source, long i) {
        long seqLen = Math.min(args.bptt, source.size(0) - 1 - i);
        Tensor data = source.index(Indexing.slice(i, i + seqLen));
        Tensor target = source.index(Indexing.slice(i + 1, i + 1 + seqLen)).view(-1);
        return new Tensor[] {data, target};
    }

    double evaluate(Tensor dataSource) {
        // Turn on evaluation mode which disables dropout.
        model.eval();
        double totalLoss = 0.;
        long ntokens = corpus.dictionary.size();
        Object hidden = null;
        if (!args.model.equals("Transformer")) {
            hidden = ((RNNModel) model).initHidden(evalBatchSize);
        }
        long dataLen = 0;
        try (NoGradGuard noGrad = Torch.noGrad()) {
            for (long i = 0; i < dataSource.size(0) - 1; i += args.bptt) {
                Tensor[] batch = getBatch(dataSource, i);
                Tensor data = batch[0];
                Tensor targets = batch[1];
                Tensor output;
                if (args.model.equals("Transformer")) {
                    output = ((TransformerModel) model).forward(data);
                    output = output.view(-1, ntokens);
                } else {
                    RNNModel.Output r = ((RNNModel) model).forward(data, hidden);
                    output = r.output();
                    hidden = repackageHidden(r.hidden());
                }
                dataLen = data.size(0);
                totalLoss += dataLen * criterion.forward(output, targets).item();
            }
        }
        return totalLoss / (dataSource.size(0) - 1);
    }

    void train() {
        // Turn on training mode which enables dropout.
        model.train();
        double totalLoss = 0.;
        long startTime = System.nanoTime();
        long ntokens = corpus.dictionary.size();
        Object hidden = null;
        if (!args.model.equals("Transformer")) {
            hidden = ((RNNModel) model).initHidden(args.batchSize);
        }
        int batch = 0;
        for (long i = 0; i < trainData.size(0) - 1; i += args.bptt, batch++) {
            Tensor[] b = getBatch(trainData, i);
            Tensor data = b[0];
            Tensor targets = b[1];
            // Starting each batch, we detach the hidden state from how it was previously produced.
            // If we didn't, the model would try backpropagating all the way to start of the dataset.
            if (args.useOptimizer) {
                optimizer.zeroGrad();
            } else {
                model.zeroGrad();
            }
            Tensor output;
            if (args.model.equals("Transformer")) {
                output = ((TransformerModel) model).forward(data);
                output = output.view(-1, ntokens);
            } else {
                hidden = repackageHidden(hidden);
                RNNModel.Output r = ((RNNModel) model).forward(data, hidden);
                output = r.output();
                hidden = r.hidden();
            }
            Tensor loss = criterion.forward(output, targets);
            loss.backward();

            // `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
            Utils.clipGradNorm_(model.parameters(), args.clip);
            if (args.useOptimizer) {
                optimizer.step();
            } else {
                for (Tensor p : model.parameters()) {
                    p.data().add_(p.grad(), -lr);
                }
            }

            totalLoss += loss.item();

            if (batch % args.logInterval == 0 && batch > 0) {
                double curLoss = totalLoss / args.logInterval;
                double elapsed = (System.nanoTime() - startTime) / 1e9;
                log.add(new Logged("train", epoch, batch, lr, curLoss));
                System.out.printf("| epoch %3d | %5d/%5d batches | lr %02.2f | ms/batch %5.2f | "
                        + "loss %5.2f | ppl %8.2f%n",
                        epoch, batch, trainData.size(0) / args.bptt, lr,
                        elapsed * 1000 / args.logInterval, curLoss, Math.exp(curLoss));
                totalLoss = 0;
                startTime = System.nanoTime();
            }
            if (args.dryRun) {
                break;
            }
        }
    }
}
