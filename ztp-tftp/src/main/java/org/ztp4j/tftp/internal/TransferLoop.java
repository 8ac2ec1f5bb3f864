package org.ztp4j.tftp.internal;

import org.ztp4j.core.internal.LogText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.ztp4j.core.internal.RateLimitedLog;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.tftp.TftpServer;

/**
 * One of the TFTP server's network threads: one {@link Selector} over one non-blocking socket per
 * transfer (each transfer's own TID, RFC 1350 section 4), plus a queue of retransmission deadlines
 * ordered by time. The first loop of a {@link TransferEngine} also reads the request socket and
 * passes each request on to the loop that owns its client.
 *
 * <p>Threads: looking a file up ({@code FileProvider.open}) may render a template or touch a remote
 * store, so it runs on a small executor and hands the opened transfer back through a task queue.
 * Reading blocks runs on the selector thread: plain files are read with positional reads that the
 * page cache answers in microseconds, and other resources are rendered bytes in memory, so a thread
 * hop per block would cost more than it saves. Nothing that a packet does can end this thread: each
 * packet is handled inside its own try/catch, and a failing transfer is ended on its own.
 */
public final class TransferLoop {

    private static final Logger log = LoggerFactory.getLogger(TransferLoop.class);
    private static final Logger transfers = LoggerFactory.getLogger(TftpServer.class);
    /** Largest UDP payload over IPv4: enough for any TFTP packet. */
    private static final int MAX_DATAGRAM = 65507;
    private static final int PACKETS_PER_WAKEUP = 128;

    private final TransferEngine engine;
    private final ServerConfig config;
    private final int index;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Transfer> deadlines = new PriorityQueue<>(Comparator.comparingLong(t -> t.queuedAt));
    private final Map<InetSocketAddress, Transfer> byClient = new HashMap<>();
    /** Late copies of finished requests, remembered for twice the timeout. */
    private final FinishedRequests finishedRequests;
    private final RateLimitedLog warnings;
    private final PacketWriter packets;
    private final InetSocketAddress localAddress;
    private final long busyPollNanos;
    /** Whether the last waits were short enough for a poll to catch the next packet. */
    private boolean polling;

    private Selector selector;
    private Thread thread;
    private volatile boolean running;

    TransferLoop(TransferEngine engine, int index) {
        this.engine = engine;
        this.config = engine.config();
        this.index = index;
        this.warnings = engine.warnings();
        this.localAddress = engine.localAddress();
        this.busyPollNanos = config.busyPoll().toNanos();
        this.polling = busyPollNanos > 0;
        this.packets = new PacketWriter(engine.family(), config.bind().getAddress());
        this.finishedRequests = new FinishedRequests(2 * config.timeout().toNanos());
    }

    /** @return the settings */
    ServerConfig config() {
        return config;
    }

    /**
     * Opens the selector and starts the thread.
     *
     * @param requests the request socket for the loop that reads it, else null
     */
    void start(DatagramChannel requests) throws IOException {
        selector = Selector.open();
        if (requests != null) {
            try {
                requests.register(selector, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                selector.close();
                throw e;
            }
        }
        running = true;
        thread = new Thread(this::run, "ztp-tftp-" + localAddress.getPort() + (index == 0 ? "" : "-" + index));
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the thread and waits for it; its transfers end on the way out.
     *
     * @return whether the wait was interrupted
     */
    boolean stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    if (poll() == 0 && tasks.isEmpty() && running) {
                        sleep();
                    }
                    runTasks();
                    fireDeadlines(System.nanoTime());
                } catch (ClosedSelectorException e) {
                    throw e;
                } catch (IOException | RuntimeException | LinkageError | AssertionError e) {
                    // a bug or a broken class path must not take every transfer down with it
                    log.error("TFTP selector loop on {}: unexpected error, going on", localAddress, e);
                    pause();
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("TFTP selector loop on {} stopped by an unexpected error", localAddress, e);
        } finally {
            running = false;
            for (Transfer t : new ArrayList<>(byClient.values())) {
                finish(t, "server stopped");
            }
            runTasks();
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing the selector: {}", e.toString());
            }
        }
    }

    /**
     * Looks for packets without sleeping for up to the busy-poll time, and stops early for a task or
     * a stop. {@code selectNow} clears a pending {@link Selector#wakeup()}, so a task posted or a stop
     * asked for meanwhile would not end the blocking select that follows: the caller checks the task
     * queue and {@code running} before it sleeps.
     *
     * <p>A poll that runs out of time finds nothing, and its CPU is lost (to the clients too, when
     * they share the host). So it polls only while {@link #sleep()} last saw a packet come soon
     * enough that a poll would have caught it: clients on a real network, whose answers take longer
     * than the poll, cost one miss, not one per packet.
     *
     * @return how many sockets had packets
     */
    private int poll() throws IOException {
        if (!polling) {
            return 0;
        }
        long until = System.nanoTime() + busyPollNanos;
        int ready;
        while ((ready = selector.selectNow(this::onSelected)) == 0 && tasks.isEmpty() && running
                && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        return ready;
    }

    /**
     * Blocks until a packet, a task or the next deadline, and decides whether the next wait starts
     * with a poll: only when a packet woke it within twice the poll time (the kernel's wake-up takes
     * some of that), so never with busy polling off.
     */
    private void sleep() throws IOException {
        long start = System.nanoTime();
        int ready = selector.select(this::onSelected, selectTimeoutMillis());
        polling = ready > 0 && System.nanoTime() - start < 2 * busyPollNanos;
    }

    private static void pause() {
        try {
            Thread.sleep(10); // no hot loop if the error repeats
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long selectTimeoutMillis() {
        Transfer first = deadlines.peek();
        if (first == null) {
            return 0; // no transfer waits for anything: block until a packet or a task
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(first.queuedAt - System.nanoTime() + 999_999);
        return Math.max(1, millis);
    }

    void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                warnings.warn("TFTP task failed: {}", e.toString());
            }
        }
    }

    void post(Runnable task) {
        tasks.add(task);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    private void onSelected(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment == null) {
            readRequests();
            return;
        }
        Transfer t = (Transfer) attachment;
        try {
            if (key.isValid() && key.isWritable()) {
                key.interestOps(SelectionKey.OP_READ);
                t.onWritable();
            }
            if (!t.finished && key.isValid() && key.isReadable()) {
                readTransfer(t);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            failUnexpectedly(t, e);
        }
    }

    private void failUnexpectedly(Transfer t, Throwable e) {
        warnings.warn("TFTP transfer of {} to {} failed: {}", t.describe(), t.client, e.toString());
        try {
            packets.sendError(t, TftpError.UNDEFINED, "server error");
        } catch (IOException | RuntimeException ignored) {
            // the transfer ends anyway
        }
        finish(t, "server error: " + e);
    }

    // ---- requests ---------------------------------------------------------------------------

    private void readRequests() {
        DatagramChannel requests = engine.requests();
        for (int i = 0; i < PACKETS_PER_WAKEUP; i++) {
            InetSocketAddress from;
            try {
                receiveBuffer.clear();
                from = (InetSocketAddress) requests.receive(receiveBuffer);
            } catch (IOException e) {
                warnings.warn("TFTP receive on {} failed: {}", localAddress, e.toString());
                return;
            }
            if (from == null) {
                return;
            }
            receiveBuffer.flip();
            TransferLoop owner = engine.loopFor(from);
            if (owner == this) {
                handleRequest(from, receiveBuffer);
            } else {
                ByteBuffer copy = ByteBuffer.allocate(receiveBuffer.remaining()).put(receiveBuffer).flip();
                owner.post(() -> owner.handleRequest(from, copy));
            }
        }
    }

    private void handleRequest(InetSocketAddress from, ByteBuffer packet) {
        try {
            onRequest(from, packet);
        } catch (IOException | RuntimeException | LinkageError e) {
            warnings.warnFor(from.getAddress(), "TFTP request from {} failed: {}", from, e.toString());
        }
    }

    private void onRequest(InetSocketAddress from, ByteBuffer packet) throws IOException {
        if (packet.remaining() < 2) {
            log.debug("dropped a {}-byte datagram from {}", packet.remaining(), from);
            return;
        }
        int opcode = packet.getShort(0) & 0xFFFF;
        if (opcode != TftpOpcode.RRQ && opcode != TftpOpcode.WRQ) {
            // ACK, DATA, ERROR or noise sent to the request port: no transfer is ours, answering
            // could start an error loop, so it is dropped
            log.debug("dropped opcode {} from {} on the request port", opcode, from);
            return;
        }
        TftpRequest request;
        try {
            request = TftpRequest.parse(packet, config.maxFileNameLength());
        } catch (MalformedPacketException e) {
            log.debug("refused a request from {}: {}", from, e.getMessage());
            packets.sendError(engine.requests(), from, e.errorCode(), e.getMessage());
            return;
        }
        Transfer open = byClient.get(from);
        if (open != null) {
            if (open.tftp.equals(request)) {
                log.debug("ignored a repeated request from {}", from); // the client retransmitted its request
                return;
            }
            // A different request from the same port: the client has moved on. Lockstep clients that
            // keep their port (Commons Net, interactive tftp) send it right after the final ACK, which
            // may not have been read yet.
            finish(open, open.settleForNewRequest() ? null : "the client sent a new request before this transfer ended");
        }
        if (finishedRequests.isLateCopy(from, request)) {
            log.debug("ignored a late copy of a finished request from {}", from);
            return;
        }
        if (request.write() && config.uploadSink() == null) {
            log.debug("refused a write request for '{}' from {}", LogText.of(request.filename(), 64), from);
            packets.sendError(engine.requests(), from, TftpError.ACCESS_VIOLATION, "write requests are not accepted");
            return;
        }
        switch (engine.admitOrQueue(this, from, request)) {
            case ADMITTED -> startTransfer(from, request);
            case QUEUED -> log.debug("{} waits for a free session: '{}'", from, LogText.of(request.filename(), 64));
            case ALREADY_WAITING -> log.debug("{} sent its waiting request again", from);
            case SERVER_BUSY -> refuse(from, request, TransferEngine.Refusal.SERVER_BUSY);
            case ADDRESS_BUSY -> refuse(from, request, TransferEngine.Refusal.ADDRESS_BUSY);
        }
    }

    private void refuse(InetSocketAddress from, TftpRequest request, TransferEngine.Refusal refusal) throws IOException {
        String limit = refusal == TransferEngine.Refusal.SERVER_BUSY
                ? config.maxSessions() + " transfers at once and " + (config.maxQueueMemory() >> 10) + " KiB of waiting requests"
                : config.maxSessionsPerClient() + " per address";
        warnings.warnFor(from.getAddress(), "TFTP refused '{}' to {}: {} (limit {})",
                LogText.of(request.filename(), 64), from, refusal.message, limit);
        packets.sendError(engine.requests(), from, TftpError.UNDEFINED, refusal.message);
    }

    /** A session is taken for this request: opens its file and starts the transfer. */
    private void startTransfer(InetSocketAddress from, TftpRequest request) {
        FileRequest fileRequest = new FileRequest(request.filename(), from, Protocol.TFTP, null);
        Transfer t = request.write() ? new WriteTransfer(this, fileRequest, request) : new ReadTransfer(this, fileRequest, request);
        byClient.put(from, t);
        log.debug("{} {} '{}' {} {}", from, request.write() ? "WRQ" : "RRQ",
                LogText.of(request.filename(), 64), request.mode().wireName(), request.options());
        event(new ProvisioningEvent.FileRequested(Instant.now(), fileRequest.identity(), request.filename(),
                Protocol.TFTP, from));
        try {
            engine.opener().execute(() -> open(t));
        } catch (RejectedExecutionException e) {
            finish(t, "server stopping");
        }
    }

    /** Runs on this loop: a waiting request got its session (already taken for it). */
    void startQueued(InetSocketAddress from, TftpRequest request) {
        Transfer open = byClient.get(from);
        if (!running || open != null) {
            // stopping, or the client started something else meanwhile: the session goes back
            engine.release(from.getAddress());
            return;
        }
        startTransfer(from, request);
    }

    /** Runs on this loop: a waiting request's client stopped sending it, so it left the queue. */
    void gaveUp(InetSocketAddress from, TftpRequest request, long waitNanos) {
        log.debug("{} stopped asking for '{}' while it waited (not sent again for {} ms): dropped from the queue",
                from, LogText.of(request.filename(), 64), TimeUnit.NANOSECONDS.toMillis(waitNanos));
    }

    /** Runs on the opener executor. */
    private void open(Transfer t) {
        try {
            t.open();
            post(() -> activate(t));
        } catch (TransferRefusedException e) {
            post(() -> refuse(t, e.errorCode(), e.getMessage(), e.getMessage()));
        } catch (IOException e) {
            log.warn("TFTP could not open '{}' for {}: {}", LogText.of(t.tftp.filename(), 64), t.client, e.toString());
            post(() -> refuse(t, TftpError.UNDEFINED, "cannot read file", "I/O error: " + e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            log.warn("TFTP provider failed on '{}' for {}", LogText.of(t.tftp.filename(), 64), t.client, e);
            post(() -> refuse(t, TftpError.UNDEFINED, "server error", "provider failed: " + e));
        }
    }

    private void activate(Transfer t) {
        if (!running || t.finished) {
            finish(t, "server stopped");
            return;
        }
        try {
            t.key = t.channel.register(selector, SelectionKey.OP_READ, t);
            t.progressAt = System.nanoTime(); // the stall timeout runs from the first packet sent, not from the request
            t.begin();
        } catch (IOException | RuntimeException | LinkageError e) {
            failUnexpectedly(t, e);
        }
    }

    private void refuse(Transfer t, int code, String message, String reason) {
        try {
            if (running) {
                packets.sendError(engine.requests(), t.client, code, message);
            }
        } catch (IOException e) {
            log.debug("could not send error to {}: {}", t.client, e.toString());
        }
        finish(t, reason);
    }

    // ---- transfers --------------------------------------------------------------------------

    /**
     * Takes one packet off a transfer's socket. One, not all: in lockstep there is never a second
     * one waiting, and trying would cost a system call per block; the selector is level-triggered,
     * so a socket that still holds packets is reported again at once.
     */
    private void readTransfer(Transfer t) throws IOException {
        receiveBuffer.clear();
        SocketAddress from = t.channel.receive(receiveBuffer);
        if (from == null) {
            return;
        }
        receiveBuffer.flip();
        if (!from.equals(t.client)) {
            wrongTransferId(t, (InetSocketAddress) from, receiveBuffer);
        } else if (receiveBuffer.remaining() < 4) {
            log.debug("dropped a {}-byte datagram from {}", receiveBuffer.remaining(), from);
        } else {
            t.onPacket(receiveBuffer);
        }
    }

    /** RFC 1350 section 4: a packet from another TID gets ERROR 5 and the transfer goes on. */
    private void wrongTransferId(Transfer t, InetSocketAddress from, ByteBuffer packet) throws IOException {
        boolean isError = packet.remaining() >= 2 && (packet.getShort(0) & 0xFFFF) == TftpOpcode.ERROR;
        log.debug("packet from unknown TID {} on the transfer to {}", from, t.client);
        if (!isError) { // never answer an error with an error
            packets.sendError(t.channel, from, TftpError.UNKNOWN_TID, "Unknown transfer ID");
        }
    }

    private void fireDeadlines(long now) {
        Transfer t;
        while ((t = deadlines.peek()) != null && t.queuedAt - now <= 0) {
            deadlines.poll();
            t.inQueue = false;
            if (t.finished) {
                continue;
            }
            if (t.deadline - now > 0) {
                // moved later since it was queued (the normal case after progress): queue again
                t.queuedAt = t.deadline;
                t.inQueue = true;
                deadlines.add(t);
                continue;
            }
            try {
                t.onTimeout(now);
            } catch (IOException | RuntimeException | LinkageError e) {
                failUnexpectedly(t, e);
            }
        }
    }

    /**
     * Sets a transfer's deadline. Progress moves deadlines later without touching the queue (no
     * allocation or heap work per packet): the queue keeps each transfer once, under the time it
     * was queued with, and re-queues it when that time comes and the real deadline is later.
     */
    void schedule(Transfer t, long deadline) {
        t.deadline = deadline;
        if (!t.inQueue) {
            t.queuedAt = deadline;
            t.inQueue = true;
            deadlines.add(t);
        } else if (deadline - t.queuedAt < 0) {
            deadlines.remove(t);
            t.queuedAt = deadline;
            deadlines.add(t);
        }
    }

    /**
     * Ends a transfer: frees its socket and resources, logs one line and tells the listener.
     *
     * @param t       the transfer
     * @param failure why it failed, or null when it completed
     */
    void finish(Transfer t, String failure) {
        if (t.finished) {
            return;
        }
        t.finished = true;
        finishedRequests.finished(t.client, t.tftp);
        if (byClient.remove(t.client, t)) {
            engine.release(t.client.getAddress());
        }
        if (t.inQueue) {
            deadlines.remove(t);
            t.inQueue = false;
        }
        if (t.key != null) {
            t.key.cancel();
        }
        if (t.channel != null) {
            try {
                t.channel.close();
            } catch (IOException e) {
                log.debug("closing transfer socket: {}", e.toString());
            }
        }
        t.release(failure);
        Duration took = Duration.ofNanos(System.nanoTime() - t.startNanos);
        int blockSize = t.options == null ? TransferOptions.DEFAULT_BLOCK_SIZE : t.options.blockSize();
        int window = t.options == null ? 1 : t.options.windowSize();
        if (failure == null) {
            transfers.info("{} {} {}: {} bytes in {} ms, blksize {}, windowsize {}",
                    t.tftp.write() ? "received" : "served", t.describe(), t.tftp.write() ? "from " + t.client : "to " + t.client,
                    t.bytes(), took.toMillis(), blockSize, window);
            event(new ProvisioningEvent.FileServed(Instant.now(), t.device, t.tftp.filename(), Protocol.TFTP,
                    t.client, t.bytes(), took, t.sha256()));
        } else {
            transfers.info("{} {} {} failed after {} bytes in {} ms: {}",
                    t.tftp.write() ? "upload" : "transfer of", t.describe(), t.tftp.write() ? "from " + t.client : "to " + t.client,
                    t.bytes(), took.toMillis(), failure);
            event(new ProvisioningEvent.TransferFailed(Instant.now(), t.device, t.tftp.filename(), Protocol.TFTP,
                    t.client, t.bytes(), failure));
        }
    }

    void progress(Transfer t) {
        event(new ProvisioningEvent.TransferProgress(Instant.now(), t.device, t.tftp.filename(),
                Protocol.TFTP, t.bytes(), t.totalBytes()));
    }

    private void event(ProvisioningEvent e) {
        try {
            config.listener().onEvent(e);
        } catch (RuntimeException | LinkageError ex) {
            warnings.warn("TFTP listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
        }
    }

    /** @return where file transfers take their read-ahead buffers from */
    ReadAheadPool readAheadPool() {
        return engine.readAheadPool();
    }

    /** @return how this loop's transfers put packets on the wire */
    PacketWriter packets() {
        return packets;
    }
}
