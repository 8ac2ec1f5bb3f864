package org.ztp4j.tftp.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A TFTP read client written from the RFCs for the benchmarks: RFC 1350 octet reads, RFC 2347
 * option negotiation, RFC 2348 blksize, RFC 2349 tsize and RFC 7440 windowsize, block numbers
 * rolling over past 65535. It keeps only a count and a CRC-32 of what it receives, so a thousand of
 * them fetching 32 MiB each cost no memory.
 *
 * <p>TFTP ties a reply to a request only by the port it arrives on, so the first reply of a read
 * must come from the server's address, be an OACK, an ERROR or DATA block 1, and not come from a
 * transfer this socket already finished. That is not enough when one socket makes several reads:
 * a resent request that the server only gets to after the read finished starts a second transfer
 * of the old file, whose OACK the next read takes for its own. {@code FleetBench} therefore gives
 * every read its own socket, as RFC 1350 asks (a new TID per transfer).
 */
public final class BenchTftpClient implements AutoCloseable {

    /**
     * What a read ended with.
     *
     * @param bytes     bytes received
     * @param crc32     CRC-32 of them
     * @param errorCode the server's ERROR code, -1 when the read succeeded, -2 when it timed out
     * @param message   the server's error message or what went wrong, empty on success
     * @param oack      the option acknowledgement as text, empty when the server sent none
     */
    public record Result(long bytes, long crc32, int errorCode, String message, String oack) {

        /** @return true when the whole file arrived */
        public boolean ok() {
            return errorCode == -1;
        }
    }

    private final DatagramSocket socket;
    private final int timeoutMillis;
    private final int retries;
    private final byte[] buffer = new byte[65536];
    /** TIDs of transfers this socket already finished: their late retransmissions are not a new reply. */
    private final java.util.Set<InetSocketAddress> finished = new java.util.HashSet<>();

    /**
     * @param timeoutMillis how long to wait for a packet before resending
     * @param retries       resends before giving up
     * @throws IOException when no UDP socket can be opened on the loopback address
     */
    public BenchTftpClient(int timeoutMillis, int retries) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setReceiveBufferSize(1 << 20);
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
    }

    /**
     * Reads a file.
     *
     * @param server     the server's request address
     * @param name       the file name
     * @param blockSize  the blksize to ask for, or 0 to send no options
     * @param windowSize the windowsize to ask for (1 for lockstep)
     * @return the outcome
     * @throws IOException when the socket fails
     */
    public Result read(InetSocketAddress server, String name, int blockSize, int windowSize) throws IOException {
        byte[] request = request(name, blockSize, windowSize);
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(timeoutMillis);
        socket.send(new DatagramPacket(request, request.length, server));
        byte[] last = request;
        InetSocketAddress lastTo = server;
        InetSocketAddress tid = null;
        int block = 512;
        int window = 1;
        long expected = 1;
        int inWindow = 0;
        int misses = 0;
        boolean gapAcked = false;
        long bytes = 0;
        String oack = "";
        CRC32 crc = new CRC32();
        while (true) {
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                if (++misses > retries) {
                    return new Result(bytes, crc.getValue(), -2, "timed out after " + retries + " resends at block " + expected, oack);
                }
                socket.send(new DatagramPacket(last, last.length, lastTo));
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
            if (tid != null && !from.equals(tid)) {
                continue; // RFC 1350: a packet from another TID is not ours
            }
            if (tid == null && (!from.getAddress().equals(server.getAddress()) || finished.contains(from))) {
                continue; // not the server, or a late packet of an earlier transfer on this socket
            }
            int len = in.getLength();
            if (len < 4) {
                continue;
            }
            int opcode = ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF);
            if (opcode == 5) {
                int code = ((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF);
                int end = 4;
                while (end < len && buffer[end] != 0) {
                    end++;
                }
                return new Result(bytes, crc.getValue(), code, new String(buffer, 4, end - 4, StandardCharsets.US_ASCII), oack);
            }
            if (opcode == 6 && tid == null) {
                tid = from;
                oack = new String(buffer, 2, len - 2, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
                String[] parts = oack.split(" ");
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    if (parts[i].equalsIgnoreCase("blksize")) {
                        block = Integer.parseInt(parts[i + 1]);
                    } else if (parts[i].equalsIgnoreCase("windowsize")) {
                        window = Integer.parseInt(parts[i + 1]);
                    }
                }
                misses = 0;
                last = ack(0);
                lastTo = tid;
                socket.send(new DatagramPacket(last, last.length, tid));
                continue;
            }
            if (opcode != 3) {
                continue;
            }
            int wire = ((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF);
            if (tid == null) {
                if (wire != 1) {
                    continue; // a transfer starts with block 1 (or an OACK); this belongs to another
                }
                tid = from; // no OACK: the server ignored our options
            }
            int ahead = (wire - (int) (expected & 0xFFFF)) & 0xFFFF;
            if (ahead != 0) {
                if (ahead < 0x8000 && !gapAcked) {
                    // RFC 7440: a gap; acknowledge the last block in order so the server resends from there
                    last = ack((int) ((expected - 1) & 0xFFFF));
                    lastTo = tid;
                    socket.send(new DatagramPacket(last, last.length, tid));
                    gapAcked = true;
                    inWindow = 0;
                }
                continue; // a duplicate, or a block past a gap
            }
            misses = 0;
            gapAcked = false;
            int data = len - 4;
            crc.update(buffer, 4, data);
            bytes += data;
            expected++;
            inWindow++;
            boolean lastBlock = data < block;
            if (lastBlock || inWindow >= window) {
                last = ack(wire);
                lastTo = tid;
                socket.send(new DatagramPacket(last, last.length, tid));
                inWindow = 0;
            }
            if (lastBlock) {
                finished.add(tid);
                return new Result(bytes, crc.getValue(), -1, "", oack);
            }
        }
    }

    /**
     * Sends any bytes to an address, for probing a server with malformed packets.
     *
     * @param packet the datagram's payload
     * @param to     where to send it
     * @throws IOException when sending fails
     */
    public void sendRaw(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /**
     * @param name       the file name
     * @param blockSize  blksize to ask for, or 0 for none
     * @param windowSize windowsize to ask for
     * @return an RRQ in octet mode
     */
    public static byte[] request(String name, int blockSize, int windowSize) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(1);
        b.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        if (blockSize > 0) {
            option(b, "blksize", Integer.toString(blockSize));
            option(b, "windowsize", Integer.toString(windowSize));
            option(b, "tsize", "0");
        }
        return b.toByteArray();
    }

    private static void option(ByteArrayOutputStream b, String name, String value) {
        b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
    }

    private static byte[] ack(int wireBlock) {
        return new byte[] {0, 4, (byte) (wireBlock >> 8), (byte) wireBlock};
    }

    @Override
    public void close() {
        socket.close();
    }
}
