package dev.torch4j.internal;

import dev.torch4j.distributed.DistBackendError;
import java.time.Duration;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

/**
 * The NCCL backend, in a class of its own: its natives ({@code jnitorch_nccl}, NCCL's
 * {@code libnccl.so.2}) exist only with the GPU build ({@code mvn -Pcuda}, which also brings the
 * {@code org.bytedeco.cuda} presets the binding inherits from), so nothing here is loaded unless a
 * group asks for {@code nccl}. Unverified on a GPU: CI has none.
 */
final class C10dNccl {
    private C10dNccl() {
    }

    static boolean available() {
        if (!Native.cudaAvailable()) {
            return false;
        }
        try {
            Loader.load(ProcessGroupNCCL.class);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    static Backend create(C10dStore store, int rank, int size, Duration timeout) {
        if (!Native.cudaAvailable()) {
            throw new DistBackendError("ProcessGroupNCCL is only supported with GPUs, no GPUs found!", null);
        }
        ProcessGroupNCCL.Options opts;
        try {
            opts = ProcessGroupNCCL.Options.create();
        } catch (NoClassDefFoundError | UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw new DistBackendError("Distributed package doesn't have NCCL built in: run with the GPU natives "
                    + "(mvn -Pcuda) and NCCL's libnccl.so.2 on the library path (" + e + ")", e);
        }
        try (Milliseconds ms = C10dStore.millis(timeout)) {
            opts.timeout(ms);
            return new ProcessGroupNCCL(store.handle(), rank, size, opts);
        } catch (RuntimeException e) {
            throw C10dErrors.backend(e);
        } finally {
            opts.close();
        }
    }
}
