package dev.torch4j.vectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Words in index order with a word-to-index map: an open-addressing table of ints over the word
 * list, which for millions of words takes a fraction of a {@code HashMap<String, Integer>}'s memory.
 */
final class WordIndex {
    private final ArrayList<String> words;
    private int[] table;
    private int mask;

    WordIndex(int expected) {
        words = new ArrayList<>(Math.max(expected, 0));
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        table = new int[cap];
        mask = cap - 1;
    }

    /** @return -1 when {@code word} was added at index {@link #size()}-1, else the index it already has */
    int add(String word) {
        int slot = find(word);
        if (table[slot] != 0) {
            return table[slot] - 1;
        }
        words.add(word);
        table[slot] = words.size();
        if (words.size() * 2 > table.length) {
            grow();
        }
        return -1;
    }

    /** @return the index of {@code word}, or -1 */
    int indexOf(String word) {
        int v = table[find(word)];
        return v - 1;
    }

    int size() {
        return words.size();
    }

    String get(int i) {
        return words.get(i);
    }

    /** @return the words in index order, read-only */
    List<String> words() {
        return Collections.unmodifiableList(words);
    }

    private int find(String word) {
        int h = word.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        while (true) {
            int v = table[i];
            if (v == 0 || words.get(v - 1).equals(word)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        mask = table.length - 1;
        for (int v : old) {
            if (v != 0) {
                int h = words.get(v - 1).hashCode();
                int i = (h ^ (h >>> 16)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }
}
