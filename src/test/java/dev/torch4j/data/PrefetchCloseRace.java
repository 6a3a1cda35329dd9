package dev.torch4j.data;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;

/**
 * A loop left after its first batch whose data tensor is closed at once, while the prefetch
 * thread is still gathering the next batches from it; run by {@link DataLoaderTest} in a child
 * JVM, since before the prefetch thread read its own aliases this crashed the JVM (SIGSEGV in
 * {@code index_select}, about every other run of 100 rounds). The data is over glibc's largest
 * mmap threshold (32 MiB), so freeing it unmaps it. Prints {@code OK <rounds>}.
 *
 * <p>Arguments: rounds, rows (of 256 floats), batch size, prefetch.
 */
final class PrefetchCloseRace {
    private PrefetchCloseRace() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        DataLoaderOptions options = DataLoaderOptions.defaults().batchSize(Integer.parseInt(args[2])).shuffle(true)
                .prefetch(Integer.parseInt(args[3]));
        try (Tensor source = Torch.randn(rows, 256)) {
            for (int r = 0; r < rounds; r++) {
                Tensor x = source.clone();
                DataLoader.BatchIterator it = new DataLoader(new TensorDataset(x), options).iterator();
                it.next();
                x.close();   // the user's data, closed while the prefetch thread reads it
                it.close();
            }
        }
        System.out.println("OK " + rounds);
    }
}
