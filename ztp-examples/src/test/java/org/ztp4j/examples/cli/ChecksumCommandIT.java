package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

class ChecksumCommandIT {

    @TempDir
    Path dir;

    @Test
    void printsExactlyWhatCoreutilsPrint() throws Exception {
        Files.writeString(dir.resolve("a.cfg"), "hostname sw1\r\nend");
        Files.write(dir.resolve("empty"), new byte[0]);
        for (String algorithm : new String[] {"md5", "sha256", "sha512"}) {
            ExternalTool.require(algorithm + "sum", "coreutils");
            String expected = Processes.run(dir, algorithm + "sum", "a.cfg", "empty").stdout();
            Path cwd = Path.of("").toAbsolutePath();
            Cli r = Cli.run("checksum", "--algorithm", algorithm, dir.resolve("a.cfg").toString(), dir.resolve("empty").toString());
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEqualTo(expected.replace("  a.cfg", "  " + dir.resolve("a.cfg")).replace("  empty", "  " + dir.resolve("empty")));
            assertThat(cwd).isNotNull();
        }
    }

    @Test
    void sidecarsAreWrittenInThePoapFormatAndCheckWithMd5sum() throws Exception {
        ExternalTool.require("md5sum", "coreutils");
        Files.writeString(dir.resolve("nxos.bin"), "IMAGE");
        Cli r = Cli.run("checksum", "--sidecar", dir.resolve("nxos.bin").toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(dir.resolve("nxos.bin.md5"))).matches("[0-9a-f]{32}  nxos\\.bin\n");
        assertThat(Processes.run(dir, "md5sum", "-c", "nxos.bin.md5").stdout()).isEqualTo("nxos.bin: OK\n");
        Cli sha = Cli.run("checksum", "--algorithm", "sha512", "--sidecar", dir.resolve("nxos.bin").toString());
        assertThat(sha.code()).isZero();
        assertThat(Files.exists(dir.resolve("nxos.bin.sha512"))).isTrue();
    }

    @Test
    void anUnknownAlgorithmIsExitTwoNamingIt() {
        Cli r = Cli.run("checksum", "--algorithm", "crc32", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ztp checksum: --algorithm: 'crc32' is not md5, sha256 or sha512\n");
    }
}
