package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TftpRequestTest {

    private static TftpRequest parse(String wire) throws MalformedPacketException {
        return TftpRequest.parse(ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1)), 1024);
    }

    @Test
    void parsesTheRfc2347ExampleRequest() throws Exception {
        // RFC 2347: | 1 | foobar | 0 | octet | 0 | blksize | 0 | 1432 | 0 |
        TftpRequest r = parse("\0\1foobar\0octet\0blksize\0001432\0");
        assertThat(r.write()).isFalse();
        assertThat(r.filename()).isEqualTo("foobar");
        assertThat(r.mode()).isEqualTo(TransferMode.OCTET);
        assertThat(r.options()).containsExactly(org.assertj.core.api.Assertions.entry("blksize", "1432"));
    }

    @Test
    void readsModeAndOptionNamesInAnyCase() throws Exception {
        TftpRequest r = parse("\0\2conf.txt\0NetASCII\0TSIZE\0" + "42\0WindowSize\0" + "8\0");
        assertThat(r.write()).isTrue();
        assertThat(r.mode()).isEqualTo(TransferMode.NETASCII);
        assertThat(r.options()).containsEntry("tsize", "42").containsEntry("windowsize", "8");
    }

    @Test
    void toleratesZeroPaddingAndAnOptionWithoutValue() throws Exception {
        assertThat(parse("\0\1boot\0octet\0blksize\0001468\0\0\0\0\0").options()).containsOnlyKeys("blksize");
        assertThat(parse("\0\1boot\0octet\0tsize\0" + "0\0blksize").options()).containsOnlyKeys("tsize");
    }

    @Test
    void keepsTheFirstOfARepeatedOption() throws Exception {
        assertThat(parse("\0\1a\0octet\0blksize\0" + "1024\0blksize\0" + "8\0").options()).containsEntry("blksize", "1024");
    }

    @Test
    void decodesUtf8Names() throws Exception {
        byte[] name = "caf\u00e9.cfg".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(64).put(new byte[] {0, 1}).put(name).put((byte) 0)
                .put("octet".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).flip();
        assertThat(TftpRequest.parse(b, 1024).filename()).isEqualTo("caf\u00e9.cfg");
    }

    @Test
    void refusesAnUnknownModeWithIllegalOperation() {
        assertThatThrownBy(() -> parse("\0\1a\0mail\0"))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.errorCode()).isEqualTo(4))
                .hasMessageContaining("unknown transfer mode 'mail'");
    }

    @Test
    void refusesTruncatedRequests() {
        assertThatThrownBy(() -> parse("\0\1")).hasMessageContaining("shorter than 4 bytes");
        assertThatThrownBy(() -> parse("\0\1file")).hasMessageContaining("file name not terminated");
        assertThatThrownBy(() -> parse("\0\1file\0octet")).hasMessageContaining("mode not terminated");
        assertThatThrownBy(() -> parse("\0\3file\0octet\0")).hasMessageContaining("opcode 3 is not a request");
    }

    @Test
    void refusesLongNamesAndNamesThatAreNotUtf8WithAccessViolation() {
        assertThatThrownBy(() -> parse("\0\1" + "a".repeat(1025) + "\0octet\0"))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.errorCode()).isEqualTo(2))
                .hasMessageContaining("longer than 1024 bytes");
        assertThatThrownBy(() -> parse("\0\1a\u00ff\0octet\0"))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.errorCode()).isEqualTo(2))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> parse("\0\1\0octet\0"))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.errorCode()).isEqualTo(2));
    }
}
