package dev.torch4j.data;

import dev.torch4j.Torch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DistributedSampler against PyTorch's indices (tools/gen_distributed_fixtures.py writes data/sampler.txt). */
class DistributedSamplerTest {
    private static final Fixtures SAMPLER = Fixtures.load("sampler.txt");
    private static final Pattern KEY = Pattern.compile(
            "n=(\\d+) replicas=(\\d+) rank=(\\d+) shuffle=(\\d) seed=(\\d+) epoch=(\\d+) drop_last=(\\d)");

    /** A data set of {@code n} samples that are never read: the sampler only needs the size. */
    static Dataset sized(long n) {
        return new Dataset() {
            @Override
            public long size() {
                return n;
            }

            @Override
            public List<Tensor> get(long index) {
                throw new AssertionError("the sampler must not read samples");
            }
        };
    }

    static long[] indices(Sampler s) {
        List<Long> l = new ArrayList<>();
        s.forEach(l::add);
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void everyRankGetsPyTorchsIndices() {
        int rows = 0;
        for (Map.Entry<String, String> e : SAMPLER.all().entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            DistributedSamplerOptions o = DistributedSamplerOptions.defaults()
                    .numReplicas(Integer.parseInt(m.group(2))).rank(Integer.parseInt(m.group(3)))
                    .shuffle(m.group(4).equals("1")).seed(Long.parseLong(m.group(5))).dropLast(m.group(7).equals("1"));
            DistributedSampler s = new DistributedSampler(sized(Long.parseLong(m.group(1))), o);
            s.setEpoch(Long.parseLong(m.group(6)));
            long[] expected = SAMPLER.longs(e.getKey());
            assertArrayEquals(expected, indices(s), e.getKey());
            assertEquals(expected.length, s.size(), "len " + e.getKey());
            if (m.group(3).equals("0")) {
                assertEquals(SAMPLER.longValue("len " + e.getKey()), s.size(), "len " + e.getKey());
            }
            rows++;
        }
        assertEquals(400, rows, "fixture rows read");
    }

    @Test
    void setEpochChangesTheOrderAndTheSeedOfAnEpochIsSeedPlusEpoch() {
        DistributedSamplerOptions o = DistributedSamplerOptions.defaults().numReplicas(2).rank(1).seed(0);
        DistributedSampler s = new DistributedSampler(sized(13), o);
        s.setEpoch(1);
        // PyTorch seeds epoch e with seed + e: epoch 1 of seed 0 is epoch 0 of seed 1
        DistributedSampler t = new DistributedSampler(sized(13), o.seed(1));
        assertArrayEquals(indices(t), indices(s));
        assertArrayEquals(SAMPLER.longs("n=13 replicas=2 rank=1 shuffle=1 seed=0 epoch=1 drop_last=0"), indices(s));
        assertEquals(1, s.epoch());
    }

    @Test
    void rankOutsideTheReplicasIsPyTorchsError() {
        assertEquals(SAMPLER.string("error rank=2 replicas=2"), assertThrows(IllegalArgumentException.class,
                () -> new DistributedSampler(sized(4), DistributedSamplerOptions.defaults().numReplicas(2).rank(2)))
                .getMessage());
        assertEquals(SAMPLER.string("error rank=-1 replicas=3"), assertThrows(IllegalArgumentException.class,
                () -> new DistributedSampler(sized(4), DistributedSamplerOptions.defaults().numReplicas(3).rank(-1)))
                .getMessage());
    }

    @Test
    void withoutAProcessGroupTheDefaultsAreAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DistributedSampler(sized(4)));
        assertTrue(e.getMessage().startsWith("Default process group has not been initialized"), e.getMessage());
    }

    @Test
    void dataLoaderBatchesTheSamplersIndices() {
        Tensor x = Torch.arange(10);
        DistributedSampler s = new DistributedSampler(new TensorDataset(x),
                DistributedSamplerOptions.defaults().numReplicas(3).rank(2));
        DataLoader loader = new DataLoader(new TensorDataset(x), DataLoaderOptions.defaults().batchSize(3).sampler(s));
        assertEquals(2, loader.size(), "ceil(len(sampler) / batch_size), len(sampler) = 4");
        for (int epoch = 0; epoch < 2; epoch++) {
            s.setEpoch(epoch);
            List<Long> seen = new ArrayList<>();
            for (Batch b : loader) {
                for (long v : b.get(0).toLongArray()) {
                    seen.add(v);
                }
            }
            long[] expected = SAMPLER.longs("n=10 replicas=3 rank=2 shuffle=1 seed=0 epoch=" + epoch + " drop_last=0");
            assertArrayEquals(expected, seen.stream().mapToLong(Long::longValue).toArray(), "epoch " + epoch);
        }
    }

    @Test
    void samplerAndShuffleExcludeEachOtherAsInPyTorch() {
        DistributedSampler s = new DistributedSampler(sized(4), DistributedSamplerOptions.defaults().numReplicas(1).rank(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(sized(4),
                DataLoaderOptions.defaults().sampler(s).shuffle(true)));
        assertEquals(SAMPLER.string("error sampler and shuffle"), e.getMessage());
    }
}
