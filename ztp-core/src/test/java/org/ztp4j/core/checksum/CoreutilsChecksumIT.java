package org.ztp4j.core.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** Our checksums against md5sum, sha256sum and sha512sum run on the same files. */
class CoreutilsChecksumIT {

    @TempDir
    static Path dir;
    static Path big;

    @BeforeAll
    static void makeFiles() throws Exception {
        Files.writeString(dir.resolve("crlf.py"), "#!/bin/env python\r\nprint('x')\r\n");
        Files.writeString(dir.resolve("no-final-newline.cfg"), "hostname sw1\nend");
        Files.writeString(dir.resolve("utf8.cfg"), "banner motd ^Grüße, 日本 ✓^\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("empty"), new byte[0]);
        big = dir.resolve("big.bin");
        Random r = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 100; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
            out.write(chunk, 0, 12345); // not a multiple of any buffer size
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void matchesCoreutilsByteForByteOnEveryFile(ChecksumAlgorithm algorithm) throws Exception {
        String tool = algorithm.id() + "sum";
        ExternalTool.require(tool, "coreutils");
        for (String name : new String[] {"crlf.py", "no-final-newline.cfg", "utf8.cfg", "empty", "big.bin"}) {
            Path f = dir.resolve(name);
            String expected = Processes.run(dir, tool, name).stdout();
            assertThat(Checksums.hex(f, algorithm) + "  " + name + "\n").as(name).isEqualTo(expected);
            try (var in = Files.newInputStream(f)) {
                assertThat(Checksums.hex(in, algorithm)).as(name).isEqualTo(expected.substring(0, algorithm.hexLength()));
            }
        }
    }

    @Test
    void sidecarIsWhatMd5sumCheckAccepts() throws Exception {
        ExternalTool.require("md5sum", "coreutils");
        ChecksumSidecar.write(big, ChecksumAlgorithm.MD5);
        assertThat(Processes.run(dir, "md5sum", "-c", "big.bin.md5").stdout()).isEqualTo("big.bin: OK\n");
    }

    @Test
    void streamAndArrayDigestsAgree() throws Exception {
        byte[] data = Files.readAllBytes(dir.resolve("utf8.cfg"));
        assertThat(Checksums.hex(new ByteArrayInputStream(data), ChecksumAlgorithm.SHA512))
                .isEqualTo(Checksums.hex(data, ChecksumAlgorithm.SHA512));
    }
}
