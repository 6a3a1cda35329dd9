package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * Sets each group's lr to its initial lr times a function of the epoch, mirroring
 * {@code torch.optim.lr_scheduler.LambdaLR}: {@code lr = base_lr * lr_lambda(epoch)}.
 *
 * <p>The state dict holds {@code lr_lambdas} as a list of {@code None}, as PyTorch's does for plain
 * functions (a lambda's code is not state).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LambdaLR.html">LambdaLR</a>
 */
public final class LambdaLR extends LRScheduler {
    private final List<LongToDoubleFunction> lrLambdas;

    /**
     * Like {@code LambdaLR(optimizer, lr_lambda)}: one function for every group.
     *
     * @param optimizer the optimizer
     * @param lrLambda  epoch to factor, e.g. {@code epoch -> Math.pow(0.95, epoch)}
     */
    public LambdaLR(Optimizer optimizer, LongToDoubleFunction lrLambda) {
        this(optimizer, lrLambda, -1);
    }

    /**
     * Like {@code LambdaLR(optimizer, lr_lambda, last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param lrLambda  epoch to factor
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     */
    public LambdaLR(Optimizer optimizer, LongToDoubleFunction lrLambda, long lastEpoch) {
        this(optimizer, Collections.nCopies(optimizer.paramGroups().size(), lrLambda), lastEpoch);
    }

    /**
     * Like {@code LambdaLR(optimizer, [lambda1, lambda2, ...])}: one function per group.
     *
     * @param optimizer the optimizer
     * @param lrLambdas epoch to factor, one per param group
     * @throws IllegalArgumentException when the count is not the group count (PyTorch's message)
     */
    public LambdaLR(Optimizer optimizer, List<LongToDoubleFunction> lrLambdas) {
        this(optimizer, lrLambdas, -1);
    }

    /**
     * Like {@code LambdaLR(optimizer, [lambda1, ...], last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param lrLambdas epoch to factor, one per param group
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     * @throws IllegalArgumentException when the count is not the group count (PyTorch's message)
     */
    public LambdaLR(Optimizer optimizer, List<LongToDoubleFunction> lrLambdas, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.lrLambdas = lambdas(optimizer, lrLambdas);
        initialStep();
    }

    static List<LongToDoubleFunction> lambdas(Optimizer optimizer, List<LongToDoubleFunction> given) {
        int n = optimizer.paramGroups().size();
        if (given.size() != n) {
            throw new IllegalArgumentException("Expected " + n + " lr_lambdas, but got " + given.size());
        }
        return List.copyOf(given);
    }

    @Override
    protected List<Double> getLr() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) {
            out.add(baseLrs.get(i) * lrLambdas.get(i).applyAsDouble(lastEpoch));
        }
        return out;
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("lr_lambdas", new ArrayList<Object>(Collections.nCopies(lrLambdas.size(), null)));
    }
}
