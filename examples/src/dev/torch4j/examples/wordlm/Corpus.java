package dev.torch4j.examples.wordlm;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code data.Corpus} of pytorch/examples' word_language_model
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/data.py">data.py</a>):
 * {@code train.txt}, {@code valid.txt} and {@code test.txt} of a folder as int64 tensors of word indices, each
 * line split on whitespace and ended by {@code <eos>}.
 */
public final class Corpus {
    /** {@code self.dictionary}: the words of all three files. */
    public final Dictionary dictionary;
    /** {@code self.train}: the training words, 1-D int64. */
    public final Tensor train;
    /** {@code self.valid}: the validation words, 1-D int64. */
    public final Tensor valid;
    /** {@code self.test}: the test words, 1-D int64. */
    public final Tensor test;

    /**
     * Reads the three files of {@code path}.
     *
     * @param path a folder with {@code train.txt}, {@code valid.txt} and {@code test.txt} (UTF-8)
     * @throws IOException when a file is missing or unreadable
     */
    public Corpus(Path path) throws IOException {
        this.dictionary = new Dictionary();
        this.train = tokenize(path.resolve("train.txt"));
        this.valid = tokenize(path.resolve("valid.txt"));
        this.test = tokenize(path.resolve("test.txt"));
    }

    /** Tokenizes a text file. */
    private Tensor tokenize(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.io.FileNotFoundException(path.toString());   // assert os.path.exists(path)
        }
        // Add words to the dictionary
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (String line : lines) {
            List<String> words = split(line);
            for (String word : words) {
                dictionary.addWord(word);
            }
        }

        // Tokenize file content
        List<Tensor> idss = new ArrayList<>();
        for (String line : lines) {
            List<String> words = split(line);
            long[] ids = new long[words.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = dictionary.word2idx.get(words.get(i));
            }
            idss.add(Tensor.of(ids));
        }
        return Torch.cat(idss);
    }

    /** {@code line.split() + ['<eos>']}. */
    private static List<String> split(String line) {
        List<String> words = new ArrayList<>(Tokenizer.whitespace().tokenize(line));
        words.add("<eos>");
        return words;
    }
}
