package org.ztp4j.http.internal;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.RateLimitedLog;

/**
 * Sets up each accepted connection: counts it against the limit, and builds its pipeline, from the
 * socket inwards: the stall watch ({@code IdleStateHandler}, writer idle, watching partial writes
 * too), TLS when configured, the HTTP/1.1 codec with bounded request lines and headers, one
 * message per read ({@code FlowControlHandler}), chunked bodies with backpressure
 * ({@code ChunkedWriteHandler}), and the {@link HttpConnection} itself.
 */
public final class HttpChannels extends ChannelInitializer<SocketChannel> {

    /** The longest request line taken; a longer one is answered 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

    /** The most bytes of header fields taken; more is answered 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The name of the first handler from the socket: closing from there skips TLS's goodbye. */
    static final String STALL_WATCH = "stall-watch";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannels.class);

    private final ServerContext server;
    private final SslContext tls;
    private final ChannelGroup channels;
    private final int maxConnections;
    private final FileAnswer files;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog overload = new RateLimitedLog(LOG, 6); // one line every ten seconds, on average

    /**
     * @param server         the server's shared settings
     * @param tls            the TLS context, or {@code null} for plain HTTP
     * @param channels       where open connections are kept, so that closing the server closes them
     * @param maxConnections connections beyond this many are closed as soon as they are accepted
     */
    public HttpChannels(ServerContext server, SslContext tls, ChannelGroup channels, int maxConnections) {
        this.server = server;
        this.tls = tls;
        this.channels = channels;
        this.maxConnections = maxConnections;
        this.files = new FileAnswer(server);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        int now = open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        if (now > maxConnections) {
            overload.warn("{} connections open, the most this server takes; closing new ones until some end", maxConnections);
            ch.close();
            return;
        }
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
        p.addLast("exchange", new HttpConnection(server, files));
    }

    /** @return the connections open now, including any being closed for the limit */
    public int openConnections() {
        return open.get();
    }
}
