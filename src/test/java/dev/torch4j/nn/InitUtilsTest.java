package dev.torch4j.nn;

import static dev.torch4j.nn.NnFixturesTest.assertExact;
import static dev.torch4j.nn.NnFixturesTest.tsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Init} bit-identical to {@code torch.nn.init} after the same seed, {@code calculate_gain} equal to the last
 * bit, and {@link Utils} against {@code torch.nn.utils} ({@code tools/gen_nn_fixtures.py}: init, gains, utils).
 */
class InitUtilsTest {
    /** One row per init call; the Python rows in init_cases() have the same names, shapes and arguments. */
    static Map<String, Consumer<Tensor>> initRows() {
        Map<String, Consumer<Tensor>> rows = new LinkedHashMap<>();
        rows.put("uniform", t -> Init.uniform_(t, -0.5, 2.0));
        rows.put("uniform_default", Init::uniform_);
        rows.put("normal", t -> Init.normal_(t, 1.0, 0.3));
        rows.put("constant", t -> Init.constant_(t, 0.7));
        rows.put("zeros", Init::zeros_);
        rows.put("ones", Init::ones_);
        rows.put("eye", Init::eye_);
        rows.put("xavier_uniform", Init::xavierUniform_);
        rows.put("xavier_uniform_gain", t -> Init.xavierUniform_(t, 2.0));
        rows.put("xavier_normal", Init::xavierNormal_);
        rows.put("kaiming_uniform", Init::kaimingUniform_);
        rows.put("kaiming_uniform_sqrt5", t -> Init.kaimingUniform_(t, Math.sqrt(5)));
        rows.put("kaiming_uniform_fan_out_relu", t -> Init.kaimingUniform_(t, 0, Init.FanMode.FAN_OUT,
                Init.Nonlinearity.RELU));
        rows.put("kaiming_normal", Init::kaimingNormal_);
        rows.put("kaiming_normal_fan_out_tanh", t -> Init.kaimingNormal_(t, 0, Init.FanMode.FAN_OUT,
                Init.Nonlinearity.TANH));
        rows.put("kaiming_normal_leaky", t -> Init.kaimingNormal_(t, 0.2));
        rows.put("orthogonal", Init::orthogonal_);
        rows.put("orthogonal_tall", Init::orthogonal_);
        rows.put("orthogonal_3d_gain", t -> Init.orthogonal_(t, 2.0));
        rows.put("trunc_normal", Init::truncNormal_);
        rows.put("trunc_normal_shifted", t -> Init.truncNormal_(t, 0.5, 2.0, -1.0, 3.0));
        rows.put("trunc_normal_unit", t -> Init.truncNormal_(t, 0.0, 1.0, 0.0, 1.0));
        rows.put("trunc_normal_narrow", t -> Init.truncNormal_(t, 0.1, 0.02, -0.3, 0.25));
        rows.put("sparse", t -> Init.sparse_(t, 0.3));
        return rows;
    }

    /**
     * Bit-identical, except orthogonal_, whose QR runs in the LAPACK each libtorch is linked with (OpenBLAS in
     * torch4j's): its random draw is PyTorch's, its Q agrees to 1e-6.
     */
    @TestFactory
    Stream<DynamicTest> initFunctionsMatchPyTorchAfterTheSameSeed() {
        Fixtures f = Fixtures.load("nn", "init");
        List<String> python = new ArrayList<>();
        for (String k : f.keys()) {
            if (!k.startsWith("seed.")) {
                python.add(k);
            }
        }
        assertEquals(python, List.copyOf(initRows().keySet()), "the Python and Java init rows");
        return initRows().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Fixtures.Entry expected = f.get(e.getKey());
            Torch.manualSeed((long) f.get("seed." + e.getKey()).values()[0]);
            try (Tensor t = Torch.empty(expected.shape())) {
                e.getValue().accept(t);
                if (e.getKey().startsWith("orthogonal")) {
                    Fixtures.assertClose(expected, t, 1e-6, e.getKey());
                } else {
                    assertExact(expected, t, e.getKey());
                }
            }
        }));
    }

    @Test
    void calculateGainIsPythonsToTheLastBit() {
        for (String[] r : tsv("gains.tsv")) {
            Init.Nonlinearity n = Init.Nonlinearity.valueOf(r[0].toUpperCase(Locale.ROOT));
            double gain = r[1].isEmpty() ? Init.calculateGain(n) : Init.calculateGain(n, Double.parseDouble(r[1]));
            assertEquals(Double.parseDouble(r[2]), gain, 0.0, r[0] + " " + r[1]);
            assertEquals(r[0], n.toString());
        }
    }

    /** erf's special values (its finite values are checked through the trunc_normal_ rows). */
    @Test
    void erfSpecialValues() {
        assertEquals(0.0, Init.erf(0.0), 0.0);
        assertEquals(-1.0, Init.erf(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(1.0, Init.erf(Double.POSITIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Init.erf(Double.NaN)));
    }

    static List<Tensor> parameters(Fixtures f, boolean withGrads) {
        List<Tensor> ps = new ArrayList<>();
        for (int i = 0; f.has("param" + i); i++) {
            Tensor p = f.get("param" + i).tensor(false).requiresGrad_(true);
            if (withGrads) {
                p.setGrad(f.get("grad" + i).tensor(false));
            }
            ps.add(p);
        }
        return ps;
    }

    @Test
    void clipGradNormForEveryNormTypeReturnsTheTotalAndScales() {
        Fixtures f = Fixtures.load("nn", "utils");
        Object[][] cases = {{"l2", 1.0, 2.0}, {"l1", 2.0, 1.0}, {"inf", 0.5, Double.POSITIVE_INFINITY},
            {"p3", 0.7, 3.0}, {"unclipped", 100.0, 2.0}};
        for (Object[] c : cases) {
            String name = (String) c[0];
            List<Tensor> ps = parameters(f, true);
            if (name.equals("p3")) {
                ps.get(1).clearGrad();
            }
            Tensor total = Utils.clipGradNorm_(ps, (double) c[1], (double) c[2]);
            Fixtures.assertClose(f.get(name + ".total"), total, 1e-6, name + " total norm");
            for (int i = 0; i < ps.size(); i++) {
                if (f.has(name + ".grad" + i)) {
                    Fixtures.assertClose(f.get(name + ".grad" + i), ps.get(i).grad(), 1e-6, name + " grad " + i);
                } else {
                    assertNull(ps.get(i).grad(), name + ": a parameter without a gradient keeps none");
                }
            }
        }
    }

    @Test
    void clipGradValueAndTheVectorRoundTrip() {
        Fixtures f = Fixtures.load("nn", "utils");
        List<Tensor> ps = parameters(f, true);
        Utils.clipGradValue_(ps, 0.5);
        for (int i = 0; i < ps.size(); i++) {
            NnFixturesTest.assertExact(f.get("value.grad" + i), ps.get(i).grad(), "clipped grad " + i);
        }
        List<Tensor> plain = parameters(f, false);
        NnFixturesTest.assertExact(f.get("vector"), Utils.parametersToVector(plain), "parameters_to_vector");
        Tensor vec = Torch.arange(0.0, (double) f.get("vector").values().length);
        Utils.vectorToParameters(vec, plain);
        for (int i = 0; i < plain.size(); i++) {
            NnFixturesTest.assertExact(f.get("from_vector" + i), plain.get(i), "vector_to_parameters " + i);
        }
        vec.fill_(7.0);
        assertEquals(7.0, plain.get(0).sum().item() / plain.get(0).numel(), 0.0,
                "as in PyTorch, the parameters are views of the vector");
    }

    @Test
    void clipGradNormWithoutGradientsIsZero() {
        Tensor total = Utils.clipGradNorm_(List.of(Torch.zeros(3).requiresGrad_(true)), 1.0);
        assertNotNull(total);
        assertEquals(0.0, total.item(), 0.0);
    }
}
