package dev.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.optim.Adam;
import dev.torch4j.optim.AdamOptions;
import dev.torch4j.serialization.StateDict;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Python's attribute assignment does for a module, done by {@code register}/{@code registerParameter}:
 * parameters that train (issue 14 item 4), weight tying (item 5), typed mode methods and {@code to()} moving
 * gradients (item 6), and the check that finds fields a port forgot to register.
 */
class ModuleRegistrationTest {
    /** A user's module with a parameter made from a plain tensor, as {@code nn.Parameter(torch.randn(3))}. */
    static final class Scale extends Module {
        final Tensor w = registerParameter("w", Torch.ones(3));

        Tensor forward(Tensor x) {
            return x.mul(w);
        }
    }

    @Test
    void registeredParameterRequiresGradAndTrains() {
        Scale m = new Scale();
        assertTrue(m.w.requiresGrad(), "nn.Parameter requires grad by default");
        Adam adam = new Adam(m.parameters(), AdamOptions.defaults().lr(0.1));
        m.forward(Torch.ones(3)).sum().backward();
        adam.step();
        assertArrayEquals(new float[] {0.9f, 0.9f, 0.9f}, m.w.toFloatArray(), 1e-6f, "one Adam step of lr 0.1");

        final class Frozen extends Module {
            final Tensor table = registerParameter("table", Torch.ones(2), false);
            final Tensor derived = registerParameter("derived", Torch.ones(2).requiresGrad_(true).mul(2.0));
        }
        Frozen f = new Frozen();
        assertFalse(f.table.requiresGrad(), "nn.Parameter(t, requires_grad=False)");
        assertTrue(f.derived.isLeaf() && f.derived.requiresGrad(), "a non-leaf becomes a detached leaf");
        assertSame(f.derived, f.namedParameters().get("derived"));
    }

    /** pytorch/examples word_language_model's model with {@code decoder.weight = encoder.weight}. */
    static final class Tied extends Module {
        final Embedding encoder = register("encoder", new Embedding(7, 4));
        final LSTM rnn = register("rnn", new LSTM(4, 4));
        final Linear decoder = register("decoder", new Linear(4, 7));

        Tied() {
            decoder.registerParameter("weight", encoder.weight());
        }

        Tensor forward(Tensor x) {
            return decoder.forward(rnn.forward(encoder.forward(x)).output());
        }
    }

    @Test
    void tiedWeightIsOneParameterSteppedOnceAsInPyTorch(@TempDir Path dir) throws IOException {
        Fixtures f = Fixtures.load("rnn", "tied");
        Tied m = new Tied();
        assertSame(encoderWeight(m), m.decoder.weight(), "the decoder's field follows the registration");
        m.loadStateDict(Fixtures.path("rnn", "tied.pt"));
        assertEquals((long) f.get("n_parameters").values()[0], m.parameters().size(), "listed once");
        assertEquals(List.of("encoder.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                "rnn.bias_hh_l0", "decoder.bias"), List.copyOf(m.namedParameters().keySet()));
        assertTrue(m.stateDict().containsKey("decoder.weight"), "state_dict names it under both keys");

        Tensor x = f.get("x").tensor(true);
        Tensor y = f.get("y").tensor(true);
        Adam adam = new Adam(m.parameters(), AdamOptions.defaults().lr(0.01));
        for (int step = 0; step < 2; step++) {
            adam.zeroGrad();
            Functional.crossEntropy(m.forward(x).reshape(-1, 7), y).backward();
            adam.step();
        }
        m.namedParameters().forEach((k, p) -> Fixtures.assertClose(f.get("step2." + k), p, 1e-5, "after 2 steps: " + k));

        Path saved = dir.resolve("tied.pt");
        m.saveStateDict(saved);
        assertEquals(storages(Fixtures.path("rnn", "tied.pt")), storages(saved),
                "one storage for the tied weight, as torch.save writes it");
        try (StateDict back = StateDict.load(saved)) {
            assertTrue(back.get("decoder.weight").equal(back.get("encoder.weight")));
        }
    }

    private static Tensor encoderWeight(Tied m) {
        return m.encoder.weight();
    }

    private static long storages(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().filter(e -> e.getName().matches(".*/data/\\d+")).count();
        }
    }

    @Test
    void modeMethodsReturnModuleNotAnUncheckedTypeVariable() throws NoSuchMethodException {
        // `Linear l = new RNN(2, 3).train();` compiled with <M extends Module> M and threw ClassCastException
        List<Method> methods = List.of(Module.class.getMethod("train"), Module.class.getMethod("train", boolean.class),
                Module.class.getMethod("eval"), Module.class.getMethod("to", Device.class),
                Module.class.getMethod("to", DType.class), Module.class.getMethod("freeze"),
                Module.class.getMethod("unfreeze"), Module.class.getMethod("requiresGrad", boolean.class),
                Module.class.getMethod("apply", java.util.function.Consumer.class));
        for (Method m : methods) {
            assertEquals(Module.class, m.getGenericReturnType(), m.toString());
        }
    }

    @Test
    void toMovesGradientsWithTheirParameters() {
        Scale m = new Scale();
        m.forward(Torch.ones(3)).sum().backward();
        Tensor w = m.w;
        m.to(DType.FLOAT64);
        assertSame(w, m.w, "the parameter keeps its identity");
        assertEquals(DType.FLOAT64, w.dtype());
        assertEquals(DType.FLOAT64, w.grad().dtype(), "its gradient went with it");
        assertArrayEquals(new double[] {1, 1, 1}, w.grad().toDoubleArray());
        var e = assertThrows(IllegalArgumentException.class, () -> m.to(DType.INT64));
        assertEquals("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64",
                e.getMessage());
    }

    @Test
    @Tag("cuda")
    void toCudaMovesGradients() {
        Assumptions.assumeTrue(Device.isCudaAvailable(), "needs a CUDA device");
        Scale m = new Scale();
        m.forward(Torch.ones(3)).sum().backward();
        m.to(Device.cuda());
        assertTrue(m.w.isCuda() && m.w.grad().isCuda());
        LSTM lstm = new LSTM(2, 3, 2);
        lstm.to(Device.cuda());
        assertTrue(lstm.forward(Torch.randn(4, 1, 2).to(Device.cuda())).output().isCuda());
    }

    /** The port that started the check: the RNN assigned without register() trained nothing, silently. */
    static final class Forgetful extends Module {
        final Embedding embedding = register("embedding", new Embedding(5, 3));
        final RNN rnn = new RNN(3, 2);
    }

    @Test
    void unregisteredFieldsRaiseNamingTheFieldAndTheFix() {
        Forgetful m = new Forgetful();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::parameters);
        assertEquals("Forgetful.rnn holds a module (RNN) that was never registered, so its parameters would not be "
                + "trained, moved or saved (Python registers attributes by itself, Java cannot): assign it with "
                + "rnn = register(\"rnn\", ...)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.to(Device.cpu()));
        assertThrows(IllegalStateException.class, m::stateDict);

        final class LooseTensor extends Module {
            final Tensor scale = Torch.ones(2).requiresGrad_(true);
            final Tensor constant = Torch.ones(2);
        }
        var t = assertThrows(IllegalStateException.class, () -> new LooseTensor().namedParameters());
        assertTrue(t.getMessage().startsWith("LooseTensor.scale holds a tensor that requires grad but was never "
                + "registered") && t.getMessage().contains("scale = registerParameter(\"scale\", ...)"), t.getMessage());

        final class PlainList extends Module {
            final List<Linear> layers = new ArrayList<>(List.of(new Linear(2, 2), new Linear(2, 2)));
        }
        var l = assertThrows(IllegalStateException.class, () -> new PlainList().parameters());
        assertTrue(l.getMessage().startsWith("PlainList.layers[0] holds a module (Linear)")
                && l.getMessage().contains("ModuleList"), l.getMessage());

        final class Fine extends Module {
            final Linear a = register("a", new Linear(2, 2));
            final Linear alias = a;
            final Tensor mask = Torch.ones(2);
            final Tensor weight = a.weight();
            final List<Linear> layers = List.of(a);
            Module parent = this;
        }
        assertEquals(2, new Fine().parameters().size(), "registered, aliased, non-trainable and self references pass");
    }

    @Test
    void traversalFollowsPyTorch() {
        final class Net extends Module {
            final Linear shared = register("shared", new Linear(2, 2));
            final Sequential body = register("body", new Sequential(shared, new ReLU()));
            final Tensor steps = registerBuffer("steps", Torch.zeros(1));
            final Tensor cache = registerBuffer("cache", Torch.zeros(2), false);
        }
        Net n = new Net();
        assertEquals(List.of("", "shared", "body", "body.1"), List.copyOf(n.namedModules().keySet()),
                "each module once, pre-order");
        assertEquals(List.of(n, n.shared, n.body, n.body.get(1)), n.modules());
        assertEquals(List.of(n.shared, n.body), n.children());
        assertEquals(List.of("shared.weight", "shared.bias"), List.copyOf(n.namedParameters().keySet()));
        assertEquals(List.of("steps", "shared.weight", "shared.bias", "body.0.weight", "body.0.bias"),
                List.copyOf(n.stateDict().keySet()), "own tensors first, shared modules repeated, cache left out");
        assertEquals(List.of("steps", "cache"), List.copyOf(n.namedBuffers().keySet()));
        List<String> visited = new ArrayList<>();
        assertSame(n, n.apply(m -> visited.add(m.getClass().getSimpleName())));
        assertEquals(List.of("Linear", "Linear", "ReLU", "Sequential", "Net"), visited,
                "children first; Python reaches the shared Linear through Net and through body, so twice");
        n.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, n.cache.dtype(), "to() moves non-persistent buffers too");
    }

    @Test
    void registeringANameAgainReplacesItAsPythonsAssignmentDoes() {
        Linear l = new Linear(2, 3);
        Tensor w = Torch.zeros(3, 2);
        assertSame(w, l.registerParameter("weight", w));
        assertSame(w, l.weight(), "the field follows");
        assertEquals(List.of("weight", "bias"), List.copyOf(l.namedParameters().keySet()), "same place in the order");
        assertEquals(0.0, l.forward(Torch.ones(1, 2)).sub(l.bias()).abs().sum().item(), "forward uses it");
        l.registerParameter("bias", null);
        assertNull(l.bias());
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        var e = assertThrows(IllegalArgumentException.class, () -> l.registerBuffer("weight", Torch.zeros(1)));
        assertEquals("attribute 'weight' already exists", e.getMessage());
        assertEquals("module name can't contain \".\", got: a.b",
                assertThrows(IllegalArgumentException.class, () -> l.register("a.b", new ReLU())).getMessage());
        assertEquals("parameter name can't be empty string \"\"",
                assertThrows(IllegalArgumentException.class, () -> l.registerParameter("", w)).getMessage());
        assertEquals("buffer name can't contain \".\"",
                assertThrows(IllegalArgumentException.class, () -> l.registerBuffer("x.y", w)).getMessage());
        Map<String, Module> none = l.namedChildren();
        assertTrue(none.isEmpty());
    }

    /** pytorch/examples' word language model: {@code class TransformerModel(nn.Transformer)} sets {@code self.decoder = nn.Linear(...)}. */
    static final class LinearDecoded extends Transformer {
        final Linear decoder;

        LinearDecoded() {
            super(TransformerOptions.defaults().dModel(4).nhead(2).dimFeedforward(8).numEncoderLayers(1)
                    .numDecoderLayers(1));
            decoder = register("decoder", new Linear(4, 5));
        }
    }

    @Test
    void aSubclassMayRegisterAnotherKindOfModuleUnderASuperclassFieldsName() {
        LinearDecoded m = new LinearDecoded();
        List<String> names = List.copyOf(m.namedParameters().keySet());   // no "never registered" error
        assertTrue(names.stream().noneMatch(n -> n.startsWith("decoder.layers")), names.toString());
        assertEquals(List.of("decoder.weight", "decoder.bias"), names.subList(names.size() - 2, names.size()),
                "in the replaced module's place, after the encoder, as Python's dict keeps it");
        assertNull(m.decoder(), "the superclass field cannot hold a Linear, so it no longer names the old decoder");
        assertSame(m.decoder, m.namedChildren().get("decoder"));
        var e = assertThrows(IllegalStateException.class, () -> m.forward(Torch.zeros(3, 1, 4), Torch.zeros(2, 1, 4)));
        assertEquals("Transformer.forward needs its TransformerEncoder and TransformerDecoder, but this LinearDecoded "
                + "registered another module as 'decoder'", e.getMessage());
        m.to(Device.cpu());
    }
}
