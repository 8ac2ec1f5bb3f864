package org.ztp4j.core.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumSidecarTest {

    static final String MD5_ABC = "900150983cd24fb0d6963f7d28e17f72"; // RFC 1321 test suite: MD5("abc")

    @TempDir
    Path dir;

    @Test
    void writesMd5sumFormatBesideTheFile() throws Exception {
        Path f = dir.resolve("nxos.bin");
        Files.writeString(f, "abc");
        assertThat(ChecksumSidecar.write(f, ChecksumAlgorithm.MD5)).isEqualTo(MD5_ABC);
        assertThat(Files.readString(dir.resolve("nxos.bin.md5"))).isEqualTo(MD5_ABC + "  nxos.bin\n");
        ChecksumSidecar.write(f, ChecksumAlgorithm.SHA256);
        assertThat(Files.readString(dir.resolve("nxos.bin.sha256")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  nxos.bin\n");
    }

    @Test
    void readsEveryFormPoapAccepts() {
        assertThat(ChecksumSidecar.parse(MD5_ABC + "  nxos.bin\n")).contains(MD5_ABC);
        assertThat(ChecksumSidecar.parse(MD5_ABC.toUpperCase() + " *nxos.bin")).contains(MD5_ABC);
        assertThat(ChecksumSidecar.parse("md5sum=" + MD5_ABC + "\r\n")).contains(MD5_ABC);
        assertThat(ChecksumSidecar.parse("md5sum=\"" + MD5_ABC + "\"")).contains(MD5_ABC);
        assertThat(ChecksumSidecar.parse("nonsense\n")).isEmpty();
        assertThat(ChecksumSidecar.parse("abc123  file")).isEmpty();
    }

    @Test
    void parsesAlgorithmNames() {
        assertThat(ChecksumAlgorithm.parse("SHA-512")).isEqualTo(ChecksumAlgorithm.SHA512);
        assertThat(ChecksumAlgorithm.parse("md5")).isEqualTo(ChecksumAlgorithm.MD5);
        assertThatThrownBy(() -> ChecksumAlgorithm.parse("crc32")).hasMessage("checksum algorithm: 'crc32' is not md5, sha256 or sha512");
    }
}
