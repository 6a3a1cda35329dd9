package dev.torch4j.internal;

import dev.torch4j.distributed.ProcessGroup;
import dev.torch4j.distributed.Store;
import dev.torch4j.distributed.Work;

/**
 * How torch4j's own packages ({@code dev.torch4j.Distributed}, DDP) reach the native objects behind the
 * public {@link ProcessGroup}, {@link Work} and {@link Store} without a public accessor: those classes
 * install a {@link Bridge} when they are initialised.
 */
public final class C10dAccess {
    private static volatile Bridge bridge;

    private C10dAccess() {
    }

    /** Implemented once, in {@code dev.torch4j.distributed}. */
    public interface Bridge {
        /** A public group over {@code group}, whose ranks are the global ranks {@code globalRanks}. */
        ProcessGroup wrap(C10dGroup group, int[] globalRanks, String name);

        /** The native group, or null for {@code GroupMember.NON_GROUP_MEMBER}. */
        C10dGroup unwrap(ProcessGroup group);

        /** The global rank of each group rank. */
        int[] globalRanks(ProcessGroup group);

        /** A public handle of an issued collective. */
        Work wrap(C10dWork work);

        /** The native store behind a public one. */
        C10dStore unwrap(Store store);
    }

    /** Called by {@code dev.torch4j.distributed} only; later calls are ignored. */
    public static synchronized void install(Bridge b) {
        if (bridge == null) {
            bridge = b;
        }
    }

    public static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(ProcessGroup.class.getName(), true, ProcessGroup.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
