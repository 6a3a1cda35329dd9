package dev.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.Data;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** random_split, Subset and ConcatDataset against PyTorch's values (tools/gen_data_fixtures.py, split.txt). */
class RandomSplitTest {
    private static final Fixtures F = Fixtures.load("split.txt");

    private static String indices(List<Subset> parts) {
        StringBuilder s = new StringBuilder();
        for (Subset p : parts) {
            if (!s.isEmpty()) {
                s.append(" | ");
            }
            s.append(String.join(" ", Arrays.stream(p.indices()).mapToObj(Long::toString).toList()));
        }
        return s.toString();
    }

    private static TensorDataset range(long n) {
        return new TensorDataset(Torch.arange(n));
    }

    @Test
    void splitsAsPyTorchDoesFromTheGlobalGeneratorAndFromASeededOne() {
        int checked = 0;
        for (Map.Entry<String, String> e : F.all().entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("global ") && !key.startsWith("generator ")) {
                continue;
            }
            // "<kind> n=10 lengths=0.8,0.2 seed=0"
            String[] parts = key.split(" ");
            long n = Long.parseLong(parts[1].substring(2));
            String[] lengths = parts[2].substring("lengths=".length()).split(",");
            long seed = Long.parseLong(parts[3].substring(5));
            boolean fractions = lengths[0].contains(".");
            long[] ls = Arrays.stream(lengths).mapToLong(s -> fractions ? 0 : Long.parseLong(s)).toArray();
            double[] fs = Arrays.stream(lengths).mapToDouble(Double::parseDouble).toArray();
            TensorDataset data = range(n);
            List<Subset> split;
            if (parts[0].equals("global")) {
                Torch.manualSeed(seed);
                split = fractions ? Data.randomSplit(data, fs) : Data.randomSplit(data, ls);
                try (Tensor after = Torch.rand(2)) {
                    assertArrayEquals(F.doubles("global_after " + key.substring(7)), toDoubles(after.toFloatArray()),
                            1e-7, key + ": the global generator advanced as in PyTorch");
                }
            } else {
                split = fractions ? Data.randomSplit(data, fs, seed) : Data.randomSplit(data, ls, seed);
            }
            assertEquals(e.getValue(), indices(split).trim(), key);  // the fixture reader trims an empty last part
            checked++;
        }
        assertEquals(24, checked, "rows of split.txt");
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void aSubsetReadsTheDatasetAtItsIndices() {
        Subset s = new Subset(range(10), new long[] {7, 2});
        assertEquals(2, s.size());
        assertEquals(7, s.get(0).get(0).item());
        assertEquals(2, s.get(1).get(0).item());
        assertThrows(IllegalArgumentException.class, () -> s.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Subset(range(3), new long[] {0, 3}));
        assertEquals("Subset: index 3 at position 1 is out of range for a dataset of 3 samples", e.getMessage());
    }

    @Test
    void wrongLengthsGetPyTorchsMessages() {
        assertEquals(F.string("error.sum"), assertThrows(IllegalArgumentException.class,
                () -> Data.randomSplit(range(10), 5, 4)).getMessage());
        assertEquals(F.string("error.fraction"), assertThrows(IllegalArgumentException.class,
                () -> Data.randomSplit(range(10), 1.5, -0.5)).getMessage());
    }

    @Test
    void concatDatasetChainsItsDatasets() {
        ConcatDataset cat = new ConcatDataset(range(3), new TensorDataset(Torch.arange(10, 15)));
        assertEquals(F.longValue("concat.len"), cat.size());
        assertArrayEquals(F.longs("concat.cumulative_sizes"), cat.cumulativeSizes());
        long[] items = new long[(int) cat.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = (long) cat.get(i).get(0).item();
        }
        assertArrayEquals(F.longs("concat.items"), items);
        assertArrayEquals(F.longs("concat.negative"),
                new long[] {(long) cat.get(-1).get(0).item(), (long) cat.get(-8).get(0).item()});
        assertEquals(F.string("error.concat_empty"), assertThrows(IllegalArgumentException.class,
                () -> new ConcatDataset(List.of())).getMessage());
    }
}
