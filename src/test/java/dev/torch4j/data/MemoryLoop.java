package dev.torch4j.data;

import dev.torch4j.Torch;
import dev.torch4j.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training-loop memory check, run by {@link DataLoaderTest} in a child JVM whose Java heap is
 * fixed and pre-touched, so that the resident set grows only with native memory. Prints
 * {@code RSS_KIB <before> <after> BATCHES <count>}.
 *
 * <p>Arguments: prefetch, warm-up epochs, measured epochs (10 batches of 100 rows each).
 */
final class MemoryLoop {
    private MemoryLoop() {
    }

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    public static void main(String[] args) throws IOException {
        int prefetch = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        // 100 KiB per batch: leaking the batches of 2000 epochs would grow the RSS by about 2 GB
        try (Tensor x = Torch.randn(1000, 256); Tensor y = Torch.arange(1000)) {
            DataLoader loader = new DataLoader(new TensorDataset(x, y),
                    DataLoaderOptions.defaults().batchSize(100).shuffle(true).prefetch(prefetch));
            long batches = 0;
            for (int e = 0; e < warmup; e++) {
                for (Batch b : loader) {
                    batches += b.batchSize() > 0 ? 1 : 0;
                }
            }
            long before = rssKiB();
            for (int e = 0; e < epochs; e++) {
                for (Batch b : loader) {
                    batches += b.batchSize() > 0 ? 1 : 0;
                }
            }
            System.out.println("RSS_KIB " + before + " " + rssKiB() + " BATCHES " + batches);
        }
    }
}
