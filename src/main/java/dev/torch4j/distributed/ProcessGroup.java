package dev.torch4j.distributed;

import dev.torch4j.internal.C10dGroup;

/**
 * A group of processes that run collectives together, mirroring {@code torch.distributed.ProcessGroup}:
 * the default group made by {@code Distributed.initProcessGroup}, or a subgroup made by
 * {@code Distributed.newGroup}. Pass it as the {@code group} argument of the collectives of
 * {@code dev.torch4j.Distributed}; ranks given to those (a broadcast's {@code src}) are global ranks,
 * as in PyTorch. A process outside a subgroup holds {@link GroupMember#NON_GROUP_MEMBER}.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#groups">torch.distributed groups</a>
 */
public final class ProcessGroup {
    static {
        Bridge.install();
    }

    final C10dGroup group;
    final int[] globalRanks;
    private final String name;

    ProcessGroup(C10dGroup group, int[] globalRanks, String name) {
        this.group = group;
        this.globalRanks = globalRanks;
        this.name = name;
    }

    /** @return this process's rank in the group, like {@code pg.rank()}; -1 for a non-member */
    public int rank() {
        return group == null ? -1 : group.rank();
    }

    /** @return the number of processes in the group, like {@code pg.size()}; -1 for a non-member */
    public int size() {
        return group == null ? -1 : group.size();
    }

    /** @return the group's name, like {@code pg.group_name}: {@code "0"} for the default group, then 1, 2, ... */
    public String groupName() {
        return name;
    }

    /** @return e.g. {@code ProcessGroup(name=0, backend=gloo, rank=1, size=2)} */
    @Override
    public String toString() {
        return group == null ? "ProcessGroup(NON_GROUP_MEMBER)"
                : "ProcessGroup(name=" + name + ", backend=" + group.backendName() + ", rank=" + rank()
                + ", size=" + size() + ")";
    }
}
