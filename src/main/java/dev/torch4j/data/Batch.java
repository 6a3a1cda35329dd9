package dev.torch4j.data;

import dev.torch4j.Tensor;
import java.util.List;

/**
 * One batch from a {@link DataLoader}: its fields, each with the batch as dimension 0
 * (PyTorch's {@code for x, y in loader}). The loader closes a batch when it hands out the next one,
 * so a loop keeps native memory flat; {@code clone()} a field to keep it longer.
 */
public final class Batch implements AutoCloseable {
    private final List<Tensor> fields;

    Batch(List<Tensor> fields) {
        this.fields = List.copyOf(fields);
        for (Tensor t : this.fields) {
            t.unscoped();
        }
    }

    /**
     * @param field the field index, e.g. 0 for inputs and 1 for labels
     * @return that field's tensor
     * @throws IndexOutOfBoundsException when there is no such field
     */
    public Tensor get(int field) {
        if (field < 0 || field >= fields.size()) {
            throw new IndexOutOfBoundsException("batch has " + fields.size() + " fields, asked for field " + field);
        }
        return fields.get(field);
    }

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /** @return the number of samples in this batch (dimension 0 of the first field) */
    public long batchSize() {
        return fields.get(0).size(0);
    }

    /** @return the fields in order */
    public List<Tensor> fields() {
        return fields;
    }

    /** Releases the batch's tensors; closing twice is harmless. */
    @Override
    public void close() {
        for (Tensor t : fields) {
            t.close();
        }
    }
}
