package dev.torch4j.internal;

/**
 * The one crossing between a public {@link dev.torch4j.Tensor} and the native {@code at::Tensor}
 * behind it, for torch4j's own packages. {@code Tensor} installs its {@link Access} when its class
 * initialises, so that no public method needs to expose a native type.
 */
public final class TensorBridge {
    /** What {@code Tensor} lends this package: its native ref, and a new public tensor around a ref. */
    public interface Access {
        TensorRef ref(dev.torch4j.Tensor t);

        dev.torch4j.Tensor wrap(TensorRef ref);
    }

    private static volatile Access access;

    private TensorBridge() {
    }

    /** Called once by {@code Tensor}'s static initialiser. */
    public static void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("TensorBridge is installed by dev.torch4j.Tensor only");
        }
        access = a;
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName("dev.torch4j.Tensor", true, TensorBridge.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }

    /**
     * The ref of {@code t}.
     *
     * @throws NullPointerException when {@code t} is null
     */
    public static TensorRef ref(dev.torch4j.Tensor t) {
        return access().ref(t);
    }

    /** A public tensor that owns {@code owned} from now on (closing it frees the native tensor). */
    public static dev.torch4j.Tensor own(org.bytedeco.pytorch.Tensor owned) {
        return access().wrap(new TensorRef(owned));
    }

    /**
     * The native tensor behind {@code t}, for code that holds {@code t} open while it uses the result
     * (a close from another thread is not waited for: prefer {@link TensorRef#acquire()}); never close it.
     *
     * @throws IllegalStateException when {@code t} was closed
     */
    public static org.bytedeco.pytorch.Tensor borrow(dev.torch4j.Tensor t) {
        TensorRef r = ref(t);
        org.bytedeco.pytorch.Tensor n = r.acquire();
        r.release();
        return n;
    }
}
