package org.ztp4j.tftp.internal;

import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.net.tftp.TFTPErrorPacket;

/**
 * Writes TFTP packets into byte buffers.
 *
 * <p>DATA and ACK headers are written by hand into a reused direct buffer: they are on the hot
 * path, and Commons Net's packet classes build a new {@code DatagramPacket} and byte array for each
 * packet. ERROR packets, rare, are encoded by Commons Net's {@link TFTPErrorPacket}. Commons Net has
 * no OACK packet, so that is written here too.
 */
public final class TftpCodec {

    /** Header bytes before the data of a DATA packet: opcode and block number. */
    public static final int DATA_HEADER = 4;

    private TftpCodec() {
    }

    /**
     * Writes a DATA header at the buffer's first four bytes without moving its position.
     *
     * @param buffer    the packet buffer
     * @param wireBlock the block number as sent (0..65535)
     */
    public static void putDataHeader(ByteBuffer buffer, int wireBlock) {
        buffer.putShort(0, (short) TftpOpcode.DATA);
        buffer.putShort(2, (short) wireBlock);
    }

    /**
     * Writes an ACK packet: the buffer is cleared and left flipped, ready to send.
     *
     * @param buffer    the packet buffer
     * @param wireBlock the block number as sent (0..65535)
     */
    public static void ack(ByteBuffer buffer, int wireBlock) {
        buffer.clear();
        buffer.putShort((short) TftpOpcode.ACK).putShort((short) wireBlock).flip();
    }

    /**
     * Writes an ERROR packet: the buffer is cleared and left flipped, ready to send.
     *
     * @param buffer  the packet buffer
     * @param code    the error code (0..8)
     * @param message the message, ASCII
     */
    public static void error(ByteBuffer buffer, int code, String message) {
        DatagramPacket d = new TFTPErrorPacket(null, 0, code, asciiOnly(message)).newDatagram();
        buffer.clear();
        buffer.put(d.getData(), d.getOffset(), Math.min(d.getLength(), buffer.capacity())).flip();
    }

    /**
     * Writes an OACK packet: {@code 00 06 (name 00 value 00)*} (RFC 2347); the buffer is cleared and
     * left flipped, ready to send.
     *
     * @param buffer  the packet buffer
     * @param options the acknowledged options, in order
     */
    public static void optionAck(ByteBuffer buffer, Map<String, String> options) {
        buffer.clear();
        buffer.putShort((short) TftpOpcode.OACK);
        for (Map.Entry<String, String> e : options.entrySet()) {
            buffer.put(e.getKey().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            buffer.put(e.getValue().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        buffer.flip();
    }

    private static String asciiOnly(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
