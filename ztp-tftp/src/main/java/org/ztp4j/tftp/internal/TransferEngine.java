package org.ztp4j.tftp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.BindFailure;
import org.ztp4j.core.internal.RateLimitedLog;

/**
 * The TFTP server's engine: the request socket, a few {@link TransferLoop}s (one selector thread
 * each) that share the transfers out, the executor that opens files, and the session limits they
 * all count against.
 *
 * <p>The first loop reads the request socket and hands each request to the loop its client's
 * address and port map to, so one client's transfers, and the memory of its finished ones, always
 * live on the same thread. Several loops let a boot storm use every core, and keep the server
 * scheduled when hundreds of client processes share the machine with it.
 */
public final class TransferEngine implements Closeable {

    private final ServerConfig config;
    private final ProtocolFamily family;
    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final RateLimitedLog warnings = new RateLimitedLog(LoggerFactory.getLogger(TransferLoop.class), 20);

    private DatagramChannel requests;
    private InetSocketAddress localAddress;
    private ExecutorService opener;
    private final ReadAheadPool readAheadPool;
    private TransferLoop[] loops;
    private boolean started;
    private boolean closed;

    /** @param config the server's settings */
    public TransferEngine(ServerConfig config) {
        this.config = config;
        this.readAheadPool = new ReadAheadPool(config.readAheadMemory());
        this.family = config.bind().getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /**
     * Binds the request socket and starts the loops' threads.
     *
     * @throws IOException when the address cannot be bound
     */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        requests = DatagramChannel.open(family);
        try {
            requests.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            try {
                requests.bind(config.bind());
            } catch (java.net.BindException e) {
                throw BindFailure.of("TFTP", config.bind(), e);
            }
            requests.configureBlocking(false);
            localAddress = (InetSocketAddress) requests.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            requests.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.openThreads(), config.openThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ztp-tftp-open-" + localAddress.getPort() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        opener = pool;
        loops = new TransferLoop[config.networkThreads()];
        started = true; // from here on, close() has a socket, an executor and loops to release
        try {
            for (int i = 0; i < loops.length; i++) {
                TransferLoop loop = new TransferLoop(this, i);
                loop.start(i == 0 ? requests : null);
                loops[i] = loop; // only a started loop is stopped by close()
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return the bound address, with the real port; null before {@link #start()} */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return transfers under way (including those still being opened) */
    public int activeTransfers() {
        return active.get();
    }

    /** Stops every loop, ends every transfer and waits until all is released. */
    @Override
    public synchronized void close() {
        if (!started || closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        for (TransferLoop loop : loops) { // the first loop reads requests: stopped first, nothing new comes in
            if (loop != null) {
                interrupted |= loop.stop();
            }
        }
        try {
            requests.close();
        } catch (IOException e) {
            LoggerFactory.getLogger(TransferLoop.class).debug("closing the request socket: {}", e.toString());
        }
        opener.shutdown();
        try {
            if (!opener.awaitTermination(10, TimeUnit.SECONDS)) {
                opener.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (TransferLoop loop : loops) {
            if (loop != null) {
                loop.runTasks(); // transfers opened while stopping: release them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- shared by the loops ----------------------------------------------------------------

    ServerConfig config() {
        return config;
    }

    ProtocolFamily family() {
        return family;
    }

    ReadAheadPool readAheadPool() {
        return readAheadPool;
    }

    ExecutorService opener() {
        return opener;
    }

    DatagramChannel requests() {
        return requests;
    }

    RateLimitedLog warnings() {
        return warnings;
    }

    /** @return the loop that owns this client's transfers (always the same one for one address and port) */
    TransferLoop loopFor(InetSocketAddress client) {
        int h = client.hashCode();
        h ^= h >>> 16;
        return loops[Math.floorMod(h, loops.length)];
    }

    /** Why a request is turned away by the session limits. */
    enum Refusal {
        /** {@code maxSessions} transfers are under way. */
        SERVER_BUSY("server busy, try again later"),
        /** {@code maxSessionsPerClient} transfers from the request's address are under way. */
        ADDRESS_BUSY("too many transfers from this address");

        /** The text of the ERROR packet the client gets. */
        final String message;

        Refusal(String message) {
            this.message = message;
        }
    }

    /**
     * Checks the session limits and, when they allow it, takes one session (given back by
     * {@link #release}).
     *
     * @return null when the client may start a transfer, else why not
     */
    Refusal admit(InetAddress client) {
        int now;
        do {
            now = active.get();
            if (now >= config.maxSessions()) {
                return Refusal.SERVER_BUSY;
            }
        } while (!active.compareAndSet(now, now + 1));
        boolean[] admitted = {false};
        perAddress.compute(client, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= config.maxSessionsPerClient()) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            active.decrementAndGet();
            return Refusal.ADDRESS_BUSY;
        }
        return null;
    }

    /** Gives back the session {@link #admit} took. */
    void release(InetAddress client) {
        perAddress.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1);
        active.decrementAndGet();
    }
}
