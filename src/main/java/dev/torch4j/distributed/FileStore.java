package dev.torch4j.distributed;

import dev.torch4j.internal.C10dStore;

/**
 * A key-value store in a file that every process can reach (a shared file system), mirroring
 * {@code torch.distributed.FileStore}. The file is removed when the last of {@code worldSize} users
 * closes it.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.FileStore">torch.distributed.FileStore</a>
 */
public final class FileStore extends Store {
    private final String fileName;

    /**
     * Like {@code FileStore(file_name)}: a store with no fixed number of users.
     *
     * @throws DistStoreError when the file cannot be opened
     */
    public FileStore(String fileName) {
        this(fileName, -1);
    }

    /**
     * Like {@code FileStore(file_name, world_size)}.
     *
     * @param fileName  the file (created if absent)
     * @param worldSize the number of processes using it, or -1 for no fixed number
     * @throws IllegalArgumentException for a null file name
     * @throws DistStoreError           when the file cannot be opened, or more than {@code worldSize} use it
     */
    public FileStore(String fileName, int worldSize) {
        super(open(fileName, worldSize));
        this.fileName = fileName;
    }

    private static C10dStore open(String fileName, int worldSize) {
        if (fileName == null) {
            throw new IllegalArgumentException("FileStore: fileName must not be null");
        }
        return C10dStore.file(fileName, worldSize);
    }

    /** @return the file's path, like {@code store.path} */
    public String path() {
        return fileName;
    }
}
