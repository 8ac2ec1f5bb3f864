package org.ztp4j.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.HostText;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.http.HttpFileServer;

/**
 * One connection's requests, one at a time: reads a request whole (the body up to a limit), has a
 * worker thread answer it ({@link FileAnswer} or an endpoint), sends the answer on the event loop
 * with Netty's backpressure, reports the transfer, writes one access-log line, and then waits for
 * the next request. The connection reads nothing while a request is being answered (auto-read is
 * off; a {@code FlowControlHandler} hands over one decoded message per read), so pipelined
 * requests wait their turn in the socket.
 *
 * <p>Deadlines, each closing the connection when it passes: a request's first byte must come
 * within the idle timeout of the connection opening or the previous response ending (an idle
 * keep-alive connection); from that first byte its head (request line and header fields) must be
 * whole within the header timeout, however the bytes trickle in (a client that sends a byte every
 * few seconds); from the head's end its body must be whole within the body timeout. A response
 * that makes no progress for the stall timeout (the {@code IdleStateHandler}'s writer-idle event,
 * which also watches partial writes) drops the connection; a slow but moving client never is.
 * While other connections wait for a place ({@link HttpChannels}), a connection that has been
 * answered waits only {@value #IDLE_SECONDS_WHILE_OTHERS_WAIT} s for its
 * next request to begin, so that an idle keep-alive connection does not hold a place for long.
 */
public final class HttpConnection extends ChannelDuplexHandler {

    private static final Logger ACCESS = LoggerFactory.getLogger(HttpFileServer.ACCESS_LOG);
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    /** The largest body a file request may carry; it is read and dropped. */
    static final int MAX_FILE_REQUEST_BODY = 64 * 1024;

    /** How long a connection closed in the middle of a request is read (and what comes dropped) before it is closed. */
    static final int LINGER_SECONDS = 2;

    /** How long an answered connection waits for its next request while other connections wait for a place. */
    public static final int IDLE_SECONDS_WHILE_OTHERS_WAIT = 5;

    private enum State {
        /** Waiting for a request. */
        IDLE,
        /** A request head has arrived; reading its body. */
        READING,
        /** A worker thread is answering. */
        WORKING,
        /** The answer is being sent. */
        SENDING,
        /** Closed or closing. */
        CLOSED
    }

    private final ServerContext server;
    private final FileAnswer files;
    private final HttpChannels places;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private ScheduledFuture<?> deadline;

    // The exchange under way; kept until the next request starts, for the access log.
    private long started;
    private String logMethod;
    private String logTarget;
    private RequestHead request;
    private Route route;
    private int bodyLimit;
    private long bodyBytes;
    private ByteArrayOutputStream body;
    private long sendStarted;
    private boolean stalled;
    private boolean unread;
    private boolean readAsked;
    private boolean shortIdle;
    private long idleSince = -1;
    /** Bytes of the next request's head have come, and the header deadline runs. */
    private boolean headStarted;

    /**
     * @param server the server's shared settings
     * @param files  answers file requests
     * @param places the server's connections: told when this one is answered and idle, so that it can
     *               give its place up while others wait
     */
    HttpConnection(ServerContext server, FileAnswer files, HttpChannels places) {
        this.server = server;
        this.files = files;
        this.places = places;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        armDeadline(server.idleTimeout());
        context.read();
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                onHead(head);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpRequest head) {
        if (state != State.IDLE) {
            return; // one request at a time: cannot happen while reads wait for the answer
        }
        if (idleSince >= 0) {
            idleSince = -1;
            places.busy(this);
        }
        headStarted = false;
        armDeadline(server.bodyTimeout()); // the head is whole: now the body must come
        started = System.nanoTime();
        logMethod = head.method().name();
        logTarget = head.uri();
        request = null;
        unread = false;
        if (head.decoderResult().isFailure()) {
            malformed(head.decoderResult().cause());
            return;
        }
        request = RequestHead.of(head, client());
        logTarget = request.rawPath();
        route = server.route(request.rawPath());
        bodyLimit = route != null ? route.endpoint().maxBodyBytes() : MAX_FILE_REQUEST_BODY;
        bodyBytes = 0;
        body = route != null ? new ByteArrayOutputStream() : null;
        state = State.READING;
        if (HttpUtil.getContentLength(head, -1L) > bodyLimit) {
            tooLarge();
            return;
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    private void onContent(HttpContent content) {
        if (state != State.READING) {
            return; // the rest of a request already refused
        }
        if (content.decoderResult().isFailure()) {
            malformed(content.decoderResult().cause());
            return;
        }
        ByteBuf data = content.content();
        bodyBytes += data.readableBytes();
        if (bodyBytes > bodyLimit) {
            tooLarge();
            return;
        }
        if (body != null && data.isReadable()) {
            body.writeBytes(ByteBufUtil.getBytes(data));
        }
        if (content instanceof LastHttpContent) {
            cancelDeadline();
            dispatch();
        }
    }

    /**
     * Asks for the next message while a request is awaited or being read. A read cycle may end
     * without a message (a TLS handshake, half a header): then this asks again. Asking only here,
     * once per cycle, keeps a pipelined request from arriving while one is being answered. The
     * read is asked for from a task, not from here: a body of many tiny chunks would otherwise nest
     * one call per chunk on the stack.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (state == State.IDLE && !headStarted) {
            // Bytes came but no whole head yet (over TLS, maybe only the handshake): the head's deadline starts.
            headStarted = true;
            armDeadline(server.headerTimeout());
        }
        if ((state == State.IDLE || state == State.READING) && !readAsked) {
            readAsked = true;
            context.executor().execute(() -> {
                readAsked = false;
                if (state == State.IDLE || state == State.READING) {
                    context.read();
                }
            });
        }
    }

    private void malformed(Throwable cause) {
        cancelDeadline();
        unread = true;
        Reply reply;
        if (cause instanceof TooLongHttpHeaderException) {
            reply = Reply.text(431, "request header fields larger than " + HttpChannels.MAX_HEADER_BYTES + " bytes", false);
        } else if (cause instanceof TooLongHttpLineException) {
            reply = Reply.text(414, "request line longer than " + HttpChannels.MAX_REQUEST_LINE_BYTES + " bytes", false);
        } else {
            reply = Reply.text(400, "malformed request: " + cause.getMessage(), false);
        }
        send(reply.closing());
    }

    private void tooLarge() {
        cancelDeadline();
        body = null;
        unread = true;
        // The rest of the body is not read: the connection closes after the answer.
        send(Reply.text(413, "request body larger than " + bodyLimit + " bytes", request.isHead()).closing());
    }

    private void dispatch() {
        state = State.WORKING;
        RequestHead asked = request;
        Route to = route;
        byte[] content = body == null ? new byte[0] : body.toByteArray();
        body = null;
        try {
            server.workers().execute(() -> {
                Reply reply;
                try {
                    reply = to == null ? files.answer(asked) : EndpointAnswer.answer(asked, content, to.endpoint(), server.protocol());
                } catch (RuntimeException | Error e) {
                    LOG.warn("{} {}: answering failed", LogText.of(asked.method()), LogText.of(asked.rawPath()), e);
                    reply = Reply.text(500, "internal error", asked.isHead()).note("handler failed: " + e);
                }
                Reply answer = reply;
                try {
                    ctx.executor().execute(() -> send(answer));
                } catch (RejectedExecutionException e) {
                    // The event loop has stopped: the server closed while this request was answered.
                    answer.body().discard();
                    new Sending(answer, true).failed(new ClosedChannelException());
                }
            });
        } catch (RejectedExecutionException e) {
            send(Reply.text(503, server.isStopping() ? "server stopping" : "server busy", asked.isHead()).closing());
        }
    }

    /** Sends an answer; on the event loop. */
    private void send(Reply reply) {
        boolean close = reply.close() || request == null || !request.keepAlive() || server.isStopping();
        Reply.Body b = reply.body();
        HttpHeaders headers = reply.headers();
        if (b.length() < 0) {
            if (request == null || request.http10()) {
                close = true; // an HTTP/1.0 client reads to the end of the connection
            } else {
                headers.set("Transfer-Encoding", "chunked");
            }
        }
        headers.set("Date", HttpDates.format(Instant.now()));
        if (close) {
            headers.set("Connection", "close");
        } else if (request.http10()) {
            headers.set("Connection", "keep-alive");
        }
        Sending sending = new Sending(reply, close);
        if (state == State.CLOSED || !ctx.channel().isActive()) {
            b.discard();
            sending.failed(new ClosedChannelException());
            return;
        }
        state = State.SENDING;
        stalled = false;
        sendStarted = System.nanoTime();
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), headers));
        ChannelProgressivePromise promise = ctx.newProgressivePromise();
        promise.addListener(sending);
        if (b instanceof Reply.Region r) {
            ctx.write(r.region(), promise);
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(sending::lastWritten);
        } else if (b instanceof Reply.Chunks c) {
            ctx.writeAndFlush(new HttpChunkedInput(c.chunks()), promise);
        } else if (b instanceof Reply.Bytes bytes) {
            ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes.bytes())), promise);
        } else {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, promise);
        }
    }

    /** One answer on its way out: counts its bytes, reports progress, and ends the exchange once. */
    private final class Sending implements ChannelProgressiveFutureListener {

        private final Reply reply;
        private final boolean close;
        private final long length;
        private long sent;
        private long nextProgress;
        private boolean over;

        Sending(Reply reply, boolean close) {
            this.reply = reply;
            this.close = close;
            this.length = reply.body().length();
            this.nextProgress = server.progressInterval();
        }

        @Override
        public void operationProgressed(ChannelProgressiveFuture future, long progress, long total) {
            advance(progress);
        }

        @Override
        public void operationComplete(ChannelProgressiveFuture future) {
            if (!future.isSuccess()) {
                failed(future.cause());
            } else if (!(reply.body() instanceof Reply.Region)) {
                succeeded();
            }
        }

        /** A file region's end: the region was written (or failed) before this. */
        void lastWritten(io.netty.util.concurrent.Future<? super Void> future) {
            if (future.isSuccess()) {
                succeeded();
            } else {
                failed(future.cause());
            }
        }

        private void advance(long progress) {
            if (progress > sent) {
                sent = progress;
            }
            Reply.Transfer t = reply.transfer();
            while (t != null && sent >= nextProgress) {
                server.emit(new ProvisioningEvent.TransferProgress(Instant.now(), t.device(), t.path(), server.protocol(),
                        nextProgress, t.size()));
                nextProgress += server.progressInterval();
            }
        }

        private void succeeded() {
            if (over) {
                return;
            }
            over = true;
            advance(length >= 0 ? length : ((Reply.Chunks) reply.body()).chunks().progress());
            Reply.Transfer t = reply.transfer();
            if (t != null) {
                served(t, Instant.now(), sent, Duration.ofNanos(System.nanoTime() - started));
            }
            accessLog(reply.status(), sent, reply.note());
            if (close) {
                state = State.CLOSED;
                if (unread) {
                    closeAfterReading();
                } else {
                    ctx.close();
                }
            } else {
                state = State.IDLE;
                idleSince = System.nanoTime();
                armDeadline(server.idleTimeout());
                places.idle(HttpConnection.this);
                ctx.read();
            }
        }

        /**
         * Tells the listener the file went out, with its digest. A file sent by the kernel whose
         * digest is still being computed (the first transfer of a large image, on a link faster
         * than hashing) is reported when it is known, from the hashing thread.
         */
        private void served(Reply.Transfer t, Instant at, long bytes, Duration took) {
            CompletableFuture<String> digest = reply.sentDigest();
            if (digest.isDone()) {
                server.emit(new ProvisioningEvent.FileServed(at, t.device(), t.path(), server.protocol(), t.client(), bytes,
                        took, digest.getNow(null)));
            } else {
                digest.whenComplete((hex, e) -> server.emit(new ProvisioningEvent.FileServed(at, t.device(), t.path(),
                        server.protocol(), t.client(), bytes, took, e == null ? hex : null)));
            }
        }

        void failed(Throwable cause) {
            if (over) {
                return;
            }
            over = true;
            String reason = reason(cause);
            Reply.Transfer t = reply.transfer();
            if (t != null) {
                server.emit(new ProvisioningEvent.TransferFailed(Instant.now(), t.device(), t.path(), server.protocol(), t.client(),
                        sent, reason));
            }
            accessLog(reply.status(), sent, reply.note() == null ? reason : reply.note() + "; " + reason);
            state = State.CLOSED;
            ctx.flush(); // what was written (the head, say) goes out, then the connection breaks
            drop(); // a body cut short must never look complete
        }

        private String reason(Throwable cause) {
            String of = length >= 0 ? sent + " of " + length + " bytes" : sent + " bytes";
            if (server.isStopping()) {
                return "server stopped after " + of;
            }
            if (stalled) {
                return "client stopped reading after " + of;
            }
            if (cause instanceof ResourceFailure) {
                if (cause.getCause() != null) {
                    LOG.warn("{}: {}", reply.transfer() == null ? "-" : LogText.of(reply.transfer().path()), cause.getMessage(),
                            cause.getCause());
                }
                return cause.getMessage();
            }
            return "client closed the connection after " + of + " ("
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()) + ")";
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            if (state == State.SENDING && System.nanoTime() - sendStarted >= server.stallTimeout().toNanos()) {
                LOG.debug("{}: the client took no data for {}; dropping the connection", clientText(), server.stallTimeout());
                stalled = true;
                drop();
            }
            return;
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancelDeadline();
        if (idleSince >= 0) {
            idleSince = -1;
            places.busy(this);
        }
        body = null;
        if (state == State.IDLE || state == State.READING) {
            state = State.CLOSED;
        }
        // WORKING: the answer finds the connection closed; SENDING: the writes fail and say why.
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            LOG.debug("{}: {}", clientText(), cause.toString());
        } else {
            LOG.warn("{}: unexpected failure; closing the connection", clientText(), cause);
        }
        context.close();
    }

    /**
     * Closes a connection whose request was not read to its end (RFC 9112 section 9.6): closing at
     * once, with request bytes still unread, would make the kernel reset the connection, and a
     * client may then lose the answer it has not read yet. So the server stops sending, reads and
     * drops what else comes for up to {@value #LINGER_SECONDS} s, then closes.
     */
    private void closeAfterReading() {
        if (ctx.channel() instanceof SocketChannel socket && !socket.isOutputShutdown()) {
            socket.shutdownOutput();
            socket.config().setAutoRead(true);
            ctx.executor().schedule(this::drop, LINGER_SECONDS, TimeUnit.SECONDS);
        } else {
            drop();
        }
    }

    /**
     * Another connection waits for a place: if this one is answered and awaits its next request, it
     * waits {@value #IDLE_SECONDS_WHILE_OTHERS_WAIT} s from its last answer at most (at once when
     * that has passed). On the event loop.
     */
    void placeWanted() {
        if (state != State.IDLE || idleSince < 0 || shortIdle || headStarted) {
            return;
        }
        long left = idleSince + TimeUnit.SECONDS.toNanos(IDLE_SECONDS_WHILE_OTHERS_WAIT) - System.nanoTime();
        armDeadline(Math.max(0, left));
        shortIdle = true;
    }

    /** {@link #placeWanted()} from another thread. */
    void placeWantedLater() {
        try {
            ctx.executor().execute(this::placeWanted);
        } catch (RejectedExecutionException e) {
            // The server is stopping: the connection closes anyway.
        }
    }

    private void armDeadline(Duration timeout) {
        armDeadline(timeout.toNanos());
    }

    private void armDeadline(long nanos) {
        cancelDeadline();
        shortIdle = false;
        deadline = ctx.executor().schedule(this::deadlinePassed, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void deadlinePassed() {
        deadline = null;
        if (state != State.IDLE && state != State.READING) {
            return;
        }
        if (state == State.READING) {
            accessLog(-1, 0, "request body not complete within " + seconds(server.bodyTimeout()));
        } else if (headStarted) {
            logMethod = "-";
            logTarget = "-";
            started = System.nanoTime() - server.headerTimeout().toNanos();
            accessLog(-1, 0, "request head not complete within " + seconds(server.headerTimeout()));
        } else {
            LOG.debug("{}: no request within {}; closing the connection", clientText(),
                    shortIdle ? IDLE_SECONDS_WHILE_OTHERS_WAIT + " s while others wait" : seconds(server.idleTimeout()));
        }
        state = State.CLOSED;
        drop();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Closes the connection at once. Over TLS a plain close first sends a close_notify and waits
     * up to 3 s for it to go out, which a client that stopped reading never lets happen; closing
     * from the handler next to the socket skips that.
     */
    private void drop() {
        ChannelHandlerContext socketSide = ctx.pipeline().context(HttpChannels.STALL_WATCH);
        (socketSide != null ? socketSide : ctx).close();
    }

    private void accessLog(int status, long bytes, String note) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Object code = status < 0 ? "-" : status;
        if (note == null) {
            ACCESS.info("{} {} {} {} {} B {} ms", clientText(), LogText.of(logMethod), LogText.of(logTarget), code, bytes,
                    millis);
        } else {
            ACCESS.info("{} {} {} {} {} B {} ms ({})", clientText(), LogText.of(logMethod), LogText.of(logTarget), code,
                    bytes, millis, LogText.of(note));
        }
    }

    private InetSocketAddress client() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    /** @return the client as {@code address:port}, IPv6 in brackets, without a host name */
    private String clientText() {
        InetSocketAddress a = client();
        return a == null || a.getAddress() == null ? "-" : HostText.hostPort(a);
    }
}
