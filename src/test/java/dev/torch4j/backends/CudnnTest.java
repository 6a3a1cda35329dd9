package dev.torch4j.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import org.junit.jupiter.api.Test;

/**
 * The global switches a port sets at its top ({@code torch.backends.cudnn.deterministic = True},
 * {@code torch.use_deterministic_algorithms(True)}): PyTorch's defaults, and that setting them reaches libtorch.
 */
class CudnnTest {
    @Test
    void cudnnSwitchesStartAtPyTorchsDefaultsAndReachLibtorch() {
        assertTrue(Cudnn.enabled(), "torch.backends.cudnn.enabled defaults to True");
        assertFalse(Cudnn.benchmark(), "benchmark defaults to False");
        assertFalse(Cudnn.deterministic(), "deterministic defaults to False");
        try {
            Cudnn.setDeterministic(true);
            Cudnn.setBenchmark(true);
            assertTrue(Cudnn.deterministic());
            assertTrue(Cudnn.benchmark());
        } finally {
            Cudnn.setDeterministic(false);
            Cudnn.setBenchmark(false);
        }
        assertEquals(Cudnn.isAvailable(), Cudnn.version() > 0, "a version exactly when cuDNN is there");
    }

    @Test
    void deterministicAlgorithmsFillNewMemoryWithNanAsPyTorchDocumentsIt() {
        assertFalse(Torch.areDeterministicAlgorithmsEnabled(), "off by default");
        try {
            Torch.useDeterministicAlgorithms(true);
            assertTrue(Torch.areDeterministicAlgorithmsEnabled());
            assertFalse(Torch.isDeterministicAlgorithmsWarnOnlyEnabled());
            // torch.empty docs: with deterministic algorithms on, uninitialized floating point memory is NaN
            try (Tensor t = Torch.empty(4)) {
                for (float v : t.toFloatArray()) {
                    assertTrue(Float.isNaN(v), "torch.empty under use_deterministic_algorithms(True) is NaN");
                }
            }
            Torch.useDeterministicAlgorithms(true, true);
            assertTrue(Torch.isDeterministicAlgorithmsWarnOnlyEnabled());
        } finally {
            Torch.useDeterministicAlgorithms(false);
        }
        assertFalse(Torch.areDeterministicAlgorithmsEnabled());
    }
}
