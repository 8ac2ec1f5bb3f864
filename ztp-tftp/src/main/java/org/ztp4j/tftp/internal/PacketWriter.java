package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.LogText;

/**
 * How one {@link TransferLoop}'s transfers put packets on the wire: each transfer's own socket
 * (its TID, RFC 1350 section 4), and the packet buffers, reused and owned by the loop's selector
 * thread, that DATA, ACK, OACK and ERROR packets are written into.
 */
final class PacketWriter {

    private static final Logger log = LoggerFactory.getLogger(TransferLoop.class);

    private final ByteBuffer dataBuffer = ByteBuffer.allocateDirect(TftpCodec.DATA_HEADER + TransferOptions.MAX_BLOCK_SIZE);
    private final ByteBuffer controlBuffer = ByteBuffer.allocateDirect(2048);
    private final ProtocolFamily family;
    private final InetAddress bindAddress;

    PacketWriter(ProtocolFamily family, InetAddress bindAddress) {
        this.family = family;
        this.bindAddress = bindAddress;
    }

    /**
     * Opens a transfer's own socket on the server's address and a new port (its TID).
     *
     * @param burst the bytes one window puts on the wire, to size the socket buffer
     * @param receiving true when the transfer receives data (a write request)
     */
    DatagramChannel openTransferChannel(int burst, boolean receiving) throws IOException {
        DatagramChannel c = DatagramChannel.open(family);
        try {
            int buffer = Math.max(64 << 10, Math.min(4 << 20, burst * 2));
            c.setOption(receiving ? StandardSocketOptions.SO_RCVBUF : StandardSocketOptions.SO_SNDBUF, buffer);
            c.bind(new InetSocketAddress(bindAddress, 0));
            c.configureBlocking(false);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** @return the buffer DATA packets are built in (owned by the selector thread) */
    ByteBuffer dataBuffer() {
        return dataBuffer;
    }

    /**
     * Sends a DATA packet built in {@link #dataBuffer()}.
     *
     * @return false when the socket buffer is full: the transfer is called again once it drains
     */
    boolean sendData(Transfer t, ByteBuffer packet) throws IOException {
        if (t.channel.send(packet, t.client) > 0) {
            return true;
        }
        t.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return false;
    }

    void sendAck(Transfer t, int wireBlock) throws IOException {
        TftpCodec.ack(controlBuffer, wireBlock);
        t.channel.send(controlBuffer, t.client);
    }

    void sendOptionAck(Transfer t) throws IOException {
        TftpCodec.optionAck(controlBuffer, t.options.acknowledged());
        log.debug("OACK {} to {}", t.options.acknowledged(), t.client);
        t.channel.send(controlBuffer, t.client);
    }

    void sendError(Transfer t, int code, String message) throws IOException {
        if (t.channel != null && t.channel.isOpen()) {
            sendError(t.channel, t.client, code, message);
        }
    }

    void sendError(DatagramChannel from, SocketAddress to, int code, String message) throws IOException {
        TftpCodec.error(controlBuffer, code, message);
        from.send(controlBuffer, to);
    }

    static String describeError(ByteBuffer p) {
        int code = p.remaining() >= 4 ? p.getShort(p.position() + 2) & 0xFFFF : -1;
        int start = p.position() + 4;
        int end = start;
        while (end < p.limit() && p.get(end) != 0 && end - start < 200) {
            end++;
        }
        byte[] text = new byte[Math.max(0, end - start)];
        p.get(start, text);
        return "ERROR " + code + " '" + LogText.of(new String(text, StandardCharsets.ISO_8859_1), 64) + "'";
    }

    void debugPacket(Transfer t, String format, Object arg) {
        if (log.isDebugEnabled()) {
            log.debug(t.client + " " + t.describe() + ": " + format, arg);
        }
    }
}
