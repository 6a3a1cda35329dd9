package dev.torch4j.benchmarks;

import dev.torch4j.examples.Notebook.SimpleNet;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.data.Batch;
import dev.torch4j.data.DataLoader;
import dev.torch4j.data.DataLoaderOptions;
import dev.torch4j.data.TensorDataset;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;

/** DataLoader workloads: one step is one epoch, as in benchmarks/python/workloads.py. */
final class LoaderWorkloads {
    private LoaderWorkloads() {
    }

    static Workloads.Step of(String workload, Workloads.Size s, Device device) {
        switch (workload) {
            case "notebook_loader": {
                Tensor x = Tensor.of(new long[] {2, 3, 4, 5, 6, 7, 0, 0, 8, 9, 0, 0, 10, 11, 0, 0, 12, 13, 0, 0, 14, 0,
                        0, 0, 15, 16, 0, 0}, 7, 4);
                Tensor y = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1}, 7, 1);
                DataLoader loader = new DataLoader(new TensorDataset(x, y),
                        DataLoaderOptions.defaults().batchSize(2).shuffle(true).device(device));
                SimpleNet model = new SimpleNet(s.vocab(), s.emb(), s.hidden());
                model.to(device);
                BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
                Adam optimizer = new Adam(model.parameters(), AdamOptions.defaults().lr(0.005));
                return () -> {
                    for (Batch batch : loader) {
                        try (var scope = Torch.scope()) {
                            optimizer.zeroGrad();
                            Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
                            loss.backward();
                            optimizer.step();
                            loss.item();
                        }
                    }
                };
            }
            case "medium_loaderonly": {
                Tensor x = Torch.randint(1, s.vocab(), new long[] {10000, s.seq()});
                Tensor y = Torch.randint(0, 2, new long[] {10000, 1}).to(DType.FLOAT32);
                DataLoader loader = new DataLoader(new TensorDataset(x, y),
                        DataLoaderOptions.defaults().batchSize((int) s.batch()).shuffle(true).device(device));
                return () -> {
                    for (Batch batch : loader) {
                        batch.batchSize();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown workload " + workload);
        }
    }
}
