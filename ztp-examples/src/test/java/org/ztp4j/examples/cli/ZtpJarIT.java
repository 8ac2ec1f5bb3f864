package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ztp4j.examples.testing.ZtpJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Processes;

/** The built jar, run as users and scripts run it: {@code java -jar ztp-examples/target/ztp.jar ...}. */
class ZtpJarIT {

    @TempDir
    Path dir;

    @Test
    void theJarRunsPoapMd5WithTheSpecifiedExitCodes() throws Exception {
        assertThat(ZtpJar.JAR).exists();
        Files.writeString(dir.resolve("poap.py"), "#!/bin/env python\nprint(1)\n");
        Processes.Result stamp = ZtpJar.ztp(dir, "poap-md5", "poap.py");
        assertThat(stamp.exitCode()).isZero();
        assertThat(stamp.stdout()).matches("[0-9a-f]{32}  poap\\.py\n");
        assertThat(ZtpJar.ztp(dir, "poap-md5", "--check", "poap.py").stdout()).isEqualTo("poap.py: OK\n");
        Files.writeString(dir.resolve("poap.py"), Files.readString(dir.resolve("poap.py")) + "print(2)\n");
        Processes.Result check = ZtpJar.ztp(dir, "poap-md5", "--check", "poap.py");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stdout()).startsWith("poap.py: MISMATCH (embedded ");
        Processes.Result missing = ZtpJar.ztp(dir, "poap-md5", "nope.py");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("ztp poap-md5: nope.py: no such file\n");
    }

    @Test
    void helpListsTheCommands() {
        Processes.Result help = ZtpJar.ztp(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("poap-md5").contains("checksum");
    }
}
