package dev.torch4j.vectors;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Keyword arguments of {@link KeyedVectors#embeddingMatrix(java.util.List, EmbeddingMatrixOptions)},
 * as an immutable value: each method returns a copy with one option changed.
 *
 * <p>Defaults: no {@code specials}, {@code specialInit} {@link RowInit#zeros()}, {@code missingInit}
 * {@link RowInit#zeros()}.
 */
public final class EmbeddingMatrixOptions {
    private static final EmbeddingMatrixOptions DEFAULTS = new EmbeddingMatrixOptions(Set.of(), RowInit.zeros(),
            RowInit.zeros());

    private final Set<String> specials;
    private final RowInit specialInit;
    private final RowInit missingInit;

    private EmbeddingMatrixOptions(Set<String> specials, RowInit specialInit, RowInit missingInit) {
        this.specials = specials;
        this.specialInit = specialInit;
        this.missingInit = missingInit;
    }

    /** @return the defaults listed in the class comment */
    public static EmbeddingMatrixOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Vocabulary entries such as {@code <PAD>} and {@code <UNK>} whose rows always come from
     * {@link #specialInit}, even when the vectors have a word spelled the same. Default: none.
     *
     * @throws IllegalArgumentException if a word is null
     */
    public EmbeddingMatrixOptions specials(String... words) {
        return specials(Arrays.asList(words));
    }

    /** Like {@link #specials(String...)}. */
    public EmbeddingMatrixOptions specials(Collection<String> words) {
        for (String w : words) {
            if (w == null) {
                throw new IllegalArgumentException("specials must not contain null");
            }
        }
        return new EmbeddingMatrixOptions(Set.copyOf(words), specialInit, missingInit);
    }

    /**
     * Rows of the {@link #specials}. Default: zeros (so a padding row at index 0 is zero, as
     * {@code nn.Embedding(padding_idx=0)} expects).
     */
    public EmbeddingMatrixOptions specialInit(RowInit init) {
        return new EmbeddingMatrixOptions(specials, require(init), missingInit);
    }

    /** Rows of vocabulary words the vectors do not have. Default: zeros. */
    public EmbeddingMatrixOptions missingInit(RowInit init) {
        return new EmbeddingMatrixOptions(specials, specialInit, require(init));
    }

    /** @return the special words */
    public Set<String> specials() {
        return specials;
    }

    /** @return how special rows are filled */
    public RowInit specialInit() {
        return specialInit;
    }

    /** @return how rows of missing words are filled */
    public RowInit missingInit() {
        return missingInit;
    }

    private static RowInit require(RowInit init) {
        if (init == null) {
            throw new IllegalArgumentException("init must not be null: use RowInit.zeros()");
        }
        return init;
    }
}
