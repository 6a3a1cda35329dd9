package dev.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EncodedSequencesTest {

    /** The notebook's encoded sentences (pad_sequences.tsv, input "notebook"). */
    private static final List<long[]> NOTEBOOK = List.of(new long[] {2, 3, 4, 5}, new long[] {6, 7},
            new long[] {8, 9}, new long[] {10, 11}, new long[] {12, 13}, new long[] {14}, new long[] {15, 16});

    private static String[] fixtureRow(String maxlen, String padding, String truncating, String input) {
        for (String[] r : TextFixtures.rows("pad_sequences.tsv")) {
            if (r[0].equals(maxlen) && r[1].equals(padding) && r[2].equals(truncating) && r[4].equals(input)) {
                return r;
            }
        }
        throw new IllegalStateException("no fixture row " + maxlen + " " + padding + " " + truncating);
    }

    @Test
    void padIntIsPostPaddingAndPostTruncation() {
        EncodedSequences s = EncodedSequences.of(NOTEBOOK);
        for (String maxlen : new String[] {"4", "2"}) {
            String[] row = fixtureRow(maxlen, "post", "post", "2,3,4,5;6,7;8,9;10,11;12,13;14;15,16");
            try (Tensor t = s.pad(Integer.parseInt(maxlen))) {
                assertEquals(DType.INT64, t.dtype());
                assertArrayEquals(new long[] {7, Integer.parseInt(maxlen)}, t.shape());
                assertArrayEquals(SequencesTest.flatten(TextFixtures.longRows(row[5])), t.toLongArray());
            }
        }
    }

    /** pad(int) and pad(PadOptions.defaults()) agree with each other and with PyTorch (pad_defaults.tsv). */
    @Test
    void padIntAndDefaultPadOptionsAgreeWithPyTorch() {
        int checked = 0;
        for (String[] r : TextFixtures.rows("pad_defaults.tsv")) {
            EncodedSequences s = EncodedSequences.of(TextFixtures.longRows(r[1]));
            long[] expected = SequencesTest.flatten(TextFixtures.longRows(r[2]));
            PadOptions o = r[0].equals("none") ? PadOptions.defaults()
                    : PadOptions.defaults().maxlen(Integer.parseInt(r[0]));
            try (Tensor t = s.pad(o)) {
                assertArrayEquals(expected, t.toLongArray(), "pad(PadOptions) maxlen=" + r[0]);
            }
            if (!r[0].equals("none")) {
                try (Tensor t = s.pad(Integer.parseInt(r[0]))) {
                    assertArrayEquals(expected, t.toLongArray(), "pad(int) maxlen=" + r[0]);
                }
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void padRejectsNonPositiveMaxlenWithTheValue() {
        EncodedSequences s = EncodedSequences.of(NOTEBOOK);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.pad(0));
        assertEquals("maxlen must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.pad(-4));
        assertTrue(e.getMessage().contains("-4"), e.getMessage());
    }

    @Test
    void rowsAreCopiedInAndOut() {
        List<long[]> rows = new ArrayList<>(List.of(new long[] {1, 2}, new long[] {3}));
        EncodedSequences s = EncodedSequences.of(rows);
        rows.get(0)[0] = 99;
        rows.add(new long[] {4});
        s.get(1)[0] = 99;
        s.rows().get(0)[1] = 99;
        assertEquals(2, s.size());
        assertArrayEquals(new long[] {1, 2}, s.get(0));
        assertArrayEquals(new long[] {3}, s.get(1));
        assertArrayEquals(new long[] {2, 1}, s.lengths());
        assertEquals(2, s.maxLength());
        assertEquals("EncodedSequences[size=2, maxLength=2]", s.toString());
    }

    @Test
    void unknownRateIsTheShareOfUnknownIndicesPerSentence() {
        EncodedSequences s = EncodedSequences.of(
                List.of(new long[] {1, 2, 1, 3}, new long[] {}, new long[] {1}, new long[] {5, 6}), 1);
        assertEquals(OptionalInt.of(1), s.unknownIndex());
        assertArrayEquals(new double[] {0.5, 0.0, 1.0, 0.0}, s.unknownRate(), 0.0);
        EncodedSequences none = EncodedSequences.of(List.of(new long[] {1, 1}));
        assertTrue(none.unknownIndex().isEmpty());
        assertArrayEquals(new double[] {0.0}, none.unknownRate(), 0.0);
    }

    @Test
    void emptyCorpusNeedsMaxlenToPad() {
        EncodedSequences s = EncodedSequences.of(List.of());
        assertEquals(0, s.maxLength());
        assertThrows(IllegalArgumentException.class, () -> s.pad(PadOptions.defaults()));
    }
}
