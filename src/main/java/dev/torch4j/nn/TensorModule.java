package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * A module that maps one tensor to one tensor, so that modules compose (and can be summarised)
 * without knowing each other's types. {@link Module} itself fixes no {@code forward} signature.
 */
public interface TensorModule {
    /**
     * @param input the input tensor
     * @return the output tensor
     */
    Tensor forward(Tensor input);
}
