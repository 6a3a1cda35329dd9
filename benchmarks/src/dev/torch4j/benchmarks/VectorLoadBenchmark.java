package dev.torch4j.benchmarks;

import dev.torch4j.Torch;
import dev.torch4j.Tensor;
import dev.torch4j.vectors.GloVe;
import dev.torch4j.vectors.GloVeOptions;
import dev.torch4j.vectors.KeyedVectors;
import dev.torch4j.vectors.Word2Vec;
import dev.torch4j.vectors.Word2VecOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One load of a word-vector file, timed inside the process; the torch4j half of
 * {@code benchmarks/vectors/run.sh}, which runs it beside {@code benchmarks/vectors/gensim_load.py}
 * under {@code /usr/bin/time} for the peak memory.
 *
 * <pre>
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark word2vec FILE
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark glove FILE
 * java -cp ... dev.torch4j.benchmarks.VectorLoadBenchmark vocabulary FILE WORDS_FILE
 * </pre>
 * Prints {@code load_s=<seconds> rows=<n> dim=<d> check=<sum of the first row>}.
 */
public final class VectorLoadBenchmark {
    private VectorLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        Torch.zeros(1).close(); // loads libtorch before the clock starts, as gensim is imported before its clock
        long start = System.nanoTime();
        KeyedVectors kv = switch (mode) {
            case "word2vec" -> Word2Vec.load(file, Word2VecOptions.defaults().progress(false));
            case "glove" -> GloVe.load(file, GloVeOptions.defaults().progress(false));
            case "vocabulary" -> {
                List<String> words = Files.readAllLines(Path.of(args[2]));
                yield Word2Vec.load(file, Word2VecOptions.defaults().progress(false).vocabulary(words));
            }
            default -> throw new IllegalArgumentException("mode must be word2vec, glove or vocabulary: " + mode);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        double check = 0;
        for (float v : kv.get(kv.words().get(0)).toFloatArray()) {
            check += v;
        }
        System.out.printf("load_s=%.3f rows=%d dim=%d check=%.6f%n", seconds, kv.size(), kv.dim(), check);
        kv.close();
    }
}
