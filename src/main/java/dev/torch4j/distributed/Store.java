package dev.torch4j.distributed;

import dev.torch4j.internal.C10dStore;
import java.time.Duration;
import java.util.List;

/**
 * A distributed key-value store, mirroring {@code torch.distributed.Store}: what processes use to find
 * each other ({@code Distributed.initProcessGroup(..., store(...))}) and to exchange small values.
 * Values are bytes; a string value is stored as its UTF-8 bytes, as in Python.
 *
 * <p>A store may be given to any number of process groups and to {@link PrefixStore}s, and used
 * directly at the same time: each consumer holds its own reference (the binding's raw store objects,
 * which crash the JVM when handed to C++ twice, never leave torch4j). {@link #close()} drops this
 * handle; a group that still uses the store keeps it alive.
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#distributed-key-value-store">Distributed Key-Value Store</a>
 */
public abstract sealed class Store implements AutoCloseable permits TCPStore, FileStore, PrefixStore {
    static {
        Bridge.install();
    }

    private final C10dStore store;

    Store(C10dStore store) {
        this.store = store;
    }

    final C10dStore store() {
        return store;
    }

    /**
     * Stores {@code value}'s UTF-8 bytes under {@code key}, like {@code store.set(key, value)}.
     *
     * @throws DistStoreError when the store cannot be reached
     */
    public void set(String key, String value) {
        store.set(key, C10dStore.utf8(value));
    }

    /**
     * Stores {@code value} under {@code key}, like {@code store.set(key, value)} with bytes.
     *
     * @throws DistStoreError when the store cannot be reached
     */
    public void set(String key, byte[] value) {
        store.set(key, value);
    }

    /**
     * The value under {@code key}, waiting for it up to the store's timeout, like {@code store.get(key)}.
     *
     * @return the stored bytes
     * @throws DistStoreError when the key did not appear within the timeout
     */
    public byte[] get(String key) {
        return store.get(key);
    }

    /**
     * Adds {@code amount} to the counter under {@code key} (created at 0), like {@code store.add(key, amount)}.
     *
     * @return the new value
     * @throws DistStoreError when the store cannot be reached
     */
    public long add(String key, long amount) {
        return store.add(key, amount);
    }

    /**
     * Sets {@code key} to {@code desired} if its value is {@code expected} (or if it is absent and
     * {@code expected} is empty), like {@code store.compare_set(key, expected, desired)}.
     *
     * @return the value now under {@code key}
     * @throws DistStoreError when the store cannot be reached
     */
    public byte[] compareSet(String key, byte[] expected, byte[] desired) {
        return store.compareSet(key, expected, desired);
    }

    /**
     * Whether every key is present, without waiting, like {@code store.check(keys)}.
     *
     * @throws DistStoreError when the store cannot be reached
     */
    public boolean check(List<String> keys) {
        return store.check(keys);
    }

    /**
     * Waits until every key is present, up to the store's timeout, like {@code store.wait(keys)}.
     *
     * @throws DistStoreError when a key did not appear within the timeout
     */
    public void wait(List<String> keys) {
        store.await(keys, null);
    }

    /**
     * Waits until every key is present, up to {@code timeout}, like {@code store.wait(keys, timeout)}.
     *
     * @throws DistStoreError when a key did not appear within {@code timeout}
     */
    public void wait(List<String> keys, Duration timeout) {
        store.await(keys, timeout);
    }

    /**
     * Removes {@code key}, like {@code store.delete_key(key)}.
     *
     * @return whether it was present
     * @throws DistStoreError when the store cannot be reached
     */
    public boolean deleteKey(String key) {
        return store.deleteKey(key);
    }

    /**
     * The number of keys, like {@code store.num_keys()} (a TCP store counts its own bookkeeping keys too).
     *
     * @throws DistStoreError when the store cannot be reached
     */
    public long numKeys() {
        return store.numKeys();
    }

    /** Sets how long {@link #get} and {@link #wait(List)} wait, like {@code store.set_timeout(timeout)}. */
    public void setTimeout(Duration timeout) {
        store.setTimeout(timeout);
    }

    /** @return how long {@link #get} and {@link #wait(List)} wait, like {@code store.timeout} */
    public Duration timeout() {
        return store.timeout();
    }

    /**
     * Drops this handle; the store itself lives on while a process group or a {@link PrefixStore}
     * uses it (a TCP server stops when its last user is gone). Closing twice is harmless.
     */
    @Override
    public void close() {
        store.close();
    }
}
