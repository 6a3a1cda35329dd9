package dev.torch4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The indices {@code 0 .. len(dataset) - 1} in order, mirroring {@code torch.utils.data.SequentialSampler}
 * (what a {@link DataLoader} without shuffle uses).
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.SequentialSampler">torch.utils.data.SequentialSampler</a>
 */
public final class SequentialSampler implements Sampler {
    private final Dataset dataSource;

    /** Like {@code SequentialSampler(data_source)}. */
    public SequentialSampler(Dataset dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long size() {
        return dataSource.size();
    }

    @Override
    public Iterator<Long> iterator() {
        long n = dataSource.size();
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Long next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }
}
