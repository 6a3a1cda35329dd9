package dev.torch4j.data;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges samples into batch fields, like a {@code collate_fn}. The result tensors belong to the
 * batch; the samples are closed by the loader after collation.
 */
@FunctionalInterface
public interface Collate {
    /**
     * @param samples the samples of one batch, each a list of fields
     * @return one tensor per field with the batch as dimension 0
     */
    List<Tensor> collate(List<List<Tensor>> samples);

    /** PyTorch's {@code default_collate} for tensors: stacks each field along a new dimension 0. */
    static Collate stack() {
        return samples -> {
            int fields = samples.get(0).size();
            List<Tensor> out = new ArrayList<>(fields);
            for (int f = 0; f < fields; f++) {
                List<Tensor> column = new ArrayList<>(samples.size());
                for (List<Tensor> s : samples) {
                    column.add(s.get(f));
                }
                out.add(Tensor.stack(column, 0));
            }
            return out;
        };
    }

    /**
     * Pads 1-D fields to the longest in the batch, like {@code pad_sequence(batch_first=True,
     * padding_value=padValue)}; other fields are stacked.
     *
     * @param padValue the value that fills the padding
     */
    static Collate padSequences(double padValue) {
        return samples -> {
            int fields = samples.get(0).size();
            List<Tensor> out = new ArrayList<>(fields);
            for (int f = 0; f < fields; f++) {
                List<Tensor> column = new ArrayList<>(samples.size());
                for (List<Tensor> s : samples) {
                    column.add(s.get(f));
                }
                out.add(column.get(0).dim() == 1 ? pad(column, padValue) : Tensor.stack(column, 0));
            }
            return out;
        };
    }

    private static Tensor pad(List<Tensor> rows, double padValue) {
        long longest = 0;
        for (Tensor r : rows) {
            longest = Math.max(longest, r.size(0));
        }
        DType dtype = rows.get(0).dtype();
        Device device = rows.get(0).device();
        Tensor out = Tensor.full(new long[] {rows.size(), longest}, padValue, dtype, device);
        try (var s = Torch.scope()) {
            for (int i = 0; i < rows.size(); i++) {
                long n = rows.get(i).size(0);
                if (n > 0) {
                    out.select(0, i).narrow(0, 0, n).copy_(rows.get(i));
                }
            }
        }
        return out;
    }
}
