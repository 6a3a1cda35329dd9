package dev.torch4j.data;

/**
 * The order in which a {@link DataLoader} visits a data set's samples, mirroring
 * {@code torch.utils.data.Sampler}: each iteration (epoch) yields sample indices.
 * Given to a loader with {@link DataLoaderOptions#sampler(Sampler)}; {@link DistributedSampler} is one.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Sampler">torch.utils.data.Sampler</a>
 */
public interface Sampler extends Iterable<Long> {
    /**
     * The number of indices one iteration yields, like {@code len(sampler)}.
     *
     * @return a count {@code >= 0}
     */
    long size();
}
