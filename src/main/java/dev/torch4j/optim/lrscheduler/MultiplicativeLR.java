package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import dev.torch4j.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * Multiplies each group's lr by a function of the epoch at every step, mirroring
 * {@code torch.optim.lr_scheduler.MultiplicativeLR}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiplicativeLR.html">MultiplicativeLR</a>
 */
public final class MultiplicativeLR extends LRScheduler {
    private final List<LongToDoubleFunction> lrLambdas;

    /**
     * Like {@code MultiplicativeLR(optimizer, lr_lambda)}: one function for every group.
     *
     * @param optimizer the optimizer
     * @param lrLambda  epoch to factor, e.g. {@code epoch -> 0.95}
     */
    public MultiplicativeLR(Optimizer optimizer, LongToDoubleFunction lrLambda) {
        this(optimizer, lrLambda, -1);
    }

    /**
     * Like {@code MultiplicativeLR(optimizer, lr_lambda, last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param lrLambda  epoch to factor
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     */
    public MultiplicativeLR(Optimizer optimizer, LongToDoubleFunction lrLambda, long lastEpoch) {
        this(optimizer, Collections.nCopies(optimizer.paramGroups().size(), lrLambda), lastEpoch);
    }

    /**
     * Like {@code MultiplicativeLR(optimizer, [lambda1, ...])}: one function per group.
     *
     * @param optimizer the optimizer
     * @param lrLambdas epoch to factor, one per param group
     * @throws IllegalArgumentException when the count is not the group count (PyTorch's message)
     */
    public MultiplicativeLR(Optimizer optimizer, List<LongToDoubleFunction> lrLambdas) {
        this(optimizer, lrLambdas, -1);
    }

    /**
     * Like {@code MultiplicativeLR(optimizer, [lambda1, ...], last_epoch)}.
     *
     * @param optimizer the optimizer
     * @param lrLambdas epoch to factor, one per param group
     * @param lastEpoch the index of the last epoch (-1 starts the schedule)
     * @throws IllegalArgumentException when the count is not the group count (PyTorch's message)
     */
    public MultiplicativeLR(Optimizer optimizer, List<LongToDoubleFunction> lrLambdas, long lastEpoch) {
        super(optimizer, lastEpoch);
        this.lrLambdas = LambdaLR.lambdas(optimizer, lrLambdas);
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (isInitial()) {
            return groupLrs();
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add(groups.get(i).lr() * lrLambdas.get(i).applyAsDouble(lastEpoch));
        }
        return out;
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("lr_lambdas", new ArrayList<Object>(Collections.nCopies(lrLambdas.size(), null)));
    }
}
