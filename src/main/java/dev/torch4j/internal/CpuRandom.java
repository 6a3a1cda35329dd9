package dev.torch4j.internal;

import dev.torch4j.DType;
import dev.torch4j.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Draws from a fresh libtorch CPU generator ({@code at::CPUGeneratorImpl}), the one Python's
 * {@code torch.Generator()} makes, so that a permutation equals PyTorch's for the same seed.
 */
public final class CpuRandom {
    private CpuRandom() {
    }

    static {
        Native.init();
    }

    /**
     * {@code torch.randperm(n, generator=torch.Generator().manual_seed(seed)).tolist()}.
     *
     * @param seed the generator's seed (read as the unsigned 64-bit value; the Mersenne Twister uses its low 32 bits)
     */
    public static long[] randperm(long n, long seed) {
        try (Generator g = torch.make_generator_cpu(seed);
             GeneratorOptional opt = new GeneratorOptional(g)) {
            org.bytedeco.pytorch.Tensor perm;
            try {
                perm = torch.randperm(n, opt, Native.options(DType.INT64, Device.cpu()));
            } catch (RuntimeException e) {
                throw Native.translate(e);
            }
            try (dev.torch4j.Tensor t = TensorBridge.own(perm)) {
                return t.toLongArray();
            }
        }
    }
}
