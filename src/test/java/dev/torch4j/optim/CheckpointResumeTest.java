package dev.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.examples.Notebook.SimpleNet;
import dev.torch4j.nn.BCEWithLogitsLoss;
import dev.torch4j.optim.lrscheduler.CosineAnnealingLR;
import dev.torch4j.optim.lrscheduler.LRScheduler;
import dev.torch4j.optim.lrscheduler.StepLR;
import dev.torch4j.serialization.Tuple;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training run PyTorch started continues in torch4j: PyTorch trained the notebook's model 5 steps
 * (SGD with momentum and StepLR; AdamW and CosineAnnealingLR) and saved
 * {@code {'model', 'optimizer', 'scheduler', 'epoch'}} with {@code torch.save} (resume_*.pt,
 * tools/gen_optim_fixtures.py). torch4j loads it with {@code Torch.load}, makes the model, optimizer and
 * scheduler as the script would, loads their state dicts, trains 5 more steps, and must match PyTorch's
 * uninterrupted 10 steps (stored in the same file) within 1e-6, with the same learning rate.
 *
 * <p>The other way round, it saves its own checkpoint at step 10 to target/optim-java/; the generator
 * script's {@code --check-java} loads that in PyTorch, weights-only, trains on and compares with PyTorch's
 * uninterrupted run (by hand: tests never need Python).
 */
class CheckpointResumeTest {
    static final Tensor X = Tensor.of(new long[] {2, 3, 4, 5, 6, 7, 0, 0, 8, 9, 0, 0, 10, 11, 0, 0, 12, 13, 0, 0, 14, 0, 0,
            0, 15, 16, 0, 0}, 7, 4).unscoped();
    static final Tensor Y = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1}, 7, 1).unscoped();

    /** The script's objects: what PyTorch's {@code resume_configs} makes. */
    record Run(SimpleNet model, Optimizer optimizer, LRScheduler scheduler) {
        static Run of(String name) {
            SimpleNet model = new SimpleNet(17, 100, 16);
            Optimizer opt = name.equals("sgd")
                    ? new SGD(model.parameters(), SGDOptions.defaults().lr(0.05).momentum(0.9))
                    : new AdamW(model.parameters(), AdamWOptions.defaults().lr(0.005).weightDecay(0.01));
            LRScheduler sched = name.equals("sgd") ? new StepLR(opt, 2, 0.5) : new CosineAnnealingLR(opt, 10);
            return new Run(model, opt, sched);
        }

        void step(BCEWithLogitsLoss criterion) {
            try (var scope = Torch.scope()) {
                optimizer.zeroGrad();
                criterion.forward(model.forward(X), Y).backward();
                optimizer.step();
                scheduler.step();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Map<?, ?> m, String key) {
        return (T) m.get(key);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adamw"})
    void continuesPyTorchsCheckpointAsIfUninterrupted(String name) throws IOException, URISyntaxException {
        Path file = Path.of(CheckpointResumeTest.class.getResource("/fixtures/optim/resume_" + name + ".pt").toURI());
        Map<String, Object> checkpoint = get(Map.of("c", Torch.load(file)), "c");
        Run run = Run.of(name);
        run.model().loadStateDict(CheckpointResumeTest.<Map<String, Tensor>>get(checkpoint, "model"));
        run.optimizer().loadStateDict(get(checkpoint, "optimizer"));
        run.scheduler().loadStateDict(get(checkpoint, "scheduler"));
        long epoch = (Long) checkpoint.get("epoch");
        assertEquals(5, epoch);
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        for (long e = epoch; e < 10; e++) {
            run.step(criterion);
        }
        Map<String, Object> expected = get(checkpoint, "expected");
        Map<String, Tensor> want = get(expected, "model");
        run.model().namedParameters().forEach((k, p) -> OptimFixtures.assertClose(want.get(k).toDouble().toDoubleArray(),
                p.toDouble().toDoubleArray(), 1e-6, 1e-7, name + ": " + k + " after 10 steps"));
        assertEquals(get(expected, "lr"), run.scheduler().getLastLr(), name + ": the lr after 10 steps");

        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("model", run.model().stateDict());
        mine.put("optimizer", run.optimizer().stateDict());
        mine.put("scheduler", run.scheduler().stateDict());
        mine.put("epoch", 10L);
        Path dir = Files.createDirectories(Path.of("target", "optim-java"));
        Path out = dir.resolve("resume_" + name + "_java.pt");
        Torch.save(mine, out);
        Map<String, Object> back = get(Map.of("c", Torch.load(out)), "c");
        List<?> groups = get(CheckpointResumeTest.<Map<?, ?>>get(back, "optimizer"), "param_groups");
        if (name.equals("adamw")) {
            assertInstanceOf(Tuple.class, ((Map<?, ?>) groups.get(0)).get("betas"), "betas is written as a tuple");
        }
        assertEquals(10L, back.get("epoch"));
    }
}
