package org.ztp4j.http.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.RateLimitedLog;

/**
 * Sets up each accepted connection: admits it, queues it, or refuses it, and builds the pipeline of
 * an admitted one, from the socket inwards: the stall watch ({@code IdleStateHandler}, writer idle,
 * watching partial writes too), TLS when configured, the HTTP/1.1 codec with bounded request lines
 * and headers, one message per read ({@code FlowControlHandler}), chunked bodies with backpressure
 * ({@code ChunkedWriteHandler}), and the {@link HttpConnection} itself.
 *
 * <p>Admission. At most {@code maxConnections} connections are served at once. A connection
 * accepted beyond that waits, in order of arrival, with no pipeline and nothing read: its request
 * stays in the kernel's socket buffer, no deadline runs (a TLS handshake or the request timeout
 * start only once it is served), and the server holds about {@link #WAITING_CONNECTION_BYTES} of
 * heap for it, plus a file descriptor. When a served connection closes, the oldest waiting one
 * takes its place; meanwhile an answered keep-alive connection waits only
 * {@value HttpConnection#IDLE_SECONDS_WHILE_OTHERS_WAIT} s for its next request. Only when
 * {@code maxWaiting} connections are waiting already is a new one closed at once; that is logged
 * once per client address per minute.
 *
 * <p>One address holds at most {@code maxPerClient} connections, served and waiting together; one
 * more from it is closed as soon as it is accepted (logged once per address per minute), so that a
 * single host cannot take every place from the devices.
 */
public final class HttpChannels extends ChannelInitializer<SocketChannel> {

    /** The longest request line taken; a longer one is answered 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

    /** The most bytes of header fields taken; more is answered 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * The heap a waiting connection holds, counted generously: Netty's channel, its empty pipeline,
     * its attribute and its place in the queue, and the JDK's socket channel under it (about 1.7 KiB
     * measured on Java 17 with Netty 4.2: 4,000 waiting connections, heap after a full collection).
     */
    public static final int WAITING_CONNECTION_BYTES = 2048;

    /** The name of the first handler from the socket: closing from there skips TLS's goodbye. */
    static final String STALL_WATCH = "stall-watch";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannels.class);

    /** Where a connection stands: waiting, served, or refused. */
    private enum Standing { WAITING, SERVED, REFUSED }

    private static final AttributeKey<Standing> STANDING = AttributeKey.valueOf(HttpChannels.class, "standing");

    private final ServerContext server;
    private final SslContext tls;
    private final ChannelGroup channels;
    private final int maxConnections;
    private final int maxWaiting;
    private final int maxPerClient;
    private final FileAnswer files;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 6);

    // Guarded by this: connections served now, and those waiting, oldest first.
    private int served;
    private final LinkedHashSet<Channel> waiting = new LinkedHashSet<>();
    /** Guarded by this: served connections that were answered and await their next request, longest idle first. */
    private final LinkedHashSet<HttpConnection> idle = new LinkedHashSet<>();
    /** Guarded by this: connections open now (served or waiting) per client address. */
    private final HashMap<InetAddress, Integer> perClient = new HashMap<>();
    private static final AttributeKey<InetAddress> CLIENT = AttributeKey.valueOf(HttpChannels.class, "client");
    private volatile int waitingNow;

    /**
     * @param server         the server's shared settings
     * @param tls            the TLS context, or {@code null} for plain HTTP
     * @param channels       where open connections are kept, so that closing the server closes them
     * @param maxConnections the most connections served at once; further ones wait
     * @param maxWaiting     the most connections waiting; further ones are closed as soon as they are accepted
     * @param maxPerClient   the most connections one client address holds, served and waiting; further
     *                       ones from it are closed as soon as they are accepted
     */
    public HttpChannels(ServerContext server, SslContext tls, ChannelGroup channels, int maxConnections, int maxWaiting,
                        int maxPerClient) {
        this.server = server;
        this.tls = tls;
        this.channels = channels;
        this.maxConnections = maxConnections;
        this.maxWaiting = maxWaiting;
        this.maxPerClient = maxPerClient;
        this.files = new FileAnswer(server);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        open.incrementAndGet();
        Standing standing;
        HttpConnection reclaim = null;
        InetSocketAddress remote = ch.remoteAddress();
        InetAddress from = remote == null ? null : remote.getAddress();
        boolean tooMany = false;
        synchronized (this) {
            if (from != null && perClient.getOrDefault(from, 0) >= maxPerClient) {
                standing = Standing.REFUSED;
                tooMany = true;
            } else if (served < maxConnections && waiting.isEmpty()) {
                served++;
                standing = Standing.SERVED;
            } else if (waiting.size() < maxWaiting) {
                waiting.add(ch);
                waitingNow = waiting.size();
                standing = Standing.WAITING;
                Iterator<HttpConnection> longest = idle.iterator();
                if (longest.hasNext()) {
                    reclaim = longest.next();
                    longest.remove();
                }
            } else {
                standing = Standing.REFUSED;
            }
            if (standing != Standing.REFUSED && from != null) {
                perClient.merge(from, 1, Integer::sum);
                ch.attr(CLIENT).set(from);
            }
        }
        if (reclaim != null) {
            reclaim.placeWantedLater(); // an idle keep-alive connection makes room for this one soon
        }
        ch.attr(STANDING).set(standing);
        ch.closeFuture().addListener(f -> closed(ch));
        switch (standing) {
            case SERVED -> build(ch);
            case WAITING -> LOG.debug("{}: {} connections served, the most at once; waiting as number {}", ch.remoteAddress(),
                    maxConnections, waitingNow);
            case REFUSED -> {
                if (tooMany) {
                    refusals.warnFor(from, "{}: refused: {} connections open from this address, the most one address may hold",
                            remote, maxPerClient);
                } else {
                    refusals.warnFor(from == null ? "-" : from, "{}: refused: {} connections served and {} waiting, "
                            + "the most this server holds", remote, maxConnections, maxWaiting);
                }
                ch.close();
            }
        }
    }

    private void build(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(STALL_WATCH, new IdleStateHandler(true, 0, server.stallTimeout().toNanos(), 0, TimeUnit.NANOSECONDS));
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        p.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)));
        p.addLast("one-request-at-a-time", new FlowControlHandler());
        p.addLast("chunked-bodies", new ChunkedWriteHandler());
        p.addLast("exchange", new HttpConnection(server, files, this));
    }

    /** A connection closed: a waiting one leaves the queue, a served one hands its place to the oldest waiting. */
    private void closed(Channel ch) {
        open.decrementAndGet();
        InetAddress from = ch.attr(CLIENT).get();
        if (from != null) {
            synchronized (this) {
                perClient.computeIfPresent(from, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
        Standing standing = ch.attr(STANDING).get();
        if (standing == Standing.WAITING) {
            synchronized (this) {
                if (waiting.remove(ch)) {
                    waitingNow = waiting.size();
                    return;
                }
            }
            // It was admitted between the two reads: its place passes on below.
        } else if (standing != Standing.SERVED) {
            return;
        }
        Channel next;
        synchronized (this) {
            Iterator<Channel> oldest = waiting.iterator();
            if (oldest.hasNext()) {
                next = oldest.next();
                oldest.remove();
                waitingNow = waiting.size();
            } else {
                next = null;
                served--;
            }
        }
        if (next != null) {
            admit((SocketChannel) next);
        }
    }

    /** Serves a connection that waited; it holds the place a closed one left. */
    private void admit(SocketChannel ch) {
        ch.attr(STANDING).set(Standing.SERVED);
        try {
            ch.eventLoop().execute(() -> {
                if (ch.isOpen()) {
                    build(ch);
                    ch.pipeline().fireChannelActive(); // the handlers missed the first one: start the deadline and read
                }
                // A closed one passed the place on from its close listener.
            });
        } catch (RejectedExecutionException e) {
            ch.close(); // the server is stopping
        }
    }

    /**
     * An answered connection now awaits its next request: while others wait for a place, it waits
     * {@value HttpConnection#IDLE_SECONDS_WHILE_OTHERS_WAIT} s at most; otherwise it is kept in
     * mind, longest idle first, for a connection that comes to wait later. On its event loop.
     */
    void idle(HttpConnection connection) {
        boolean othersWaiting;
        synchronized (this) {
            othersWaiting = !waiting.isEmpty();
            if (!othersWaiting) {
                idle.add(connection);
            }
        }
        if (othersWaiting) {
            connection.placeWanted();
        }
    }

    /** A connection's next request has begun, or it closed. */
    void busy(HttpConnection connection) {
        synchronized (this) {
            idle.remove(connection);
        }
    }

    /** @return the connections open now, served, waiting, or being closed as refused */
    public int openConnections() {
        return open.get();
    }

    /** @return the connections waiting for a place now */
    public int waitingConnections() {
        return waitingNow;
    }
}
