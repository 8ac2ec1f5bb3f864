package org.ztp4j.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small TFTP client written from the RFCs for tests, independent of the server's code: read
 * requests with options, lockstep or RFC 7440 windows, block rollover, short timeouts; a dally after
 * the last block so the server sees the final ACK even on a lossy path; and raw packets for probing.
 */
final class TestTftpClient implements AutoCloseable {

    /** What a read request ended with. */
    record Result(byte[] data, Map<String, String> optionAck, int errorCode, String errorMessage, int serverPort) {

        boolean ok() {
            return errorCode < 0;
        }
    }

    private final DatagramSocket socket;
    private final int timeoutMillis;
    private final int retries;
    private final byte[] receive = new byte[65536];

    TestTftpClient(int timeoutMillis, int retries) throws IOException {
        this(timeoutMillis, retries, InetAddress.getLoopbackAddress());
    }

    /** A client at an address of its own on the loopback network (127.0.0.9, ...). */
    TestTftpClient(int timeoutMillis, int retries, InetAddress address) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
        this.socket.setReceiveBufferSize(4 << 20);
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Builds a request: opcode, name, 0, mode, 0, then name 0 value 0 for each option. */
    static byte[] request(int opcode, String name, String mode, Map<String, String> options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(opcode);
        b.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes(mode.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        options.forEach((k, v) -> {
            b.writeBytes(k.getBytes(StandardCharsets.US_ASCII));
            b.write(0);
            b.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            b.write(0);
        });
        return b.toByteArray();
    }

    static byte[] ack(int block) {
        return new byte[] {0, 4, (byte) (block >> 8), (byte) block};
    }

    void send(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /** @return the next datagram, or null on timeout */
    DatagramPacket receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        DatagramPacket p = new DatagramPacket(receive, receive.length);
        try {
            socket.receive(p);
            return p;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    Result get(InetSocketAddress server, String name, Map<String, String> options) throws IOException {
        return get(server, name, "octet", options);
    }

    Result get(InetSocketAddress server, String name, String mode, Map<String, String> options) throws IOException {
        byte[] rrq = request(1, name, mode, options);
        send(rrq, server);
        InetSocketAddress tid = null;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<String, String> oack = Map.of();
        int blockSize = 512;
        int window = 1;
        long expected = 1;
        int inWindow = 0;
        int tries = 0;
        byte[] lastAck = null;
        long giveUp = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < giveUp) {
            DatagramPacket p = receive(timeoutMillis);
            if (p == null) {
                if (++tries > retries) {
                    return new Result(data.toByteArray(), oack, 0, "client timed out", -1);
                }
                if (tid == null) {
                    send(rrq, server);
                } else {
                    send(lastAck, tid);
                }
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            if (tid == null) {
                tid = from;
            } else if (!tid.equals(from)) {
                send(new byte[] {0, 5, 0, 5, 'u', 'n', 'k', 'n', 'o', 'w', 'n', 0}, from);
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            int opcode = b.getShort() & 0xFFFF;
            if (opcode == 5) {
                int code = b.getShort() & 0xFFFF;
                String message = new String(p.getData(), 4, Math.max(0, p.getLength() - 5), StandardCharsets.ISO_8859_1);
                return new Result(data.toByteArray(), oack, code, message, tid.getPort());
            }
            if (opcode == 6 && expected == 1) {
                oack = parseOptions(p.getData(), 2, p.getLength());
                blockSize = Integer.parseInt(oack.getOrDefault("blksize", "512"));
                window = Integer.parseInt(oack.getOrDefault("windowsize", "1"));
                lastAck = ack(0);
                send(lastAck, tid);
                tries = 0;
                continue;
            }
            if (opcode != 3) {
                continue;
            }
            int wire = b.getShort() & 0xFFFF;
            long block = expected + (short) (wire - (int) (expected & 0xFFFF)); // nearest to expected
            int length = p.getLength() - 4;
            if (block == expected) {
                data.write(p.getData(), 4, length);
                expected++;
                inWindow++;
                tries = 0;
                if (length < blockSize) {
                    lastAck = ack((int) (block & 0xFFFF));
                    send(lastAck, tid);
                    dally(tid, lastAck, block);
                    return new Result(data.toByteArray(), oack, -1, null, tid.getPort());
                }
                if (inWindow >= window) {
                    inWindow = 0;
                    lastAck = ack((int) (block & 0xFFFF));
                    send(lastAck, tid);
                }
            } else if (block == expected - 1 || block > expected) {
                // our ACK was lost, or a gap (RFC 7440): acknowledge the last block taken in order
                inWindow = 0;
                lastAck = ack((int) ((expected - 1) & 0xFFFF));
                send(lastAck, tid);
            }
        }
        return new Result(data.toByteArray(), oack, 0, "client gave up", -1);
    }

    /** Answers repeats of the last block for a while, as RFC 1350 section 6 suggests. */
    private void dally(InetSocketAddress tid, byte[] lastAck, long lastBlock) throws IOException {
        long end = System.nanoTime() + 3L * timeoutMillis * 1_000_000L;
        while (System.nanoTime() < end) {
            DatagramPacket p = receive(timeoutMillis);
            if (p != null && p.getSocketAddress().equals(tid) && p.getLength() >= 4 && p.getData()[1] == 3) {
                send(lastAck, tid);
            }
        }
    }

    static Map<String, String> parseOptions(byte[] d, int from, int to) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = from;
        while (i < to) {
            int a = i;
            while (i < to && d[i] != 0) {
                i++;
            }
            String k = new String(d, a, i - a, StandardCharsets.US_ASCII);
            int v = ++i;
            while (i < to && d[i] != 0) {
                i++;
            }
            m.put(k, new String(d, v, Math.max(0, i - v), StandardCharsets.US_ASCII));
            i++;
        }
        return m;
    }

    @Override
    public void close() {
        socket.close();
    }
}
