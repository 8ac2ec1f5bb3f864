package org.ztp4j.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.http.internal.FileHandler;
import org.ztp4j.http.internal.RequestDispatcher;
import org.ztp4j.http.internal.Route;
import org.ztp4j.http.internal.StallWatchdog;

/**
 * An HTTP or HTTPS server for the files devices fetch while provisioning (scripts, configurations,
 * images), serving the same {@link FileProvider} as the TFTP server, built on the JDK's
 * {@code com.sun.net.httpserver}.
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
 *   <li>Content is streamed through a 64 KiB buffer with a fixed length when the size is known
 *       (chunked otherwise); files on disk are read through a positioned {@code FileChannel}.</li>
 *   <li>Events: {@code FileRequested}, {@code TransferProgress} every {@link Builder#progressInterval}
 *       bytes, {@code FileServed} when a response body was sent whole (for a 206, the range's bytes),
 *       {@code TransferFailed} for 400/404/500 and for transfers cut short.</li>
 *   <li>One INFO line per request on the logger {@value #ACCESS_LOG}.</li>
 * </ul>
 *
 * <p>Timeouts. The JDK server reads its limits from system properties once, when the first server
 * in the JVM is created. Unless set already, {@link #start()} sets
 * {@code sun.net.httpserver.maxReqTime} to {@value #DEFAULT_MAX_REQUEST_SECONDS} seconds, so a
 * client that never finishes sending its request loses its connection (and its thread).
 * {@code sun.net.httpserver.maxRspTime} is left unset (no limit), because it bounds the whole
 * response and would cut off a slow but healthy image download; instead a watchdog drops a
 * connection whose client has not taken any data for {@link Builder#stallTimeout} (writes are made
 * in 16 KiB slices, so a client must read at least about 16 KiB per stall timeout). Idle
 * keep-alive connections hold no thread and are closed after the JDK's
 * {@code sun.net.httpserver.idleInterval} (30 s by default).
 *
 * <p>Known limits of the JDK server: response header names are sent with only their first
 * letter capitalised ({@code Content-length}), which HTTP allows (names are case-insensitive);
 * requests it cannot parse (a malformed percent-escape in the request line, for example) are
 * answered 400 by the JDK itself, before this server's handler and its access log see them.
 */
public final class HttpFileServer implements AutoCloseable {

    /** The logger of the access log: one INFO line per request (client, method, path, status, bytes, duration). */
    public static final String ACCESS_LOG = "org.ztp4j.http.access";

    /**
     * Worker threads when the builder is not told otherwise: each active download holds one. A
     * connection that finds them all busy waits in a queue (up to {@value #MIN_QUEUE}, or 16 per
     * thread if that is more) rather than being turned away: a device that waits a few seconds for
     * its image does better than one whose connection is reset.
     */
    public static final int DEFAULT_THREADS = 128;

    /** The least number of connections that may wait for a worker thread. */
    public static final int MIN_QUEUE = 4096;

    /** How long a client may take no data before its connection is dropped, unless told otherwise. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    /** Bytes between two progress events, unless told otherwise: 8 MiB. */
    public static final long DEFAULT_PROGRESS_INTERVAL = 8L * 1024 * 1024;

    /** The value {@link #start()} gives {@code sun.net.httpserver.maxReqTime} when it is unset. */
    public static final String DEFAULT_MAX_REQUEST_SECONDS = "30";

    private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    private static final Logger LOG = LoggerFactory.getLogger(HttpFileServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final InetSocketAddress bind;
    private final FileProvider provider;
    private final ProvisioningListener listener;
    private final TlsConfig tls;
    private final int threads;
    private final Duration stallTimeout;
    private final long progressInterval;
    private final List<Route> routes;

    private HttpServer server;
    private ThreadPoolExecutor executor;
    private StallWatchdog watchdog;
    private FileHandler files;
    private InetSocketAddress address;
    private boolean closed;

    private HttpFileServer(Builder b) {
        this.bind = b.bind;
        this.provider = b.provider;
        this.listener = b.listener;
        this.tls = b.tls;
        this.threads = b.threads;
        this.stallTimeout = b.stallTimeout;
        this.progressInterval = b.progressInterval;
        this.routes = List.copyOf(b.routes);
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
        if (server != null || closed) {
            throw new IllegalStateException("HTTP file server already " + (closed ? "closed" : "started"));
        }
        if (System.getProperty(MAX_REQ_TIME) == null) {
            System.setProperty(MAX_REQ_TIME, DEFAULT_MAX_REQUEST_SECONDS);
        }
        SSLContext ssl = tls == null ? null : tls.createSslContext();
        int id = SERVERS.incrementAndGet();
        String scheme = ssl == null ? "http" : "https";
        HttpServer s;
        try {
            if (ssl == null) {
                s = HttpServer.create(bind, 0);
            } else {
                HttpsServer https = HttpsServer.create(bind, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(ssl));
                s = https;
            }
        } catch (BindException e) {
            throw new BindException("cannot bind the " + scheme + " server to " + bind + ": " + e.getMessage());
        }
        watchdog = new StallWatchdog(stallTimeout, "ztp-" + scheme + "-" + id + "-watchdog");
        files = new FileHandler(provider, listener, ssl == null ? Protocol.HTTP : Protocol.HTTPS, progressInterval);
        s.createContext("/", new RequestDispatcher(routes, files, watchdog));
        executor = workers(id, scheme);
        s.setExecutor(executor);
        s.start();
        server = s;
        address = s.getAddress();
        LOG.info("{} file server listening on {} ({} threads, files from {}{})", scheme.toUpperCase(), baseUri(), threads,
                provider, tls == null ? "" : ", TLS " + tls);
        return this;
    }

    private ThreadPoolExecutor workers(int id, String scheme) {
        AtomicInteger n = new AtomicInteger();
        int queue = Math.max(MIN_QUEUE, threads * 16);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "ztp-" + scheme + "-" + id + "-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (r, p) -> {
                    // The JDK server closes the connection when its executor refuses a request.
                    LOG.warn("{} server on {}: all {} threads busy and {} requests waiting; connection closed",
                            scheme.toUpperCase(), address, threads, queue);
                    throw new RejectedExecutionException("HTTP server overloaded");
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
        String literal = host.getHostAddress();
        if (literal.contains(":")) {
            int zone = literal.indexOf('%');
            literal = "[" + (zone >= 0 ? literal.substring(0, zone) : literal) + "]";
        }
        return URI.create((isHttps() ? "https" : "http") + "://" + literal + ":" + a.getPort() + "/");
    }

    /** @return the TLS configuration, or {@code null} for plain HTTP */
    public TlsConfig tls() {
        return tls;
    }

    /**
     * Stops listening, drops open connections (transfers under way end with {@code TransferFailed})
     * and waits for the worker threads to finish. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server == null) {
            return;
        }
        files.stopping();
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow(); // interrupts blocked writes, which closes their channels
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("HTTP file server on {}: worker threads still busy after close", baseUri());
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        watchdog.close();
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
        private long progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
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
         * @param count worker threads, each serving one request at a time (1..1024). Default {@value HttpFileServer#DEFAULT_THREADS}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder threads(int count) {
            if (count < 1 || count > 1024) {
                throw new IllegalArgumentException("threads " + count + ": must be 1..1024");
            }
            this.threads = count;
            return this;
        }

        /**
         * @param timeout how long a client may take no data before its connection is dropped. Default 60 s
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder stallTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("stall timeout " + timeout + ": must be positive");
            }
            this.stallTimeout = timeout;
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
