package dev.torch4j.data;

import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Implementations of the built-in collates. */
final class Collates {
    static final Collate DEFAULT = Collates::stack;

    private Collates() {
    }

    static int fieldCount(List<List<Tensor>> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("collate: expected a non-empty list of samples, got 0");
        }
        int n = samples.get(0).size();
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).size() != n) {
                throw new IllegalArgumentException("each element in list of batch should be of equal size: sample 0 has "
                        + n + " fields, sample " + i + " has " + samples.get(i).size());
            }
        }
        return n;
    }

    static List<Tensor> field(List<List<Tensor>> samples, int f) {
        List<Tensor> column = new ArrayList<>(samples.size());
        for (List<Tensor> s : samples) {
            column.add(s.get(f));
        }
        return column;
    }

    static Batch stack(List<List<Tensor>> samples) {
        int n = fieldCount(samples);
        List<Tensor> out = new ArrayList<>(n);
        try {
            for (int f = 0; f < n; f++) {
                out.add(Torch.stack(field(samples, f), 0));
            }
            return new Batch(out);
        } catch (RuntimeException e) {
            out.forEach(Tensor::close);
            throw e;
        }
    }

    static Batch pad(List<List<Tensor>> samples, double paddingValue) {
        int n = fieldCount(samples);
        List<Tensor> out = new ArrayList<>(n);
        try {
            for (int f = 0; f < n; f++) {
                List<Tensor> column = field(samples, f);
                out.add(column.get(0).dim() == 0 ? Torch.stack(column, 0) : padField(column, f, paddingValue));
            }
            return new Batch(out);
        } catch (RuntimeException e) {
            out.forEach(Tensor::close);
            throw e;
        }
    }

    private static Tensor padField(List<Tensor> column, int f, double paddingValue) {
        Tensor first = column.get(0);
        long[] firstShape = first.shape();
        long maxLen = 0;
        for (int i = 0; i < column.size(); i++) {
            Tensor t = column.get(i);
            long[] s = t.shape();
            if (s.length != firstShape.length
                    || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), Arrays.copyOfRange(firstShape, 1, s.length))) {
                throw new IllegalArgumentException("pad_sequence: expected every sequence of field " + f
                        + " to have trailing dimensions " + Tensor.shapeString(Arrays.copyOfRange(firstShape, 1,
                        firstShape.length)) + " like sample 0 of shape " + Tensor.shapeString(firstShape)
                        + ", but sample " + i + " has shape " + Tensor.shapeString(s));
            }
            if (!t.device().equals(first.device()) || t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("pad_sequence: expected every sequence of field " + f + " to be "
                        + first.dtype() + " on " + first.device() + " like sample 0, but sample " + i + " is "
                        + t.dtype() + " on " + t.device());
            }
            maxLen = Math.max(maxLen, s[0]);
        }
        long[] shape = new long[firstShape.length + 1];
        shape[0] = column.size();
        shape[1] = maxLen;
        System.arraycopy(firstShape, 1, shape, 2, firstShape.length - 1);
        Tensor out = Torch.full(shape, paddingValue, TensorOptions.defaults().dtype(first.dtype()).device(first.device()));
        try {
            for (int i = 0; i < column.size(); i++) {
                Tensor seq = column.get(i);
                long len = seq.size(0);
                if (len == 0) {
                    continue;
                }
                try (Tensor row = out.select(0, i); Tensor head = row.narrow(0, 0, len)) {
                    head.copy_(seq);
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
