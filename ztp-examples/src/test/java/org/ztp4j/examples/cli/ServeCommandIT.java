package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.ztp4j.examples.testing.ZtpJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** {@code ztp serve} as a process: serving, reloading, keeping the last good data, stopping on SIGTERM. */
class ServeCommandIT {

    @TempDir
    Path dir;

    static final String INVENTORY = "hostname,serial,platform,mgmt_address,mgmt_gateway\nleaf1,SAL1,nxos,10.0.0.11/24,10.0.0.1\n";

    @Test
    void servesReloadsKeepsTheLastGoodDataAndStopsOnSigterm() throws Exception {
        ExternalTool.require("curl", "curl");
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, INVENTORY);
        Path templates = Files.createDirectories(dir.resolve("templates/nxos"));
        Files.writeString(templates.resolve("day0.cfg"), "hostname {{hostname}}\n! v1 {{mgmt_address}}\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("image.bin"), "IMAGE");
        Files.writeString(dir.resolve("outside.txt"), "SECRET");
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        try (ZtpJar server = ZtpJar.start(dir, "serve", "--inventory", inv.toString(), "--templates",
                dir.resolve("templates").toString(), "--root", root.toString(), "--tftp-port", String.valueOf(tftp),
                "--http-port", String.valueOf(http), "--state-dir", dir.resolve("state").toString(), "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8")) {
            server.awaitTcp(http);
            String base = "http://127.0.0.1:" + http;
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/conf.SAL1")).as(server.err()).isEqualTo("hostname leaf1\n! v1 10.0.0.11\n");
            assertThat(curl(base + "/image.bin")).isEqualTo("IMAGE");
            assertThat(curlStatus("--path-as-is", base + "/../outside.txt")).isIn("400", "404");
            assertThat(server.out()).contains("ztp4j is serving 1 devices").contains("TFTP   127.0.0.1:" + tftp);

            // A new device appears without a restart.
            write(inv, INVENTORY + "leaf2,SAL2,nxos,10.0.0.12/24,10.0.0.1\n", 2);
            server.await(Duration.ofSeconds(15), () -> curl("tftp://127.0.0.1:" + tftp + "/conf.SAL2").startsWith("hostname leaf2"), "leaf2");

            // An invalid inventory is refused and the last good one kept.
            write(inv, INVENTORY + "leaf2,SAL2\nleaf2,SAL3\n", 4);
            server.await(Duration.ofSeconds(15), () -> errContains(server, "not reloaded, still serving the last good one"), "the warning");
            assertThat(server.err()).contains("devices.csv:3: has 2 fields, the header has 5");
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/conf.SAL2")).startsWith("hostname leaf2");

            // An edited template is picked up; a broken one is refused and the last good one kept.
            write(templates.resolve("day0.cfg"), "hostname {{hostname}}\n! v2\n", 6);
            server.await(Duration.ofSeconds(15), () -> curl("tftp://127.0.0.1:" + tftp + "/conf.SAL1").contains("! v2"), "template v2");
            write(templates.resolve("day0.cfg"), "hostname {{hostname}\n! v3 broken\n", 8);
            server.await(Duration.ofSeconds(15), () -> errContains(server, "templates in"), "the template warning");
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/conf.SAL1")).contains("! v2");

            assertThat(server.terminate()).isIn(0, 143);
            assertThat(server.err()).contains("ztp4j stopped").doesNotContain("Kv6-Rq3m-Wx8");
        }
    }

    @Test
    void warnsAtStartAndOnReloadAboutDevicesItWillNotServeAsTheInventoryMayMean() throws Exception {
        Path inv = dir.resolve("devices.csv");
        String header = "hostname,serial,platform,mgmt_address,mgmt_gateway\n";
        write(inv, header + "branch-rtr1,FTX1,ios,10.0.0.21/24,10.0.0.1\nbranch-rtr2,FTX2,ios,10.0.0.22/24,10.0.0.1\n", 0);
        int http = ZtpJar.freePort();
        try (ZtpJar server = ZtpJar.start(dir, "serve", "--inventory", inv.toString(), "--tftp-port", String.valueOf(ZtpJar.freePort()),
                "--http-port", String.valueOf(http), "--state-dir", dir.resolve("state").toString(), "--var", "admin_user=admin", "--var", "admin_password=Pa55-w0rd!",
                "--var", "domain_name=example.net")) {
            server.await(Duration.ofSeconds(30), () -> server.out().contains("ztp4j is serving"), "the summary");
            assertThat(server.out()).contains("  warning: devices branch-rtr1, branch-rtr2 (ios): all would ask for branch-r.cfg");
            assertThat(server.err()).contains("inventory: devices branch-rtr1, branch-rtr2 (ios)");

            write(inv, header + "branch-rtr1,FTX1,ios,10.0.0.21/24,10.0.0.1\nstray,SAL3,,10.0.0.23/24,10.0.0.1\n", 2);
            server.await(Duration.ofSeconds(15), () -> errContains(server, "device stray: no platform, so no adapter serves it"),
                    "the reload's warning");
        }
    }

    @Test
    void badArgumentsAreExitTwoWithOneLine() throws Exception {
        Processes.Result r = ZtpJar.ztp(dir, "serve", "--inventory", "missing.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("ztp serve: missing.csv: no such file\n");
        Processes.Result any = ZtpJar.ztp(dir, "serve", "--bind", "0.0.0.0");
        assertThat(any.exitCode()).isEqualTo(2);
        assertThat(any.stderr()).contains("--advertise");
        Processes.Result lease = ZtpJar.ztp(dir, "serve", "--day0-access", "lease");
        assertThat(lease.exitCode()).isEqualTo(2);
        assertThat(lease.stderr()).endsWith("\nztp serve: --day0-access lease needs --leases FILE, the DHCP server's lease file\n");
        Processes.Result typo = ZtpJar.ztp(dir, "serve", "--day0-access", "mac");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).contains("'mac'").contains("any, lease or token");
    }

    @Test
    void tokenModeServesEachDeviceUnderTheTokenZtpDhcpPutInItsReservation() throws Exception {
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, "hostname,serial,mac,platform,mgmt_address,mgmt_gateway\n"
                + "leaf1,SAL1,00:00:5e:00:53:11,nxos,10.0.0.11/24,10.0.0.1\n");
        Path state = dir.resolve("state");
        // The reservations first, as an operator would: the key is made in the state directory and serve reads it.
        Cli dhcp = Cli.run("dhcp", "--format", "isc", "--platform", "nxos", "--tftp-server", "127.0.0.1",
                "--inventory", inv.toString(), "--day0-access", "token", "--state-dir", state.toString());
        assertThat(dhcp.code()).as(dhcp.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("option bootfile-name \"(t/[a-z2-7]{26}/)poap.py\";")
                .matcher(dhcp.out());
        assertThat(m.find()).as(dhcp.out()).isTrue();
        String own = m.group(1);
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        try (ZtpJar server = ZtpJar.start(dir, "serve", "--inventory", inv.toString(), "--day0-access", "token",
                "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http), "--state-dir", state.toString(),
                "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8")) {
            server.awaitTcp(http);
            server.await(Duration.ofSeconds(30), () -> server.out().contains("ztp4j is serving"), "the summary");
            assertThat(server.out()).contains("Day-0  access token");
            assertThat(curlStatus("http://127.0.0.1:" + http + "/conf.SAL1")).isEqualTo("404");
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/conf.SAL1")).isEmpty();
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/" + own + "conf.SAL1")).contains("hostname leaf1");
            assertThat(curl("tftp://127.0.0.1:" + tftp + "/" + own + "poap.py")).contains("ACCESS = \"" + own + "\"");
            server.await(Duration.ofSeconds(15), () -> server.err().contains("refused conf.SAL1 of leaf1 to 127.0.0.1: no token"),
                    "the refusal in the log");
            assertThat(server.err()).as("a token is a secret").doesNotContain(own.substring(2, 28)).contains("t/<token>/conf.SAL1");
            assertThat(curl("http://127.0.0.1:" + http + "/api/devices/SAL1/events")).contains("\"path\":\"conf.SAL1\"")
                    .doesNotContain(own.substring(2, 28));
        }
    }

    @Test
    void anyModeBoundBeyondLoopbackWarnsAtStart() throws Exception {
        int http = ZtpJar.freePort();
        try (ZtpJar server = ZtpJar.start(dir, "serve", "--bind", "0.0.0.0", "--advertise", "127.0.0.1",
                "--tftp-port", String.valueOf(ZtpJar.freePort()), "--http-port", String.valueOf(http),
                "--state-dir", dir.resolve("state").toString())) {
            server.await(Duration.ofSeconds(30), () -> server.out().contains("ztp4j is serving"), "the summary");
            assertThat(server.err()).contains("--day0-access any on 0.0.0.0: any host that reaches this server can fetch every "
                    + "device's day-0");
            assertThat(server.out()).contains("Day-0  access any");
        }
    }

    private static boolean errContains(ZtpJar s, String text) {
        return s.err().contains(text);
    }

    /** Writes a file and moves its time forward, so a change within one clock tick is still seen. */
    private static void write(Path f, String content, int seconds) throws Exception {
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    static String curl(String url) {
        return Processes.runAllowingFailure(Path.of("."), 30, "curl", "-s", url).stdout();
    }

    static String curlStatus(String... args) {
        String[] cmd = new String[args.length + 5];
        cmd[0] = "curl";
        cmd[1] = "-s";
        cmd[2] = "-o/dev/null";
        cmd[3] = "-w";
        cmd[4] = "%{http_code}";
        System.arraycopy(args, 0, cmd, 5, args.length);
        return Processes.runAllowingFailure(Path.of("."), 30, cmd).stdout();
    }

    @Test
    void withoutAnInventoryServeServesNoDeviceNotTheDemos(@TempDir Path dir) throws Exception {
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        try (ZtpJar server = ZtpJar.start(dir, "serve", "--tftp-port", String.valueOf(tftp),
                "--http-port", String.valueOf(http), "--state-dir", dir.resolve("state").toString())) {
            server.awaitTcp(http);
            server.await(Duration.ofSeconds(30), () -> server.out().contains("ztp4j is serving"), "the summary");
            assertThat(server.out()).contains("ztp4j is serving 0 devices");
            assertThat(server.err()).contains("no --inventory given, so no device is served");
            assertThat(curl("http://127.0.0.1:" + http + "/api/devices")).startsWith("{\"devices\":[]");
            // The demo's NX-OS switch gets nothing from serve.
            assertThat(curlStatus("http://127.0.0.1:" + http + "/conf.SAL1234ABCD")).isEqualTo("404");
        }
    }
}
