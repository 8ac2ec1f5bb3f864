package org.ztp4j.tftp.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.tftp.UploadSink;

/**
 * Everything the transfer loop needs to know, checked once.
 *
 * @param bind                 the address and port requests arrive on
 * @param provider             where files come from
 * @param listener             who hears about transfers
 * @param uploadSink           where uploads go, or {@code null} to refuse write requests
 * @param maxBlockSize         the largest block size granted (8..65464)
 * @param maxWindowSize        the largest window granted (1..65535)
 * @param maxWindowBytes       the most data bytes in one window (the window shrinks to fit)
 * @param timeout              the retransmission timeout before back-off
 * @param retries              retransmissions before a transfer is given up
 * @param maxSessions          transfers at once, all clients together
 * @param maxSessionsPerClient transfers at once from one IP address
 * @param maxFileNameLength    the longest file name accepted, in bytes
 * @param openThreads          threads that open files (provider lookups may block)
 * @param networkThreads       selector threads that share the transfers out (1..64)
 * @param readAheadMemory      bytes of read-ahead buffers all transfers may hold at once (0: none)
 * @param busyPoll             how long a network thread polls for packets before it sleeps (0..10 ms)
 * @param maxQueueMemory       bytes that read requests waiting for a free session may hold at once (0: refuse them)
 * @param queueWait            how long a waiting request stays in the queue after its client last sent it
 * @param stallTimeout         how long a transfer may make no progress before it is given up, retries left or not
 */
public record ServerConfig(InetSocketAddress bind, FileProvider provider, ProvisioningListener listener,
                           UploadSink uploadSink, int maxBlockSize, int maxWindowSize, int maxWindowBytes, Duration timeout,
                           int retries, int maxSessions, int maxSessionsPerClient, int maxFileNameLength,
                           int openThreads, int networkThreads, int readAheadMemory, Duration busyPoll,
                           int maxQueueMemory, Duration queueWait, Duration stallTimeout) {

    /** Checks every value, naming the bad one. */
    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(provider, "fileProvider");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(busyPoll, "busyPoll");
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (stallTimeout.toMillis() < 1 || stallTimeout.toMinutes() > 60) {
            throw new IllegalArgumentException("stallTimeout " + stallTimeout + ": must be 1 ms..60 min");
        }
        if (maxBlockSize < TransferOptions.MIN_BLOCK_SIZE || maxBlockSize > TransferOptions.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("maxBlockSize " + maxBlockSize + ": must be 8..65464 (RFC 2348)");
        }
        if (maxWindowSize < 1 || maxWindowSize > TransferOptions.MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException("maxWindowSize " + maxWindowSize + ": must be 1..65535 (RFC 7440)");
        }
        if (maxWindowBytes < 1) {
            throw new IllegalArgumentException("maxWindowBytes " + maxWindowBytes + ": must be at least 1");
        }
        if (timeout.toMillis() < 1 || timeout.getSeconds() > 255) {
            throw new IllegalArgumentException("timeout " + timeout + ": must be 1 ms..255 s");
        }
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries " + retries + ": must be 0..100");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions " + maxSessions + ": must be at least 1");
        }
        if (maxSessionsPerClient < 1) {
            throw new IllegalArgumentException("maxSessionsPerClient " + maxSessionsPerClient + ": must be at least 1");
        }
        if (maxFileNameLength < 1 || maxFileNameLength > 65000) {
            throw new IllegalArgumentException("maxFileNameLength " + maxFileNameLength + ": must be 1..65000");
        }
        if (openThreads < 1) {
            throw new IllegalArgumentException("openThreads " + openThreads + ": must be at least 1");
        }
        if (readAheadMemory < 0) {
            throw new IllegalArgumentException("readAheadMemory " + readAheadMemory + ": must be at least 0");
        }
        if (busyPoll.isNegative() || busyPoll.compareTo(Duration.ofMillis(10)) > 0) {
            throw new IllegalArgumentException("busyPoll " + busyPoll + ": must be 0..10 ms");
        }
        if (maxQueueMemory < 0) {
            throw new IllegalArgumentException("maxQueueMemory " + maxQueueMemory + ": must be at least 0");
        }
        if (queueWait.toMillis() < 1 || queueWait.toMinutes() > 10) {
            throw new IllegalArgumentException("queueWait " + queueWait + ": must be 1 ms..10 min");
        }
        if (networkThreads < 1 || networkThreads > 64) {
            throw new IllegalArgumentException("networkThreads " + networkThreads + ": must be 1..64");
        }
    }
}
