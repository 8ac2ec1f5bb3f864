package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * What {@code ztp serve --https-port} accepts, asked with the real {@code openssl s_client}: TLS 1.2
 * and 1.3 with AEAD suites; not TLS 1.1, not a CBC suite, and no renegotiation started by the client.
 */
class ServeTlsPolicyIT {

    @TempDir
    static Path dir;
    static ZtpJar server;
    static int https;
    static Path openssl;

    @BeforeAll
    static void start() throws Exception {
        openssl = ExternalTool.require("openssl", "openssl");
        int http = ZtpJar.freePort();
        https = ZtpJar.freePort();
        server = ZtpJar.serve(dir, InetAddress.getLoopbackAddress(), http, List.of("--tftp-port", String.valueOf(ZtpJar.freePort()),
                "--http-port", String.valueOf(http), "--https-port", String.valueOf(https), "--tls-dir", dir.resolve("tls").toString()));
        server.awaitTcp(https);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Connects, sends what {@code input} prints (a shell snippet), and returns all s_client said. */
    private static String sClient(String input, String... options) {
        String command = "(" + input + ") | " + openssl + " s_client -connect 127.0.0.1:" + https + " " + String.join(" ", options) + " 2>&1";
        return Processes.runAllowingFailure(dir, 30, "bash", "-c", command).output();
    }

    @Test
    void tls12WithAnAeadSuiteIsAccepted() {
        assertThat(sClient("echo Q", "-tls1_2", "-cipher", "'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256'"))
                .contains("Cipher is ECDHE-");
        assertThat(sClient("echo Q", "-tls1_3")).contains("New, TLSv1.3");
    }

    @Test
    void aCbcSuiteIsRefused() {
        assertThat(sClient("echo Q", "-tls1_2", "-cipher", "'ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA'"))
                .contains("alert handshake failure").contains("Cipher is (NONE)");
    }

    @Test
    void tls11IsRefusedEvenByAClientThatWouldTakeIt() {
        assertThat(sClient("echo Q", "-tls1_1", "-cipher", "'DEFAULT@SECLEVEL=0'"))
                .contains("alert protocol version").contains("Cipher is (NONE)");
    }

    @Test
    void aRenegotiationStartedByTheClientIsRefused() {
        String out = sClient("sleep 1; echo R; sleep 2", "-tls1_2");
        assertThat(out).contains("Cipher is ECDHE-").contains("RENEGOTIATING");
        assertThat(out.substring(out.indexOf("RENEGOTIATING"))).contains("alert handshake failure");
    }

    @Test
    void theGeneratedKeyIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls/ztp4j-key.pem"))))
                .isEqualTo("rw-------");
    }
}
