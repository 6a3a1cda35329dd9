package dev.torch4j.examples;

import dev.torch4j.Tensor;
import dev.torch4j.nn.Embedding;
import dev.torch4j.vectors.GloVe;
import dev.torch4j.vectors.GloVeOptions;
import dev.torch4j.vectors.KeyedVectors;
import dev.torch4j.vectors.Word2Vec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The torchtext GloVe walkthrough: load GloVe text vectors, look words up ({@code vocab['apple']},
 * {@code vectors[vocab['korea']]}), find neighbours, and freeze them in an embedding. With
 * {@code --glove PATH} it reads a real GloVe file (e.g. {@code glove.840B.300d.txt}, whose tokens may
 * contain spaces); without it, it writes the shipped small vectors as a GloVe file first.
 *
 * <pre>mvn -q test-compile exec:java -Dexample=dev.torch4j.examples.GloVeWalkthrough [-Dexec.args="--glove PATH"]</pre>
 */
public final class GloVeWalkthrough {
    private GloVeWalkthrough() {
    }

    public static void main(String[] args) throws Exception {
        Path path;
        if (args.length > 1 && args[0].equals("--glove")) {
            path = Path.of(args[1]);
        } else {
            path = Files.createTempFile("small-glove", ".txt");
            path.toFile().deleteOnExit();
            try (KeyedVectors small = Word2Vec.load(Path.of("examples/data/small-vectors.bin"))) {
                GloVe.save(small, path);
            }
        }
        long t0 = System.nanoTime();
        try (KeyedVectors vectors = GloVe.load(path, GloVeOptions.defaults().progress(true))) {
            System.out.printf("%d vectors of %d dimensions from %s in %.2f s%n", vectors.size(), vectors.dim(), path,
                    (System.nanoTime() - t0) / 1e9);
            for (String word : List.of("apple", "korea", "good", "great", "king")) {
                if (!vectors.contains(word)) {
                    System.out.println("'" + word + "' is not in these vectors");
                    continue;
                }
                Tensor v = vectors.get(word);                          // vectors[vocab[word]]
                System.out.printf("vocab['%s'] = %d, first values %s%n", word, vectors.indexOf(word),
                        v.narrow(0, 0, 4));
                System.out.println("  nearest: " + vectors.mostSimilar(word, 5));
            }
            Embedding frozen = Embedding.fromPretrained(vectors.vectors(), true);
            System.out.println(frozen + " requires_grad=" + frozen.weight().requiresGrad());
        }
    }
}
