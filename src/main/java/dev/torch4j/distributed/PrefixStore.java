package dev.torch4j.distributed;

import dev.torch4j.internal.C10dStore;

/**
 * A view of another store in which every key gets {@code prefix + "/"} in front, mirroring
 * {@code torch.distributed.PrefixStore}; groups of processes sharing one store keep their keys apart
 * this way. The underlying store stays usable on its own.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.PrefixStore">torch.distributed.PrefixStore</a>
 */
public final class PrefixStore extends Store {
    private final String prefix;
    private final Store underlying;

    /**
     * Like {@code PrefixStore(prefix, store)}.
     *
     * @throws IllegalArgumentException for a null prefix or store
     * @throws IllegalStateException    when {@code store} was closed
     */
    public PrefixStore(String prefix, Store store) {
        super(open(prefix, store));
        this.prefix = prefix;
        this.underlying = store;
    }

    private static C10dStore open(String prefix, Store store) {
        if (prefix == null || store == null) {
            throw new IllegalArgumentException("PrefixStore: prefix and store must not be null");
        }
        return C10dStore.prefix(prefix, store.store());
    }

    /** @return the prefix, without the separating {@code "/"} */
    public String prefix() {
        return prefix;
    }

    /** @return the store this one writes into, like {@code store.underlying_store} */
    public Store underlyingStore() {
        return underlying;
    }
}
