package dev.torch4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.bytedeco.pytorch.Tensor;

/**
 * Owns one native {@code at::Tensor} for one public {@link dev.torch4j.Tensor}, and makes closing it
 * safe while other threads use it: every native call borrows the tensor ({@link #acquire()} ...
 * {@link #release()}), and {@link #close()} during a borrow only marks it closed, so the last borrower
 * frees it after its kernel returns. A borrow after close throws {@link IllegalStateException}; memory
 * is never freed under a running kernel. A ref that is never closed is freed by JavaCPP's deallocator
 * once the garbage collector finds it unreachable.
 */
public final class TensorRef {
    private static final int CLOSED = 1 << 30;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TensorRef.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Tensor tensor;
    /** Borrowers in the low bits, {@link #CLOSED} once closed. */
    @SuppressWarnings("unused")
    private volatile int state;
    /** Bytes this tensor added to {@link NativeMemory}'s count of unscoped memory, 0 if none. */
    long accounted;
    /** The collection epoch {@link #accounted} was counted in. */
    int epoch;

    TensorRef(Tensor owned) {
        this.tensor = owned;
    }

    /**
     * Borrows the native tensor for one native call; pair with {@link #release()} in a finally block.
     *
     * @throws IllegalStateException when the tensor was closed
     */
    public Tensor acquire() {
        while (true) {
            int s = state;
            if ((s & CLOSED) != 0) {
                throw closed();
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return tensor;
            }
        }
    }

    /** Ends a borrow; frees the tensor when it was closed meanwhile and this was the last borrow. */
    public void release() {
        int s = (int) STATE.getAndAdd(this, -1) - 1;
        if (s == CLOSED) {
            free();
        }
    }

    /** Frees now, or when the last running borrow ends. Closing twice is harmless. */
    public void close() {
        int s;
        do {
            s = state;
            if ((s & CLOSED) != 0) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, s | CLOSED));
        if (s == 0) {
            free();
        }
    }

    /** @return the bytes of the elements, without borrowing (for accounting right after creation) */
    long nbytes() {
        return tensor.nbytes();
    }

    public boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    private void free() {
        NativeMemory.released(this);
        tensor.close();
    }

    static IllegalStateException closed() {
        return new IllegalStateException(
                "Tensor is closed: it was released by close() or by the Torch.scope() that created it");
    }
}
