package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 items 1 and 2: a gradient is a tensor of its own, and closing a tensor while another thread
 * runs an op on it never frees memory under the kernel. Before the fix the race crashed the JVM with
 * SIGSEGV (3 of 3 runs) and a closed parameter's gradient crashed it on the next read.
 */
class TensorLifetimeTest {
    /** w = [1, 2, 3]; d/dw sum(w * w) = 2w. */
    private static Tensor squaredSumGradient(Tensor w) {
        w.mul(w).sum().backward();
        return w.grad();
    }

    @Test
    void gradientKeepsItsValuesWhenTheSlotIsClearedOrRefilled() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}).requiresGrad_(true);
        Tensor g = squaredSumGradient(w);
        assertArrayEquals(new float[] {2, 4, 6}, g.toFloatArray());
        w.clearGrad();
        assertNull(w.grad());
        assertArrayEquals(new float[] {2, 4, 6}, g.toFloatArray(), "cleared slot, old gradient unchanged");
        // a new backward after set-to-none makes a new gradient; PyTorch's old reference keeps its values
        w.mul(3).sum().backward();
        assertArrayEquals(new float[] {3, 3, 3}, w.grad().toFloatArray());
        assertArrayEquals(new float[] {2, 4, 6}, g.toFloatArray(), "refilled slot, old gradient unchanged");
    }

    @Test
    void gradientAccumulatesInPlaceLikePyTorchWhenNotCleared() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}).requiresGrad_(true);
        Tensor g = squaredSumGradient(w);
        w.mul(3).sum().backward();
        // PyTorch accumulates into the existing gradient in place: the old reference sees the sum
        assertArrayEquals(new float[] {5, 7, 9}, g.toFloatArray());
    }

    @Test
    void gradientOutlivesItsParameter() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}).requiresGrad_(true);
        Tensor g = squaredSumGradient(w);
        w.close();
        assertEquals(12.0, g.sum().item());
        assertThrows(IllegalStateException.class, w::grad);
    }

    @Test
    void setGradReplacesTheSlot() {
        Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad_(true);
        w.setGrad(Tensor.of(new float[] {7, 8}));
        assertArrayEquals(new float[] {7, 8}, w.grad().toFloatArray());
        w.setGrad(null);
        assertNull(w.grad());
    }

    @Test
    void closeWhileAnotherThreadRunsAnOpWaitsForTheKernel() throws Exception {
        Random random = new Random(14);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int round = 0; round < 300 && System.nanoTime() < deadline; round++) {
            Tensor t = Torch.randn(192, 192).unscoped();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                started.countDown();
                try {
                    while (true) {
                        t.matmul(t).close();
                        completed.incrementAndGet();
                    }
                } catch (IllegalStateException closed) {
                    refused.incrementAndGet();
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            });
            worker.start();
            started.await();
            busyWait(1_000 + random.nextInt(500_000));
            t.close();
            worker.join();
            if (unexpected.get() != null) {
                throw new AssertionError("an op on a tensor closed meanwhile failed otherwise", unexpected.get());
            }
        }
        assertTrue(refused.get() > 0, "the worker saw the close");
        assertTrue(completed.get() > 0, "the worker ran ops before the close");
    }

    @Test
    void manyThreadsClosingAndUsingSharedTensors() throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        for (int round = 0; round < 50; round++) {
            Tensor shared = Torch.randn(64, 64).unscoped();
            for (int k = 0; k < 4; k++) {
                boolean closer = k == 0;
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            if (closer && i == 25) {
                                shared.close();
                            }
                            try (var s = Torch.scope()) {
                                shared.add(1).tanh().sum().item();
                            }
                        }
                    } catch (IllegalStateException expected) {
                        // closed: refused cleanly
                    } catch (Throwable e) {
                        unexpected.set(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            threads.clear();
        }
        if (unexpected.get() != null) {
            throw new AssertionError(unexpected.get());
        }
    }

    private static void busyWait(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
