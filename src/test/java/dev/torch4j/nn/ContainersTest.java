package dev.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the containers do besides the numbers NnFixturesTest checks: naming on append, lookup, errors. */
class ContainersTest {
    /** A user module with a one-tensor forward that does not declare TensorModule, as Python's need not. */
    static final class Doubler extends Module {
        public Tensor forward(Tensor x) {
            return x.mul(2.0);
        }
    }

    /** A module without a one-tensor forward. */
    static final class Pair extends Module {
        public Tensor forward(Tensor a, Tensor b) {
            return a.add(b);
        }
    }

    @Test
    void sequentialAppendsUnderItsPositionAndCallsUserForwards() {
        Sequential s = new Sequential(new Linear(3, 2)).append(new Doubler()).extend(List.of(new ReLU()));
        assertEquals(List.of("0", "1", "2"), List.copyOf(s.namedChildren().keySet()));
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(s.namedParameters().keySet()));
        assertEquals(3, s.size());
        assertSame(s.get(2), s.get(-1));
        Tensor x = Torch.ones(4, 3);
        Linear lin = (Linear) s.get(0);
        Tensor expected = lin.forward(x).mul(2.0).relu();
        assertTrue(s.forward(x).equal(expected));
    }

    @Test
    void sequentialNamesAChildWithoutAOneTensorForward() {
        Sequential s = new Sequential(new ReLU(), new Pair());
        var e = assertThrows(IllegalArgumentException.class, () -> s.forward(Torch.ones(2)));
        assertTrue(e.getMessage().contains("Sequential child 1 (Pair)"), e.getMessage());
    }

    @Test
    void moduleListAndDictRegisterTheirEntries() {
        ModuleList<Linear> layers = new ModuleList<>(new Linear(2, 2), new Linear(2, 1));
        layers.append(new Linear(1, 1));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"),
                List.copyOf(layers.namedParameters().keySet()));
        assertEquals(1, layers.get(-1).weight().size(0));

        ModuleDict<Module> d = new ModuleDict<>(Map.of("act", new ReLU()));
        d.put("proj", new Linear(2, 3));
        assertEquals(List.of("act", "proj"), List.copyOf(d.keys()));
        assertTrue(d.containsKey("proj"));
        assertEquals(List.of("proj.weight", "proj.bias"), List.copyOf(d.namedParameters().keySet()));
        d.put("proj", new ReLU());
        assertTrue(d.get("proj") instanceof ReLU, "dict[key] = module replaces, as in Python");
        assertEquals(List.of(), List.copyOf(d.namedParameters().keySet()), "and the replaced entry's parameters go");
        assertThrows(java.util.NoSuchElementException.class, () -> d.get("missing"));
    }

    @Test
    void evalReachesDropoutInsideContainers() {
        Sequential s = new Sequential(new Dropout(0.9));
        Tensor x = Torch.ones(100);
        s.eval();
        assertTrue(s.forward(x).equal(x), "dropout is the identity in eval mode");
        s.train();
        assertTrue(s.forward(x).eq(0.0).any().item() != 0, "and drops in training mode");
    }
}
