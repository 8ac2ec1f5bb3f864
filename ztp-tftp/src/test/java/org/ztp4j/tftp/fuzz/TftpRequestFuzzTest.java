package org.ztp4j.tftp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.fuzz.Fuzzer;
import org.ztp4j.tftp.internal.MalformedPacketException;
import org.ztp4j.tftp.internal.TftpRequest;
import org.ztp4j.tftp.internal.TransferOptions;

class TftpRequestFuzzTest {

    static final String[] TFTP_TOKENS = {"\u0000", "octet", "netascii", "mail", "OCTET", "blksize", "windowsize",
        "tsize", "timeout", "0", "8", "7", "1468", "65464", "65465", "65535", "65536", "999999999999999999",
        "9999999999999999999", "-1", "+5", " 512", "\u0000\u0001", "\u0000\u0002", "\u0000\u0004\u0000\u0000"};

    @Test
    void requestsParseOrFailWithMalformedPacketAndNegotiateWithinTheLimits() {
        int maxName = 1024;
        long ran = Fuzzer.target("tftp-request")
                .allow(MalformedPacketException.class)
                .dictionary(TFTP_TOKENS)
                .maxLength(2048)
                .run(input -> {
                    // at an offset inside a larger buffer, as the server's receive buffer holds it
                    ByteBuffer buffer = ByteBuffer.allocate(input.length + 7);
                    buffer.position(7);
                    buffer.put(input).flip().position(7);
                    TftpRequest r = TftpRequest.parse(buffer, maxName);
                    assertThat(r.filename()).isNotEmpty();
                    assertThat(r.filename().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxName);
                    assertThat(r.options().size()).isLessThanOrEqualTo(16);
                    assertThat(r.options().keySet()).allSatisfy(k -> assertThat(k).isLowerCase());
                    TransferOptions o = TransferOptions.negotiate(r.options(), r.write(), 1_000_000, 65464, 64);
                    assertThat(o.blockSize()).isBetween(8, 65464);
                    assertThat(o.windowSize()).isBetween(1, 64);
                    assertThat(o.timeoutSeconds()).isBetween(0, 255);
                });
        assertThat(ran).isGreaterThan(1000);
    }
}
