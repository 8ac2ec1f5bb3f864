package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Processes;

/** The built jar, run as users and scripts run it: {@code java -jar ztp-examples/target/ztp.jar ...}. */
class ZtpJarIT {

    static final Path JAR = Path.of("target/ztp.jar").toAbsolutePath();

    @TempDir
    Path dir;

    static Processes.Result ztp(Path dir, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 3];
        cmd[0] = java;
        cmd[1] = "-jar";
        cmd[2] = JAR.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return Processes.runAllowingFailure(dir, 60, cmd);
    }

    @Test
    void theJarRunsPoapMd5WithTheSpecifiedExitCodes() throws Exception {
        assertThat(JAR).exists();
        Files.writeString(dir.resolve("poap.py"), "#!/bin/env python\nprint(1)\n");
        Processes.Result stamp = ztp(dir, "poap-md5", "poap.py");
        assertThat(stamp.exitCode()).isZero();
        assertThat(stamp.stdout()).matches("[0-9a-f]{32}  poap\\.py\n");
        assertThat(ztp(dir, "poap-md5", "--check", "poap.py").stdout()).isEqualTo("poap.py: OK\n");
        Files.writeString(dir.resolve("poap.py"), Files.readString(dir.resolve("poap.py")) + "print(2)\n");
        Processes.Result check = ztp(dir, "poap-md5", "--check", "poap.py");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stdout()).startsWith("poap.py: MISMATCH (embedded ");
        Processes.Result missing = ztp(dir, "poap-md5", "nope.py");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("ztp poap-md5: nope.py: no such file\n");
    }

    @Test
    void helpListsTheCommands() {
        Processes.Result help = ztp(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("poap-md5").contains("checksum");
    }
}
