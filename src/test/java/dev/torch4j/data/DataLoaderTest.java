package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataLoaderTest {
    private static final Fixtures LEN = Fixtures.load("len.txt");
    private static final Fixtures SEEDED = Fixtures.load("seeded.txt");
    private static final Fixtures GLOBAL = Fixtures.load("global.txt");
    private static final Fixtures BATCHES = Fixtures.load("batches.txt");
    private static final Fixtures PAD = Fixtures.load("pad.txt");
    private static final Fixtures DEFAULTS = Fixtures.load("defaults.txt");

    /** Hides a TensorDataset's type, so the loader takes the per-sample get + collate path. */
    static Dataset generic(Dataset d) {
        return new Dataset() {
            @Override
            public long size() {
                return d.size();
            }

            @Override
            public List<Tensor> get(long index) {
                return d.get(index);
            }
        };
    }

    /** A data set of fixed samples; get returns views, as the Dataset contract asks. */
    static Dataset listDataset(List<List<Tensor>> samples) {
        return new Dataset() {
            @Override
            public long size() {
                return samples.size();
            }

            @Override
            public List<Tensor> get(long index) {
                List<Tensor> out = new ArrayList<>();
                for (Tensor t : samples.get((int) index)) {
                    out.add(t.detach());
                }
                return out;
            }
        };
    }

    /** The sample indices of one epoch, read from a loader over {@code arange(n)}. */
    static long[] epoch(DataLoader loader) {
        List<Long> order = new ArrayList<>();
        for (Batch b : loader) {
            for (long v : b.get(0).toLongArray()) {
                order.add(v);
            }
        }
        return order.stream().mapToLong(Long::longValue).toArray();
    }

    // ------------------------------------------------------------------ counts

    @Test
    void sizeAndBatchSizesMatchPyTorch() {
        int cases = 0;
        for (int n : new int[] {0, 1, 5, 7, 10, 12, 100}) {
            try (Tensor data = Torch.arange(n)) {
                TensorDataset ds = new TensorDataset(data);
                for (int bs : new int[] {1, 2, 3, 4, 7, 10, 32}) {
                    for (boolean dl : new boolean[] {false, true}) {
                        String key = "n=" + n + " bs=" + bs + " drop_last=" + (dl ? 1 : 0);
                        DataLoader loader = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(bs).dropLast(dl));
                        assertEquals(LEN.longValue("len " + key), loader.size(), "len " + key);
                        List<Long> sizes = new ArrayList<>();
                        for (Batch b : loader) {
                            sizes.add(b.batchSize());
                        }
                        assertArrayEquals(LEN.longs("sizes " + key),
                                sizes.stream().mapToLong(Long::longValue).toArray(), "sizes " + key);
                        cases++;
                    }
                }
            }
        }
        assertEquals(98, cases);
    }

    @Test
    void lastBatchIsSmallerWithoutDropLastAndGoneWithIt() {
        try (Tensor data = Torch.arange(10)) {
            TensorDataset ds = new TensorDataset(data);
            DataLoader keep = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(4));
            DataLoader drop = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(4).dropLast(true));
            assertEquals(LEN.longValue("len n=10 bs=4 drop_last=0"), keep.size());
            assertEquals(LEN.longValue("len n=10 bs=4 drop_last=1"), drop.size());
            long[] sizes = LEN.longs("sizes n=10 bs=4 drop_last=0");
            long last = -1;
            for (Batch b : keep) {
                last = b.batchSize();
            }
            assertEquals(sizes[sizes.length - 1], last);
            assertEquals(2, last);
        }
    }

    // ------------------------------------------------------------------ order

    @Test
    void sequentialOrderWithoutShuffle() {
        try (Tensor data = Torch.arange(10)) {
            DataLoader loader = new DataLoader(new TensorDataset(data), DataLoaderOptions.defaults().batchSize(3));
            Torch.manualSeed(0);
            assertArrayEquals(GLOBAL.longs("seed=0 shuffle=0 epoch=0"), epoch(loader));
            assertArrayEquals(GLOBAL.longs("seed=0 shuffle=0 epoch=1"), epoch(loader));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void seededOrdersMatchPyTorchsGenerator(int prefetch) {
        for (long seed : new long[] {0, 1, 42, 123456789, (1L << 32) + 5}) {
            for (int n : new int[] {1, 7, 10, 100}) {
                try (Tensor data = Torch.arange(n)) {
                    DataLoader loader = new DataLoader(new TensorDataset(data),
                            DataLoaderOptions.defaults().batchSize(4).shuffle(true).seed(seed).prefetch(prefetch));
                    for (int e = 0; e < 3; e++) {
                        String key = "seed=" + seed + " n=" + n + " epoch=" + e;
                        assertArrayEquals(SEEDED.longs(key), epoch(loader), key);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameOrdersOtherSeedOtherOrders() {
        try (Tensor data = Torch.arange(50)) {
            TensorDataset ds = new TensorDataset(data);
            DataLoaderOptions o = DataLoaderOptions.defaults().batchSize(8).shuffle(true);
            DataLoader a = new DataLoader(ds, o.seed(5));
            DataLoader b = new DataLoader(ds, o.seed(5));
            DataLoader c = new DataLoader(ds, o.seed(6));
            for (int e = 0; e < 4; e++) {
                long[] ea = epoch(a);
                assertArrayEquals(ea, epoch(b), "epoch " + e);
                assertFalse(Arrays.equals(ea, epoch(c)), "epoch " + e);
            }
        }
    }

    @Test
    void eachEpochHasANewOrderCoveringEverySampleOnce() {
        int n = 100;
        try (Tensor data = Torch.arange(n)) {
            for (int prefetch : new int[] {0, 3}) {
                for (DataLoaderOptions o : new DataLoaderOptions[] {
                        DataLoaderOptions.defaults().batchSize(7).shuffle(true).prefetch(prefetch),
                        DataLoaderOptions.defaults().batchSize(7).shuffle(true).seed(9).prefetch(prefetch)}) {
                    DataLoader loader = new DataLoader(new TensorDataset(data), o);
                    long[] previous = null;
                    for (int e = 0; e < 5; e++) {
                        long[] order = epoch(loader);
                        long[] sorted = order.clone();
                        Arrays.sort(sorted);
                        long[] expected = new long[n];
                        Arrays.setAll(expected, i -> i);
                        assertArrayEquals(expected, sorted, "every index exactly once, epoch " + e + " " + o);
                        if (previous != null) {
                            assertFalse(Arrays.equals(previous, order), "a new order in epoch " + e + " " + o);
                        }
                        previous = order;
                    }
                }
            }
        }
    }

    @Test
    void globalGeneratorMatchesPyTorchAfterManualSeed() {
        try (Tensor data = Torch.arange(10)) {
            for (long seed : new long[] {0, 3, 2024}) {
                for (boolean shuffle : new boolean[] {true, false}) {
                    String prefix = "seed=" + seed + " shuffle=" + (shuffle ? 1 : 0);
                    Torch.manualSeed(seed);
                    DataLoader loader = new DataLoader(new TensorDataset(data),
                            DataLoaderOptions.defaults().batchSize(3).shuffle(shuffle));
                    for (int e = 0; e < 3; e++) {
                        assertArrayEquals(GLOBAL.longs(prefix + " epoch=" + e), epoch(loader), prefix + " epoch=" + e);
                    }
                    // the global stream advanced exactly as PyTorch's did
                    try (Tensor after = Torch.randint(0, 1000, new long[] {5})) {
                        assertArrayEquals(GLOBAL.longs(prefix + " after"), after.toLongArray(), prefix + " after");
                    }
                }
            }
        }
    }

    @Test
    void manualSeedMakesUnseededShufflingReproducible() {
        try (Tensor data = Torch.arange(30)) {
            DataLoader loader = new DataLoader(new TensorDataset(data),
                    DataLoaderOptions.defaults().batchSize(4).shuffle(true));
            Torch.manualSeed(11);
            long[] first = epoch(loader);
            long[] second = epoch(loader);
            Torch.manualSeed(11);
            assertArrayEquals(first, epoch(loader));
            assertArrayEquals(second, epoch(loader));
            assertFalse(Arrays.equals(first, second));
        }
    }

    // ------------------------------------------------------------------ contents

    @ParameterizedTest
    @ValueSource(strings = {"tensor", "generic", "tensor+prefetch", "generic+prefetch"})
    void batchesMatchPyTorch(String path) {
        Tensor[] xy = TensorDatasetTest.notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            Dataset ds = new TensorDataset(x, y);
            if (path.startsWith("generic")) {
                ds = generic(ds);
            }
            DataLoader loader = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(2).shuffle(true).seed(7)
                    .prefetch(path.endsWith("prefetch") ? 2 : 0));
            assertEquals(BATCHES.longValue("len"), loader.size());
            for (int e = 0; e < 2; e++) {
                int i = 0;
                for (Batch b : loader) {
                    String key = "epoch=" + e + " batch=" + i++;
                    assertEquals(2, b.size());
                    CollateTest.assertField(BATCHES, key + " x", b.get(0));
                    CollateTest.assertField(BATCHES, key + " y", b.get(1));
                }
                assertEquals(BATCHES.longValue("len"), i);
            }
        }
    }

    @Test
    void padSequencesThroughTheLoaderMatchesPyTorch() {
        List<List<Tensor>> samples = CollateTest.padSamples();
        try {
            DataLoader loader = new DataLoader(listDataset(samples), DataLoaderOptions.defaults().batchSize(4)
                    .collate(Collate.padSequences(Double.parseDouble(PAD.string("padding_value")))));
            assertEquals(PAD.longValue("len"), loader.size());
            int b = 0;
            for (Batch batch : loader) {
                CollateTest.assertField(PAD, "batch=" + b + " tokens", batch.get(0));
                CollateTest.assertField(PAD, "batch=" + b + " feats", batch.get(1));
                CollateTest.assertField(PAD, "batch=" + b + " labels", batch.get(2));
                b++;
            }
            assertEquals(PAD.longValue("len"), b);
            for (List<Tensor> s : samples) {
                for (Tensor t : s) {
                    assertFalse(t.isClosed(), "the loader closes only the views the data set returned");
                }
            }
        } finally {
            CollateTest.close(samples);
        }
    }

    @Test
    void sampleTensorsAreClosedAfterCollate() {
        List<Tensor> handedOut = new ArrayList<>();
        try (Tensor data = Torch.arange(6)) {
            TensorDataset inner = new TensorDataset(data);
            Dataset ds = new Dataset() {
                @Override
                public long size() {
                    return inner.size();
                }

                @Override
                public List<Tensor> get(long index) {
                    List<Tensor> s = inner.get(index);
                    handedOut.addAll(s);
                    return s;
                }
            };
            for (Batch b : new DataLoader(ds, DataLoaderOptions.defaults().batchSize(4))) {
                assertEquals(b.batchSize(), b.get(0).size(0));
            }
        }
        assertEquals(6, handedOut.size());
        for (Tensor t : handedOut) {
            assertTrue(t.isClosed());
        }
    }

    // ------------------------------------------------------------------ devices

    @Test
    void batchesArriveOnTheCpuDevice() {
        Tensor[] xy = TensorDatasetTest.notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            for (int prefetch : new int[] {0, 2}) {
                DataLoader loader = new DataLoader(new TensorDataset(x, y),
                        DataLoaderOptions.defaults().batchSize(3).device(Device.cpu()).prefetch(prefetch));
                int n = 0;
                for (Batch b : loader) {
                    assertEquals(Device.cpu(), b.get(0).device());
                    assertEquals(Device.cpu(), b.get(1).device());
                    n++;
                }
                assertEquals(3, n);
            }
        }
    }

    @Test
    @Tag("cuda")
    void batchesArriveOnCudaPinnedAndCopiedNonBlocking() {
        assumeTrue(Device.isCudaAvailable(), "no CUDA device here (Device.isCudaAvailable() is false); "
                + "this test runs on a GPU machine with the cuda profile");
        Tensor[] xy = TensorDatasetTest.notebookData();
        try (Tensor x = xy[0]; Tensor y = xy[1]) {
            for (String path : new String[] {"tensor", "generic", "tensor+prefetch"}) {
                Dataset ds = path.startsWith("generic") ? generic(new TensorDataset(x, y)) : new TensorDataset(x, y);
                DataLoader loader = new DataLoader(ds, DataLoaderOptions.defaults().batchSize(2).shuffle(true)
                        .seed(7).device(Device.cuda()).prefetch(path.endsWith("prefetch") ? 2 : 0));
                for (int e = 0; e < 2; e++) {
                    int i = 0;
                    for (Batch b : loader) {
                        String key = "epoch=" + e + " batch=" + i++;
                        assertEquals(Device.cuda(), b.get(0).device(), key);
                        assertEquals(Device.cuda(), b.get(1).device(), key);
                        CollateTest.assertField(BATCHES, key + " x", b.get(0));
                        CollateTest.assertField(BATCHES, key + " y", b.get(1));
                    }
                }
            }
        }
    }

    @Test
    void aCudaDeviceThisMachineLacksIsRejected() {
        int count = Device.cudaDeviceCount();
        try (Tensor data = Torch.arange(4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(
                    new TensorDataset(data), DataLoaderOptions.defaults().device(Device.cuda(count))));
            assertTrue(e.getMessage().contains("cuda:" + count), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ errors

    @Test
    void shufflingAnEmptyDatasetIsRejectedLikeRandomSampler() {
        try (Tensor data = Torch.arange(0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(
                    new TensorDataset(data), DataLoaderOptions.defaults().shuffle(true)));
            assertEquals(DEFAULTS.string("error.shuffle_empty"), e.getMessage());
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(null));
        try (Tensor data = Torch.arange(3)) {
            assertThrows(IllegalArgumentException.class, () -> new DataLoader(new TensorDataset(data), null));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aFailingDatasetFailsTheLoopAndStopsTheIteration(int prefetch) {
        Dataset broken = new Dataset() {
            @Override
            public long size() {
                return 10;
            }

            @Override
            public List<Tensor> get(long index) {
                if (index == 5) {
                    throw new IllegalArgumentException("bad sample " + index);
                }
                return List.of(Tensor.scalar(index));
            }
        };
        DataLoader loader = new DataLoader(broken, DataLoaderOptions.defaults().batchSize(2).prefetch(prefetch));
        DataLoader.BatchIterator it = loader.iterator();
        Batch first = it.next();
        it.next();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, it::next);
        assertEquals("bad sample 5", e.getMessage());
        assertFalse(it.hasNext());
        assertTrue(first.isClosed());
    }

    // ------------------------------------------------------------------ ownership and memory

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void theIteratorClosesThePreviousAndTheLastBatch(int prefetch) {
        try (Tensor data = Torch.arange(10)) {
            DataLoader loader = new DataLoader(new TensorDataset(data),
                    DataLoaderOptions.defaults().batchSize(4).prefetch(prefetch));
            DataLoader.BatchIterator it = loader.iterator();
            Batch a = it.next();
            assertFalse(a.isClosed());
            Batch b = it.next();
            assertTrue(a.isClosed(), "next() closes the previous batch");
            assertFalse(b.isClosed());
            Batch c = it.next();
            assertTrue(b.isClosed());
            assertFalse(c.isClosed());
            assertFalse(it.hasNext());
            assertTrue(c.isClosed(), "the end of the iteration closes the last batch");
            assertThrows(NoSuchElementException.class, it::next);
            assertFalse(data.isClosed(), "the data set's tensors are the caller's");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aKeptBatchIsTheCallers(int prefetch) {
        try (Tensor data = Torch.arange(10)) {
            DataLoader loader = new DataLoader(new TensorDataset(data),
                    DataLoaderOptions.defaults().batchSize(4).prefetch(prefetch));
            Batch kept = null;
            for (Batch b : loader) {
                if (kept == null) {
                    kept = b.keep();
                }
            }
            assertFalse(kept.isClosed());
            assertArrayEquals(new long[] {0, 1, 2, 3}, kept.get(0).toLongArray());
            kept.close();
        }
    }

    /** Hides a TensorDataset's type and records every batch the collate function makes, on whichever thread. */
    private static DataLoader recordingLoader(Tensor data, int prefetch, List<Batch> made) {
        Collate recording = samples -> {
            Batch b = Collate.defaultCollate().apply(samples);
            made.add(b);
            return b;
        };
        return new DataLoader(generic(new TensorDataset(data)),
                DataLoaderOptions.defaults().batchSize(4).prefetch(prefetch).collate(recording));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void closingTheIteratorEarlyReleasesItsBatchesAndThread(int prefetch) throws InterruptedException {
        try (Tensor data = Torch.arange(100)) {
            List<Batch> made = Collections.synchronizedList(new ArrayList<>());
            DataLoader loader = recordingLoader(data, prefetch, made);
            Set<Thread> before = prefetchThreads();
            Batch b;
            Set<Thread> started;
            try (DataLoader.BatchIterator it = loader.iterator()) {
                b = it.next();
                started = new HashSet<>(prefetchThreads());
                started.removeAll(before);
                assertEquals(prefetch > 0 ? 1 : 0, started.size(), "one prefetch thread per prefetching iteration");
            }
            for (Thread t : started) {
                assertFalse(t.isAlive(), "close() returned before its prefetch thread ended");
            }
            assertTrue(b.isClosed());
            synchronized (made) {
                assertTrue(made.size() >= 1, "made " + made.size());
                for (int i = 0; i < made.size(); i++) {
                    assertTrue(made.get(i).isClosed(), "batch " + i + " of " + made.size() + " left open by close()");
                }
            }
        }
    }

    /**
     * The cleaner of an iterator left without close(): once the iterator is unreachable its
     * prefetch thread ends and the batches it prepared are closed, but not the one delivered.
     * Reachability is what is under test and only the garbage collector decides it, so the test
     * prompts it (System.gc()) and waits on a ReferenceQueue for the iterator itself to be
     * collected, then joins that iteration's own thread: no sleeps, and each way of breaking it
     * fails with its own message (iterator kept reachable, thread not stopped, batch left open).
     */
    @Test
    void anAbandonedPrefetchIteratorStopsItsThreadAndClosesWhatItPreparedOnceUnreachable()
            throws InterruptedException {
        try (Tensor data = Torch.arange(100)) {
            List<Batch> made = Collections.synchronizedList(new ArrayList<>());
            DataLoader loader = recordingLoader(data, 2, made);
            Set<Thread> before = prefetchThreads();
            ReferenceQueue<Object> collected = new ReferenceQueue<>();
            Batch[] delivered = new Batch[1];
            Reference<?> ref = abandonAfterOneBatch(loader, collected, delivered);
            Set<Thread> started = new HashSet<>(prefetchThreads());
            started.removeAll(before);
            assertEquals(1, started.size(), "the abandoned iteration's prefetch thread");
            Thread worker = started.iterator().next();
            Reference<?> seen = null;
            for (int i = 0; i < 100 && seen == null; i++) {
                System.gc();
                seen = collected.remove(100);
            }
            assertSame(ref, seen, "the abandoned iterator stayed reachable (from its prefetch thread or cleaner?)");
            worker.join(20_000);
            assertFalse(worker.isAlive(), "the cleaner did not stop the prefetch thread of the unreachable iterator");
            synchronized (made) {
                assertTrue(made.size() >= 2, "the thread prepared " + made.size() + " batches");
                for (int i = 0; i < made.size(); i++) {
                    if (made.get(i) != delivered[0]) {
                        assertTrue(made.get(i).isClosed(), "prepared batch " + i + " left open by the cleaner");
                    }
                }
            }
            assertFalse(delivered[0].isClosed(), "the delivered batch is never closed behind the caller's back");
            assertArrayEquals(new long[] {0, 1, 2, 3}, delivered[0].get(0).toLongArray());
            delivered[0].close();
        }
    }

    /** Starts an iteration, takes one batch and drops the iterator, like a loop left with break. */
    private static Reference<?> abandonAfterOneBatch(DataLoader loader, ReferenceQueue<Object> queue,
            Batch[] delivered) {
        DataLoader.BatchIterator it = loader.iterator();
        delivered[0] = it.next();
        return new WeakReference<>(it, queue);
    }

    private static Set<Thread> prefetchThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("torch4j-dataloader-prefetch") && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ threads sharing one iterator

    /**
     * Two threads sharing one iterator: each batch goes to one thread, and a batch is closed only
     * when the thread that took it moves on (or the iterator is closed), never by the other thread.
     */
    @Test
    void aSharedIteratorClosesABatchOnlyWhenTheThreadThatTookItMovesOn() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Tensor data = Torch.arange(8)) {
            DataLoader loader = new DataLoader(new TensorDataset(data), DataLoaderOptions.defaults().batchSize(2));
            DataLoader.BatchIterator it = loader.iterator();
            Batch a1 = it.next();
            Batch b1 = other.submit(it::next).get();
            assertFalse(a1.isClosed(), "another thread's next() closed this thread's batch");
            Batch a2 = it.next();
            assertTrue(a1.isClosed(), "this thread's next() closes its own previous batch");
            assertFalse(b1.isClosed());
            Batch b2 = other.submit(it::next).get();
            assertTrue(b1.isClosed());
            assertFalse(a2.isClosed());
            assertArrayEquals(new long[] {4, 5}, a2.get(0).toLongArray());
            assertArrayEquals(new long[] {6, 7}, b2.get(0).toLongArray());
            assertNull(other.submit(it::nextOrNull).get(), "the iteration is over after 4 batches");
            assertTrue(b2.isClosed(), "the end, seen by the other thread, closes its batch");
            assertFalse(a2.isClosed(), "... and not this thread's");
            assertFalse(it.hasNext());
            assertTrue(a2.isClosed());
            assertThrows(NoSuchElementException.class, it::next);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void closingASharedIteratorClosesTheBatchesOfEveryThread() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Tensor data = Torch.arange(8)) {
            DataLoader loader = new DataLoader(new TensorDataset(data), DataLoaderOptions.defaults().batchSize(2));
            DataLoader.BatchIterator it = loader.iterator();
            Batch mine = it.next();
            Batch theirs = other.submit(it::next).get();
            it.close();
            assertTrue(mine.isClosed());
            assertTrue(theirs.isClosed());
            assertNull(it.nextOrNull());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void nextOrNullIsNextUntilTheEndThenNull() {
        try (Tensor data = Torch.arange(5)) {
            DataLoader loader = new DataLoader(new TensorDataset(data), DataLoaderOptions.defaults().batchSize(2));
            DataLoader.BatchIterator it = loader.iterator();
            List<Long> seen = new ArrayList<>();
            Batch previous = null;
            for (Batch b; (b = it.nextOrNull()) != null; ) {
                if (previous != null) {
                    assertTrue(previous.isClosed());
                }
                for (long v : b.get(0).toLongArray()) {
                    seen.add(v);
                }
                previous = b;
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seen);
            assertTrue(previous.isClosed(), "answering null ends the iteration like hasNext() answering false");
            assertNull(it.nextOrNull());
        }
    }

    /**
     * Issue 14 item 3: threads draining one iterator crashed the JVM (SIGSEGV) in 3 of 4 runs and
     * failed in the 4th, a thread's next() closing the batch another thread computed on. Runs in a
     * child JVM so that a crash is reported as this test's failure.
     */
    @ParameterizedTest
    @CsvSource({"hasNext, 0", "nextOrNull, 2"})
    void threadsSharingOneIteratorNeitherCrashNorLoseABatch(String style, int prefetch)
            throws IOException, InterruptedException {
        String out = runChild(SharedIteratorStress.class, "4", "25", String.valueOf(prefetch), style);
        assertTrue(out.contains("OK 25 3200"), out);
    }

    /** The prefetch thread's own aliases: the user may close the data after leaving a loop early. */
    @Test
    void closingTheDataWhileThePrefetchThreadGathersFromItDoesNotCrash() throws IOException, InterruptedException {
        String out = runChild(PrefetchCloseRace.class, "100", "40000", "2048", "4");
        assertTrue(out.contains("OK 100"), out);
    }

    private static String runChild(Class<?> main, String... args) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:ErrorFile=/dev/null", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "the child JVM failed or crashed:\n" + out);
        return out;
    }

    @Test
    void aBatchOutlivesAStepScopeOpenedAroundNext() {
        try (Tensor data = Torch.arange(10)) {
            DataLoader loader = new DataLoader(new TensorDataset(data), DataLoaderOptions.defaults().batchSize(5));
            DataLoader.BatchIterator it = loader.iterator();
            Batch b;
            try (var step = Torch.scope()) {
                b = it.next();
            }
            assertFalse(b.isClosed(), "batches belong to their iterator, not to the caller's scope");
            assertArrayEquals(new long[] {0, 1, 2, 3, 4}, b.get(0).toLongArray());
            it.close();
            assertTrue(b.isClosed());
        }
    }

    /**
     * A training loop over 20000 batches without closing any keeps native memory flat. It runs in a
     * child JVM with a fixed, pre-touched heap: in this JVM the resident set also grows while the
     * garbage collector first touches its heap, hundreds of MB that have nothing to do with tensors.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void twentyThousandBatchesKeepNativeMemoryFlat(int prefetch) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
                "-Dorg.bytedeco.javacpp.maxBytes=0", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-cp", System.getProperty("java.class.path"), MemoryLoop.class.getName(),
                String.valueOf(prefetch), "200", "2000")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("RSS_KIB ")).findFirst().orElseThrow(() ->
                new AssertionError("no RSS_KIB line in the child's output:\n" + out));
        System.out.println("prefetch=" + prefetch + ": " + line);
        String[] f = line.split(" ");
        long growthKiB = Long.parseLong(f[2]) - Long.parseLong(f[1]);
        assertEquals(2200L * 10, Long.parseLong(f[4]), line);
        assertTrue(growthKiB < 50 * 1024, "RSS grew by " + growthKiB + " KiB over 20000 batches: " + line);
    }
}
