package org.ztp4j.tftp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes TFTP packets into byte buffers.
 *
 * <p>Every packet is written in place into a reused buffer, with no object made per packet. The
 * tests check the bytes against Apache Commons Net's encoder, an independent implementation.
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
        // RFC 1350: 2 bytes opcode 5, 2 bytes error code, the message, a zero byte.
        byte[] text = asciiOnly(message).getBytes(StandardCharsets.US_ASCII);
        buffer.clear();
        buffer.putShort((short) TftpOpcode.ERROR).putShort((short) code);
        buffer.put(text, 0, Math.min(text.length, buffer.remaining() - 1)).put((byte) 0).flip();
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
