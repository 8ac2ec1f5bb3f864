package org.ztp4j.tftp.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a transfer runs with after option negotiation, and the options to acknowledge in an OACK.
 *
 * @param blockSize      data bytes per block (RFC 2348; 512 without the option)
 * @param windowSize     blocks sent before waiting for an ACK (RFC 7440; 1 without the option)
 * @param timeoutSeconds the retransmission timeout the client asked for (RFC 2349), or 0 for the server's own
 * @param transferSize   the size announced by a writing client (RFC 2349 tsize), or -1
 * @param acknowledged   the options to put in the OACK, in the client's order; empty means no OACK
 */
public record TransferOptions(int blockSize, int windowSize, int timeoutSeconds, long transferSize,
                              Map<String, String> acknowledged) {

    /** RFC 1350's block size. */
    public static final int DEFAULT_BLOCK_SIZE = 512;
    /** RFC 2348: blksize 8..65464. */
    public static final int MIN_BLOCK_SIZE = 8;
    /** RFC 2348: blksize 8..65464. */
    public static final int MAX_BLOCK_SIZE = 65464;
    /** RFC 7440: windowsize 1..65535. */
    public static final int MAX_WINDOW_SIZE = 65535;

    /** Checks the values. */
    public TransferOptions {
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("blksize " + blockSize + ": must be 8..65464");
        }
        if (windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException("windowsize " + windowSize + ": must be 1..65535");
        }
        acknowledged = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(acknowledged, "acknowledged")));
    }

    /**
     * The longest retransmission timeout a client may ask for (RFC 2349 allows 255 s); a longer one
     * is not acknowledged and the server's own timeout and back-off apply. A client that asked for
     * 255 s and never acknowledged would otherwise hold its session for 255 s times the retries,
     * over 20 minutes, and a few hundred such requests would hold every session.
     */
    public static final int MAX_CLIENT_TIMEOUT_SECONDS = 10;

    /**
     * Negotiates without a byte budget for the window: see
     * {@link #negotiate(Map, boolean, long, int, int, int)}.
     *
     * @param requested    the request's options, names in lower case
     * @param write        true for a write request
     * @param knownSize    for a read, the size to report as tsize, or -1 when it is not known
     * @param maxBlockSize the server's largest block size
     * @param maxWindow    the server's largest window
     * @return the negotiated options
     */
    public static TransferOptions negotiate(Map<String, String> requested, boolean write, long knownSize,
                                            int maxBlockSize, int maxWindow) {
        return negotiate(requested, write, knownSize, maxBlockSize, maxWindow, Integer.MAX_VALUE);
    }

    /**
     * Negotiates the options of a request (RFC 2347): understood options with valid values are
     * acknowledged, clamped to the server's limits; unknown options and options with invalid values
     * are ignored (left out of the OACK), which RFC 2347 allows.
     *
     * @param requested    the request's options, names in lower case
     * @param write        true for a write request
     * @param knownSize    for a read, the size to report as tsize, or -1 when it is not known
     * @param maxBlockSize the server's largest block size
     * @param maxWindow    the server's largest window
     * @param maxWindowBytes the most data bytes one window may put on the wire: the window is cut
     *                     to fit, so that a burst does not overflow the client's socket buffer
     * @return the negotiated options
     */
    public static TransferOptions negotiate(Map<String, String> requested, boolean write, long knownSize,
                                            int maxBlockSize, int maxWindow, int maxWindowBytes) {
        int blockSize = DEFAULT_BLOCK_SIZE;
        int window = 1;
        int timeout = 0;
        long tsize = -1;
        Map<String, String> ack = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : requested.entrySet()) {
            long value = parse(o.getValue());
            switch (o.getKey()) {
                case "blksize": // RFC 2348: 8..65464, the server may answer with less
                    if (value >= MIN_BLOCK_SIZE) {
                        blockSize = (int) Math.min(value, maxBlockSize);
                        ack.put("blksize", Integer.toString(blockSize));
                    }
                    break;
                case "windowsize": // RFC 7440: 1..65535, the server may answer with less
                    if (value >= 1 && value <= MAX_WINDOW_SIZE) {
                        window = (int) Math.min(value, maxWindow);
                        ack.put("windowsize", Integer.toString(window));
                    }
                    break;
                case "timeout": // RFC 2349: 1..255 seconds, acknowledged as asked or not at all
                    if (value >= 1 && value <= MAX_CLIENT_TIMEOUT_SECONDS) {
                        timeout = (int) value;
                        ack.put("timeout", Long.toString(value));
                    }
                    break;
                case "tsize": // RFC 2349: a reader sends 0 and gets the size; a writer announces it
                    if (value >= 0) {
                        if (write) {
                            tsize = value;
                            ack.put("tsize", Long.toString(value));
                        } else if (knownSize >= 0) {
                            ack.put("tsize", Long.toString(knownSize));
                        }
                    }
                    break;
                default:
                    break; // RFC 2347: unknown options are ignored
            }
        }
        if (ack.containsKey("windowsize")) {
            // RFC 7440 lets the server answer with a smaller window. Linux's default receive buffer
            // (212992 bytes) holds 12 datagrams of 8 KiB and 3 of 64 KiB (the kernel counts about
            // 18 KiB and 72-100 KiB for them): a window of 16 x 8 KiB overflows it on every burst
            // and the transfer crawls from timeout to timeout. Two blocks always fit (Linux takes a
            // datagram while what it holds is within the buffer), and a second block in flight is
            // what makes a window faster than lockstep, so two are granted whatever the budget.
            window = Math.max(Math.min(window, 2), Math.min(window, maxWindowBytes / blockSize));
            ack.put("windowsize", Integer.toString(window));
        }
        return new TransferOptions(blockSize, window, timeout, tsize, ack);
    }

    private static long parse(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
