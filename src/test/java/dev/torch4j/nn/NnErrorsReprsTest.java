package dev.torch4j.nn;

import static dev.torch4j.nn.NnFixturesTest.tsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Where torch4j checks in Java what Python's own layer checks, the message is Python's (errors.tsv, written by
 * {@code tools/gen_nn_fixtures.py}); module reprs are PyTorch's (reprs.tsv); and a Transformer state dict saved by
 * {@code torch.save} loads unchanged and gives PyTorch's outputs.
 */
class NnErrorsReprsTest {
    record Mistake(Class<? extends Throwable> type, Executable code) {
    }

    static Mistake mistake(Class<? extends Throwable> type, Executable code) {
        return new Mistake(type, code);
    }

    static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    static Tensor zeros(long... shape) {
        return Torch.zeros(shape);
    }

    static Tensor longs(long... v) {
        return Tensor.of(v, v.length);
    }

    static Transformer small() {
        return new Transformer(NnFixturesTest.smallTransformer());
    }

    /** The Python rows of errors() in tools/gen_nn_fixtures.py, as Java calls. */
    static Map<String, Mistake> mistakes() {
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        Map<String, Mistake> m = new LinkedHashMap<>();
        m.put("dropout_p", mistake(IAE, () -> new Dropout(1.5)));
        m.put("F.dropout_p", mistake(IAE, () -> Functional.dropout(zeros(2), -0.1)));
        m.put("dropout1d_rank", mistake(IAE, () -> Functional.dropout1d(zeros(2, 3, 4, 5), 0.5)));
        m.put("bce_size", mistake(IAE, () -> Functional.binaryCrossEntropy(Torch.full(new long[] {3, 1}, 0.5),
                zeros(3))));
        m.put("batch_norm1d_rank", mistake(IAE, () -> new BatchNorm1d(3).forward(zeros(2, 3, 4, 5))));
        m.put("batch_norm2d_rank", mistake(IAE, () -> new BatchNorm2d(3).forward(zeros(2, 3, 4))));
        m.put("batch_norm_single_value", mistake(IAE, () -> new BatchNorm1d(4).forward(zeros(1, 4))));
        m.put("bce_with_logits_size", mistake(IAE, () -> new BCEWithLogitsLoss().forward(zeros(7, 1), zeros(7))));
        m.put("margin_ranking_dims", mistake(IAE, () -> Functional.marginRankingLoss(zeros(3), zeros(3, 1),
                zeros(3))));
        m.put("glu_scalar", mistake(IAE, () -> Functional.glu(Tensor.scalar(1.0f))));
        m.put("mha_divisible", mistake(IAE, () -> new MultiheadAttention(10, 3)));
        m.put("mha_key_rank", mistake(IAE, () -> mha.forward(zeros(4, 2, 8), zeros(4, 8), zeros(4, 2, 8))));
        m.put("mha_kpm_type", mistake(IAE, () -> mha.forward(zeros(4, 2, 8), zeros(4, 2, 8), zeros(4, 2, 8),
                Torch.zeros(new long[] {2, 4}, TensorOptions.defaults().dtype(DType.INT64)))));
        m.put("mha_attn_mask_2d", mistake(IAE, () -> mha.forward(zeros(4, 2, 8), zeros(5, 2, 8), zeros(5, 2, 8),
                null, true, zeros(3, 3))));
        m.put("mha_attn_mask_3d", mistake(IAE, () -> mha.forward(zeros(4, 2, 8), zeros(5, 2, 8), zeros(5, 2, 8),
                null, true, zeros(2, 4, 5))));
        m.put("mha_query_rank", mistake(IAE, () -> mha.forward(zeros(8), zeros(8), zeros(8))));
        m.put("transformer_batch", mistake(IAE, () -> small().forward(zeros(5, 3, 4), zeros(4, 2, 4))));
        m.put("transformer_features", mistake(IAE, () -> small().forward(zeros(5, 3, 4), zeros(4, 3, 6))));
        m.put("activation_name", mistake(IAE, () -> new TransformerEncoderLayer(8, 2,
                TransformerLayerOptions.defaults().activation("tanh"))));
        m.put("conv_groups_in", mistake(IAE, () -> new Conv1d(3, 4, 3, Conv1dOptions.defaults().groups(2))));
        m.put("conv_groups_out", mistake(IAE, () -> new Conv1d(4, 3, 3, Conv1dOptions.defaults().groups(2))));
        m.put("conv_same_strided", mistake(IAE, () -> new Conv1d(4, 3, 3, Conv1dOptions.defaults().stride(2)
                .padding("same"))));
        m.put("embedding_bag_offsets_none", mistake(IAE, () -> Functional.embeddingBag(longs(1, 2), zeros(5, 2),
                null, null, EmbeddingBagOptions.defaults())));
        m.put("embedding_bag_2d_offsets", mistake(IAE, () -> Functional.embeddingBag(Tensor.of(new long[] {1, 2},
                1, 2), zeros(5, 2), longs(0), null, EmbeddingBagOptions.defaults())));
        m.put("embedding_bag_per_sample_mean", mistake(UnsupportedOperationException.class,
                () -> Functional.embeddingBag(longs(1, 2), zeros(5, 2), longs(0), Torch.ones(2),
                        EmbeddingBagOptions.defaults())));
        m.put("embedding_bag_max_sparse", mistake(IAE, () -> Functional.embeddingBag(longs(1, 2), zeros(5, 2),
                longs(0), null, EmbeddingBagOptions.defaults().mode(EmbeddingBag.Mode.MAX).sparse(true))));
        m.put("embedding_bag_padding", mistake(IAE, () -> new EmbeddingBag(5, 2, EmbeddingBagOptions.defaults()
                .paddingIdx(5))));
        m.put("fan_1d", mistake(IAE, () -> Init.xavierUniform_(Torch.empty(3))));
        m.put("orthogonal_1d", mistake(IAE, () -> Init.orthogonal_(Torch.empty(3))));
        m.put("eye_3d", mistake(IAE, () -> Init.eye_(Torch.empty(2, 2, 2))));
        m.put("clip_nonfinite", mistake(IllegalStateException.class, () -> {
            Tensor p = Torch.zeros(2).requiresGrad_(true);
            p.setGrad(Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1f}, 2));
            Utils.clipGradNorm_(List.of(p), 1.0, 2.0, true);
        }));
        m.put("module_list_index", mistake(IndexOutOfBoundsException.class,
                () -> new ModuleList<>(new ReLU()).get(3)));
        m.put("sequential_index", mistake(IndexOutOfBoundsException.class,
                () -> new Sequential(new ReLU(), new Tanh()).get(-3)));
        m.put("kl_div_reduction", mistake(IAE, () -> KLDivLossOptions.defaults().reduction("avg")));
        return m;
    }

    @TestFactory
    Stream<DynamicTest> javaChecksRaisePythonsMessages() {
        Map<String, Mistake> java = mistakes();
        List<String[]> python = tsv("errors.tsv");
        assertEquals(python.stream().map(r -> r[0]).toList(), List.copyOf(java.keySet()),
                "errors() in the generator and this table list the same mistakes");
        return python.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            Mistake mk = java.get(r[0]);
            Throwable e = assertThrows(mk.type(), mk.code());
            assertEquals(r[1], e.getMessage(), r[0]);
        }));
    }

    /** The Python rows of reprs() in tools/gen_nn_fixtures.py. */
    static Map<String, Supplier<Module>> reprRows() {
        Map<String, Supplier<Module>> m = new LinkedHashMap<>();
        m.put("dropout", () -> new Dropout(0.3));
        m.put("dropout2d_inplace", () -> new Dropout2d(0.5, true));
        m.put("alpha_dropout", () -> new AlphaDropout(0.2));
        m.put("layer_norm", () -> new LayerNorm(6));
        m.put("layer_norm_2d", () -> new LayerNorm(new long[] {4, 6}, LayerNormOptions.defaults().eps(1e-3)
                .elementwiseAffine(false)));
        m.put("batch_norm1d", () -> new BatchNorm1d(4));
        m.put("batch_norm2d_options", () -> new BatchNorm2d(3, BatchNormOptions.defaults().eps(1e-3).momentum(null)
                .affine(false)));
        m.put("relu", ReLU::new);
        m.put("relu_inplace", () -> new ReLU(true));
        m.put("leaky_relu", () -> new LeakyReLU(0.2));
        m.put("elu", () -> new ELU(0.5));
        m.put("gelu_tanh", () -> new GELU("tanh"));
        m.put("hardtanh", () -> new Hardtanh(-0.5, 0.7));
        m.put("softplus", () -> new Softplus(2.0, 5.0));
        m.put("softshrink", () -> new Softshrink(0.3));
        m.put("threshold", () -> new Threshold(0.1, -2.0));
        m.put("softmax", () -> new Softmax(1));
        m.put("log_softmax_none", LogSoftmax::new);
        m.put("glu", GLU::new);
        m.put("prelu", () -> new PReLU(5));
        m.put("identity", Identity::new);
        m.put("flatten", Flatten::new);
        m.put("unflatten", () -> new Unflatten(1, 2, 3));
        m.put("conv1d", () -> new Conv1d(4, 6, 3));
        m.put("conv1d_options", () -> new Conv1d(4, 6, 3, Conv1dOptions.defaults().stride(2).padding(1).dilation(2)
                .groups(2).bias(false).paddingMode(Conv1d.PaddingMode.REFLECT)));
        m.put("conv1d_same", () -> new Conv1d(4, 5, 4, Conv1dOptions.defaults().padding("same")));
        m.put("max_pool1d", () -> new MaxPool1d(3));
        m.put("max_pool1d_options", () -> new MaxPool1d(3, MaxPool1dOptions.defaults().stride(2).padding(1)
                .ceilMode(true)));
        m.put("conv2d", () -> new Conv2d(1, 3, new long[] {2, 5}, Conv2dOptions.defaults()));
        m.put("conv2d_options", () -> new Conv2d(4, 6, new long[] {3}, Conv2dOptions.defaults().stride(2, 1)
                .padding(1, 2).dilation(2).groups(2).bias(false).paddingMode(Conv1d.PaddingMode.CIRCULAR)));
        m.put("conv2d_same", () -> new Conv2d(2, 3, new long[] {3}, Conv2dOptions.defaults().padding("same")));
        m.put("max_pool2d", () -> new MaxPool2d(2));
        m.put("max_pool2d_options", () -> new MaxPool2d(new long[] {3, 2}, MaxPool2dOptions.defaults().stride(2, 1)
                .padding(1).ceilMode(true)));
        m.put("adaptive_max_pool1d", () -> new AdaptiveMaxPool1d(1));
        m.put("adaptive_avg_pool1d", () -> new AdaptiveAvgPool1d(2));
        m.put("embedding_bag", () -> new EmbeddingBag(10, 4, EmbeddingBagOptions.defaults().mode(EmbeddingBag.Mode.SUM)
                .paddingIdx(1)));
        m.put("sequential", () -> new Sequential(new Linear(5, 4), new ReLU(), new Dropout(0.3)));
        m.put("module_list", () -> new ModuleList<Module>(new Linear(4, 4), new GELU()));
        return m;
    }

    @TestFactory
    Stream<DynamicTest> reprsArePyTorchs() {
        Map<String, Supplier<Module>> java = reprRows();
        List<String[]> python = tsv("reprs.tsv");
        assertEquals(python.stream().map(r -> r[0]).toList(), List.copyOf(java.keySet()));
        return python.stream().map(r -> DynamicTest.dynamicTest(r[0], () ->
                assertEquals(r[1].replace("\\n", "\n"), java.get(r[0]).get().toString())));
    }

    /**
     * transformer.pt is {@code torch.save(model.state_dict())} of the "transformer" row's model: built here under
     * another seed, loaded from the file, it gives that row's outputs, in evaluation mode and (with the same seed
     * before the forward) in training mode with its dropout.
     */
    @Test
    void aTransformerStateDictSavedByPyTorchLoadsAndGivesItsOutputs() throws Exception {
        Torch.manualSeed(12345);
        Transformer model = new Transformer(NnFixturesTest.smallTransformer());
        Fixtures f = Fixtures.load("nn", "transformer");
        Tensor before = model.encoder().layers().get(0).selfAttn().inProjWeight().clone();
        model.loadStateDict(resource("transformer.pt"));   // strict: every key of the file has a place, and back
        assertTrue(model.encoder().layers().get(0).selfAttn().inProjWeight().ne(before).any().item() != 0,
                "the weights changed on loading");
        List<Tensor> in = NnFixturesTest.inputs(f);
        for (String mode : new String[] {"eval", "train"}) {
            model.train(mode.equals("train"));
            Torch.manualSeed(1);
            Tensor out = model.forward(in.get(0), in.get(1), null, in.get(2), null, in.get(3), null, in.get(3));
            NnFixturesTest.assertClose("transformer", f.get(mode + ".out0"), out, "loaded model, " + mode);
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NnErrorsReprsTest.class.getResource("/fixtures/nn/" + name).toURI());
    }
}
