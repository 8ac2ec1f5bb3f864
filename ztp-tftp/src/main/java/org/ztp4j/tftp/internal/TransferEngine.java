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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** What became of a request that the session limits were asked about. */
    enum Admission {
        /** A session is taken: start the transfer. */
        ADMITTED,
        /** It waits in the queue; the loop that owns its client starts it when a session is free. */
        QUEUED,
        /** The client sent a request that is already waiting again: it keeps its place. */
        ALREADY_WAITING,
        /** Refused: the queue is full (or there is none). */
        SERVER_BUSY,
        /** Refused: its address has {@code maxSessionsPerClient} transfers under way. */
        ADDRESS_BUSY
    }

    /**
     * A read request waiting for a session, and what it holds.
     *
     * @param owner    the loop that owns its client and starts it
     * @param client   the client's address and port
     * @param request  the request
     * @param bytes    the memory it is counted as holding
     * @param lastSent when the client last sent it ({@link System#nanoTime()})
     */
    private record Waiting(TransferLoop owner, InetSocketAddress client, TftpRequest request, int bytes, long lastSent) {
    }

    /** Guards the queue, its index and its byte count; also held while a queued request is admitted. */
    private final Object queueLock = new Object();
    /**
     * The waiting requests of each address, oldest first, the addresses in turn order: a free session
     * goes to the oldest request of the address whose turn it is, which then goes to the back. So
     * however many requests some addresses keep waiting (each at most {@code maxSessionsPerClient}),
     * a device at another address waits for one turn of the addresses, not for all their requests.
     */
    private final LinkedHashMap<InetAddress, ArrayDeque<Waiting>> turns = new LinkedHashMap<>();
    /** The newest request of each waiting client; a queue entry that is not its client's entry here is stale. */
    private final HashMap<InetSocketAddress, Waiting> waiting = new HashMap<>();
    private long queuedBytes;

    /**
     * The session limits for a request: a session when one is free and nobody waits, a place in the
     * queue when the server is busy, else a refusal.
     *
     * @param owner   the loop that owns the client
     * @param client  the client
     * @param request what it asks for
     * @return what became of it
     */
    Admission admitOrQueue(TransferLoop owner, InetSocketAddress client, TftpRequest request) {
        synchronized (queueLock) {
            Waiting already = waiting.get(client);
            if (already != null) {
                if (already.request().equals(request)) {
                    waiting.put(client, new Waiting(owner, client, request, already.bytes(), System.nanoTime()));
                    return Admission.ALREADY_WAITING;
                }
                waiting.remove(client); // the client moved on to another request; its entry leaves the queue in turn
            }
            if (turns.isEmpty()) {
                Refusal refusal = admit(client.getAddress());
                if (refusal == null) {
                    return Admission.ADMITTED;
                }
                if (refusal == Refusal.ADDRESS_BUSY) {
                    return Admission.ADDRESS_BUSY;
                }
            }
            int bytes = queuedSize(request);
            if (request.write() || queuedBytes + bytes > config.maxQueueMemory()) {
                return Admission.SERVER_BUSY;
            }
            ArrayDeque<Waiting> mine = turns.get(client.getAddress());
            if (mine != null && mine.size() >= config.maxSessionsPerClient()) {
                return Admission.ADDRESS_BUSY;
            }
            Waiting w = new Waiting(owner, client, request, bytes, System.nanoTime());
            turns.computeIfAbsent(client.getAddress(), a -> new ArrayDeque<>(2)).addLast(w);
            waiting.put(client, w);
            queuedBytes += bytes;
        }
        drain(); // a session may have come free while the request was being queued
        return Admission.QUEUED;
    }

    /** @return read requests waiting for a session */
    public int queuedRequests() {
        synchronized (queueLock) {
            return waiting.size();
        }
    }

    /**
     * What a waiting request is counted as holding: its queue entries and index node, its client's
     * address, its file name (UTF-16) and each option's name and value.
     */
    static int queuedSize(TftpRequest request) {
        int size = 256 + 2 * request.filename().length();
        for (Map.Entry<String, String> o : request.options().entrySet()) {
            size += 96 + 2 * (o.getKey().length() + o.getValue().length());
        }
        return size;
    }

    /**
     * Hands waiting requests to their loops while sessions are free, an address at a time in turn
     * ({@link #turns}): one whose client has not sent it for {@code queueWait} is dropped; an address
     * at its limit of transfers keeps its requests waiting and passes its turn. Every entry counts
     * against the queue's memory until it leaves the queue, a replaced one too, so a client that keeps
     * changing its request cannot grow the queue past the limit.
     */
    private void drain() {
        long wait = config.queueWait().toNanos();
        while (true) {
            Waiting next = null;
            synchronized (queueLock) {
                int passed = 0;
                while (next == null) {
                    if (turns.isEmpty() || passed >= turns.size()) {
                        return; // nothing waits, or every waiting address is at its limit
                    }
                    Map.Entry<InetAddress, ArrayDeque<Waiting>> first = turns.entrySet().iterator().next();
                    InetAddress address = first.getKey();
                    ArrayDeque<Waiting> queue = first.getValue();
                    Waiting head = queue.peekFirst();
                    Waiting current = waiting.get(head.client());
                    if (current == null || !current.request().equals(head.request())) {
                        take(address, queue); // replaced or withdrawn since it was queued
                        continue;
                    }
                    if (System.nanoTime() - current.lastSent() > wait) {
                        take(address, queue);
                        waiting.remove(head.client());
                        head.owner().post(() -> head.owner().gaveUp(head.client(), head.request(), wait));
                        continue;
                    }
                    Refusal refusal = admit(address);
                    if (refusal == Refusal.SERVER_BUSY) {
                        return;
                    }
                    if (refusal == Refusal.ADDRESS_BUSY) {
                        turns.remove(address); // its transfers are at the limit: the next address's turn
                        turns.put(address, queue);
                        passed++;
                        continue;
                    }
                    take(address, queue);
                    waiting.remove(head.client());
                    if (turns.remove(address) != null) {
                        turns.put(address, queue); // served: to the back of the turns
                    }
                    next = head;
                }
            }
            Waiting started = next;
            started.owner().post(() -> started.owner().startQueued(started.client(), started.request()));
        }
    }

    /** Takes an address's oldest entry off the queue and gives its memory back; the caller holds the lock. */
    private void take(InetAddress address, ArrayDeque<Waiting> queue) {
        queuedBytes -= queue.pollFirst().bytes();
        if (queue.isEmpty()) {
            turns.remove(address);
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

    /** Gives back the session {@link #admit} took, and starts the request waiting longest, if any. */
    void release(InetAddress client) {
        perAddress.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1);
        active.decrementAndGet();
        drain();
    }
}
