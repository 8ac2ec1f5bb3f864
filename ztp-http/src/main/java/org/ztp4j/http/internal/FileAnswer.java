package org.ztp4j.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.FileDigests;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;

/**
 * Answers GET and HEAD for files from the {@link org.ztp4j.core.FileProvider}: path rules,
 * validators and 304, one byte range (206, 416), and the body to send. Runs on a worker thread,
 * because a provider may render a template or ask a database; the body itself is sent later, on
 * the event loop.
 */
public final class FileAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(FileAnswer.class);

    /** The SHA-256 of no bytes. */
    private static final CompletableFuture<String> EMPTY_SHA256 = CompletableFuture.completedFuture(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    /** One file request on its way through: who asked for what. */
    private record Asked(RequestHead request, String path, DeviceIdentity device) {

        /** @return the same request, its events naming the device the provider identified */
        Asked identifiedAs(DeviceIdentity who) {
            return new Asked(request, path, who);
        }
    }

    /** What is known about the resource before its content is read. */
    private record Described(FileResource resource, Optional<Path> file, long size, Optional<Instant> modified,
                             Optional<EntityTag> tag) {
    }

    private final ServerContext server;

    /** @param server the server's shared settings */
    public FileAnswer(ServerContext server) {
        this.server = server;
    }

    /**
     * @param request the request, read whole
     * @return what to send
     */
    public Reply answer(RequestHead request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.text(405, "method " + LogText.of(method) + " is not allowed here; files answer GET and HEAD", false)
                    .header("Allow", "GET, HEAD");
        }
        DeviceIdentity device = DeviceIdentity.ofAddress(request.client().getAddress());
        String raw = request.rawPath();
        try {
            if (!raw.startsWith("/")) {
                throw new RejectedPathException(raw, "not an absolute path");
            }
            Asked asked = new Asked(request, PercentDecoding.decodePath(raw), device);
            server.emit(new ProvisioningEvent.FileRequested(Instant.now(), device, asked.path(), server.protocol(), request.client()));
            return lookUp(asked);
        } catch (RejectedPathException e) {
            server.emit(new ProvisioningEvent.FileRequested(Instant.now(), device, raw, server.protocol(), request.client()));
            return refuse(new Asked(request, raw, device), 400, e.getMessage());
        }
    }

    private Reply lookUp(Asked asked) {
        String path = asked.path();
        Optional<FileResource> found;
        try {
            if (path.endsWith("/")) {
                if (path.length() > 1) {
                    RequestPath.parse(path.substring(0, path.length() - 1)); // a bad path stays a 400
                }
                return refuse(asked, 404, "'" + LogText.of(path) + "' names a directory; there are no listings");
            }
            RequestPath.parse(path); // the provider checks too; this keeps a lax provider safe
            RequestHead r = asked.request();
            found = server.provider().open(new FileRequest(path, r.client(), server.protocol(), asked.device(), r.headers()));
        } catch (RejectedPathException e) {
            return refuse(asked, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("looking up '{}' for {} failed", LogText.of(path), asked.request().client(), e);
            return refuse(asked, 500, "looking the file up failed");
        }
        if (found.isEmpty()) {
            return refuse(asked, 404, "file not found");
        }
        asked = found.get().identified().map(asked::identifiedAs).orElse(asked);
        Described described;
        try {
            Optional<Path> file = found.get().file();
            if (file.isPresent() && Files.isDirectory(file.get())) {
                return refuse(asked, 404, "'" + LogText.of(path) + "' names a directory; there are no listings");
            }
            described = describe(found.get(), file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading the attributes of '{}' failed", LogText.of(path), e);
            return refuse(asked, 500, "reading the file failed");
        }
        return respond(asked, described);
    }

    private static Described describe(FileResource resource, Optional<Path> file) throws IOException {
        long size = resource.size().isPresent() ? resource.size().getAsLong() : file.isPresent() ? Files.size(file.get()) : -1;
        Optional<Instant> modified = resource.lastModified();
        if (modified.isEmpty() && file.isPresent()) {
            modified = Optional.of(Files.getLastModifiedTime(file.get()).toInstant());
        }
        return new Described(resource, file, size, modified, EntityTag.of(resource, size, modified));
    }

    private Reply respond(Asked asked, Described d) {
        RequestHead req = asked.request();
        if (Preconditions.notModified(req.header("If-None-Match"), req.header("If-Modified-Since"), d.tag(), d.modified())) {
            return validators(new Reply(304), d).note("not modified");
        }
        int status = 200;
        long first = 0;
        long length = d.size();
        String contentRange = null;
        // RFC 9110 14.2: GET is the only method with range handling; HEAD answers as a plain GET would.
        if (d.size() >= 0 && !req.isHead()) {
            RangeRequest range = RangeRequest.parse(req.header("Range"));
            if (!(range instanceof RangeRequest.Whole) && Preconditions.rangeApplies(req.header("If-Range"), d.tag(), d.modified())) {
                Optional<ByteRange> r = range.within(d.size());
                if (r.isEmpty()) {
                    return validators(Reply.text(416, "range " + LogText.of(req.header("Range")) + " is outside the file's "
                            + d.size() + " bytes", false), d)
                            .header("Content-Range", ByteRange.unsatisfiedContentRange(d.size()));
                }
                status = 206;
                first = r.get().first();
                length = r.get().length();
                contentRange = r.get().contentRange(d.size());
            }
        }
        Reply reply = validators(new Reply(status), d).header("Content-Type", ContentTypes.forName(asked.path()));
        if (contentRange != null) {
            reply.header("Content-Range", contentRange);
        }
        if (length >= 0) {
            reply.header("Content-Length", Long.toString(length));
        }
        if (req.isHead() || length == 0) {
            return req.isHead() ? reply : reply.transfer(transfer(asked, d)).sentDigest(() -> EMPTY_SHA256);
        }
        // A digest is kept only for a body that is the whole file: a range's digest would not
        // tell anyone which file the device has.
        boolean whole = first == 0 && length == d.size();
        try {
            return open(reply, d, first, length, whole).transfer(transfer(asked, d));
        } catch (IOException | RuntimeException e) {
            LOG.warn("opening '{}' failed", LogText.of(asked.path()), e);
            return refuse(asked, 500, "reading the file failed");
        }
    }

    private static Reply validators(Reply reply, Described d) {
        if (d.size() >= 0) {
            reply.header("Accept-Ranges", "bytes");
        }
        d.modified().ifPresent(m -> reply.header("Last-Modified", HttpDates.format(m)));
        d.tag().ifPresent(t -> reply.header("ETag", t.value()));
        return reply;
    }

    private static Reply.Transfer transfer(Asked asked, Described d) {
        return new Reply.Transfer(asked.device(), asked.path(), asked.request().client(), d.size());
    }

    /**
     * Opens the body: sendfile for a file on plain HTTP, chunks over TLS and for generated
     * resources. Chunks hash themselves as they are read; a file handed to the kernel takes its
     * version's digest from {@link FileDigests}, valid only if the file is still that version
     * when the body has gone out.
     */
    private Reply open(Reply reply, Described d, long first, long length, boolean whole) throws IOException {
        if (d.file().isPresent()) {
            Path file = d.file().get();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                OpenedFile opened = OpenedFile.of(file);
                if (server.protocol() == Protocol.HTTP) {
                    reply.body(new Reply.Region(new FileBody(channel, opened, first, length)));
                    if (whole) {
                        FileDigests.Version version = FileDigests.Version.of(file);
                        if (version.size() == channel.size()) {
                            CompletableFuture<String> digest = FileDigests.shared().sha256(version);
                            reply.sentDigest(() -> version.isCurrent() ? digest : CompletableFuture.completedFuture(null));
                        }
                    }
                    return reply;
                }
                ResourceChunks chunks = ResourceChunks.ofFile(channel, opened, first, length, whole);
                return reply.body(new Reply.Chunks(chunks)).sentDigest(() -> CompletableFuture.completedFuture(chunks.sha256()));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        InputStream in = d.resource().openStream();
        try {
            in.skipNBytes(first);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        ResourceChunks chunks = ResourceChunks.ofStream(in, length, whole);
        return reply.body(new Reply.Chunks(chunks)).sentDigest(() -> CompletableFuture.completedFuture(chunks.sha256()));
    }

    private Reply refuse(Asked asked, int status, String reason) {
        RequestHead r = asked.request();
        server.emit(new ProvisioningEvent.TransferFailed(Instant.now(), asked.device(), asked.path(), server.protocol(),
                r.client(), 0, reason));
        return Reply.text(status, reason, r.isHead());
    }
}
