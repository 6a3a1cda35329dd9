package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A DataLoader over a plain list of {@code (text, label)} samples with a {@code collate_fn}, batch for batch as
 * PyTorch's (tools/gen_data_fixtures.py, collate_fn.txt).
 */
class CollateFnTest {
    private static final Fixtures F = Fixtures.load("collate_fn.txt");

    record Sample(String text, long label) {
    }

    /** samples = [(" ".join("w%d" % j for j in range(i % 4 + 1)), i % 3) for i in range(10)] */
    private static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> words = new ArrayList<>();
            for (int j = 0; j < i % 4 + 1; j++) {
                words.add("w" + j);
            }
            out.add(new Sample(String.join(" ", words), i % 3));
        }
        return out;
    }

    /** collate_batch: the labels, and the token count of each text. */
    private static Batch collate(List<Sample> batch) {
        return Batch.of(Tensor.of(batch.stream().mapToLong(Sample::label).toArray()),
                Tensor.of(batch.stream().mapToLong(s -> s.text().split(" ").length).toArray()));
    }

    private static String join(long[] v) {
        return Arrays.stream(v).mapToObj(Long::toString).collect(Collectors.joining(" "));
    }

    private static String twoEpochs(DataLoader loader) {
        List<String> epochs = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            List<String> batches = new ArrayList<>();
            for (Batch b : loader) {
                batches.add(join(b.get(0).toLongArray()) + " / " + join(b.get(1).toLongArray()));
            }
            epochs.add(String.join(" ; ", batches));
        }
        return String.join(" | ", epochs);
    }

    @Test
    void batchesMatchPyTorchsWithASeededAndWithTheGlobalGenerator() {
        for (long seed : new long[] {3, 11}) {
            DataLoader seeded = new DataLoader(samples(), CollateFnTest::collate,
                    DataLoaderOptions.defaults().batchSize(4).shuffle(true).seed(seed));
            Torch.manualSeed(seed);
            assertEquals(F.string("generator seed=" + seed), twoEpochs(seeded), "generator seed=" + seed);
            DataLoader global = new DataLoader(samples(), CollateFnTest::collate,
                    DataLoaderOptions.defaults().batchSize(4).shuffle(true).dropLast(true));
            Torch.manualSeed(seed);
            assertEquals(F.string("global seed=" + seed), twoEpochs(global), "global seed=" + seed);
            assertEquals(2, global.size(), "len(loader) with drop_last");
        }
    }

    @Test
    void prefetchGivesTheSameBatchesAndANullBatchIsRefused() {
        DataLoader plain = new DataLoader(samples(), CollateFnTest::collate,
                DataLoaderOptions.defaults().batchSize(3).shuffle(true).seed(5));
        DataLoader prefetched = new DataLoader(samples(), CollateFnTest::collate,
                DataLoaderOptions.defaults().batchSize(3).shuffle(true).seed(5).prefetch(2));
        assertEquals(twoEpochs(plain), twoEpochs(prefetched));
        DataLoader broken = new DataLoader(samples(), batch -> null, DataLoaderOptions.defaults());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.iterator().next());
        assertEquals("collate_fn returned null; it must return a Batch", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(samples(), null, DataLoaderOptions.defaults()));
    }
}
