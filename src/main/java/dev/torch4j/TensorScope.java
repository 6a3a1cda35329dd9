package dev.torch4j;

import dev.torch4j.internal.NativeMemory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A region that releases the native memory of every tensor created inside it when it closes.
 *
 * <p>Open one with {@link Torch#scope()} in a try-with-resources around each training step. A
 * tensor that must outlive the scope is handed to {@link #keep(Tensor)}: it moves to the enclosing
 * scope, or becomes unscoped when there is none. Scopes are per thread and nest. Module parameters,
 * optimizer state and tensors created outside any scope are never released by a scope.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> tensors = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    TensorScope() {
        STACK.get().push(this);
    }

    /** Records a new tensor in the innermost open scope of this thread, if any. @return whether one held it */
    static boolean track(Tensor t) {
        TensorScope s = STACK.get().peek();
        if (s != null) {
            s.tensors.add(t);
            return true;
        }
        return false;
    }

    /**
     * Keeps {@code t} alive after this scope closes by moving it to the enclosing scope.
     *
     * @param t a tensor created in this scope
     * @return {@code t}, for chaining
     */
    public Tensor keep(Tensor t) {
        if (tensors.remove(t)) {
            Deque<TensorScope> stack = STACK.get();
            TensorScope parent = null;
            boolean seen = false;
            for (TensorScope s : stack) {
                if (seen) {
                    parent = s;
                    break;
                }
                seen = s == this;
            }
            if (parent != null) {
                parent.tensors.add(t);
            }
        }
        return t;
    }

    /** Detaches {@code t} from whatever scope holds it, so that only {@link Tensor#close()} frees it. */
    static void untrack(Tensor t) {
        for (TensorScope s : STACK.get()) {
            if (s.tensors.remove(t)) {
                return;
            }
        }
    }

    /** @return how many tensors this scope will release */
    public int size() {
        return tensors.size();
    }

    /**
     * Releases every tensor still held, and any inner scope left open.
     *
     * @throws IllegalStateException when closed from another thread than the one that opened it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a TensorScope must be closed on the thread that opened it");
        }
        Deque<TensorScope> stack = STACK.get();
        while (!stack.isEmpty()) {
            TensorScope top = stack.pop();
            top.release();
            if (top == this) {
                break;
            }
        }
        NativeMemory.scopeClosed();
    }

    private void release() {
        closed = true;
        for (int i = tensors.size() - 1; i >= 0; i--) {
            tensors.get(i).release();
        }
        tensors.clear();
    }
}
