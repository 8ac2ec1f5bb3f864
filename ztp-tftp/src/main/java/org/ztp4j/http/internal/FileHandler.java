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
     * @param listener         who hears about requests and transfers (must not throw; see {@link ProvisioningListener#all})
     * @param protocol         {@link Protocol#HTTP} or {@link Protocol#HTTPS}
     * @param progressInterval bytes between two {@link ProvisioningEvent.TransferProgress} events
     */
    public FileHandler(FileProvider provider, ProvisioningListener listener, Protocol protocol, long progressInterval) {
        this.provider = provider;
        this.listener = listener;
        this.protocol = protocol;
        this.progressInterval = progressInterval;
    }

    /**
     * Serves one request.
     *
     * @param ex  the exchange; its response body must be a {@link GuardedOutputStream}
     * @param out that stream
     * @param guard the exchange's watchdog guard, to tell a stalled client from a closed one
     * @return a note for the access log (why it failed), or {@code null} when all went well
     * @throws IOException only when even an error response could not be sent
     */
    public String serve(HttpExchange ex, GuardedOutputStream out, StallWatchdog.Guard guard) throws IOException {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            return plain(ex, 405, "method " + Printable.of(method) + " is not allowed here; files answer GET and HEAD", false);
        }
        InetSocketAddress client = ex.getRemoteAddress();
        DeviceIdentity device = DeviceIdentity.ofAddress(client.getAddress());
        String raw = ex.getRequestURI().getRawPath();
        String path;
        try {
            if (raw == null || !raw.startsWith("/")) {
                throw new RejectedPathException(String.valueOf(raw), "not an absolute path");
            }
            path = PercentDecoding.decodePath(raw);
        } catch (RejectedPathException e) {
            emit(new ProvisioningEvent.FileRequested(Instant.now(), device, String.valueOf(raw), protocol, client));
            return refuse(ex, device, String.valueOf(raw), client, 400, e.getMessage(), head);
        }
        emit(new ProvisioningEvent.FileRequested(Instant.now(), device, path, protocol, client));

        Optional<FileResource> found;
        try {
            if (path.endsWith("/")) {
                if (path.length() > 1) {
                    RequestPath.parse(path.substring(0, path.length() - 1));
                }
                return refuse(ex, device, path, client, 404, "'" + Printable.of(path) + "' names a directory; there are no listings", head);
            }
            RequestPath.parse(path); // the provider checks too; this keeps a lax provider safe
            found = provider.open(new FileRequest(path, client, protocol, device));
        } catch (RejectedPathException e) {
            return refuse(ex, device, path, client, 400, e.getMessage(), head);
        } catch (IOException | RuntimeException e) {
            LOG.warn("looking up '{}' for {} failed", Printable.of(path), client, e);
            return refuse(ex, device, path, client, 500, "looking the file up failed", head);
        }
        if (found.isEmpty()) {
            return refuse(ex, device, path, client, 404, "file not found", head);
        }
        FileResource resource = found.get();
        Optional<Path> file = resource.file();
        long size;
        Optional<Instant> modified;
        Optional<EntityTag> tag;
        try {
            if (file.isPresent() && Files.isDirectory(file.get())) {
                return refuse(ex, device, path, client, 404, "'" + Printable.of(path) + "' names a directory; there are no listings", head);
            }
            size = resource.size().isPresent() ? resource.size().getAsLong() : file.isPresent() ? Files.size(file.get()) : -1;
            modified = resource.lastModified();
            if (modified.isEmpty() && file.isPresent()) {
                modified = Optional.of(Files.getLastModifiedTime(file.get()).toInstant());
            }
            tag = EntityTag.of(resource, size, modified);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading the attributes of '{}' failed", Printable.of(path), e);
            return refuse(ex, device, path, client, 500, "reading the file failed", head);
        }

        Headers req = ex.getRequestHeaders();
        Headers rsp = ex.getResponseHeaders();
        if (size >= 0) {
            rsp.set("Accept-Ranges", "bytes");
        }
        modified.ifPresent(m -> rsp.set("Last-Modified", HttpDates.format(m)));
        tag.ifPresent(t -> rsp.set("ETag", t.value()));
        if (Preconditions.notModified(req.getFirst("If-None-Match"), req.getFirst("If-Modified-Since"), tag, modified)) {
            ex.sendResponseHeaders(304, -1);
            return "not modified";
        }
        rsp.set("Content-Type", ContentTypes.forName(path));

        int status = 200;
        long first = 0;
        long length = size;
        // RFC 9110 14.2: GET is the only method with range handling; HEAD answers as a plain GET would.
        if (size >= 0 && !head) {
            RangeRequest range = RangeRequest.parse(req.getFirst("Range"));
            if (!(range instanceof RangeRequest.Whole) && Preconditions.rangeApplies(req.getFirst("If-Range"), tag, modified)) {
                Optional<ByteRange> r = range.within(size);
                if (r.isEmpty()) {
                    rsp.set("Content-Range", ByteRange.unsatisfiedContentRange(size));
                    return plain(ex, 416, "range " + Printable.of(req.getFirst("Range")) + " is outside the file's " + size + " bytes", false);
                }
                status = 206;
                first = r.get().first();
                length = r.get().length();
                rsp.set("Content-Range", r.get().contentRange(size));
            }
        }
        if (head) {
            if (length >= 0) {
                rsp.set("Content-Length", Long.toString(length));
            }
            ex.sendResponseHeaders(status, -1);
            return null;
        }

        InputStream in;
        try {
            in = open(resource, file, first);
        } catch (IOException | RuntimeException e) {
            LOG.warn("opening '{}' failed", Printable.of(path), e);
            for (String h : new String[] {"Content-Range", "ETag", "Last-Modified", "Accept-Ranges"}) {
                rsp.remove(h);
            }
            return refuse(ex, device, path, client, 500, "reading the file failed", false);
        }
        try (in) {
            return stream(ex, out, guard, in, status, length, size, path, device, client, started);
        }
    }

    private String stream(HttpExchange ex, GuardedOutputStream out, StallWatchdog.Guard guard, InputStream in, int status,
                          long length, long size, String path, DeviceIdentity device, InetSocketAddress client,
                          long started) throws IOException {
        // Length 0 means chunked to the JDK server and -1 means no body: an empty file is -1 (Content-Length: 0).
        ex.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
        byte[] buffer = new byte[BUFFER];
        long sent = 0;
        long nextProgress = progressInterval;
        while (length < 0 || sent < length) {
            int want = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - sent);
            int n;
            try {
                n = in.read(buffer, 0, want);
            } catch (IOException | RuntimeException e) {
                LOG.warn("reading '{}' failed after {} bytes", Printable.of(path), sent, e);
                return fail(out, device, path, client, sent, "reading the file failed after " + sent + " bytes: " + e.getMessage());
            }
            if (n < 0) {
                if (length >= 0) {
                    return fail(out, device, path, client, sent, "the file ended after " + sent + " of " + length + " bytes");
                }
                break;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                return fail(out, device, path, client, out.count(), clientGone(guard, out.count(), length, e));
            }
            sent += n;
            if (sent >= nextProgress) {
                emit(new ProvisioningEvent.TransferProgress(Instant.now(), device, path, protocol, sent, size));
                nextProgress += progressInterval;
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            return fail(out, device, path, client, out.count(), clientGone(guard, out.count(), length, e));
        }
        emit(new ProvisioningEvent.FileServed(Instant.now(), device, path, protocol, client, sent,
                Duration.ofNanos(System.nanoTime() - started)));
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

    /** Tells transfers that fail from now on that the server is stopping, so their events say so. */
    public void stopping() {
        stopping = true;
    }

    private String fail(GuardedOutputStream out, DeviceIdentity device, String path, InetSocketAddress client, long sent,
                        String reason) {
        out.abort();
        emit(new ProvisioningEvent.TransferFailed(Instant.now(), device, path, protocol, client, sent, reason));
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

    private String refuse(HttpExchange ex, DeviceIdentity device, String path, InetSocketAddress client, int status,
                          String reason, boolean head) throws IOException {
        emit(new ProvisioningEvent.TransferFailed(Instant.now(), device, path, protocol, client, 0, reason));
        return plain(ex, status, reason, head);
    }

    /**
     * Sends a short text/plain answer (no body for HEAD).
     *
     * @return the message, as the access-log note
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
