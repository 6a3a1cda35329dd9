package dev.torch4j.examples;

import dev.torch4j.Distributed;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.DistributedSampler;
import dev.torch4j.data.TensorDataset;
import dev.torch4j.distributed.ReduceOp;
import dev.torch4j.distributed.Run;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.text.Tokenizer;
import dev.torch4j.text.Vocab;
import dev.torch4j.text.VocabOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * The seed notebook trained with {@code DistributedDataParallel} on two processes, as a PyTorch
 * script would be under {@code torchrun --nproc-per-node 2}: each process joins the default group
 * ({@code env://}), a {@link DistributedSampler} gives it half of the seven reviews, and DDP averages
 * the gradients so both copies of the model stay identical.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexample=dev.torch4j.examples.DistributedNotebook}.
 * Started without the launcher's environment it starts itself on two processes through
 * {@link Run}; under the launcher ({@code java -cp ... dev.torch4j.distributed.Run --nproc-per-node 2
 * dev.torch4j.examples.DistributedNotebook}) each process trains.
 */
public final class DistributedNotebook {
    private DistributedNotebook() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("RANK") == null) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            System.exit(Run.run(System.out, System.err, "--nproc-per-node", "2", "--master-port",
                    Integer.toString(port), DistributedNotebook.class.getName()));
        }
        train();
    }

    static void train() throws IOException {
        Distributed.initProcessGroup("gloo");                // MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
        int rank = Distributed.getRank();
        Torch.manualSeed(42);

        List<String> sentences = List.of("nice great best amazing", "stop lies", "pitiful nerd",
                "excellent work", "supreme quality", "bad", "highly respectable");
        int[] labels = {1, 0, 0, 1, 1, 0, 1};
        List<List<String>> tokens = Tokenizer.words().tokenize(sentences);
        Vocab vocab = Vocab.build(tokens, VocabOptions.defaults().specials("<PAD>", "<UNK>"));
        Tensor x = vocab.encode(tokens).pad(4);
        Tensor y = Tensor.of(labels).toFloat().unsqueeze(1);

        // each rank sees its half of the data (4 samples, one repeated), one sample per step:
        // with 2 ranks a step averages 2 samples, as the notebook's batch of 2
        TensorDataset dataset = new TensorDataset(x, y);
        DistributedSampler sampler = new DistributedSampler(dataset);
        DataLoader loader = new DataLoader(dataset, DataLoaderOptions.defaults().batchSize(1).sampler(sampler));

        var model = new DistributedDataParallel<>(new SimpleNet(vocab.size(), 100, 16));   // rank 0's weights everywhere
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));

        for (int epoch = 0; epoch < 20; epoch++) {
            sampler.setEpoch(epoch);
            double epochLoss = 0;
            for (Batch batch : loader) {
                try (var step = Torch.scope()) {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
                    loss.backward();                        // gradients averaged over the 2 ranks
                    optimizer.step();
                    epochLoss += loss.item();
                }
            }
            Tensor mean = Tensor.of(new double[] {epochLoss / loader.size()});
            Distributed.allReduce(mean, ReduceOp.AVG);      // the loss over both ranks' samples
            if (rank == 0) {
                System.out.printf("Epoch %d: loss %f%n", epoch + 1, mean.item());
            }
        }

        SimpleNet trained = model.module();
        trained.eval();
        try (var noGrad = Torch.noGrad(); var scope = Torch.scope()) {
            long[] predicted = trained.forward(x).sigmoid().ge(0.5).toLong().squeeze(1).toLongArray();
            if (rank == 0) {
                System.out.println("Labels:      " + Arrays.toString(labels));
                System.out.println("Predictions: " + Arrays.toString(predicted));
            }
        }
        Distributed.destroyProcessGroup();
    }
}
