package dev.torch4j.internal;

/**
 * The one crossing between a public {@link dev.torch4j.Tensor} and the native {@code at::Tensor}
 * behind it, for torch4j's own packages that call libtorch directly.
 */
public final class TensorBridge {
    private TensorBridge() {
    }

    /**
     * The native tensor behind {@code t}: valid while {@code t} is open; never close it.
     *
     * @throws IllegalStateException when {@code t} was closed
     */
    public static org.bytedeco.pytorch.Tensor borrow(dev.torch4j.Tensor t) {
        return handle(t).t();
    }

    /** A public tensor that owns {@code owned} from now on (closing it frees the native tensor). */
    public static dev.torch4j.Tensor own(org.bytedeco.pytorch.Tensor owned) {
        return dev.torch4j.Tensor.wrap(new Handle(owned));
    }

    static Handle handle(dev.torch4j.Tensor t) {
        return t.handle();
    }
}
