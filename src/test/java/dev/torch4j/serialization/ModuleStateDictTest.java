package dev.torch4j.serialization;

import dev.torch4j.Torch;
import dev.torch4j.examples.Notebook.SimpleNet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.nn.Linear;
import dev.torch4j.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module.loadStateDict(Path[, strict]) and saveStateDict(Path) with files PyTorch wrote. */
class ModuleStateDictTest {
    /** The notebook model plus a layer Python's model does not have. */
    static final class Extended extends Module {
        final SimpleNet net = register("net", new SimpleNet(17, 100, 16));
        final Linear head = register("head", new Linear(1, 2));
    }

    @Test
    void strictLoadReportsMissingUnexpectedAndSizeMismatchesTogetherAndChangesNothing() {
        try (SimpleNet model = new SimpleNet(17, 100, 8)) {
            float[] before = model.stateDict().get("out.weight").toFloatArray();
            StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                    () -> model.loadStateDict(Map.of("out.weight", Torch.zeros(1, 16), "extra", Torch.zeros(1))));
            assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                    "rnn.bias_hh_l0", "out.bias"), e.missingKeys());
            assertEquals(List.of("extra"), e.unexpectedKeys());
            assertEquals(List.of("size mismatch for out.weight: copying a param with shape [1, 16] from checkpoint, "
                    + "the shape in current model is [1, 8]."), e.sizeMismatches());
            assertTrue(e.getMessage().startsWith("Error(s) in loading state_dict for SimpleNet:\n\tMissing key(s) "
                    + "in state_dict: \"embedding.weight\", "), e.getMessage());
            assertTrue(e.getMessage().contains("\n\tUnexpected key(s) in state_dict: \"extra\".\n\tsize mismatch"),
                    e.getMessage());
            assertArrayEquals(before, model.stateDict().get("out.weight").toFloatArray(), "nothing was copied");
        }
    }

    @Test
    void strictLoadFromAFileFailsOnShapes() {
        try (SimpleNet model = new SimpleNet(17, 100, 8)) {
            StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                    () -> model.loadStateDict(Expected.fixture("notebook.pt")));
            assertEquals(5, e.sizeMismatches().size(), e.getMessage());
            assertTrue(e.missingKeys().isEmpty() && e.unexpectedKeys().isEmpty());
        }
    }

    @Test
    void nonStrictLoadReturnsTheKeysAndCopiesTheRest() throws IOException {
        try (Extended model = new Extended(); StateDict python = StateDict.load(Expected.fixture("notebook.pt"))) {
            // Python's keys lack the "net." prefix: rename them as a user porting a wrapped model would
            StateDict renamed = new StateDict();
            python.forEach((k, v) -> renamed.put("net." + k, v));
            renamed.put("stale.weight", Torch.zeros(3).unscoped());
            renamed.remove("net.out.bias");
            float[] headBefore = model.head.weight().toFloatArray();
            float[] biasBefore = model.stateDict().get("net.out.bias").toFloatArray();
            IncompatibleKeys keys = model.loadStateDict(renamed, false);
            assertEquals(List.of("net.out.bias", "head.weight", "head.bias"), keys.missingKeys());
            assertEquals(List.of("stale.weight"), keys.unexpectedKeys());
            assertFalse(keys.isEmpty());
            assertArrayEquals(python.get("embedding.weight").toFloatArray(),
                    model.stateDict().get("net.embedding.weight").toFloatArray());
            assertArrayEquals(headBefore, model.head.weight().toFloatArray());
            assertArrayEquals(biasBefore, model.stateDict().get("net.out.bias").toFloatArray());
            renamed.get("stale.weight").close();
        }
    }

    @Test
    void nonStrictLoadFromAFileStillFailsOnShapesLikePyTorch() {
        try (SimpleNet model = new SimpleNet(17, 100, 8)) {
            StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                    () -> model.loadStateDict(Expected.fixture("notebook.safetensors"), false));
            assertEquals(5, e.sizeMismatches().size());
        }
    }

    @Test
    void strictLoadThatMatchesReturnsNone() throws IOException {
        try (SimpleNet model = new SimpleNet(17, 100, 16)) {
            assertSame(IncompatibleKeys.NONE, model.loadStateDict(Expected.fixture("notebook.pt"), true));
        }
    }

    @Test
    void saveStateDictWritesDetachedTensors(@TempDir Path dir) throws IOException {
        try (SimpleNet model = new SimpleNet(17, 4, 3)) {
            assertTrue(model.stateDict().get("out.weight").requiresGrad());
            Path file = dir.resolve("m.pth");
            model.saveStateDict(file);
            try (StateDict back = StateDict.load(file)) {
                assertEquals(List.copyOf(model.stateDict().keySet()), List.copyOf(back.keySet()));
                assertFalse(back.get("out.weight").requiresGrad(), "state_dict() tensors are detached");
                assertArrayEquals(model.stateDict().get("rnn.weight_hh_l0").toFloatArray(),
                        back.get("rnn.weight_hh_l0").toFloatArray());
            }
        }
    }
}
