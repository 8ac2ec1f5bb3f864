package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetasciiTest {

    private static byte[] encode(byte[] local) throws IOException {
        try (InputStream in = new NetasciiInputStream(new ByteArrayInputStream(local))) {
            return in.readAllBytes();
        }
    }

    private static byte[] decode(byte[] wire) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (NetasciiOutputStream out = new NetasciiOutputStream(sink)) {
            out.write(wire, 0, wire.length);
        }
        return sink.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsLineFeedsAsCarriageReturnLineFeed() throws IOException {
        assertThat(encode(ascii("hostname leaf1\nend\n"))).containsExactly(ascii("hostname leaf1\r\nend\r\n"));
    }

    @Test
    void sendsABareCarriageReturnAsCarriageReturnNul() throws IOException {
        assertThat(encode(ascii("a\rb"))).containsExactly(ascii("a\r\0b"));
        assertThat(encode(ascii("a\r\n"))).containsExactly(ascii("a\r\0\r\n"));
        assertThat(encode(ascii("\r"))).containsExactly(ascii("\r\0"));
    }

    @Test
    void convertsAcrossTheStreamsInternalChunksAndTinyReads() throws IOException {
        byte[] local = new byte[8191 + 3];
        java.util.Arrays.fill(local, (byte) 'x');
        local[8191] = '\n';
        local[8192] = '\r';
        byte[] wire = encode(local);
        assertThat(wire).hasSize(local.length + 2);
        assertThat(java.util.Arrays.copyOfRange(wire, 8191, 8196)).containsExactly(ascii("\r\n\r\0x"));
        try (InputStream in = new NetasciiInputStream(new ByteArrayInputStream(ascii("\n\n")))) {
            byte[] one = new byte[1];
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (in.read(one, 0, 1) == 1) {
                got.write(one[0]);
            }
            assertThat(got.toByteArray()).containsExactly(ascii("\r\n\r\n"));
        }
    }

    @Test
    void receivingUndoesTheConversion() throws IOException {
        assertThat(decode(ascii("a\r\nb\r\0c"))).containsExactly(ascii("a\nb\rc"));
        assertThat(decode(ascii("trailing\r"))).containsExactly(ascii("trailing\r"));
        assertThat(decode(ascii("odd\rx"))).containsExactly(ascii("odd\rx"));
    }

    @Test
    void aRoundTripGivesTheOriginalBytesBack() throws IOException {
        byte[] any = new byte[100_000];
        new Random(7).nextBytes(any);
        assertThat(decode(encode(any))).isEqualTo(any);
    }
}
