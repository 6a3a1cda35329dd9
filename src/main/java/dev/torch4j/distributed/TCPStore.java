package dev.torch4j.distributed;

import dev.torch4j.internal.C10dStore;

/**
 * A key-value store served over TCP by one process (the master) and reached by the others, mirroring
 * {@code torch.distributed.TCPStore}.
 *
 * <pre>{@code
 * TCPStore store = new TCPStore("127.0.0.1", 29500,
 *         TCPStoreOptions.defaults().worldSize(2).isMaster(rank == 0));
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.TCPStore">torch.distributed.TCPStore</a>
 */
public final class TCPStore extends Store {
    private final String hostName;

    /**
     * A client of the store served at {@code hostName:port}, with {@link TCPStoreOptions#defaults()}.
     *
     * @throws DistNetworkError when no server answered within the default timeout (300 s)
     */
    public TCPStore(String hostName, int port) {
        this(hostName, port, TCPStoreOptions.defaults());
    }

    /**
     * The server ({@code isMaster}) or a client of the store at {@code hostName:port}, like
     * {@code TCPStore(host_name, port, **options)}.
     *
     * @param hostName where the server listens (the master's address)
     * @param port     its port; 0 lets a master choose a free one (see {@link #port()})
     * @throws IllegalArgumentException for a port outside [0, 65535]
     * @throws DistNetworkError         when the master cannot bind the port, or a client reaches no server
     *                                  within the timeout
     * @throws DistStoreError           when a master waiting for workers did not see them all join in time
     */
    public TCPStore(String hostName, int port, TCPStoreOptions options) {
        super(open(hostName, port, options));
        this.hostName = hostName;
    }

    private static C10dStore open(String hostName, int port, TCPStoreOptions options) {
        if (hostName == null || options == null) {
            throw new IllegalArgumentException("TCPStore: hostName and options must not be null");
        }
        if (port < 0 || port >= 65536) {
            throw new IllegalArgumentException("port must have value from 0 to 65535 but was " + port + ".");
        }
        return C10dStore.tcp(hostName, port, options.worldSize(), options.isMaster(), options.timeout(),
                options.waitForWorkers(), options.multiTenant(), options.useLibuv());
    }

    /** @return the host name given, like {@code store.host} */
    public String host() {
        return hostName;
    }

    /** @return the port the server listens on (the one it chose when given 0), like {@code store.port} */
    public int port() {
        return store().port();
    }
}
