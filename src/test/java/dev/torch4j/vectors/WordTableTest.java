package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The word table: first index wins, batches behave as one add after another, lookups stay cheap. */
class WordTableTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wordsKeepTheirFirstIndexAndComeBackAsStrings() {
        WordTable t = new WordTable(0);
        List<String> words = List.of("the", "café", "日本", "", "😀", "the ");
        for (String w : words) {
            assertEquals(-1, t.add(utf8(w), 0, utf8(w).length), w);
        }
        assertEquals(1, t.add(utf8("café"), 0, utf8("café").length));
        assertEquals(words, t.words());
        for (int i = 0; i < words.size(); i++) {
            assertEquals(i, t.indexOf(words.get(i)));
            assertEquals(words.get(i), new String(t.bytes(i), StandardCharsets.UTF_8));
        }
        assertEquals(-1, t.indexOf("absent"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.words().get(words.size()));
    }

    @Test
    void stringsThatUtf8CannotSpellAreNeverFound() {
        assertNull(WordTable.utf8("a\uD800"));
        assertNull(WordTable.utf8("\uDC00b"));
        assertEquals(4, WordTable.utf8("\uD83D\uDE00").length);
        WordTable t = new WordTable(4);
        t.add(utf8("?"), 0, 1);
        assertEquals(-1, t.indexOf("\uD800"), "String.getBytes would have made it '?'");
    }

    @Test
    void aBatchAddsInOrderAndStopsAtTheFirstWordAlreadyThere() {
        WordTable t = new WordTable(2);
        t.add(utf8("x"), 0, 1);
        byte[] bytes = utf8("abcxd");
        int[] ends = {1, 2, 3, 4, 5};
        int[] hashes = new int[5];
        for (int k = 0; k < 5; k++) {
            hashes[k] = WordTable.hash(bytes, k, 1);
        }
        assertEquals(3, t.addAll(bytes, ends, hashes, 5), "'x' is the fourth of the batch");
        assertEquals(List.of("x", "a", "b", "c"), t.words());
        byte[] dup = utf8("efe");
        int[] dupHashes = {WordTable.hash(dup, 0, 1), WordTable.hash(dup, 1, 1), WordTable.hash(dup, 2, 1)};
        assertEquals(2, t.addAll(dup, new int[] {1, 2, 3}, dupHashes, 3), "a repeat inside the batch");
        assertEquals(-1, t.addAll(dup, new int[] {1}, dupHashes, 0));
    }

    @Test
    void longWordsAndManyWordsSurviveTheTableGrowing() {
        WordTable t = new WordTable(1);
        List<String> words = new ArrayList<>();
        char[] big = new char[600_000];
        Arrays.fill(big, 'z');
        words.add(new String(big));
        for (int i = 0; i < 50_000; i++) {
            words.add("w" + i);
        }
        words.add(new String(big) + "!");
        for (String w : words) {
            assertEquals(-1, t.add(utf8(w), 0, utf8(w).length));
        }
        for (int i = 0; i < words.size(); i += 997) {
            assertEquals(i, t.indexOf(words.get(i)));
        }
        assertEquals(words.get(words.size() - 1), t.words().get(words.size() - 1));
        assertTrue(t.probes() < 6L * 2 * words.size(), "probes " + t.probes());
    }

    @Test
    void theQuickTestNeverMissesAWordThatIsThere() {
        WordTable t = new WordTable(8);
        for (String w : List.of("a", "w0000007", "longer-than-eight-bytes", "日本")) {
            t.add(utf8(w), 0, utf8(w).length);
        }
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] w = utf8(String.format("w%07d", i));
            boolean might = t.mightContain(w, 0, w.length);
            assertTrue(might || t.indexOf(w, 0, w.length) < 0);
            passed += might ? 1 : 0;
        }
        assertTrue(t.mightContain(utf8("longer-than-eight-bytes"), 0, 23));
        assertTrue(passed < 100, "the quick test lets " + passed + " of 100,000 absent words through");
        t.add(utf8("late"), 0, 4);
        assertTrue(t.mightContain(utf8("late"), 0, 4), "a word added after the first test");
    }
}
