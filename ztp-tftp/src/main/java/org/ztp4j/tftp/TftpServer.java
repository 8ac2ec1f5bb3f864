package org.ztp4j.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.RequestPath;
import org.ztp4j.tftp.internal.ServerConfig;
import org.ztp4j.tftp.internal.TransferEngine;

/**
 * A TFTP server that devices fetch scripts, configurations and images from.
 *
 * <p>It speaks RFC 1350 (octet and netascii read requests), RFC 2347 option negotiation, RFC 2348
 * blksize (8..65464, clamped to {@link Builder#maxBlockSize(int)}), RFC 2349 tsize and timeout, and
 * RFC 7440 windowsize (clamped to {@link Builder#maxWindowSize(int)} and to
 * {@link Builder#maxWindowBytes(int)} of data per window). Block numbers wrap from 65535
 * to 0, so images larger than 32 MiB work at blksize 512. Each transfer has its own port (TID); a
 * few selector threads (one per core, up to four, by default) drive all of them, so hundreds of
 * devices booting at once cost no thread each. A plain file's next window is read while the client
 * is still busy with the current one (see {@link Builder#readAheadMemory(int)}), and a selector
 * thread that runs out of packets polls briefly before it sleeps, so a client that answers at once
 * does not wait for the thread to be woken (see {@link Builder#busyPoll(Duration)}).
 *
 * <p>Files come from a {@link FileProvider}: a path it rejects is answered with ERROR 2 (access
 * violation), a missing file with ERROR 1. Write requests are refused with ERROR 2 unless an
 * {@link UploadSink} is configured. netascii transfers convert LF to CR LF and CR to CR NUL while
 * streaming, and do not report tsize (the converted size is only known at the end).
 *
 * <pre>{@code
 * try (TftpServer tftp = TftpServer.builder()
 *         .bind(new InetSocketAddress("10.0.0.1", 69))
 *         .fileProvider(new DirectoryFileProvider(Path.of("/srv/ztp")))
 *         .listener(event -> log.info("{}", event))
 *         .build()) {
 *     tftp.start();
 *     System.out.println("TFTP on port " + tftp.port());
 *     ...
 * }
 * }</pre>
 */
public final class TftpServer implements AutoCloseable {

    /** How long a transfer may make no progress before it is given up, unless told otherwise. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(25);

    private final TransferEngine engine;

    private TftpServer(ServerConfig config) {
        this.engine = new TransferEngine(config);
    }

    /** @return a builder with the defaults: 127.0.0.1 port 69, blksize up to 65464, window up to 64 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the socket and starts serving; returns once requests can arrive.
     *
     * @return this server
     * @throws IOException when the address cannot be bound (port in use, no permission for port 69)
     */
    public TftpServer start() throws IOException {
        engine.start();
        return this;
    }

    /** @return the port requests arrive on (the real one when port 0 was asked for) */
    public int port() {
        return localAddress().getPort();
    }

    /**
     * @return the address requests arrive on
     * @throws IllegalStateException before {@link #start()}
     */
    public InetSocketAddress localAddress() {
        InetSocketAddress a = engine.localAddress();
        if (a == null) {
            throw new IllegalStateException("TFTP server not started");
        }
        return a;
    }

    /** @return transfers under way, including requests whose file is still being looked up */
    public int activeTransfers() {
        return engine.activeTransfers();
    }

    /** @return read requests waiting for a session to become free ({@link Builder#maxQueueMemory}) */
    public int queuedRequests() {
        return engine.queuedRequests();
    }

    /** Stops serving: ends every transfer (listeners get TransferFailed) and waits until all is freed. */
    @Override
    public void close() {
        engine.close();
    }

    /** Collects the server's settings; every setter checks its value at once. */
    public static final class Builder {

        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 69);
        private FileProvider fileProvider;
        private ProvisioningListener listener = ProvisioningListener.NONE;
        private UploadSink uploadSink;
        private int maxBlockSize = 65464;
        private int maxWindowSize = 64;
        private int maxWindowBytes = 64 << 10;
        private Duration timeout = Duration.ofSeconds(1);
        private int retries = 5;
        private int maxSessions = 1024;
        private int maxSessionsPerClient = 8;
        private int maxFileNameLength = RequestPath.MAX_LENGTH;
        private int openThreads = 4;
        private int networkThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
        private int readAheadMemory = 32 << 20;
        private Duration busyPoll = Duration.ofNanos(50_000);
        private int maxQueueMemory = 16 << 20;
        private Duration queueWait = Duration.ofSeconds(15);
        private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;

        private Builder() {
        }

        /**
         * @param address the address and port to receive requests on (port 0 picks a free one); for a
         *                host with several addresses bind the one devices use: replies come from it
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /**
         * @param provider where files come from (required)
         * @return this builder
         */
        public Builder fileProvider(FileProvider provider) {
            this.fileProvider = Objects.requireNonNull(provider, "fileProvider");
            return this;
        }

        /**
         * @param listener who hears FileRequested, TransferProgress, FileServed and TransferFailed;
         *                 called on the server's network threads (several at once), so it must be
         *                 thread-safe and return quickly
         * @return this builder
         */
        public Builder listener(ProvisioningListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param sink where uploads go; without one, write requests get ERROR 2
         * @return this builder
         */
        public Builder uploadSink(UploadSink sink) {
            this.uploadSink = Objects.requireNonNull(sink, "uploadSink");
            return this;
        }

        /**
         * @param bytes the largest blksize granted, 8..65464 (RFC 2348); larger requests are answered
         *              with this value in the OACK. Default 65464.
         * @return this builder
         */
        public Builder maxBlockSize(int bytes) {
            this.maxBlockSize = Checks.range("maxBlockSize", bytes, 8, 65464);
            return this;
        }

        /**
         * @param blocks the largest windowsize granted, 1..65535 (RFC 7440). Default 64.
         * @return this builder
         */
        public Builder maxWindowSize(int blocks) {
            this.maxWindowSize = Checks.range("maxWindowSize", blocks, 1, 65535);
            return this;
        }

        /**
         * @param bytes the most data one window may hold, 1..64 MiB: the window granted is cut to
         *              {@code bytes / blksize} blocks, so that a burst fits the client's socket
         *              receive buffer (Linux's default holds about 200 KiB, and datagrams cost more
         *              than their payload there: 12 of 8 KiB fit, 3 of 64 KiB). A client that asks for
         *              a window gets two blocks at least, whatever this says (two always fit; use
         *              {@link #maxWindowSize(int)} 1 for lockstep only). Default 64 KiB: windowsize
         *              64 at blksize 1024, 44 at 1468, 8 at 8192, 2 at 65464.
         * @return this builder
         */
        public Builder maxWindowBytes(int bytes) {
            this.maxWindowBytes = Checks.range("maxWindowBytes", bytes, 1, 64 << 20);
            return this;
        }

        /**
         * @param timeout how long to wait for an ACK before sending again, 1 ms..255 s; each further
         *                retransmission waits twice as long, up to eight times. A client's RFC 2349
         *                timeout option replaces it for that transfer (up to 10 s). However the
         *                resends fall, {@link #stallTimeout} gives a transfer up that long after its
         *                last progress. Default 1 s.
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.getSeconds() > 255) {
                throw new IllegalArgumentException("timeout " + timeout + ": must be 1 ms..255 s");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param retries retransmissions before a transfer is given up, 0..100 ({@link #stallTimeout}
         *                may give it up sooner). Default 5.
         * @return this builder
         */
        public Builder retries(int retries) {
            this.retries = Checks.range("retries", retries, 0, 100);
            return this;
        }

        /**
         * How long a transfer may go without progress (no new block acknowledged, or for an upload no
         * new block received) before it is given up with ERROR 0 "timed out", whatever retransmissions
         * it has left. This bounds how long a client that asks for a transfer and never answers holds a
         * session, whatever timeout it asked for: with the defaults the server sends again after 1, 3, 7
         * and 15 s and gives up at 25 s; a client that asked for {@code timeout=10} gets sends at 10
         * and 20 s and is given up at 25 s too.
         *
         * @param timeout 1 ms..60 min. Default 25 s
         * @return this builder
         */
        public Builder stallTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "stallTimeout");
            if (timeout.toMillis() < 1 || timeout.toMinutes() > 60) {
                throw new IllegalArgumentException("stallTimeout " + timeout + ": must be 1 ms..60 min");
            }
            this.stallTimeout = timeout;
            return this;
        }

        /**
         * @param sessions transfers at once from all clients; read requests beyond them wait their turn
         *                 ({@link #maxQueueMemory}), and get ERROR 0 "server busy" only when that queue
         *                 is full. Default 1024.
         * @return this builder
         */
        public Builder maxSessions(int sessions) {
            this.maxSessions = Checks.range("maxSessions", sessions, 1, 1 << 20);
            return this;
        }

        /**
         * @param sessions transfers at once from one IP address; more get ERROR 0. Default 8.
         * @return this builder
         */
        public Builder maxSessionsPerClient(int sessions) {
            this.maxSessionsPerClient = Checks.range("maxSessionsPerClient", sessions, 1, 1 << 20);
            return this;
        }

        /**
         * How much a burst may queue. A read request that arrives while {@link #maxSessions} transfers
         * are under way waits, first come first served, instead of being answered "server busy": a
         * device turned away starts its whole boot sequence again, so a burst of devices (a rack
         * powered on at once) is served in turns. Each waiting request counts what it holds (its file
         * name and options, about 300 bytes for a typical request); a request that would take the
         * queue past this limit is refused with ERROR 0 "server busy", logged once per address a minute.
         * The client's retransmissions of a waiting request keep its place.
         *
         * @param bytes memory all waiting requests may hold together; 0 refuses every request beyond
         *              the sessions at once. Default 16 MiB (about 50,000 waiting requests).
         * @return this builder
         */
        public Builder maxQueueMemory(int bytes) {
            this.maxQueueMemory = Checks.range("maxQueueMemory", bytes, 0, Integer.MAX_VALUE);
            return this;
        }

        /**
         * @param wait how long a waiting request keeps its place after its client last sent it (a
         *             client that stopped retransmitting has given up, and a transfer to it would only
         *             hold a session until it timed out); 1 ms..10 min. Default 15 s: three times the 5 s
         *             after which common TFTP clients send their request again.
         * @return this builder
         */
        public Builder queueWait(Duration wait) {
            Objects.requireNonNull(wait, "queueWait");
            if (wait.toMillis() < 1 || wait.toMinutes() > 10) {
                throw new IllegalArgumentException("queueWait " + wait + ": must be 1 ms..10 min");
            }
            this.queueWait = wait;
            return this;
        }

        /**
         * @param bytes the longest file name accepted; longer ones get ERROR 2. Default 1024.
         * @return this builder
         */
        public Builder maxFileNameLength(int bytes) {
            this.maxFileNameLength = Checks.range("maxFileNameLength", bytes, 1, 65000);
            return this;
        }

        /**
         * @param threads threads that look files up (a provider may render templates). Default 4.
         * @return this builder
         */
        public Builder openThreads(int threads) {
            this.openThreads = Checks.range("openThreads", threads, 1, 256);
            return this;
        }

        /**
         * @param threads selector threads that share the transfers out, 1..64; each client (address
         *                and port) stays on one of them. One is enough for a few dozen devices; more
         *                let a boot storm use more cores. Default: the number of processors, at most 4.
         * @return this builder
         */
        public Builder networkThreads(int threads) {
            this.networkThreads = Checks.range("networkThreads", threads, 1, 64);
            return this;
        }

        /**
         * @param bytes the most memory, all transfers together, for reading files ahead, 0..1 GiB.
         *              Each transfer of a plain file reads the next window (at least 32 KiB, at
         *              most 64 KiB or one block) while the client is busy with the current one, so
         *              in lockstep the read is off the round trip. The buffers are direct memory,
         *              outside the heap (mind {@code -XX:MaxDirectMemorySize}, which defaults to the
         *              maximum heap size); a transfer that finds the budget spent reads each block as
         *              it sends it, a little slower. 0 turns read-ahead off. Default 32 MiB: about 500
         *              transfers with 64 KiB blocks or windows, about 1,000 with smaller ones.
         * @return this builder
         */
        public Builder readAheadMemory(int bytes) {
            this.readAheadMemory = Checks.range("readAheadMemory", bytes, 0, 1 << 30);
            return this;
        }

        /**
         * @param busyPoll how long a network thread that has run out of packets keeps looking for
         *                 the next one before it sleeps, 0..10 ms. A sleeping thread is woken by
         *                 the kernel when a packet comes, and that wake-up (tens of microseconds,
         *                 more in a virtual machine) adds to every round trip of a lockstep
         *                 transfer whose client answers faster than that. A poll that finds
         *                 nothing turns polling off until a packet again comes within about twice
         *                 this time of the thread going to sleep, so clients slower than the poll
         *                 cost one missed poll, and an idle server costs nothing.
         *                 {@link Duration#ZERO} turns it off: the thread sleeps at once. Default
         *                 50 µs.
         * @return this builder
         */
        public Builder busyPoll(Duration busyPoll) {
            Objects.requireNonNull(busyPoll, "busyPoll");
            if (busyPoll.isNegative() || busyPoll.compareTo(Duration.ofMillis(10)) > 0) {
                throw new IllegalArgumentException("busyPoll " + busyPoll + ": must be 0..10 ms");
            }
            this.busyPoll = busyPoll;
            return this;
        }

        /**
         * @return the server, not yet started
         * @throws IllegalStateException when no file provider was set
         */
        public TftpServer build() {
            if (fileProvider == null) {
                throw new IllegalStateException("TFTP server needs a fileProvider");
            }
            return new TftpServer(new ServerConfig(bind, fileProvider, listener, uploadSink, maxBlockSize,
                    maxWindowSize, maxWindowBytes, timeout, retries, maxSessions, maxSessionsPerClient, maxFileNameLength, openThreads,
                    networkThreads, readAheadMemory, busyPoll, maxQueueMemory, queueWait, stallTimeout));
        }
    }
}
