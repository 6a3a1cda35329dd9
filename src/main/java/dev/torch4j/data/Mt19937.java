package dev.torch4j.data;

/**
 * The 32-bit Mersenne Twister of PyTorch's CPU generator ({@code at::mt19937}, equal to
 * {@code std::mt19937}) and its {@code randperm}, so that a seeded {@link DataLoader} shuffles
 * exactly like {@code DataLoader(..., generator=torch.Generator().manual_seed(seed))}.
 * Not thread-safe.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    /** Seeds like {@code torch.Generator().manual_seed(seed)}: the low 32 bits are used. */
    Mt19937(long seed) {
        seed(seed);
    }

    /**
     * Reseeds in place, the same state as {@code new Mt19937(seed)} without a new 2.5 KB state
     * array (a loader reseeds its scratch generator every epoch).
     *
     * @return this generator
     */
    Mt19937 seed(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
        return this;
    }

    /** Like {@code CPUGeneratorImpl::random()}: the next 32 bits. */
    int next() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Like {@code CPUGeneratorImpl::random64()}: two draws, the first as the high half. */
    long next64() {
        long hi = Integer.toUnsignedLong(next());
        return (hi << 32) | Integer.toUnsignedLong(next());
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }

    /** A permutation of {@code 0..n-1} drawn like {@code torch.randperm(n, generator=g)} on the CPU. */
    long[] randperm(int n) {
        long[] r = new long[n];
        if (n < 0xFFFFFFFFL / 20) {
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            for (int i = 0; i < n - 1; i++) {
                int z = (int) (Integer.toUnsignedLong(next()) % (n - i));
                long sav = r[i];
                r[i] = r[z + i];
                r[z + i] = sav;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int z = (int) Long.remainderUnsigned(next64(), i + 1L);
                r[i] = r[z];
                r[z] = i;
            }
        }
        return r;
    }
}
