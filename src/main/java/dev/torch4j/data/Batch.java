package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One batch produced by a {@link DataLoader}: its fields in data set order (e.g. {@code x} then
 * {@code y}), each with the batch along dimension 0. Mirrors the tuple a PyTorch
 * {@code DataLoader} yields: {@code batch.get(0)} is Python's {@code batch[0]}.
 *
 * <p>Ownership: a batch owns its tensors. They belong to no {@code Torch.scope()} and are released
 * by {@link #close()}. A batch delivered by a {@link DataLoader} iterator is closed by that
 * iterator when it delivers the next batch, when the iteration ends, or when the iterator is
 * closed; so a loop needs no cleanup of its own, and any tensor still wanted after the step must
 * be copied ({@code clone()}) or the whole batch {@link #keep() kept}.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>
 */
public final class Batch implements AutoCloseable {
    private final List<Tensor> fields;
    private volatile boolean kept;

    /**
     * A batch that takes ownership of {@code fields}: they are removed from any open
     * {@code Torch.scope()} and released by {@link #close()}.
     *
     * @param fields the batched fields, each with the batch along dimension 0; at least one
     * @throws IllegalArgumentException when {@code fields} is empty or holds null
     */
    public Batch(List<Tensor> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a Batch needs at least one field, got 0");
        }
        List<Tensor> copy = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Tensor t = fields.get(i);
            if (t == null) {
                throw new IllegalArgumentException("Batch field " + i + " is null");
            }
            copy.add(t.unscoped());
        }
        this.fields = Collections.unmodifiableList(copy);
    }

    /**
     * Like {@link #Batch(List)} with the fields as arguments.
     *
     * @param fields the batched fields; at least one
     * @return a batch owning {@code fields}
     * @throws IllegalArgumentException when no field is given or one is null
     */
    public static Batch of(Tensor... fields) {
        return new Batch(fields == null ? List.of() : java.util.Arrays.asList(fields));
    }

    /**
     * The {@code i}-th field, like {@code batch[i]} in Python; the batch keeps owning it.
     *
     * @param i {@code 0 <= i < size()}
     * @return the field tensor, batch along dimension 0
     * @throws IllegalArgumentException when {@code i} is out of range
     * @throws IllegalStateException    when the batch was closed
     */
    public Tensor get(int i) {
        if (i < 0 || i >= fields.size()) {
            throw new IllegalArgumentException("tuple index out of range: expected 0 <= index < " + fields.size()
                    + ", got " + i);
        }
        Tensor t = fields.get(i);
        if (t.isClosed()) {
            throw new IllegalStateException("Batch is closed: the DataLoader iterator closes each batch when it "
                    + "delivers the next one or when the iteration ends; call keep() to own it, or clone() tensors");
        }
        return t;
    }

    /**
     * The number of fields, like {@code len(batch)} in Python (2 for {@code (x, y)}).
     *
     * @return the field count
     */
    public int size() {
        return fields.size();
    }

    /**
     * The number of samples in this batch: {@code size(0)} of the first field. Equals the loader's
     * batch size except for a smaller last batch when {@code dropLast} is false.
     *
     * @return the batch size
     * @throws IllegalStateException when the first field is 0-dimensional or the batch was closed
     */
    public long batchSize() {
        Tensor first = get(0);
        if (first.dim() == 0) {
            throw new IllegalStateException("batchSize(): the first field of this Batch is 0-dimensional");
        }
        return first.size(0);
    }

    /**
     * All fields in order.
     *
     * @return an unmodifiable list of the field tensors, still owned by this batch
     */
    public List<Tensor> fields() {
        return fields;
    }

    /**
     * Takes this batch away from the iterator that delivered it: the iterator will no longer close
     * it, so the caller must {@link #close()} it.
     *
     * @return this batch
     */
    public Batch keep() {
        kept = true;
        return this;
    }

    /** @return whether {@link #keep()} was called */
    public boolean isKept() {
        return kept;
    }

    /** @return whether {@link #close()} released the tensors */
    public boolean isClosed() {
        return fields.get(0).isClosed();
    }

    /** Releases every field tensor. Closing twice is harmless. */
    @Override
    public void close() {
        for (Tensor t : fields) {
            t.close();
        }
    }

    /** @return the fields' shapes, e.g. {@code Batch[[2, 4], [2, 1]]} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Batch[");
        for (int i = 0; i < fields.size(); i++) {
            Tensor t = fields.get(i);
            sb.append(i == 0 ? "" : ", ").append(t.isClosed() ? "<closed>" : Tensor.shapeString(t.shape()));
        }
        return sb.append(']').toString();
    }
}
