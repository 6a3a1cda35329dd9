package dev.torch4j.nn;

/**
 * The functions of {@code torch.nn.functional}: the native ones ({@code torch._C._nn}: losses,
 * activations, pooling, padding, {@code oneHot}, {@code scaledDotProductAttention}, ...) are generated
 * from libtorch's operator schemas and inherited; the ones Python composes are written here.
 *
 * @see <a href="https://pytorch.org/docs/stable/nn.functional.html">torch.nn.functional</a>
 */
public final class Functional extends NativeFunctional {
    private Functional() {
    }
}
