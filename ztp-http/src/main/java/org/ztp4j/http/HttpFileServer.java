package org.ztp4j.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.BindFailure;
import org.ztp4j.core.internal.HostText;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.http.internal.HttpChannels;
import org.ztp4j.http.internal.ReloadingKeyManager;
import org.ztp4j.http.internal.Route;
import org.ztp4j.http.internal.ServerContext;

/**
 * An HTTP or HTTPS server for the files devices fetch while provisioning (scripts, configurations,
 * images), serving the same {@link FileProvider} as the TFTP server. Its engine is Netty, with
 * non-blocking I/O: a connection holds no thread while it waits or downloads.
 *
 * <pre>{@code
 * try (HttpFileServer http = HttpFileServer.builder()
 *         .bind(new InetSocketAddress("10.0.0.1", 8080))
 *         .fileProvider(new DirectoryFileProvider(Path.of("/srv/ztp")))
 *         .listener(event -> log.info("{}", event))
 *         .endpoint("/status", request -> EndpointResponse.text(200, "up"))   // endpoints win over files
 *         .build()) {
 *     http.start();
 *     System.out.println("serving on " + http.baseUri());   // http://10.0.0.1:8080/
 * }
 * }</pre>
 *
 * <p>What it does for files:
 * <ul>
 *   <li>GET and HEAD; any other method is 405 with {@code Allow: GET, HEAD}.</li>
 *   <li>The request path is percent-decoded once as UTF-8 and must pass
 *       {@link org.ztp4j.core.RequestPath} rules; the query is ignored. Encoded slashes, malformed
 *       escapes, {@code ..}, backslashes and NUL are 400; a missing file or a directory is 404 (no
 *       listings).</li>
 *   <li>{@code Content-Length}, {@code Content-Type} by file name ({@code .py} text/x-python;
 *       {@code .cfg}, {@code .conf}, {@code -confg}, {@code conf.*}, {@code .md5}, {@code .sha256},
 *       {@code .sha512}, {@code .txt} text/plain; {@code .json} application/json; anything else
 *       application/octet-stream), {@code Last-Modified}, {@code Accept-Ranges: bytes} and a
 *       strong {@code ETag}: for a file on disk a hash of its name, size and modification time (no
 *       content is read), for a generated resource of at most 1 MiB a hash of its content (so a
 *       configuration rendered again with the same bytes keeps its tag), for larger generated
 *       resources with a modification time the same as for files, else none.
 *       {@code If-None-Match} and {@code If-Modified-Since} give 304.</li>
 *   <li>One byte range ({@code bytes=a-b}, {@code a-}, {@code -n}) gives 206 with
 *       {@code Content-Range}, honouring {@code If-Range}; a range outside the file is 416 with
 *       {@code Content-Range: bytes *}{@code /size}. Several ranges get the whole file with 200,
 *       which RFC 9110 allows.</li>
 *   <li>The body goes out with a fixed {@code Content-Length} when the size is known (chunked
 *       otherwise, or to the end of the connection for an HTTP/1.0 client). A file on disk is
 *       sent by the kernel ({@code sendfile}, no copy through the JVM) over plain HTTP, and in
 *       64 KiB chunks over TLS; a generated resource is read in 64 KiB chunks. Chunks are read only
 *       as fast as the client takes them, so a slow client costs about one chunk of memory. A
 *       resource that ends before its announced size, or fails to read, drops the connection, so
 *       the client never takes a short body for a whole one.</li>
 *   <li>Events: {@code FileRequested}, {@code TransferProgress} each time another
 *       {@link Builder#progressInterval} bytes have gone out, {@code FileServed} when a response
 *       body was sent whole (for a 206, the range's bytes), {@code TransferFailed} for 400/404/500
 *       and for transfers cut short (the client closed the connection, the client stopped reading,
 *       the server stopped, or the resource failed). Transfer events come from the server's I/O
 *       threads: a listener should be quick.</li>
 *   <li>One INFO line per request on the logger {@value #ACCESS_LOG}.</li>
 * </ul>
 *
 * <p>Threads. A few I/O threads (one per processor) do all the network work; no thread is tied to
 * a connection. {@link Builder#threads} worker threads run what may block: the
 * {@link FileProvider#open} call (which may render a template or ask a database) and
 * {@link HttpEndpoint#handle}. A request that finds them all busy waits for one.
 *
 * <p>Deadlines and limits. Each of these closes the connection when it passes, so that a client
 * that holds a connection without moving (slowloris) holds it for seconds, not for ever: a
 * request's first byte must come within {@link Builder#idleTimeout} (default 30 s) of the
 * connection opening or the previous response ending; from that first byte, the request line and
 * header fields must be whole within {@link Builder#headerTimeout} (default 10 s), however they
 * trickle in; the body then within {@link Builder#bodyTimeout} (default 30 s). A client that takes
 * no data for {@link Builder#stallTimeout} (default 30 s) while a response is under way is
 * dropped; a slow but moving client never is, so a device that takes an hour over a large image
 * keeps its download. One client address holds at most {@link Builder#maxConnectionsPerClient}
 * connections (default {@value #DEFAULT_MAX_CONNECTIONS_PER_CLIENT}); one more is closed at once,
 * logged once per address per minute. A request line longer than
 * 8 KiB is 414, header fields beyond 16 KiB are 431, other malformed requests are 400, and the
 * connection is closed after each. An endpoint takes a request body up to its
 * {@link HttpEndpoint#maxBodyBytes()} (413 beyond, without calling it); a file request's body is
 * read and dropped, up to 64 KiB (413 beyond). TLS handshakes must finish within 10 s. Nothing
 * here sets a system property.
 *
 * <p>A burst. At most {@value #MAX_CONNECTIONS} connections are served at once. Connections beyond
 * that are accepted and wait their turn, oldest first, up to {@value #MAX_WAITING_CONNECTIONS} of
 * them: nothing is read from a waiting connection and no deadline runs for it (the request timeout
 * and the TLS handshake start when it is served), and it holds about 2 KiB of heap and a file
 * descriptor. While any wait, a keep-alive connection that has been answered is closed when its next
 * request has not begun within 5 s (instead of the idle timeout), so that idle
 * connections do not hold the places. Only a connection that finds the waiting queue full is closed
 * at once, which is logged once per client address per minute.
 */
public final class HttpFileServer implements AutoCloseable {

    /** The logger of the access log: one INFO line per request (client, method, path, status, bytes, duration). */
    public static final String ACCESS_LOG = "org.ztp4j.http.access";

    /**
     * Worker threads when the builder is not told otherwise. They run only what may block
     * ({@link FileProvider#open} and endpoints), never a download, so this bounds how many of those
     * calls run at once (a database behind the provider sees at most this many queries).
     */
    public static final int DEFAULT_THREADS = 128;

    /** How long a client may take no data before its connection is dropped, unless told otherwise. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    /** How long a connection may wait for a request's first byte, unless told otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** How long a request head may take from its first byte to its end, unless told otherwise. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

    /** How long a request body may take from the end of its head, unless told otherwise. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Connections one client address may hold at once, unless told otherwise. A device opens one or
     * two; the rest leaves room for a few devices behind one address translation (rare on a
     * provisioning network) and for retries while old connections close.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 32;

    /**
     * Each connection's kernel send buffer, unless told otherwise: 512 KiB. It bounds the kernel
     * memory a reader that stops holds, and how far ahead of a slow reader the server runs; see
     * {@link Builder#sendBufferSize}.
     */
    public static final int DEFAULT_SEND_BUFFER = 512 * 1024;

    /** Bytes between two progress events, unless told otherwise: 8 MiB. */
    public static final long DEFAULT_PROGRESS_INTERVAL = 8L * 1024 * 1024;

    /**
     * Seconds an idle connection may stay open: the default {@link Builder#idleTimeout}.
     *
     * @deprecated the request's deadlines are now three settings: {@link Builder#idleTimeout},
     *             {@link Builder#headerTimeout} and {@link Builder#bodyTimeout}
     */
    @Deprecated
    public static final int REQUEST_TIMEOUT_SECONDS = 30;

    /**
     * The most connections open at once. An idle connection costs little (no thread, no buffer),
     * a download about one 64 KiB chunk, or nothing with {@code sendfile}; the limit keeps a flood
     * of connections from exhausting file descriptors and memory.
     */
    public static final int MAX_CONNECTIONS = 4096;

    /**
     * The most connections waiting for one of the {@value #MAX_CONNECTIONS} places; one more is
     * closed as soon as it is accepted. A waiting connection holds about 2 KiB of heap (16 MiB for
     * the whole queue) and a file descriptor, so a server at both limits holds 12,288 sockets.
     */
    public static final int MAX_WAITING_CONNECTIONS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(HttpFileServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final int IO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final InetSocketAddress bind;
    private final FileProvider provider;
    private final ProvisioningListener listener;
    private final TlsConfig tls;
    private final int threads;
    private final Duration stallTimeout;
    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final int maxPerClient;
    private final int sendBuffer;
    private final long progressInterval;
    private final List<Route> routes;
    private final int maxConnections;
    private final int maxWaiting;

    private EventLoopGroup io;
    private ThreadPoolExecutor workers;
    private ChannelGroup channels;
    private HttpChannels connections;
    private Channel listening;
    private InetSocketAddress address;
    private volatile boolean stopping;
    private boolean closed;

    private HttpFileServer(Builder b) {
        this.bind = b.bind;
        this.provider = b.provider;
        this.listener = b.listener;
        this.tls = b.tls;
        this.threads = b.threads;
        this.stallTimeout = b.stallTimeout;
        this.idleTimeout = b.idleTimeout;
        this.headerTimeout = b.headerTimeout;
        this.bodyTimeout = b.bodyTimeout;
        this.maxPerClient = b.maxPerClient;
        this.sendBuffer = b.sendBuffer;
        this.progressInterval = b.progressInterval;
        this.routes = List.copyOf(b.routes);
        this.maxConnections = b.maxConnections;
        this.maxWaiting = b.maxWaiting;
    }

    /** @return a builder; only {@link Builder#fileProvider} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving. Returns once the socket is bound; {@link #port()} then tells the
     * real port when port 0 was asked for.
     *
     * @return this server
     * @throws IOException           when the address cannot be bound or the TLS material cannot be loaded
     * @throws IllegalStateException when already started or closed
     */
    public synchronized HttpFileServer start() throws IOException {
        if (listening != null || closed) {
            throw new IllegalStateException("HTTP file server already " + (closed ? "closed" : "started"));
        }
        TlsConfig.Serving serving = tls == null ? null : tls.serverContext();
        SslContext ssl = serving == null ? null : serving.context();
        String scheme = ssl == null ? "http" : "https";
        String name = "ztp-" + scheme + "-" + SERVERS.incrementAndGet();
        // I/O threads are not daemons: a running server keeps the JVM up, as a listening socket would be expected to.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(IO_THREADS, threads(name + "-io", false), NioIoHandler.newFactory());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads(name + "-worker", true));
        pool.allowCoreThreadTimeOut(true);
        ChannelGroup open = new DefaultChannelGroup(name, group.next());
        ServerContext context = new ServerContext(routes, provider, listener, ssl == null ? Protocol.HTTP : Protocol.HTTPS,
                progressInterval, stallTimeout, idleTimeout, headerTimeout, bodyTimeout, pool, () -> stopping);
        HttpChannels initializer = new HttpChannels(context, ssl, open, maxConnections, maxWaiting, maxPerClient);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false) // each connection reads only when ready for a request
                .childOption(ChannelOption.SO_SNDBUF, sendBuffer) // bounds what a stuck reader holds, and shows its progress
                .childHandler(initializer)
                .bind(bind)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            pool.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            Throwable cause = bound.cause();
            if (cause instanceof BindException) {
                throw BindFailure.of(scheme.toUpperCase(java.util.Locale.ROOT), bind, cause);
            }
            throw new IOException("cannot start the " + scheme + " server on " + bind + ": " + cause, cause);
        }
        if (serving != null && serving.keys() != null) {
            watchCertificate(group, pool, serving.keys());
        }
        io = group;
        workers = pool;
        channels = open;
        connections = initializer;
        listening = bound.channel();
        address = (InetSocketAddress) listening.localAddress();
        LOG.info("{} file server listening on {} ({} I/O threads, {} worker threads, files from {}{})", scheme.toUpperCase(),
                baseUri(), IO_THREADS, threads, provider, tls == null ? "" : ", TLS " + tls);
        return this;
    }

    /** Looks at the key and certificate files every second, on a worker thread, and takes a settled change. */
    private static void watchCertificate(EventLoopGroup group, ThreadPoolExecutor pool, ReloadingKeyManager keys) {
        AtomicBoolean looking = new AtomicBoolean();
        group.next().scheduleWithFixedDelay(() -> {
            if (looking.compareAndSet(false, true)) {
                try {
                    pool.execute(() -> {
                        try {
                            keys.checkForChange();
                        } finally {
                            looking.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    looking.set(false); // stopping
                }
            }
        }, TlsConfig.RELOAD_CHECK_SECONDS, TlsConfig.RELOAD_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new FastThreadLocalThread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    /**
     * @return the address it listens on
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized InetSocketAddress localAddress() {
        if (address == null) {
            throw new IllegalStateException("HTTP file server not started");
        }
        return address;
    }

    /**
     * @return the port it listens on (the real one when port 0 was asked for)
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return localAddress().getPort();
    }

    /** @return true when this server speaks HTTPS */
    public boolean isHttps() {
        return tls != null;
    }

    /**
     * @return the URI of the served root, for example {@code http://127.0.0.1:8080/}; a wildcard
     *         bind address is given as the loopback address
     * @throws IllegalStateException before {@link #start()}
     */
    public URI baseUri() {
        InetSocketAddress a = localAddress();
        InetAddress host = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        return URI.create((isHttps() ? "https" : "http") + "://" + HostText.literal(host) + ":" + a.getPort() + "/");
    }

    /** @return the TLS configuration, or {@code null} for plain HTTP */
    public TlsConfig tls() {
        return tls;
    }

    /** @return the connections open now, served and waiting (0 before {@link #start()}); for tests */
    synchronized int openConnections() {
        return connections == null ? 0 : connections.openConnections();
    }

    /** @return the connections waiting for a place now (0 before {@link #start()}); for tests */
    synchronized int waitingConnections() {
        return connections == null ? 0 : connections.waitingConnections();
    }

    /**
     * Stops listening, drops open connections (transfers under way end with {@code TransferFailed},
     * "server stopped"), and waits for the worker and I/O threads to finish. Safe to call more
     * than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listening == null) {
            return;
        }
        stopping = true;
        listening.close().awaitUninterruptibly();
        if (!channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            LOG.warn("HTTP file server on {}: connections still closing after 5 s", baseUri());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow(); // interrupts a provider or endpoint that is still busy
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("HTTP file server on {}: worker threads still busy after close", baseUri());
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Quiet period 0: the answers of the last workers are sent (to closed connections) and the loops end.
        if (!io.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            LOG.warn("HTTP file server on {}: I/O threads still running after close", baseUri());
        }
        LOG.info("{} file server on {} stopped", isHttps() ? "HTTPS" : "HTTP", baseUri());
    }

    @Override
    public String toString() {
        return (isHttps() ? "HTTPS" : "HTTP") + " file server " + (address != null ? baseUri() : bind);
    }

    /** Configures an {@link HttpFileServer}. */
    public static final class Builder {

        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private FileProvider provider;
        private ProvisioningListener listener = ProvisioningListener.NONE;
        private TlsConfig tls;
        private int threads = DEFAULT_THREADS;
        private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private int maxPerClient = DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
        private int sendBuffer = DEFAULT_SEND_BUFFER;
        private long progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private final List<Route> routes = new ArrayList<>();
        private int maxConnections = MAX_CONNECTIONS;
        private int maxWaiting = MAX_WAITING_CONNECTIONS;

        private Builder() {
        }

        /**
         * For tests: lower limits than {@value HttpFileServer#MAX_CONNECTIONS} served and
         * {@value HttpFileServer#MAX_WAITING_CONNECTIONS} waiting, so that a burst beyond them takes
         * a few sockets rather than thousands.
         */
        Builder connectionLimits(int served, int waiting) {
            this.maxConnections = Checks.range("connections served", served, 1, MAX_CONNECTIONS);
            this.maxWaiting = Checks.range("connections waiting", waiting, 0, MAX_WAITING_CONNECTIONS);
            return this;
        }

        /**
         * @param address where to listen; port 0 picks a free port. Default: loopback, port 0
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param files where files come from (required)
         * @return this builder
         */
        public Builder fileProvider(FileProvider files) {
            this.provider = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * @param events who hears about requests and transfers; a listener that throws is logged
         *               and does not affect the transfer. Default: none
         * @return this builder
         */
        public Builder listener(ProvisioningListener events) {
            this.listener = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * @param config serve HTTPS with this key and certificate instead of plain HTTP
         * @return this builder
         */
        public Builder https(TlsConfig config) {
            this.tls = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Worker threads: they run what may block, {@link FileProvider#open} and
         * {@link HttpEndpoint#handle}, one call each at a time, off the I/O threads. Downloads do not
         * hold them: once a file is open, its bytes go out on the I/O threads. A request that finds
         * every worker busy waits for one; idle workers end after 30 s.
         *
         * @param count how many at most (1..1024). Default {@value HttpFileServer#DEFAULT_THREADS}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder threads(int count) {
            this.threads = Checks.range("threads", count, 1, 1024);
            return this;
        }

        /**
         * The write deadline, measured by progress: a client that takes no byte at all for this long,
         * while a response is under way, is dropped. A client that reads slowly but keeps reading is
         * never cut, whatever the size of the file.
         *
         * @param timeout how long a client may take no data at all. Default 30 s
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = Checks.positive("stall timeout", timeout);
            return this;
        }

        /**
         * @param timeout how long a connection may stay open before a request's first byte comes: after
         *                it opens, and after each response (keep-alive). Default 30 s
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Checks.positive("idle timeout", timeout);
            return this;
        }

        /**
         * The header read deadline: from a request's first byte (over TLS, from the handshake's first
         * byte) its request line and header fields must be whole within this, however slowly they
         * trickle in; else the connection is closed. A client that sends a byte every few seconds
         * holds a connection no longer than this.
         *
         * @param timeout how long a request head may take. Default 10 s
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = Checks.positive("header timeout", timeout);
            return this;
        }

        /**
         * @param timeout the body read deadline: how long a request body (an endpoint's, or what a
         *                file request carries) may take from the end of the head; else the
         *                connection is closed. Default 30 s
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = Checks.positive("body timeout", timeout);
            return this;
        }

        /**
         * Each connection's kernel send buffer ({@code SO_SNDBUF}; the kernel's automatic sizing is
         * then off). The server learns that a client took data only when the kernel has room again,
         * about a third of this buffer after it filled, so a client counts as moving in
         * {@link #stallTimeout} only when it reads at least about this buffer / 3 per stall timeout
         * (with the defaults, some 6 KB/s; a device on a provisioning network reads thousands of times
         * faster). The buffer also bounds the kernel memory a reader that stopped holds, and the
         * speed over a long path: at most this buffer per round trip (512 KiB at 50 ms, about 80 Mbit/s).
         *
         * @param bytes 4096..64 MiB. Default 512 KiB
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder sendBufferSize(int bytes) {
            this.sendBuffer = Checks.range("send buffer", bytes, 4096, 64 << 20);
            return this;
        }

        /**
         * The most connections one client address may hold at once, served and waiting together; one
         * more from it is closed as soon as it is accepted (logged once per address per minute).
         * Devices behind one address translation share the limit.
         *
         * @param connections 1..12288 (what the server holds, served and waiting). Default
         *                    {@value HttpFileServer#DEFAULT_MAX_CONNECTIONS_PER_CLIENT}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxConnectionsPerClient(int connections) {
            this.maxPerClient = Checks.range("connections per client", connections, 1, MAX_CONNECTIONS + MAX_WAITING_CONNECTIONS);
            return this;
        }

        /**
         * @param bytes bytes between two {@code TransferProgress} events (at least 64 KiB). Default 8 MiB
         * @return this builder
         * @throws IllegalArgumentException when below 64 KiB
         */
        public Builder progressInterval(long bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("progress interval " + bytes + ": must be at least 65536 bytes");
            }
            this.progressInterval = bytes;
            return this;
        }

        /**
         * Mounts an application endpoint beside the files. Registered prefixes win over files;
         * every other path is a file lookup. Matching is on the path as sent, by whole segments:
         * {@code "/api/"} (or {@code "/api"}) takes {@code /api} and everything below it but not
         * {@code /apix}; {@code "/"} takes only the exact path {@code /} (an index page). The
         * longest matching prefix wins. The endpoint sees every method and the whole request body,
         * up to its {@link HttpEndpoint#maxBodyBytes()}.
         *
         * @param pathPrefix where to mount it, starting with {@code /}
         * @param endpoint   the endpoint
         * @return this builder
         * @throws IllegalArgumentException when the prefix is malformed or already mounted
         */
        public Builder endpoint(String pathPrefix, HttpEndpoint endpoint) {
            Route route = new Route(pathPrefix, endpoint);
            for (Route r : routes) {
                if (r.base().equals(route.base())) {
                    throw new IllegalArgumentException("endpoint prefix '" + pathPrefix + "': already mounted as '" + r.prefix() + "'");
                }
            }
            routes.add(route);
            return this;
        }

        /**
         * @return the server, not yet started
         * @throws IllegalStateException when no file provider was given
         */
        public HttpFileServer build() {
            if (provider == null) {
                throw new IllegalStateException("HTTP file server: fileProvider(...) is required");
            }
            return new HttpFileServer(this);
        }
    }
}
