package dev.torch4j.nn;

import dev.torch4j.Tensor;

/** What {@link Conv1d} and {@link Conv2d} share, as PyTorch's {@code _ConvNd}: argument checks and initialisation. */
final class ConvNd {
    private ConvNd() {
    }

    /** PyTorch's ValueErrors for {@code groups}. */
    static void checkGroups(long inChannels, long outChannels, long groups) {
        if (groups <= 0) {
            throw new IllegalArgumentException("groups must be a positive integer");
        }
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException("in_channels must be divisible by groups");
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("out_channels must be divisible by groups");
        }
    }

    /** {@code _ConvNd.reset_parameters}: kaiming_uniform(a=sqrt(5)) for the weight, U(-1/sqrt(fan_in), ..) for the bias. */
    static void resetParameters(Tensor weight, Tensor bias) {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.fanInAndFanOut(weight)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt(fanIn);
                Init.uniform_(bias, -bound, bound);
            }
        }
    }
}
