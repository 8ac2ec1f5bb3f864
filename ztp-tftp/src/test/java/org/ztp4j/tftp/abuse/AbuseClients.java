package org.ztp4j.tftp.abuse;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Misbehaving TFTP clients, and one well-behaved one, all on loopback. Every loop here is bounded
 * both in packets and in time. Not thread-safe: each call uses its own sockets.
 */
public final class AbuseClients {

    private static final int OPCODE_DATA = 3;
    private static final int OPCODE_ERROR = 5;
    private static final int OPCODE_OACK = 6;

    private AbuseClients() {
    }

    /**
     * What a flood got back.
     *
     * @param sent    requests put on the wire
     * @param errors  ERROR packets received
     * @param busy    of those, how many said the address or the server was at its limit
     * @param started DATA or OACK packets received (transfers the server started)
     */
    public record FloodResult(int sent, int errors, int busy, int started) {
    }

    /**
     * What a client that acknowledges one block forever saw.
     *
     * @param acksSent      ACKs sent
     * @param dataPerBlock  DATA packets received, by block number
     * @param endedWithError true when the server gave up with an ERROR packet
     * @param errorMessage  that ERROR's text, empty when none came
     */
    public record StuckAckResult(int acksSent, Map<Integer, Integer> dataPerBlock, boolean endedWithError, String errorMessage) {

        /** @return every DATA packet received */
        public int dataPackets() {
            return dataPerBlock.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * What a download got.
     *
     * @param bytes   bytes received in order
     * @param sha256  their SHA-256 in hex
     * @param error   the server's ERROR text or what went wrong, empty on success
     * @param nanos   how long it took from the request to the last block
     */
    public record Download(long bytes, String sha256, String error, long nanos) {

        /** @return true when the last block arrived */
        public boolean ok() {
            return error.isEmpty();
        }
    }

    /**
     * Sends read requests round-robin from {@code sockets} ports of {@code from} and never
     * acknowledges anything; replies are drained and counted as they come.
     *
     * @param server   the server's request address
     * @param from     the source address
     * @param requests requests to send
     * @param sockets  source ports to spread them over
     * @param file     the file to ask for (no options, so a started transfer answers with DATA 1)
     * @param limit    the longest the flood may take
     * @return what came back, counted until {@code settle} after the last request
     * @throws IOException when a socket cannot be opened
     */
    public static FloodResult flood(InetSocketAddress server, InetAddress from, int requests, int sockets, String file,
            Duration limit) throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        int[] counts = new int[3];
        try {
            for (int i = 0; i < sockets; i++) {
                DatagramChannel c = DatagramChannel.open();
                c.bind(new InetSocketAddress(from, 0));
                c.configureBlocking(false);
                channels.add(c);
            }
            ByteBuffer rrq = ByteBuffer.wrap(request(file, 0, 0));
            ByteBuffer in = ByteBuffer.allocate(65536);
            long end = System.nanoTime() + limit.toNanos();
            int sent = 0;
            for (int i = 0; i < requests * 2 && sent < requests && System.nanoTime() < end; i++) {
                DatagramChannel c = channels.get(i % sockets);
                rrq.rewind();
                if (c.send(rrq, server) > 0) {
                    sent++;
                }
                if (i % sockets == sockets - 1) {
                    for (DatagramChannel d : channels) {
                        drain(d, in, counts);
                    }
                }
            }
            long settle = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < settle) {
                for (DatagramChannel d : channels) {
                    drain(d, in, counts);
                }
                sleep(5);
            }
            return new FloodResult(sent, counts[0], counts[1], counts[2]);
        } finally {
            for (DatagramChannel c : channels) {
                c.close();
            }
        }
    }

    private static void drain(DatagramChannel c, ByteBuffer in, int[] counts) throws IOException {
        for (int n = 0; n < 1000; n++) {
            in.clear();
            if (c.receive(in) == null) {
                return;
            }
            in.flip();
            if (in.remaining() < 4) {
                continue;
            }
            int opcode = in.getShort(0) & 0xFFFF;
            if (opcode == OPCODE_ERROR) {
                counts[0]++;
                String text = new String(in.array(), 4, Math.max(0, in.remaining() - 5), StandardCharsets.US_ASCII);
                if ((in.getShort(2) & 0xFFFF) == 0 && (text.contains("too many") || text.contains("busy"))) {
                    counts[1]++;
                }
            } else if (opcode == OPCODE_DATA || opcode == OPCODE_OACK) {
                counts[2]++;
            }
        }
    }

    /**
     * Starts {@code count} reads, one per source port, and never acknowledges them. The sockets stay
     * open (and unread) until closed, so the server's packets are not refused by ICMP.
     *
     * @param server the server's request address
     * @param from   the source address
     * @param count  transfers to start
     * @param file   the file to ask for
     * @return the open sockets; close them when done
     * @throws IOException when a socket cannot be opened
     */
    public static List<DatagramChannel> halfOpen(InetSocketAddress server, InetAddress from, int count, String file)
            throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                DatagramChannel c = DatagramChannel.open();
                channels.add(c);
                c.bind(new InetSocketAddress(from, 0));
                c.send(ByteBuffer.wrap(request(file, 0, 0)), server);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels);
            throw e;
        }
        return channels;
    }

    /** @param channels sockets to close, errors ignored */
    public static void closeAll(List<DatagramChannel> channels) {
        for (DatagramChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a UDP socket does not fail in a way that matters here
            }
        }
    }

    /**
     * Reads a file in lockstep, acknowledges block 1 once properly and then again and again (one ACK
     * every {@code gap}) instead of acknowledging block 2, until the server sends an ERROR or
     * {@code limit} passes.
     *
     * @param server the server's request address
     * @param from   the source address
     * @param file   a file of more than two 512-byte blocks
     * @param gap    pause between duplicate ACKs
     * @param limit  how long to keep it up at most
     * @return what arrived
     * @throws IOException when the socket fails
     */
    public static StuckAckResult ackBlockOneForever(InetSocketAddress server, InetAddress from, String file, Duration gap,
            Duration limit) throws IOException {
        return ackForever(server, from, file, 0, gap, limit);
    }

    /**
     * Like {@link #ackBlockOneForever}, but asks for RFC 7440 windows of {@code windowSize} 512-byte
     * blocks and, after the OACK, acknowledges block 0 again and again instead of the window.
     *
     * @param server     the server's request address
     * @param from       the source address
     * @param file       a file of more than one window
     * @param windowSize the windowsize to ask for
     * @param gap        pause between duplicate ACKs
     * @param limit      how long to keep it up at most
     * @return what arrived
     * @throws IOException when the socket fails
     */
    public static StuckAckResult ackBlockZeroForever(InetSocketAddress server, InetAddress from, String file, int windowSize,
            Duration gap, Duration limit) throws IOException {
        return ackForever(server, from, file, windowSize, gap, limit);
    }

    private static StuckAckResult ackForever(InetSocketAddress server, InetAddress from, String file, int windowSize,
            Duration gap, Duration limit) throws IOException {
        byte[] ack = windowSize > 0 ? ack(0) : ack(1);
        Map<Integer, Integer> data = new TreeMap<>();
        int acks = 0;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
            s.setSoTimeout((int) Math.max(1, gap.toMillis()));
            byte[] rrq = request(file, windowSize > 0 ? 512 : 0, windowSize);
            s.send(new DatagramPacket(rrq, rrq.length, server));
            byte[] buf = new byte[65536];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            InetSocketAddress tid = null;
            long end = System.nanoTime() + limit.toNanos();
            int maxAcks = (int) Math.max(1, limit.toMillis() / Math.max(1, gap.toMillis())) + 10;
            while (System.nanoTime() < end && acks < maxAcks) {
                try {
                    s.receive(in);
                    if (in.getLength() < 4 || (tid != null && !in.getSocketAddress().equals(tid))) {
                        continue;
                    }
                    int opcode = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
                    if (opcode == OPCODE_ERROR) {
                        return new StuckAckResult(acks, data, true, new String(buf, 4, Math.max(0, in.getLength() - 5), StandardCharsets.US_ASCII));
                    }
                    if (opcode == OPCODE_OACK && windowSize > 0) {
                        tid = (InetSocketAddress) in.getSocketAddress();
                    } else if (opcode == OPCODE_DATA) {
                        tid = (InetSocketAddress) in.getSocketAddress();
                        data.merge(((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF), 1, Integer::sum);
                    }
                } catch (SocketTimeoutException e) {
                    // time for the next duplicate
                }
                if (tid != null) {
                    s.send(new DatagramPacket(ack, ack.length, tid));
                    acks++;
                }
            }
        }
        return new StuckAckResult(acks, data, false, "");
    }

    /**
     * Downloads a file the way a well-behaved RFC 7440 client does, hashing what arrives.
     *
     * @param server     the server's request address
     * @param from       the source address
     * @param file       the file name
     * @param blockSize  blksize to ask for
     * @param windowSize windowsize to ask for
     * @param timeout    how long to wait for a packet before resending the last ACK or request
     * @param retries    resends before giving up
     * @return the outcome
     * @throws IOException when the socket fails
     */
    public static Download download(InetSocketAddress server, InetAddress from, String file, int blockSize, int windowSize,
            Duration timeout, int retries) throws IOException {
        MessageDigest sha = sha256();
        long start = System.nanoTime();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
            s.setReceiveBufferSize(1 << 20);
            s.setSoTimeout((int) timeout.toMillis());
            byte[] last = request(file, blockSize, windowSize);
            InetSocketAddress to = server;
            s.send(new DatagramPacket(last, last.length, to));
            byte[] buf = new byte[65536];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            InetSocketAddress tid = null;
            int block = 512;
            int window = 1;
            long expected = 1;
            int inWindow = 0;
            int misses = 0;
            long bytes = 0;
            long packets = 0;
            long maxPackets = 4_000_000;
            while (packets++ < maxPackets) {
                try {
                    s.receive(in);
                } catch (SocketTimeoutException e) {
                    if (++misses > retries) {
                        return new Download(bytes, "", "timed out at block " + expected, System.nanoTime() - start);
                    }
                    s.send(new DatagramPacket(last, last.length, to));
                    continue;
                }
                InetSocketAddress sender = (InetSocketAddress) in.getSocketAddress();
                if ((tid != null && !sender.equals(tid)) || in.getLength() < 4) {
                    continue;
                }
                int opcode = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
                if (opcode == OPCODE_ERROR) {
                    String text = new String(buf, 4, Math.max(0, in.getLength() - 5), StandardCharsets.US_ASCII);
                    return new Download(bytes, "", "ERROR " + (((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF)) + " " + text,
                            System.nanoTime() - start);
                }
                if (opcode == OPCODE_OACK && tid == null) {
                    tid = sender;
                    String[] parts = new String(buf, 2, in.getLength() - 2, StandardCharsets.US_ASCII).split("\0");
                    for (int i = 0; i + 1 < parts.length; i += 2) {
                        if (parts[i].equalsIgnoreCase("blksize")) {
                            block = Integer.parseInt(parts[i + 1]);
                        } else if (parts[i].equalsIgnoreCase("windowsize")) {
                            window = Integer.parseInt(parts[i + 1]);
                        }
                    }
                    last = ack(0);
                    to = tid;
                    misses = 0;
                    s.send(new DatagramPacket(last, last.length, to));
                    continue;
                }
                if (opcode != OPCODE_DATA) {
                    continue;
                }
                int wire = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
                if (tid == null) {
                    if (wire != 1) {
                        continue;
                    }
                    tid = sender;
                    to = tid;
                }
                if (wire != (int) (expected & 0xFFFF)) {
                    int ahead = (wire - (int) (expected & 0xFFFF)) & 0xFFFF;
                    if (ahead < 0x8000 && inWindow >= 0) {
                        // a gap: acknowledge the last block in order once, so the server goes on from there
                        last = ack((int) ((expected - 1) & 0xFFFF));
                        s.send(new DatagramPacket(last, last.length, to));
                        inWindow = -1;
                    }
                    continue;
                }
                misses = 0;
                int n = in.getLength() - 4;
                sha.update(buf, 4, n);
                bytes += n;
                expected++;
                inWindow = Math.max(inWindow, 0) + 1;
                boolean lastBlock = n < block;
                if (lastBlock || inWindow >= window) {
                    last = ack(wire);
                    s.send(new DatagramPacket(last, last.length, to));
                    inWindow = 0;
                }
                if (lastBlock) {
                    return new Download(bytes, HexFormat.of().formatHex(sha.digest()), "", System.nanoTime() - start);
                }
            }
            return new Download(bytes, "", "gave up after " + maxPackets + " packets", System.nanoTime() - start);
        }
    }

    /**
     * @param data bytes
     * @return their SHA-256 in hex
     */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * @param name       the file name
     * @param blockSize  blksize to ask for, 0 for no options
     * @param windowSize windowsize to ask for
     * @return an octet-mode RRQ
     */
    public static byte[] request(String name, int blockSize, int windowSize) {
        StringBuilder b = new StringBuilder().append("\0\1").append(name).append('\0').append("octet").append('\0');
        if (blockSize > 0) {
            b.append("blksize\0").append(blockSize).append('\0').append("windowsize\0").append(windowSize).append('\0');
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ack(int wireBlock) {
        return new byte[] {0, 4, (byte) (wireBlock >> 8), (byte) wireBlock};
    }

    /** @param millis how long to sleep; an interrupt ends the sleep and is kept */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
