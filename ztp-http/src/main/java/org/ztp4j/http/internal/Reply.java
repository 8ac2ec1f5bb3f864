package org.ztp4j.http.internal;

import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.DeviceIdentity;

/**
 * An answer ready to send, made on a worker thread and sent on the connection's event loop: the
 * status, the header fields, the body, and what the access log and the provisioning events need.
 */
public final class Reply {

    private static final Logger LOG = LoggerFactory.getLogger(Reply.class);

    /** What follows the head. */
    public sealed interface Body permits NoBody, Bytes, Region, Chunks {

        /** @return the body's length, or -1 when it is only known at its end */
        long length();

        /** Frees what the body holds (an open file or stream) when it will not be sent. */
        default void discard() {
        }
    }

    /** No body: HEAD, 304, or a response of length 0. */
    public record NoBody() implements Body {
        @Override
        public long length() {
            return 0;
        }
    }

    /**
     * A body held in memory: an error text or an endpoint's answer.
     *
     * @param bytes the body
     */
    public record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /**
     * Part of a file on disk, sent by the kernel without passing through the JVM (plain HTTP only:
     * TLS must encrypt every byte).
     *
     * @param region the file's bytes to send
     */
    public record Region(FileRegion region) implements Body {
        @Override
        public long length() {
            return region.count();
        }

        @Override
        public void discard() {
            region.release();
        }
    }

    /**
     * A body read chunk by chunk as the client takes it: a file over TLS, or a generated resource.
     *
     * @param chunks the chunks
     */
    public record Chunks(ResourceChunks chunks) implements Body {
        @Override
        public long length() {
            return chunks.length();
        }

        @Override
        public void discard() {
            try {
                chunks.close();
            } catch (Exception e) {
                LOG.debug("closing a body that was not sent failed", e);
            }
        }
    }

    /**
     * A file transfer, for the {@code TransferProgress}, {@code FileServed} and {@code TransferFailed}
     * events.
     *
     * @param device who asked
     * @param path   the path asked for
     * @param client where from
     * @param size   the whole resource's size, or -1 when unknown
     */
    public record Transfer(DeviceIdentity device, String path, InetSocketAddress client, long size) {
    }

    private final int status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private Body body = new NoBody();
    private Transfer transfer;
    private Supplier<CompletableFuture<String>> sentDigest = () -> CompletableFuture.completedFuture(null);
    private String note;
    private boolean close;

    /** @param status the status code */
    public Reply(int status) {
        this.status = status;
    }

    /**
     * A short {@code text/plain} answer, the line {@code "<status> <message>"}.
     *
     * @param status  the status
     * @param message what to say; also the access log's note
     * @param head    whether the request was HEAD (headers and {@code Content-Length}, no body)
     * @return the reply
     */
    public static Reply text(int status, String message, boolean head) {
        byte[] text = (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8);
        Reply r = new Reply(status).header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", Integer.toString(text.length))
                .note(message);
        return head ? r : r.body(new Bytes(text));
    }

    /**
     * @param name  a header name
     * @param value its value, replacing any before
     * @return this reply
     */
    public Reply header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    /**
     * @param b the body
     * @return this reply
     */
    public Reply body(Body b) {
        this.body = b;
        return this;
    }

    /**
     * @param t the file transfer this reply's body is
     * @return this reply
     */
    public Reply transfer(Transfer t) {
        this.transfer = t;
        return this;
    }

    /**
     * @param digest asked once the body has gone out whole: the SHA-256 in hex of what was sent,
     *               when known (possibly later), else {@code null}
     * @return this reply
     */
    public Reply sentDigest(Supplier<CompletableFuture<String>> digest) {
        this.sentDigest = digest;
        return this;
    }

    /** @return the SHA-256 in hex of the body sent, once known, or {@code null}; ask only after it went out whole */
    public CompletableFuture<String> sentDigest() {
        return sentDigest.get();
    }

    /**
     * @param n a note for the access log (why a request failed)
     * @return this reply
     */
    public Reply note(String n) {
        this.note = n;
        return this;
    }

    /** @return this reply, which closes the connection once sent */
    public Reply closing() {
        this.close = true;
        return this;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the header fields to send */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the body */
    public Body body() {
        return body;
    }

    /** @return the file transfer, or {@code null} when this is not one */
    public Transfer transfer() {
        return transfer;
    }

    /** @return the access log's note, or {@code null} */
    public String note() {
        return note;
    }

    /** @return true when the connection is to be closed after this reply */
    public boolean close() {
        return close;
    }
}
