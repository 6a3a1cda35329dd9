package dev.torch4j.examples.wordlm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data.Dictionary} of pytorch/examples' word_language_model
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/data.py">data.py</a>):
 * words numbered in order of first appearance.
 */
public final class Dictionary {
    /** {@code self.word2idx}: word to index. */
    public final Map<String, Long> word2idx = new HashMap<>();
    /** {@code self.idx2word}: index to word. */
    public final List<String> idx2word = new ArrayList<>();

    /** Creates an empty dictionary. */
    public Dictionary() {
    }

    /**
     * {@code add_word}: numbers {@code word} if it is new.
     *
     * @param word a word
     * @return its index
     */
    public long addWord(String word) {
        if (!word2idx.containsKey(word)) {
            idx2word.add(word);
            word2idx.put(word, (long) idx2word.size() - 1);
        }
        return word2idx.get(word);
    }

    /** @return {@code len(dictionary)}, the number of words */
    public int size() {
        return idx2word.size();
    }
}
