package dev.torch4j.optim.lrscheduler;

import dev.torch4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing with warm restarts (SGDR), mirroring
 * {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}: {@code lr = eta_min + (base_lr - eta_min)
 * * (1 + cos(pi * T_cur / T_i)) / 2}, where {@code T_cur} counts epochs since the last restart and the
 * period {@code T_i} starts at {@code T_0} and is multiplied by {@code T_mult} at each restart.
 * {@link #step(double)} accepts fractional epochs ({@code epoch + i / iters}), as PyTorch's does.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html">CosineAnnealingWarmRestarts</a>
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private long t0;
    private long tI;
    private long tMult;
    private double etaMin;
    private double tCur;

    /**
     * Like {@code CosineAnnealingWarmRestarts(optimizer, T_0)} with PyTorch's defaults.
     *
     * @param optimizer the optimizer
     * @param t0        the number of epochs until the first restart
     * @throws IllegalArgumentException when {@code t0 <= 0} (PyTorch's message)
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, long t0) {
        this(optimizer, t0, CosineAnnealingWarmRestartsOptions.defaults());
    }

    /**
     * Like {@code CosineAnnealingWarmRestarts(optimizer, T_0, **options)}.
     *
     * @param optimizer the optimizer
     * @param t0        the number of epochs until the first restart
     * @param options   the keyword arguments
     * @throws IllegalArgumentException when {@code t0 <= 0} or {@code T_mult < 1} (PyTorch's messages)
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, long t0, CosineAnnealingWarmRestartsOptions options) {
        super(optimizer, checked(t0, options).lastEpoch());
        this.t0 = t0;
        this.tI = t0;
        this.tMult = options.tMult();
        this.etaMin = options.etaMin();
        this.tCur = options.lastEpoch();
        initialStep();
    }

    private static CosineAnnealingWarmRestartsOptions checked(long t0, CosineAnnealingWarmRestartsOptions o) {
        if (t0 <= 0) {
            throw new IllegalArgumentException("Expected positive integer T_0, but got " + t0);
        }
        if (o.tMult() < 1) {
            throw new IllegalArgumentException("Expected integer T_mult >= 1, but got " + o.tMult());
        }
        return o;
    }

    @Override
    protected List<Double> getLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) {
            out.add(etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2);
        }
        return out;
    }

    /** One epoch further (restarting when the period is over), like {@code step()}. */
    @Override
    public void step() {
        if (lastEpoch < 0) {
            stepTo(0, false);
            return;
        }
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur % tI;
            tI = tI * tMult;
        }
        setLrs(lastEpoch + 1);
    }

    /**
     * Jumps to {@code epoch}, which may be fractional, like {@code step(epoch)}.
     *
     * @param epoch the epoch (e.g. {@code epoch + batch / batches})
     * @throws IllegalArgumentException for a negative epoch (PyTorch's message)
     */
    public void step(double epoch) {
        stepTo(epoch, true);
    }

    @Override
    @Deprecated
    public void step(long epoch) {
        stepTo(epoch, true);
    }

    private void stepTo(double epoch, boolean given) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Expected non-negative epoch, but got " + (given ? repr(epoch) : "0"));
        }
        if (epoch >= t0) {
            if (tMult == 1) {
                tCur = epoch % t0;
            } else {
                long n = (long) (Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
                tCur = epoch - t0 * (Math.pow(tMult, n) - 1) / (tMult - 1);
                tI = t0 * (long) Math.pow(tMult, n);
            }
        } else {
            tI = t0;
            tCur = epoch;
        }
        setLrs((long) Math.floor(epoch));
    }

    private void setLrs(long epoch) {
        lastEpoch = epoch;
        List<Double> lrs = getLr();
        for (int i = 0; i < lrs.size(); i++) {
            optimizer.paramGroups().get(i).lr(lrs.get(i));
        }
        recordLastLr();
    }

    @Override
    protected void ownState(Map<String, Object> out) {
        out.put("T_0", t0);
        out.put("T_i", tI);
        out.put("T_mult", tMult);
        out.put("eta_min", etaMin);
        out.put("T_cur", tCur == Math.rint(tCur) ? (Object) (long) tCur : (Object) tCur);
    }

    @Override
    protected void loadOwnState(Map<String, ?> in) {
        t0 = integer(in, "T_0", t0);
        tI = integer(in, "T_i", tI);
        tMult = integer(in, "T_mult", tMult);
        etaMin = number(in, "eta_min", etaMin);
        tCur = number(in, "T_cur", tCur);
    }
}
