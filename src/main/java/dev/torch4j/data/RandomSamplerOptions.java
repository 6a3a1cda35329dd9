package dev.torch4j.data;

/**
 * Keyword arguments of {@code torch.utils.data.RandomSampler}, as an immutable value: each method returns a
 * copy with one argument changed.
 *
 * <p>Defaults, as in PyTorch: {@code replacement=False}, {@code num_samples=None} (the dataset's size),
 * {@code generator=None} (a fresh seed from the global generator at each iteration).
 */
public final class RandomSamplerOptions {
    private static final RandomSamplerOptions DEFAULTS = new RandomSamplerOptions(false, null, null);

    private final boolean replacement;
    private final Long numSamples;
    private final Long seed;

    private RandomSamplerOptions(boolean replacement, Long numSamples, Long seed) {
        this.replacement = replacement;
        this.numSamples = numSamples;
        this.seed = seed;
    }

    /** @return PyTorch's defaults */
    public static RandomSamplerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Whether indices are drawn with replacement (each uniformly, possibly repeated).
     * Default: false.
     */
    public RandomSamplerOptions replacement(boolean value) {
        return new RandomSamplerOptions(value, numSamples, seed);
    }

    /**
     * How many indices an iteration yields; without replacement, more than the dataset's size continues
     * with further permutations.
     * Default: the dataset's size.
     */
    public RandomSamplerOptions numSamples(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "num_samples should be a positive integer value, but got num_samples=" + value);
        }
        return new RandomSamplerOptions(replacement, value, seed);
    }

    /**
     * Gives the sampler its own generator seeded with {@code seed}, like
     * {@code generator=torch.Generator().manual_seed(seed)}: its draws continue from epoch to epoch.
     * Default: none (each iteration seeds from the global generator).
     */
    public RandomSamplerOptions seed(long value) {
        return new RandomSamplerOptions(replacement, numSamples, value);
    }

    /** @return the {@code replacement} value */
    public boolean replacement() {
        return replacement;
    }

    /** @return {@code num_samples}, or null for the dataset's size */
    public Long numSamples() {
        return numSamples;
    }

    /** @return the generator's seed, or null for the global generator */
    public Long seed() {
        return seed;
    }
}
