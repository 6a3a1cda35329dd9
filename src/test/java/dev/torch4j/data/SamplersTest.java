package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** RandomSampler, SubsetRandomSampler and SequentialSampler draw for draw as PyTorch (samplers.txt). */
class SamplersTest {
    private static final Fixtures F = Fixtures.load("samplers.txt");

    private static TensorDataset range(long n) {
        return new TensorDataset(Torch.arange(n));
    }

    /** The generator's cases by name; the argument is the seed, or null for the global generator. */
    private static final Map<String, Function<Long, Sampler>> CASES = Map.of(
            "n=7", seed -> new RandomSampler(range(7), seeded(RandomSamplerOptions.defaults(), seed)),
            "n=5 num_samples=12", seed -> new RandomSampler(range(5),
                    seeded(RandomSamplerOptions.defaults().numSamples(12), seed)),
            "n=6 replacement num_samples=40", seed -> new RandomSampler(range(6),
                    seeded(RandomSamplerOptions.defaults().replacement(true).numSamples(40), seed)),
            "subset", seed -> seed == null ? new SubsetRandomSampler(new long[] {10, 20, 30, 40, 50})
                    : new SubsetRandomSampler(new long[] {10, 20, 30, 40, 50}, seed));

    private static RandomSamplerOptions seeded(RandomSamplerOptions o, Long seed) {
        return seed == null ? o : o.seed(seed);
    }

    private static String twoIterations(Sampler s) {
        return join(s) + " | " + join(s);
    }

    private static String join(Iterable<Long> s) {
        List<String> out = new ArrayList<>();
        s.forEach(i -> out.add(Long.toString(i)));
        return String.join(" ", out);
    }

    @Test
    void samplersDrawAsPyTorchFromTheGlobalGeneratorAndFromTheirOwn() {
        for (long seed : new long[] {0, 7}) {
            for (Map.Entry<String, Function<Long, Sampler>> c : CASES.entrySet()) {
                String key = c.getKey() + " seed=" + seed;
                Torch.manualSeed(seed);
                Sampler global = c.getValue().apply(null);
                assertEquals(F.string("global " + key), twoIterations(global), "global " + key);
                try (Tensor after = Torch.rand(2)) {
                    float[] a = after.toFloatArray();
                    double[] expected = F.doubles("global_after " + key);
                    assertEquals(expected[0], a[0], 1e-7, key + ": the global generator advanced as in PyTorch");
                    assertEquals(expected[1], a[1], 1e-7, key);
                }
                assertEquals(F.string("generator " + key), twoIterations(c.getValue().apply(seed)), "generator " + key);
            }
        }
    }

    @Test
    void aLoaderOverARandomSamplerDrawsItsBaseSeedFirstAsPyTorchDoes() {
        for (long seed : new long[] {0, 7}) {
            Torch.manualSeed(seed);
            TensorDataset data = range(8);
            DataLoader loader = new DataLoader(data, DataLoaderOptions.defaults().batchSize(3)
                    .sampler(new RandomSampler(data)));
            List<String> epochs = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                List<String> order = new ArrayList<>();
                for (Batch b : loader) {
                    for (long i : b.get(0).toLongArray()) {
                        order.add(Long.toString(i));
                    }
                }
                epochs.add(String.join(" ", order));
            }
            assertEquals(F.string("loader seed=" + seed), String.join(" | ", epochs), "seed " + seed);
        }
    }

    @Test
    void sequentialAndErrors() {
        assertEquals(F.string("sequential"), join(new SequentialSampler(range(4))));
        assertEquals(4, new SequentialSampler(range(4)).size());
        assertEquals(F.string("error.empty"), assertThrows(IllegalArgumentException.class,
                () -> new RandomSampler(range(0))).getMessage());
    }
}
