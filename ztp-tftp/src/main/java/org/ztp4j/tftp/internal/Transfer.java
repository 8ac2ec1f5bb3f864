package org.ztp4j.tftp.internal;

import org.ztp4j.core.internal.LogText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.FileRequest;

/**
 * One transfer, read or write, from request to end. Everything but {@link #open()} runs on the
 * selector thread; {@code open()} runs on the opener executor and hands over through the loop's
 * task queue, which orders the two.
 */
abstract class Transfer {

    final TransferLoop loop;
    final FileRequest request;
    final TftpRequest tftp;
    final InetSocketAddress client;
    final long startNanos = System.nanoTime();

    TransferOptions options;
    /**
     * Whom the events name: what the request knew, until the provider says whose file it opened.
     * Written by the opener thread before the transfer is handed to the loop's thread.
     */
    volatile DeviceIdentity device;
    DatagramChannel channel;
    SelectionKey key;
    int retries;
    /** When the transfer last moved (its first packet, then each new block acknowledged or received). */
    long progressAt = startNanos;
    boolean finished;

    // deadline bookkeeping, see TransferLoop.schedule
    long deadline;
    long queuedAt;
    boolean inQueue;

    Transfer(TransferLoop loop, FileRequest request, TftpRequest tftp) {
        this.loop = loop;
        this.request = request;
        this.tftp = tftp;
        this.client = request.client();
        this.device = request.identity();
    }

    /** Looks the file up and opens it and the transfer's socket; may block. */
    abstract void open() throws IOException, TransferRefusedException;

    /** Sends the first packet(s). */
    abstract void begin() throws IOException;

    /** Handles a packet from the client's TID; the buffer holds at least four bytes. */
    abstract void onPacket(ByteBuffer packet) throws IOException;

    /** The deadline passed without the awaited packet. */
    abstract void onTimeout(long now) throws IOException;

    /** The socket can take more packets after a send found its buffer full. */
    void onWritable() throws IOException {
    }

    /**
     * The client sent a different request from this transfer's port. Returns true, after counting
     * the transfer as delivered, when every block was sent and only the final ACK is missing: the
     * client moving on says it has the file (RFC 1350 lets that last ACK go astray).
     *
     * @return whether the transfer counts as complete
     */
    boolean settleForNewRequest() {
        return false;
    }

    /** Frees what the transfer holds; {@code failure} is null when it completed. */
    abstract void release(String failure);

    /** @return content bytes moved so far (acknowledged for reads, received for writes) */
    abstract long bytes();

    /**
     * Called once, when the transfer completed.
     *
     * @return the SHA-256 of the content sent, in hex, or {@code null} when not known (uploads)
     */
    String sha256() {
        return null;
    }

    /** @return the total size if known, else -1 */
    long totalBytes() {
        return -1;
    }

    /**
     * @return the retransmission timeout after {@code attempt} retransmissions, in nanoseconds; never
     *         past the moment the transfer has gone the stall timeout without progress, when
     *         {@link #retry()} gives it up
     */
    long timeoutNanos(int attempt) {
        long timeout;
        if (options != null && options.timeoutSeconds() > 0) {
            timeout = TimeUnit.SECONDS.toNanos(options.timeoutSeconds()); // RFC 2349: the client asked for exactly this
        } else {
            timeout = loop.config().timeout().toNanos() << Math.min(attempt, 3); // back-off: 1x, 2x, 4x, 8x
        }
        long left = progressAt + loop.config().stallTimeout().toNanos() - System.nanoTime();
        return Math.max(1, Math.min(timeout, left));
    }

    /** The transfer moved: the retransmissions and the stall timeout start again. */
    void progressed() {
        retries = 0;
        progressAt = System.nanoTime();
    }

    String describe() {
        return (tftp.write() ? "upload of " : "") + "'" + LogText.of(tftp.filename(), 64) + "'";
    }

    /** Counts a retransmission; false (and the transfer failed) when the retries are used up. */
    boolean retry() throws IOException {
        if (System.nanoTime() - progressAt >= loop.config().stallTimeout().toNanos()) {
            long seconds = loop.config().stallTimeout().toSeconds();
            loop.packets().sendError(this, TftpError.UNDEFINED, "timed out");
            loop.finish(this, "timed out: no progress for " + (seconds > 0 ? seconds + " s" : loop.config().stallTimeout().toMillis()
                    + " ms") + " (" + retries + " retransmissions)");
            return false;
        }
        retries++;
        if (retries > loop.config().retries()) {
            loop.packets().sendError(this, TftpError.UNDEFINED, "timed out");
            loop.finish(this, "timed out after " + loop.config().retries() + " retransmissions");
            return false;
        }
        return true;
    }
}
