package dev.torch4j.distributed;

/**
 * Markers for group membership, mirroring {@code torch.distributed.GroupMember}.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.new_group">torch.distributed.new_group</a>
 */
public final class GroupMember {
    private GroupMember() {
    }

    /**
     * What {@code Distributed.newGroup} returns to a process that is not in the new group, like
     * {@code GroupMember.NON_GROUP_MEMBER}: collectives on it do nothing (the asynchronous ones return
     * null), and its rank and size are -1.
     */
    public static final ProcessGroup NON_GROUP_MEMBER = new ProcessGroup(null, new int[0], "NON_GROUP_MEMBER");
}
