package dev.torch4j.vectors;

import dev.torch4j.TensorOptions;
import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.TensorScope;
import dev.torch4j.Torch;
import dev.torch4j.returntypes.Topk;
import dev.torch4j.text.Vocab;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words and their vectors, mirroring gensim's {@code KeyedVectors}: the words in file order, a
 * word-to-index map, and the vectors as one native {@code (size, dim)} tensor. Similarities are
 * tensor operations on the tensor's device, so they run on the GPU when the vectors are there.
 *
 * <p>A {@code KeyedVectors} owns its tensor: {@link #close()} releases it, and no
 * {@link Torch#scope()} does. It is safe to read from several threads.
 *
 * @see <a href="https://radimrehurek.com/gensim/models/keyedvectors.html">gensim.models.KeyedVectors</a>
 */
public final class KeyedVectors implements AutoCloseable {
    /** Rows per block when a computation must not convert the whole matrix at once (float16 vectors). */
    private static final long BLOCK_ROWS = 1 << 16;

    private final WordTable index;
    private final Tensor vectors;
    private Tensor norms;

    KeyedVectors(WordTable index, Tensor vectors) {
        this.index = index;
        this.vectors = vectors.unscoped();
    }

    /**
     * Wraps words and their vectors; the new object takes ownership of {@code vectors} (closing it
     * closes the tensor, and no scope releases it).
     *
     * @param words   the word of each row, in row order
     * @param vectors a floating point {@code (words.size(), dim)} tensor on any device
     * @throws IllegalArgumentException for a shape that does not match, a non floating point dtype, or
     *                                  a null or repeated word, or one with an unpaired surrogate (no
     *                                  UTF-8 text, and so no vectors file, can hold it)
     */
    public static KeyedVectors of(List<String> words, Tensor vectors) {
        long[] shape = vectors.shape();
        if (shape.length != 2 || shape[0] != words.size() || shape[1] < 1) {
            throw new IllegalArgumentException("expected vectors of shape [" + words.size() + ", dim] with dim >= 1, "
                    + "got " + Tensor.shapeString(shape));
        }
        if (!vectors.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("expected floating point vectors, got " + vectors.dtype());
        }
        WordTable index = new WordTable(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w == null) {
                throw new IllegalArgumentException("word " + i + " is null");
            }
            byte[] utf8 = WordTable.utf8(w);
            if (utf8 == null) {
                throw new IllegalArgumentException("word " + i + " ('" + w + "') holds an unpaired surrogate: expected "
                        + "text that UTF-8 can spell");
            }
            int first = index.add(utf8, 0, utf8.length);
            if (first >= 0) {
                throw new IllegalArgumentException("duplicate word '" + w + "' at " + i + " and " + first);
            }
        }
        return new KeyedVectors(index, vectors);
    }

    /**
     * @return the words in row order, like gensim's {@code index_to_key}; read-only (words are kept as
     *         UTF-8 bytes: each {@code get} makes a new string)
     */
    public List<String> words() {
        return index.words();
    }

    /** @return the number of words, like {@code len(kv)} */
    public int size() {
        return index.size();
    }

    /** @return the vector size, like gensim's {@code vector_size} */
    public int dim() {
        return (int) vectors.size(1);
    }

    /** @return whether {@code word} has a vector, like {@code word in kv} */
    public boolean contains(String word) {
        return index.indexOf(word) >= 0;
    }

    /** @return the row of {@code word}, like gensim's {@code key_to_index.get(word, -1)}; -1 when absent */
    public int indexOf(String word) {
        return index.indexOf(word);
    }

    /**
     * @return the {@code (size, dim)} vectors, like gensim's {@code vectors}; owned by this object, so do
     *         not close it
     */
    public Tensor vectors() {
        return vectors;
    }

    /** @return the element type of the vectors */
    public DType dtype() {
        return vectors.dtype();
    }

    /** @return where the vectors are */
    public Device device() {
        return vectors.device();
    }

    /**
     * The vector of {@code word}, like {@code kv[word]}: a {@code (dim,)} view that shares memory with
     * {@link #vectors()}.
     *
     * @throws IllegalArgumentException when the word has no vector ("Key 'x' not present", as gensim says)
     */
    public Tensor get(String word) {
        return vectors.select(0, require(word));
    }

    /**
     * Cosine similarity of two words, like gensim's {@code similarity(w1, w2)}; 0 when either vector is zero.
     *
     * @throws IllegalArgumentException when a word has no vector
     */
    public double similarity(String word1, String word2) {
        int i = require(word1);
        int j = require(word2);
        try (TensorScope s = Torch.scope()) {
            Tensor a = vectors.select(0, i).to(DType.FLOAT32);
            Tensor b = vectors.select(0, j).to(DType.FLOAT32);
            double na = a.mul(a).sum().sqrt().item();
            double nb = b.mul(b).sum().sqrt().item();
            if (na == 0 || nb == 0) {
                return 0;
            }
            return a.div(na).mul(b.div(nb)).sum().item();
        }
    }

    /**
     * The {@code k} words most similar to {@code word} by cosine similarity, best first, without the
     * word itself, like gensim's {@code most_similar(word, topn=k)}. Computed on the vectors' device.
     *
     * @throws IllegalArgumentException when the word has no vector or {@code k < 1}
     */
    public List<Match> mostSimilar(String word, int k) {
        int i = require(word);
        try (TensorScope s = Torch.scope()) {
            return ranked(vectors.select(0, i).to(DType.FLOAT32), k, i);
        }
    }

    /**
     * The {@code k} words whose vectors are most similar to {@code vector}, best first, like gensim's
     * {@code similar_by_vector(vector, topn=k)}.
     *
     * @param vector a {@code (dim,)} tensor on any device
     * @throws IllegalArgumentException for a wrong shape or {@code k < 1}
     */
    public List<Match> mostSimilar(Tensor vector, int k) {
        long[] shape = vector.shape();
        if (shape.length != 1 || shape[0] != dim()) {
            throw new IllegalArgumentException("expected a vector of shape [" + dim() + "], got "
                    + Tensor.shapeString(shape));
        }
        try (TensorScope s = Torch.scope()) {
            return ranked(vector.to(device()).to(DType.FLOAT32), k, -1);
        }
    }

    private List<Match> ranked(Tensor query, int k, int exclude) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int n = (int) Math.min(k, size() - (exclude >= 0 ? 1L : 0L));
        if (n <= 0) {
            return List.of();
        }
        double qn = query.mul(query).sum().sqrt().item();
        Tensor unit = qn == 0 ? query : query.div(qn);
        Tensor scores = dot(unit).div(norms());
        if (exclude >= 0) {
            scores.select(0, exclude).fill_(Double.NEGATIVE_INFINITY);
        }
        Topk top = scores.topk(n);
        float[] values;
        long[] rows;
        try (Tensor v = top.values(); Tensor r = top.indices()) {
            values = v.toFloatArray();
            rows = r.toLongArray();
        }
        List<Match> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Match(index.get((int) rows[i]), values[i]));
        }
        return out;
    }

    /** {@code vectors @ unit} as float32, in blocks unless the vectors are float32 already. */
    private Tensor dot(Tensor unit) {
        if (vectors.dtype() == DType.FLOAT32) {
            return vectors.matmul(unit);
        }
        List<Tensor> parts = new ArrayList<>();
        for (long start = 0; start < size(); start += BLOCK_ROWS) {
            long len = Math.min(BLOCK_ROWS, size() - start);
            parts.add(vectors.narrow(0, start, len).to(DType.FLOAT32).matmul(unit));
        }
        return parts.size() == 1 ? parts.get(0) : Torch.cat(parts, 0);
    }

    /** Row norms as float32 on the device, zero norms replaced by one; computed once, in blocks. */
    private synchronized Tensor norms() {
        if (norms == null) {
            try (TensorScope s = Torch.scope()) {
                List<Tensor> parts = new ArrayList<>();
                for (long start = 0; start < size(); start += BLOCK_ROWS) {
                    Tensor block = vectors.narrow(0, start, Math.min(BLOCK_ROWS, size() - start)).to(DType.FLOAT32);
                    parts.add(block.mul(block).sum(1, false).sqrt());
                }
                Tensor n = parts.size() == 1 ? parts.get(0) : Torch.cat(parts, 0);
                norms = n.add(n.eq(0).toFloat()).unscoped();
            }
        }
        return norms;
    }

    /**
     * An embedding matrix for a vocabulary, ready for {@code Embedding.fromPretrained}: row {@code i}
     * is the vector of {@code vocabulary.get(i)}, or zeros when the vectors do not have the word.
     * Same as {@code embeddingMatrix(vocabulary, EmbeddingMatrixOptions.defaults())}.
     *
     * @param vocabulary the vocabulary's words in index order
     * @return a float32 {@code (vocabulary.size(), dim)} tensor on the vectors' device
     */
    public Tensor embeddingMatrix(List<String> vocabulary) {
        return embeddingMatrix(vocabulary, EmbeddingMatrixOptions.defaults());
    }

    /**
     * Like {@link #embeddingMatrix(List)} for a torch4j {@link Vocab}: row {@code i} is the vector of
     * {@code vocab.itos(i)}, zeros for specials such as {@code <PAD>} and words the vectors lack.
     *
     * @return a float32 {@code (vocab.size(), dim)} tensor on the vectors' device
     */
    public Tensor embeddingMatrix(Vocab vocab) {
        return embeddingMatrix(vocab.itos(), EmbeddingMatrixOptions.defaults());
    }

    /** Like {@link #embeddingMatrix(List, EmbeddingMatrixOptions)} for a torch4j {@link Vocab}. */
    public Tensor embeddingMatrix(Vocab vocab, EmbeddingMatrixOptions options) {
        return embeddingMatrix(vocab.itos(), options);
    }

    /** Like {@link #missing(List)} for a torch4j {@link Vocab}. */
    public List<String> missing(Vocab vocab) {
        return missing(vocab.itos());
    }

    /**
     * An embedding matrix for a vocabulary: row {@code i} is the vector of {@code vocabulary.get(i)};
     * rows of the options' specials come from {@code specialInit}, rows of words without a vector from
     * {@code missingInit} (see {@link #missing(List)} for which they are). Random rows are drawn for
     * the specials first, then for the missing words, each in vocabulary order.
     *
     * @param vocabulary the vocabulary's words in index order
     * @return a float32 {@code (vocabulary.size(), dim)} tensor on the vectors' device
     * @throws IllegalArgumentException if a word is null
     */
    public Tensor embeddingMatrix(List<String> vocabulary, EmbeddingMatrixOptions options) {
        int v = vocabulary.size();
        Set<String> specials = options.specials();
        long[] found = new long[v];
        int[] kind = new int[v];
        long[] perm = new long[v];
        int[] counts = new int[3];
        for (int i = 0; i < v; i++) {
            String w = vocabulary.get(i);
            if (w == null) {
                throw new IllegalArgumentException("vocabulary word " + i + " is null");
            }
            int row = specials.contains(w) ? -1 : index.indexOf(w);
            kind[i] = row >= 0 ? 0 : specials.contains(w) ? 1 : 2;
            if (row >= 0) {
                found[counts[0]] = row;
            }
            perm[i] = counts[kind[i]]++;
        }
        int nFound = counts[0];
        int nSpecial = counts[1];
        int nMissing = counts[2];
        for (int i = 0; i < v; i++) {
            perm[i] += kind[i] == 0 ? 0 : kind[i] == 1 ? nFound : nFound + nSpecial;
        }
        Device device = device();
        try (TensorScope s = Torch.scope()) {
            if (v == 0) {
                return s.keep(Torch.zeros(new long[] {0, dim()}, TensorOptions.defaults().dtype(DType.FLOAT32).device(device)));
            }
            List<Tensor> parts = new ArrayList<>(3);
            if (nFound > 0) {
                Tensor rows = Tensor.of(java.util.Arrays.copyOf(found, nFound)).to(device);
                parts.add(vectors.indexSelect(0, rows).to(DType.FLOAT32));
            }
            if (nSpecial > 0) {
                parts.add(options.specialInit().rows(nSpecial, dim(), device));
            }
            if (nMissing > 0) {
                parts.add(options.missingInit().rows(nMissing, dim(), device));
            }
            Tensor source = parts.size() == 1 ? parts.get(0) : Torch.cat(parts, 0);
            return s.keep(source.indexSelect(0, Tensor.of(perm).to(device)).contiguous());
        }
    }

    /**
     * The vocabulary words these vectors do not have, in vocabulary order, each once: the rows that
     * {@link #embeddingMatrix} fills with an initializer (specials included when absent).
     */
    public List<String> missing(List<String> vocabulary) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : vocabulary) {
            if (index.indexOf(w) < 0) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /** @return a copy of these vectors on {@code device}, like {@code kv.vectors.to(device)}; this one is unchanged */
    public KeyedVectors to(Device device) {
        return new KeyedVectors(index, vectors.to(device));
    }

    /** The words' table, for the writers. */
    WordTable table() {
        return index;
    }

    private int require(String word) {
        int i = index.indexOf(word);
        if (i < 0) {
            throw new IllegalArgumentException("Key '" + word + "' not present");
        }
        return i;
    }

    /** Releases the vectors' native memory; closing twice is harmless. */
    @Override
    public void close() {
        synchronized (this) {
            if (norms != null) {
                norms.close();
                norms = null;
            }
        }
        vectors.close();
    }

    /** @return e.g. {@code KeyedVectors(size=3000000, dim=300, dtype=torch.float32, device=cpu)} */
    @Override
    public String toString() {
        if (vectors.isClosed()) {
            return "KeyedVectors(<closed>)";
        }
        return "KeyedVectors(size=" + size() + ", dim=" + dim() + ", dtype=" + dtype() + ", device=" + device() + ")";
    }

    /**
     * One result of {@link #mostSimilar}: a word and its cosine similarity to the query.
     *
     * @param word       the word
     * @param similarity cosine similarity in {@code [-1, 1]}
     */
    public record Match(String word, double similarity) {
    }
}
