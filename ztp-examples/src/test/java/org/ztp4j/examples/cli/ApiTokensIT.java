package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * {@code ztp serve --api-token-file} and the operator token {@code ztp serve} generates when bound
 * to an address other than loopback without one, as curl and {@code ztp devices --token-file} see
 * them through the real jar; no token ever reaches the output.
 */
class ApiTokensIT {

    static final String VIEWER = "q3F0x8pVh1wK2Zr7mN5bT4yL6cJ9sD0e";
    static final String OPERATOR = "Hk7Wm2Qx9Lr4Tz6Vb1Np8Sd3Fg5Jc0Ya";
    static final String INVENTORY = "hostname,serial,platform,mgmt_address,mgmt_gateway\nleaf1,SAL1,nxos,10.0.0.11/24,10.0.0.1\n";

    @TempDir
    Path dir;

    @Test
    void aTokenFileGivesViewersReadsAndOperatorsActionsAndZtpDevicesSendsTheToken() throws Exception {
        ExternalTool.require("curl", "curl");
        Path inv = Files.writeString(dir.resolve("devices.csv"), INVENTORY);
        Path tokens = Files.writeString(dir.resolve("api-tokens"), "# ops\nviewer " + VIEWER + "\n\noperator " + OPERATOR + "\n");
        Path viewerOnly = Files.writeString(dir.resolve("viewer-token"), VIEWER + "\n");
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        String server = "http://127.0.0.1:" + http;
        try (ZtpJar serve = ZtpJar.start(dir, "serve", "--inventory", inv.toString(), "--tftp-port", String.valueOf(tftp),
                "--http-port", String.valueOf(http), "--state-dir", dir.resolve("state").toString(), "--api-token-file", tokens.toString(),
                "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8")) {
            serve.awaitTcp(http);
            serve.await(Duration.ofSeconds(30), () -> serve.out().contains("ztp4j is serving"), "the summary");
            assertThat(serve.out()).contains("  API    Authorization: Bearer <token>, 2 tokens from " + tokens.toAbsolutePath());

            assertThat(status(server + "/api/devices")).isEqualTo("401");
            assertThat(status("-H", "Authorization: Bearer " + VIEWER, server + "/api/devices")).isEqualTo("200");
            // devices fetch their files without a token
            assertThat(ServeCommandIT.curl("tftp://127.0.0.1:" + tftp + "/conf.SAL1")).contains("hostname leaf1\n");

            Processes.Result noToken = ZtpJar.ztp(dir, "devices", "list", "--server", server);
            assertThat(noToken.exitCode()).isEqualTo(1);
            assertThat(noToken.stderr()).contains("refused: this API needs a token").contains("(HTTP 401); give --token-file");
            assertThat(ZtpJar.run(dir, "devices", "list", "--server", server, "--token-file", viewerOnly.toString()))
                    .contains("SAL1").contains("leaf1");
            Processes.Result viewerResets = ZtpJar.ztp(dir, "devices", "reset", "SAL1", "--server", server,
                    "--token-file", viewerOnly.toString());
            assertThat(viewerResets.exitCode()).isEqualTo(1);
            assertThat(viewerResets.stderr()).contains("refused: this needs the operator role; the token has the viewer role (HTTP 403)");
            Path operatorLine = Files.writeString(dir.resolve("operator-token"), "operator " + OPERATOR + "\n");
            assertThat(ZtpJar.run(dir, "devices", "reset", "SAL1", "--server", server, "--token-file", operatorLine.toString()))
                    .isEqualTo("SAL1: reset done, now WAITING\n");

            assertThat(serve.terminate()).isIn(0, 143);
            assertThat(serve.output()).doesNotContain(VIEWER).doesNotContain(OPERATOR);
        }
    }

    @Test
    void aBadTokenFileStopsTheStartNamingFileAndLineButNotTheToken() throws Exception {
        Path tokens = Files.writeString(dir.resolve("api-tokens"), "viewer " + VIEWER + "\n" + OPERATOR + " operator\n");
        Processes.Result r = ZtpJar.ztp(dir, "serve", "--tftp-port", String.valueOf(ZtpJar.freePort()), "--http-port",
                String.valueOf(ZtpJar.freePort()), "--state-dir", dir.resolve("state").toString(), "--api-token-file", tokens.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains(tokens + ":2: the role (first field) must be viewer or operator")
                .doesNotContain(OPERATOR).doesNotContain(VIEWER);

        Processes.Result store = ZtpJar.ztp(dir, "serve", "--bind", "192.0.2.200", "--store", "jdbc:postgresql://127.0.0.1:1/ztp");
        assertThat(store.exitCode()).isEqualTo(2);
        assertThat(store.stderr()).contains("--store with --bind 192.0.2.200: give --api-token-file FILE");
    }

    @Test
    void boundToAnotherAddressServeGeneratesAnOperatorTokenOnceAndKeepsIt() throws Exception {
        ExternalTool.require("curl", "curl");
        InetAddress address = nonLoopbackAddress();
        String host = address.getHostAddress();
        Path inv = Files.writeString(dir.resolve("devices.csv"), INVENTORY);
        Path state = dir.resolve("state");
        Path generated = state.resolve("api-tokens");
        int tftp = ZtpJar.freeUdpPort(address);
        int http = ZtpJar.freeTcpPort(address);
        String server = "http://" + host + ":" + http;
        List<String> args = List.of("--inventory", inv.toString(), "--bind", host, "--tftp-port", String.valueOf(tftp),
                "--http-port", String.valueOf(http), "--state-dir", state.toString(), "--var", "admin_user=admin",
                "--var", "admin_password=Kv6-Rq3m-Wx8");
        String token;
        String first;
        try (ZtpJar serve = ZtpJar.serve(dir, address, http, args)) {
            serve.await(Duration.ofSeconds(30), () -> serve.out().contains("ztp4j is serving"), "the summary");
            assertThat(serve.out()).contains("  API    Authorization: Bearer <token>, an operator token generated into "
                    + generated.toAbsolutePath() + " (mode 0600; ztp devices --token-file " + generated.toAbsolutePath() + ")");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated))).isEqualTo("rw-------");
            first = Files.readString(generated);
            token = first.lines().filter(l -> l.startsWith("operator ")).findFirst().orElseThrow().substring("operator ".length());

            assertThat(status(server + "/api/devices")).isEqualTo("401");
            assertThat(status("-H", "Authorization: Bearer " + token, server + "/api/devices")).isEqualTo("200");
            assertThat(status("-H", "Authorization: Bearer " + token, "-H", "Host: rebind.evil.example", server + "/api/devices"))
                    .isEqualTo("421");
            assertThat(status("-X", "POST", "-H", "Authorization: Bearer " + token, "-H", "Origin: http://evil.example",
                    server + "/api/devices/SAL1/reset")).isEqualTo("403");
            assertThat(status("-X", "POST", "-H", "Authorization: Bearer " + token, server + "/api/devices/SAL1/reset")).isEqualTo("200");
            assertThat(ServeCommandIT.curl("tftp://" + host + ":" + tftp + "/conf.SAL1")).contains("hostname leaf1\n");
            assertThat(ZtpJar.run(dir, "devices", "show", "SAL1", "--server", server, "--token-file", generated.toString()))
                    .contains("hostname                 leaf1").contains("reset by api from " + host);
            assertThat(serve.terminate()).isIn(0, 143);
            assertThat(serve.output()).doesNotContain(token);
        }

        try (ZtpJar again = ZtpJar.serve(dir, address, http, args)) {
            again.await(Duration.ofSeconds(30), () -> again.out().contains("ztp4j is serving"), "the summary");
            assertThat(again.out()).contains("  API    Authorization: Bearer <token>, 1 token from " + generated.toAbsolutePath());
            assertThat(Files.readString(generated)).as("the same token after a restart").isEqualTo(first);
            assertThat(status("-H", "Authorization: Bearer " + token, server + "/api/devices")).isEqualTo("200");
            assertThat(again.terminate()).isIn(0, 143);
            assertThat(again.output()).doesNotContain(token);
        }
    }

    /** An IPv4 address of this machine other than loopback (the tests' own network always has one). */
    static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        throw new AssertionError("this machine has no IPv4 address other than loopback to bind to");
    }

    static String status(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"));
        cmd.addAll(List.of(args));
        return Processes.runAllowingFailure(Path.of("."), 30, cmd.toArray(String[]::new)).stdout();
    }
}
