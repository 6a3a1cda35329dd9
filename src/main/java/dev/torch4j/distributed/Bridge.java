package dev.torch4j.distributed;

import dev.torch4j.internal.C10dAccess;
import dev.torch4j.internal.C10dGroup;
import dev.torch4j.internal.C10dStore;
import dev.torch4j.internal.C10dWork;

/** Lets torch4j's other packages reach the natives behind this package's public types. */
final class Bridge implements C10dAccess.Bridge {
    private Bridge() {
    }

    static void install() {
        C10dAccess.install(new Bridge());
    }

    @Override
    public ProcessGroup wrap(C10dGroup group, int[] globalRanks, String name) {
        return new ProcessGroup(group, globalRanks, name);
    }

    @Override
    public C10dGroup unwrap(ProcessGroup group) {
        return group.group;
    }

    @Override
    public int[] globalRanks(ProcessGroup group) {
        return group.globalRanks.clone();
    }

    @Override
    public Work wrap(C10dWork work) {
        return new Work(work);
    }

    @Override
    public C10dStore unwrap(Store store) {
        return store.store();
    }
}
