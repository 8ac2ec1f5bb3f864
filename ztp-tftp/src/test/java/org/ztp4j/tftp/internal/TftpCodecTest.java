package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.junit.jupiter.api.Test;

class TftpCodecTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] hex(String s) {
        s = s.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void optionAckMatchesTheRfc2347ExampleLayout() {
        // RFC 2347 section "Example": | 6 | blksize | 0 | 1432 | 0 |
        ByteBuffer b = ByteBuffer.allocate(512);
        TftpCodec.optionAck(b, Map.of("blksize", "1432"));
        assertThat(bytes(b)).containsExactly(hex("0006 626c6b73697a65 00 31343332 00"));
    }

    @Test
    void optionAckKeepsTheOptionsInOrder() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tsize", "0");
        options.put("windowsize", "16");
        ByteBuffer b = ByteBuffer.allocate(512);
        TftpCodec.optionAck(b, options);
        assertThat(bytes(b)).containsExactly(hex("0006 7473697a65 00 30 00 77696e646f7773697a65 00 3136 00"));
    }

    @Test
    void dataHeaderIsOpcode3AndTheBlockNumberBigEndian() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.position(4);
        b.put(new byte[] {'a', 'b', 'c'});
        TftpCodec.putDataHeader(b, 0x1234);
        b.flip();
        assertThat(bytes(b)).containsExactly(hex("0003 1234 616263"));
        TFTPDataPacket parsed = (TFTPDataPacket) TFTPPacket.newTFTPPacket(datagram(bytes(b)));
        assertThat(parsed.getBlockNumber()).isEqualTo(0x1234);
        assertThat(parsed.getDataLength()).isEqualTo(3);
    }

    @Test
    void dataHeaderOfBlock65535AndOfTheWrappedBlock0() {
        ByteBuffer b = ByteBuffer.allocate(4);
        TftpCodec.putDataHeader(b, BlockNumbers.wire(65535));
        assertThat(b.array()).containsExactly(hex("0003 ffff"));
        TftpCodec.putDataHeader(b, BlockNumbers.wire(65536));
        assertThat(b.array()).containsExactly(hex("0003 0000"));
    }

    @Test
    void ackIsFourBytes() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16);
        TftpCodec.ack(b, 258);
        assertThat(bytes(b)).containsExactly(hex("0004 0102"));
        assertThat(((TFTPAckPacket) TFTPPacket.newTFTPPacket(datagram(bytes(b)))).getBlockNumber()).isEqualTo(258);
    }

    @Test
    void errorCarriesCodeAndZeroTerminatedMessage() {
        ByteBuffer b = ByteBuffer.allocate(64);
        TftpCodec.error(b, 5, "Unknown transfer ID");
        assertThat(bytes(b)).containsExactly(hex("0005 0005 556e6b6e6f776e207472616e73666572204944 00"));
    }

    @Test
    void errorMessagesLoseControlCharacters() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64);
        TftpCodec.error(b, 2, "a\nb\u00e9");
        TFTPErrorPacket parsed = (TFTPErrorPacket) TFTPPacket.newTFTPPacket(datagram(bytes(b)));
        assertThat(parsed.getError()).isEqualTo(2);
        assertThat(parsed.getMessage()).isEqualTo("a?b?");
    }

    private static DatagramPacket datagram(byte[] b) {
        return new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), 69);
    }
}
