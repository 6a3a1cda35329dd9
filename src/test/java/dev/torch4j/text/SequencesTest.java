package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected matrices come from a Python port of keras pad_sequences (pad_sequences.tsv). */
class SequencesTest {

    static Stream<Arguments> kerasCases() {
        return TextFixtures.rows("pad_sequences.tsv").stream().map(r -> Arguments.of(
                String.join(" ", r[0], r[1], r[2], r[3]), r[0], r[1], r[2], Long.parseLong(r[3]),
                TextFixtures.longRows(r[4]), TextFixtures.longRows(r[5])));
    }

    static PadOptions options(String maxlen, String padding, String truncating, long value) {
        PadOptions o = PadOptions.defaults()
                .padding(PadOptions.Side.valueOf(padding.toUpperCase()))
                .truncating(PadOptions.Side.valueOf(truncating.toUpperCase()))
                .value(value);
        return maxlen.equals("none") ? o : o.maxlen(Integer.parseInt(maxlen));
    }

    @Test
    void fixtureHasTheExpectedNumberOfCases() {
        assertEquals(19, TextFixtures.rows("pad_sequences.tsv").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void padMatchesKerasPadSequences(String name, String maxlen, String padding, String truncating, long value,
            List<long[]> input, List<long[]> expected) {
        List<long[]> before = deepCopy(input);
        try (Tensor t = Sequences.pad(input, options(maxlen, padding, truncating, value))) {
            assertEquals(DType.INT64, t.dtype());
            assertArrayEquals(new long[] {expected.size(), expected.get(0).length}, t.shape());
            assertArrayEquals(flatten(expected), t.toLongArray());
        }
        for (int i = 0; i < input.size(); i++) {
            assertArrayEquals(before.get(i), input.get(i), "input must not be modified");
        }
    }

    static Stream<Arguments> pytorchDefaultCases() {
        return TextFixtures.rows("pad_defaults.tsv").stream().map(r -> Arguments.of(
                "maxlen=" + r[0] + " " + r[1], r[0], TextFixtures.longRows(r[1]), TextFixtures.longRows(r[2])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pytorchDefaultCases")
    void defaultsPadAndTruncateAtTheEndAsPyTorchDoes(String name, String maxlen, List<long[]> input,
            List<long[]> expected) {
        PadOptions o = maxlen.equals("none") ? PadOptions.defaults()
                : PadOptions.defaults().maxlen(Integer.parseInt(maxlen));
        try (Tensor t = Sequences.pad(input, o)) {
            assertArrayEquals(new long[] {expected.size(), expected.get(0).length}, t.shape());
            assertArrayEquals(flatten(expected), t.toLongArray());
        }
        if (maxlen.equals("none")) {
            try (Tensor t = Sequences.pad(input)) {
                assertArrayEquals(flatten(expected), t.toLongArray());
            }
        }
    }

    @Test
    void emptyListNeedsMaxlen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.pad(List.of(), PadOptions.defaults()));
        assertEquals("cannot pad an empty list of sequences without maxlen: expected at least 1 sequence, got 0",
                e.getMessage());
        try (Tensor t = Sequences.pad(List.of(), PadOptions.defaults().maxlen(3))) {
            assertArrayEquals(new long[] {0, 3}, t.shape());
            assertEquals(DType.INT64, t.dtype());
        }
    }

    @Test
    void allEmptySequencesWithoutMaxlenGiveZeroColumns() {
        // keras: pad_sequences([[], []]).shape == (2, 0)
        try (Tensor t = Sequences.pad(List.of(new long[0], new long[0]))) {
            assertArrayEquals(new long[] {2, 0}, t.shape());
        }
    }

    @Test
    void nullSequenceIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Sequences.pad(Arrays.asList(new long[] {1}, null), PadOptions.defaults()));
        assertEquals("sequences[1] is null", e.getMessage());
    }

    @Test
    void tooLargeResultIsRejectedBeforeAllocating() {
        List<long[]> many = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.add(new long[0]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.pad(many, PadOptions.defaults().maxlen(Integer.MAX_VALUE)));
        assertEquals("padded size 3 x 2147483647 = 6442450941 exceeds the maximum of 2147483647 values",
                e.getMessage());
    }

    static long[] flatten(List<long[]> rows) {
        return rows.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static List<long[]> deepCopy(List<long[]> rows) {
        List<long[]> out = new ArrayList<>();
        for (long[] r : rows) {
            out.add(r.clone());
        }
        return out;
    }
}
