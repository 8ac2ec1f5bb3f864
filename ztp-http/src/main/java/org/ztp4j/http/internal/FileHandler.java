package org.ztp4j.http.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.http.HttpHeaders;

/**
 * Answers GET and HEAD for files from a {@link FileProvider}: validators and 304, one byte range
 * (206, 416), streaming with a fixed {@code Content-Length} when the size is known and chunked
 * otherwise, and provisioning events along the way.
 */
public final class FileHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FileHandler.class);
    private static final int BUFFER = 64 * 1024;

    private final FileProvider provider;
    private final ProvisioningListener listener;
    private final Protocol protocol;
    private final long progressInterval;
    private volatile boolean stopping;

    /**
     * @param provider         where files come from
     * @param listener         who hears about requests and transfers (one that throws is logged and ignored)
     * @param protocol         {@link Protocol#HTTP} or {@link Protocol#HTTPS}
     * @param progressInterval bytes between two {@link ProvisioningEvent.TransferProgress} events
     */
    public FileHandler(FileProvider provider, ProvisioningListener listener, Protocol protocol, long progressInterval) {
        this.provider = provider;
        this.listener = listener;
        this.protocol = protocol;
        this.progressInterval = progressInterval;
    }

    /** One file request on its way through: who asked for what. */
    private record Asked(HttpExchange ex, String path, DeviceIdentity device, InetSocketAddress client, boolean head,
                         long started) {
    }

    /** What is known about the resource before its content is read. */
    private record Described(FileResource resource, Optional<Path> file, long size, Optional<Instant> modified,
                             Optional<EntityTag> tag) {
    }

    /**
     * Serves one request.
     *
     * @param ex    the exchange; its response body must be {@code out}
     * @param out   the exchange's guarded response stream
     * @param guard the exchange's watchdog guard, to tell a stalled client from a closed one
     * @return a note for the access log (why it failed), or {@code null} when all went well
     * @throws IOException only when even an error response could not be sent
     */
    public String serve(HttpExchange ex, GuardedOutputStream out, StallWatchdog.Guard guard) throws IOException {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            return plain(ex, 405, "method " + Printable.of(method) + " is not allowed here; files answer GET and HEAD", false);
        }
        InetSocketAddress client = ex.getRemoteAddress();
        DeviceIdentity device = DeviceIdentity.ofAddress(client.getAddress());
        boolean head = method.equals("HEAD");
        String raw = String.valueOf(ex.getRequestURI().getRawPath());
        try {
            if (!raw.startsWith("/")) {
                throw new RejectedPathException(raw, "not an absolute path");
            }
            Asked asked = new Asked(ex, PercentDecoding.decodePath(raw), device, client, head, started);
            emit(new ProvisioningEvent.FileRequested(Instant.now(), device, asked.path(), protocol, client));
            return lookUp(asked, out, guard);
        } catch (RejectedPathException e) {
            emit(new ProvisioningEvent.FileRequested(Instant.now(), device, raw, protocol, client));
            return refuse(new Asked(ex, raw, device, client, head, started), 400, e.getMessage());
        }
    }

    private String lookUp(Asked asked, GuardedOutputStream out, StallWatchdog.Guard guard) throws IOException {
        String path = asked.path();
        Optional<FileResource> found;
        try {
            if (path.endsWith("/")) {
                if (path.length() > 1) {
                    RequestPath.parse(path.substring(0, path.length() - 1)); // a bad path stays a 400
                }
                return refuse(asked, 404, "'" + Printable.of(path) + "' names a directory; there are no listings");
            }
            RequestPath.parse(path); // the provider checks too; this keeps a lax provider safe
            found = provider.open(new FileRequest(path, asked.client(), protocol, asked.device(),
                    HttpHeaders.of(asked.ex().getRequestHeaders())));
        } catch (RejectedPathException e) {
            return refuse(asked, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("looking up '{}' for {} failed", Printable.of(path), asked.client(), e);
            return refuse(asked, 500, "looking the file up failed");
        }
        if (found.isEmpty()) {
            return refuse(asked, 404, "file not found");
        }
        Described described;
        try {
            Optional<Path> file = found.get().file();
            if (file.isPresent() && Files.isDirectory(file.get())) {
                return refuse(asked, 404, "'" + Printable.of(path) + "' names a directory; there are no listings");
            }
            described = describe(found.get(), file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading the attributes of '{}' failed", Printable.of(path), e);
            return refuse(asked, 500, "reading the file failed");
        }
        return respond(asked, described, out, guard);
    }

    private static Described describe(FileResource resource, Optional<Path> file) throws IOException {
        long size = resource.size().isPresent() ? resource.size().getAsLong() : file.isPresent() ? Files.size(file.get()) : -1;
        Optional<Instant> modified = resource.lastModified();
        if (modified.isEmpty() && file.isPresent()) {
            modified = Optional.of(Files.getLastModifiedTime(file.get()).toInstant());
        }
        return new Described(resource, file, size, modified, EntityTag.of(resource, size, modified));
    }

    private String respond(Asked asked, Described d, GuardedOutputStream out, StallWatchdog.Guard guard) throws IOException {
        HttpExchange ex = asked.ex();
        Headers req = ex.getRequestHeaders();
        Headers rsp = ex.getResponseHeaders();
        if (d.size() >= 0) {
            rsp.set("Accept-Ranges", "bytes");
        }
        d.modified().ifPresent(m -> rsp.set("Last-Modified", HttpDates.format(m)));
        d.tag().ifPresent(t -> rsp.set("ETag", t.value()));
        if (Preconditions.notModified(req.getFirst("If-None-Match"), req.getFirst("If-Modified-Since"), d.tag(), d.modified())) {
            ex.sendResponseHeaders(304, -1);
            return "not modified";
        }
        rsp.set("Content-Type", ContentTypes.forName(asked.path()));

        int status = 200;
        long first = 0;
        long length = d.size();
        // RFC 9110 14.2: GET is the only method with range handling; HEAD answers as a plain GET would.
        if (d.size() >= 0 && !asked.head()) {
            RangeRequest range = RangeRequest.parse(req.getFirst("Range"));
            if (!(range instanceof RangeRequest.Whole) && Preconditions.rangeApplies(req.getFirst("If-Range"), d.tag(), d.modified())) {
                Optional<ByteRange> r = range.within(d.size());
                if (r.isEmpty()) {
                    rsp.set("Content-Range", ByteRange.unsatisfiedContentRange(d.size()));
                    return plain(ex, 416, "range " + Printable.of(req.getFirst("Range")) + " is outside the file's "
                            + d.size() + " bytes", false);
                }
                status = 206;
                first = r.get().first();
                length = r.get().length();
                rsp.set("Content-Range", r.get().contentRange(d.size()));
            }
        }
        if (asked.head()) {
            if (length >= 0) {
                rsp.set("Content-Length", Long.toString(length));
            }
            ex.sendResponseHeaders(status, -1); // the JDK server sends no body for HEAD and leaves Content-Length to us
            return null;
        }

        InputStream in;
        try {
            in = open(d.resource(), d.file(), first);
        } catch (IOException | RuntimeException e) {
            LOG.warn("opening '{}' failed", Printable.of(asked.path()), e);
            for (String h : new String[] {"Content-Range", "ETag", "Last-Modified", "Accept-Ranges"}) {
                rsp.remove(h);
            }
            return refuse(asked, 500, "reading the file failed");
        }
        try (in) {
            // To the JDK server length 0 means chunked and -1 means no body, so an empty file is -1 (Content-Length: 0).
            ex.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
            return copy(asked, in, out, guard, length, d.size());
        }
    }

    private String copy(Asked asked, InputStream in, GuardedOutputStream out, StallWatchdog.Guard guard, long length,
                        long size) {
        byte[] buffer = new byte[BUFFER];
        long sent = 0;
        long nextProgress = progressInterval;
        while (length < 0 || sent < length) {
            int want = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - sent);
            int n;
            try {
                n = in.read(buffer, 0, want);
            } catch (IOException | RuntimeException e) {
                LOG.warn("reading '{}' failed after {} bytes", Printable.of(asked.path()), sent, e);
                return fail(asked, out, "reading the file failed after " + sent + " bytes: " + e.getMessage());
            }
            if (n < 0) {
                if (length >= 0) {
                    return fail(asked, out, "the file ended after " + sent + " of " + length + " bytes");
                }
                break;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                return fail(asked, out, clientGone(guard, out.count(), length, e));
            }
            sent += n;
            if (sent >= nextProgress) {
                emit(new ProvisioningEvent.TransferProgress(Instant.now(), asked.device(), asked.path(), protocol, sent, size));
                nextProgress += progressInterval;
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            return fail(asked, out, clientGone(guard, out.count(), length, e));
        }
        emit(new ProvisioningEvent.FileServed(Instant.now(), asked.device(), asked.path(), protocol, asked.client(), sent,
                Duration.ofNanos(System.nanoTime() - asked.started())));
        return null;
    }

    private String clientGone(StallWatchdog.Guard guard, long sent, long length, IOException e) {
        String of = length >= 0 ? sent + " of " + length + " bytes" : sent + " bytes";
        if (stopping) {
            return "server stopped after " + of;
        }
        if (guard.fired()) {
            return "client stopped reading after " + of;
        }
        return "client closed the connection after " + of + " (" + (e.getMessage() != null ? e.getMessage() : e.toString()) + ")";
    }

    /** @return the protocol this handler serves */
    public Protocol protocol() {
        return protocol;
    }

    /** Tells transfers that fail from now on that the server is stopping, so their events say so. */
    public void stopping() {
        stopping = true;
    }

    /** Ends a response whose headers are out: the connection is dropped so the client cannot take the body for whole. */
    private String fail(Asked asked, GuardedOutputStream out, String reason) {
        out.abort();
        emit(new ProvisioningEvent.TransferFailed(Instant.now(), asked.device(), asked.path(), protocol, asked.client(),
                out.count(), reason));
        return reason;
    }

    private static InputStream open(FileResource resource, Optional<Path> file, long first) throws IOException {
        if (file.isPresent()) {
            FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ);
            try {
                channel.position(first);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return Channels.newInputStream(channel);
        }
        InputStream in = resource.openStream();
        try {
            in.skipNBytes(first);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    private String refuse(Asked asked, int status, String reason) throws IOException {
        emit(new ProvisioningEvent.TransferFailed(Instant.now(), asked.device(), asked.path(), protocol, asked.client(), 0, reason));
        return plain(asked.ex(), status, reason, asked.head());
    }

    /**
     * Sends a short text/plain answer (no body for HEAD).
     *
     * @param ex      the exchange
     * @param status  the status code
     * @param message what to say
     * @param head    whether the request was HEAD
     * @return the message, as the access-log note
     * @throws IOException when it cannot be sent
     */
    static String plain(HttpExchange ex, int status, String message, boolean head) throws IOException {
        byte[] body = (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8);
        Headers rsp = ex.getResponseHeaders();
        rsp.set("Content-Type", "text/plain; charset=utf-8");
        rsp.set("X-Content-Type-Options", "nosniff");
        if (head) {
            rsp.set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
        return message;
    }

    private void emit(ProvisioningEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("provisioning listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
