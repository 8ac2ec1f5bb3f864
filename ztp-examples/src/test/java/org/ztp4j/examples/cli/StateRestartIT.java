package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * {@code ztp serve --state-dir} restarted: states, journal and timings are there after it, a transfer
 * the restart cut shows as interrupted, and {@code ztp devices} reads and changes it all, with the
 * exit codes the command line promises.
 */
class StateRestartIT {

    @TempDir
    Path dir;

    @Test
    void aRestartedServerShowsTheWholeHistoryAndTheCutTransferAsInterrupted() throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, "hostname,serial,platform,mgmt_address,mgmt_gateway\nleaf101,SAL1234ABCD,nxos,192.0.2.11/24,192.0.2.1\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] image = new byte[48 * 1024 * 1024]; // the HTTP server tells progress every 8 MiB
        new Random(16).nextBytes(image);
        Files.write(root.resolve("nxos64-cs.10.3.4a.M.bin"), image);
        Path state = dir.resolve("state");
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        String server = "http://127.0.0.1:" + http;
        List<String> serve = List.of("serve", "--inventory", inv.toString(), "--root", root.toString(), "--state-dir", state.toString(),
                "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http),
                "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8", "--var", "domain_name=example.net");

        String before;
        try (ZtpJar first = ZtpJar.start(dir, serve.toArray(String[]::new))) {
            first.awaitTcp(http);
            first.await(Duration.ofSeconds(30), () -> first.out().contains("ztp4j is serving"), "the summary");
            assertThat(first.out()).contains("  State  state directory " + state.toAbsolutePath());
            Processes.run(dir, curl.toString(), "-sS", "-o", "poap.py", "tftp://127.0.0.1:" + tftp + "/poap.py");
            Processes.run(dir, curl.toString(), "-sS", "-o", "conf", "tftp://127.0.0.1:" + tftp + "/conf.SAL1234ABCD");
            // The switch fetches its image slowly: the restart comes in the middle of it.
            Process download = new ProcessBuilder(curl.toString(), "-s", "--limit-rate", "2M", "-o", dir.resolve("image").toString(),
                    server + "/nxos64-cs.10.3.4a.M.bin").start();
            try {
                first.await(Duration.ofSeconds(20), () -> ServeCommandIT.curl(server + "/api/devices/SAL1234ABCD")
                        .contains("\"state\":\"IMAGE_TRANSFERRING\""), "the image transfer to be under way");
                before = ZtpJar.run(dir, "devices", "events", "SAL1234ABCD", "--server", server);
                assertThat(first.terminate()).isIn(0, 143);
            } finally {
                download.destroy();
            }
        }
        assertThat(before.lines()).allMatch(l -> l.startsWith("{\"id\":"));

        try (ZtpJar second = ZtpJar.start(dir, serve.toArray(String[]::new))) {
            second.awaitTcp(http);
            String list = ZtpJar.run(dir, "devices", "list", "--server", server);
            assertThat(list).contains("SAL1234ABCD").contains("leaf101").contains("INTERRUPTED");

            String show = ZtpJar.run(dir, "devices", "show", "SAL1234ABCD", "--server", server);
            assertThat(show).contains("state                    INTERRUPTED")
                    .contains("lastError                nxos64-cs.10.3.4a.M.bin: interrupted, the server stopped during the transfer")
                    .containsPattern("configServedAfterMillis  \\d+")
                    .contains("transfer of nxos64-cs.10.3.4a.M.bin interrupted: the server stopped");

            String after = ZtpJar.run(dir, "devices", "events", "SAL1234ABCD", "--server", server);
            assertThat(after).startsWith(before);
            assertThat(after).contains("\"kind\":\"SERVED\",\"path\":\"poap.py\",\"protocol\":\"TFTP\"")
                    .contains("\"kind\":\"SERVED\",\"path\":\"conf.SAL1234ABCD\",\"protocol\":\"TFTP\"")
                    .contains("\"kind\":\"TRANSFER_STARTED\",\"path\":\"nxos64-cs.10.3.4a.M.bin\",\"protocol\":\"HTTP\"");
            assertThat(after.lines().reduce((a, b) -> b).orElseThrow())
                    .contains("\"kind\":\"INTERRUPTED\",\"path\":\"nxos64-cs.10.3.4a.M.bin\"").contains("\"actor\":\"server\"");
            assertThat(after).doesNotContain("Kv6-Rq3m-Wx8");

            // A second server on the same state directory is refused, naming it.
            Processes.Result clash = ZtpJar.ztp(dir, "serve", "--inventory", inv.toString(), "--state-dir", state.toString(),
                    "--tftp-port", String.valueOf(ZtpJar.freePort()), "--http-port", String.valueOf(ZtpJar.freePort()),
                    "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8", "--var", "domain_name=example.net");
            assertThat(clash.exitCode()).isEqualTo(2);
            assertThat(clash.stderr()).contains("ztp serve: state directory " + state.toAbsolutePath() + ": in use by another server");

            // Operations, and the exit codes of ztp devices.
            assertThat(ZtpJar.run(dir, "devices", "retry", "SAL1234ABCD", "--server", server))
                    .isEqualTo("SAL1234ABCD: retry done, now WAITING\n");
            Processes.Result again = ZtpJar.ztp(dir, "devices", "retry", "SAL1234ABCD", "--server", server);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).isEqualTo("ztp devices retry: device SAL1234ABCD is WAITING, not FAILED or INTERRUPTED: "
                    + "nothing to retry (HTTP 409)\n");
            assertThat(ZtpJar.run(dir, "devices", "decommission", "SAL1234ABCD", "--server", server))
                    .isEqualTo("SAL1234ABCD: decommission done, now DECOMMISSIONED\n");
            assertThat(ZtpJar.run(dir, "devices", "reset", "SAL1234ABCD", "--server", server))
                    .isEqualTo("SAL1234ABCD: reset done, now WAITING\n");
            String journal = ZtpJar.run(dir, "devices", "events", "SAL1234ABCD", "--server", server);
            assertThat(journal.lines().skip(after.lines().count()).toList()).satisfiesExactly(
                    l -> assertThat(l).contains("\"kind\":\"RETRY\"").contains("\"actor\":\"api from 127.0.0.1\""),
                    l -> assertThat(l).contains("\"kind\":\"DECOMMISSIONED\""),
                    l -> assertThat(l).contains("\"kind\":\"RESET\""));
            assertThat(ZtpJar.run(dir, "devices", "show", "SAL1234ABCD", "--server", server))
                    .contains("configServedAfterMillis  -").contains("lastError                -");

            Processes.Result unknown = ZtpJar.ztp(dir, "devices", "reset", "NOSUCH1", "--server", server);
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.stderr()).isEqualTo("ztp devices reset: no device NOSUCH1 (HTTP 404)\n");
            int closed = ZtpJar.freePort();
            Processes.Result down = ZtpJar.ztp(dir, "devices", "list", "--server", "http://127.0.0.1:" + closed);
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.stderr()).startsWith("ztp devices list: http://127.0.0.1:" + closed + ": cannot connect");
            Processes.Result usage = ZtpJar.ztp(dir, "devices", "show", "SAL1234ABCD");
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.stderr()).contains("--server");
            assertThat(second.terminate()).isIn(0, 143);
        }
        assertThat(Path.of("ztp4j-state")).as("nothing in the working directory").doesNotExist();
    }
}
