package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.internal.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    private static TensorDataset numbered(int n) {
        return new TensorDataset(Tensor.arange(n), Tensor.zeros(n, 2));
    }

    /** The sample ids of one epoch, in order. */
    private static List<Long> epoch(DataLoader loader) {
        List<Long> ids = new ArrayList<>();
        for (Batch b : loader) {
            for (long v : b.get(0).toLongArray()) {
                ids.add(v);
            }
        }
        return ids;
    }

    @Test
    void batchCountsAndSizesMatchPyTorch() throws IOException {
        String tsv;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/data/loader_sizes.tsv")) {
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String line : tsv.split("\n")) {
            String[] f = line.split("\t", -1);
            int n = Integer.parseInt(f[0]);
            int bs = Integer.parseInt(f[1]);
            boolean drop = Boolean.parseBoolean(f[2]);
            DataLoader loader = new DataLoader(numbered(n), DataLoaderOptions.defaults().batchSize(bs).dropLast(drop));
            String what = "n=" + n + " batch_size=" + bs + " drop_last=" + drop;
            assertEquals(Long.parseLong(f[3]), loader.size(), what + ": len(loader)");
            List<String> sizes = new ArrayList<>();
            for (Batch b : loader) {
                sizes.add(Long.toString(b.batchSize()));
            }
            assertEquals(f[4], String.join(",", sizes), what + ": batch sizes");
            cases++;
        }
        assertEquals(72, cases);
    }

    @Test
    void inOrderWithoutShuffleAndFieldsStayAligned() {
        Tensor x = Tensor.arange(5);
        Tensor y = Tensor.arange(5).mul(10L);
        DataLoader loader = new DataLoader(new TensorDataset(x, y), DataLoaderOptions.defaults().batchSize(2));
        List<Long> ids = epoch(loader);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids);
        for (Batch b : new DataLoader(new TensorDataset(x, y),
                DataLoaderOptions.defaults().batchSize(2).shuffle(true).seed(3))) {
            long[] xs = b.get(0).toLongArray();
            long[] ys = b.get(1).toLongArray();
            for (int i = 0; i < xs.length; i++) {
                assertEquals(xs[i] * 10, ys[i], "labels follow their inputs");
            }
        }
    }

    @Test
    void shuffleIsReproduciblePerSeedAndNewEachEpoch() {
        DataLoaderOptions o = DataLoaderOptions.defaults().batchSize(4).shuffle(true).seed(42);
        DataLoader a = new DataLoader(numbered(50), o);
        DataLoader b = new DataLoader(numbered(50), o);
        List<Long> a1 = epoch(a);
        List<Long> a2 = epoch(a);
        assertEquals(a1, epoch(b), "same seed, same first epoch");
        assertEquals(a2, epoch(b), "same seed, same second epoch");
        assertNotEquals(a1, a2, "a new order each epoch");
        List<Long> sorted = new ArrayList<>(a1);
        sorted.sort(null);
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            all.add(i);
        }
        assertEquals(all, sorted, "every sample exactly once per epoch");
        assertNotEquals(a1, epoch(new DataLoader(numbered(50), o.seed(43))), "another seed, another order");
        assertNotEquals(all, a1, "shuffled");

        Torch.manualSeed(5);
        List<Long> g1 = epoch(new DataLoader(numbered(50), DataLoaderOptions.defaults().shuffle(true)));
        Torch.manualSeed(5);
        List<Long> g2 = epoch(new DataLoader(numbered(50), DataLoaderOptions.defaults().shuffle(true)));
        assertEquals(g1, g2, "without a seed, Torch.manualSeed makes shuffling reproducible");
    }

    @Test
    void customCollatePadsVariableLengthSequences() throws IOException {
        String line;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/data/pad_sequence.tsv")) {
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        String[] f = line.split("\t");
        long[] shape = Arrays.stream(f[0].split(" ")).mapToLong(Long::parseLong).toArray();
        long[] values = Arrays.stream(f[1].split(" ")).mapToLong(Long::parseLong).toArray();
        List<Tensor> rows = List.of(Tensor.of(new long[] {1, 2, 3}), Tensor.of(new long[] {4}),
                Tensor.of(new long[] {5, 6}));
        Dataset ragged = new Dataset() {
            @Override
            public long size() {
                return rows.size();
            }

            @Override
            public List<Tensor> get(long index) {
                return List.of(rows.get((int) index).clone());
            }
        };
        DataLoader loader = new DataLoader(ragged,
                DataLoaderOptions.defaults().batchSize(3).collate(Collate.padSequences(-1)));
        Batch b = loader.iterator().next();
        assertArrayEquals(shape, b.get(0).shape());
        assertArrayEquals(values, b.get(0).toLongArray());
    }

    @Test
    void prefetchingGivesTheSameBatches() {
        DataLoaderOptions o = DataLoaderOptions.defaults().batchSize(3).shuffle(true).seed(9);
        assertEquals(epoch(new DataLoader(numbered(40), o)), epoch(new DataLoader(numbered(40), o.prefetch(2))));
    }

    @Test
    void badArgumentsAreRejected() {
        var bs = assertThrows(IllegalArgumentException.class, () -> DataLoaderOptions.defaults().batchSize(0));
        assertEquals("batch_size should be a positive integer value, but got batch_size=0", bs.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(7, 4), Tensor.zeros(6, 1)));
        assertTrue(mismatch.getMessage().startsWith("Size mismatch between tensors")
                && mismatch.getMessage().contains("7") && mismatch.getMessage().contains("6"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, TensorDataset::new);
        assertThrows(IllegalArgumentException.class, () -> DataLoaderOptions.defaults().prefetch(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> numbered(3).get(3));
    }

    @Test
    void batchesArePreviousClosedAndMemoryStaysFlat() throws IOException {
        DataLoader loader = new DataLoader(numbered(64), DataLoaderOptions.defaults().batchSize(8).shuffle(true));
        Batch first = loader.iterator().next();
        Batch second = null;
        var it = loader.iterator();
        Batch a = it.next();
        Batch b2 = it.next();
        assertTrue(a.get(0).isClosed(), "the previous batch is closed when the next is handed out");
        assertFalse(b2.get(0).isClosed());
        while (it.hasNext()) {
            second = it.next();
        }
        assertTrue(second.get(0).isClosed(), "the last batch is closed when the epoch ends");
        first.close();
        for (int e = 0; e < 200; e++) {
            epoch(loader);
        }
        long before = Native.liveNativeObjects();
        List<Tensor> seen = new ArrayList<>();   // strong references: GC cannot hide an unclosed batch
        for (int e = 0; e < 2000; e++) {
            for (Batch b : loader) {
                seen.addAll(b.fields());
                try (Tensor s = b.get(0).sum()) {
                    assertEquals(DType.INT64, s.dtype());
                }
            }
        }
        assertEquals(16_000 * 2, seen.size());
        assertTrue(seen.stream().allMatch(Tensor::isClosed), "every batch was closed by the loader");
        long growth = Native.liveNativeObjects() - before;
        assertTrue(growth <= 0, growth + " more live native objects after 16,000 batches");
    }

    @Test
    @Tag("cuda")
    void batchesArriveOnTheGpu() {
        Assumptions.assumeTrue(Device.isCudaAvailable(), "no CUDA device on this machine (CPU-only build or no GPU)");
        DataLoader loader = new DataLoader(numbered(10),
                DataLoaderOptions.defaults().batchSize(4).device(Device.cuda()));
        for (Batch b : loader) {
            assertTrue(b.get(0).device().isCuda());
            assertTrue(b.get(1).device().isCuda());
        }
    }

    @Test
    void batchesArriveOnTheChosenDevice() {
        for (Batch b : new DataLoader(numbered(10), DataLoaderOptions.defaults().batchSize(4).device(Device.cpu()))) {
            assertEquals(Device.cpu(), b.get(0).device());
        }
    }
}
