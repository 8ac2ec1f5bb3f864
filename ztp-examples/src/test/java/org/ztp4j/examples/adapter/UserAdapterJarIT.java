package org.ztp4j.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The {@code ztp} command takes a platform of the user's own from a jar beside it on the class path,
 * as docs/writing-an-adapter.md says: a jar holding only the {@code META-INF/services} line that
 * names the OS10 example (whose classes ship in ztp.jar, unregistered) makes {@code ztp platforms}
 * list it and {@code ztp dhcp --platform os10} write its offer, which dnsmasq accepts.
 */
class UserAdapterJarIT {

    @TempDir
    Path dir;

    private Processes.Result ztp(Path adapters, String... args) {
        String[] cmd = new String[args.length + 4];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "-cp";
        cmd[2] = ZtpJar.JAR + java.io.File.pathSeparator + adapters;
        cmd[3] = "org.ztp4j.examples.cli.ZtpCommand";
        System.arraycopy(args, 0, cmd, 4, args.length);
        return Processes.runAllowingFailure(dir, 60, cmd);
    }

    @Test
    void aJarOfTheUsersAdaptersBesideZtpJarAddsItsPlatformToEveryCommand() throws Exception {
        Path jar = dir.resolve("my-adapters.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + PlatformAdapter.class.getName()));
            out.write((Os10ZtdAdapter.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(ZtpJar.run(dir, "platforms")).as("ztp.jar alone").doesNotContain("os10");

        Processes.Result platforms = ztp(jar, "platforms");
        assertThat(platforms.exitCode()).as(platforms.stderr()).isZero();
        assertThat(platforms.stdout()).startsWith("11 platform adapters installed")
                .contains("\nos10  Dell SmartFabric OS10 ZTD (example)  (" + Os10ZtdAdapter.class.getName() + ")\n")
                .contains("    os10.vendor-class ");

        Processes.Result dhcp = ztp(jar, "dhcp", "--format", "dnsmasq", "--platform", "os10", "--tftp-server", "192.0.2.1",
                "--http-base", "http://192.0.2.1:8080", "--set", "os10.vendor-class=Dell");
        assertThat(dhcp.exitCode()).as(dhcp.stderr()).isZero();
        assertThat(dhcp.stdout()).contains("240,\"http://192.0.2.1:8080/os10/ztd.sh\"");
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, dhcp.stdout());
        Processes.Result check = Processes.runAllowingFailure(dir, 30, ExternalTool.require("dnsmasq", "dnsmasq").toString(),
                "--test", "--conf-file=" + conf);
        assertThat(check.exitCode()).as(check.stderr() + "\n" + dhcp.stdout()).isZero();

        Processes.Result misspelt = ztp(jar, "dhcp", "--format", "isc", "--platform", "os10", "--tftp-server", "192.0.2.1",
                "--http-base", "http://192.0.2.1:8080", "--set", "os10.vendor-clas=Dell");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.stderr()).isEqualTo("ztp dhcp: --set: unknown setting os10.vendor-clas (did you mean os10.vendor-class?)\n");
    }
}
