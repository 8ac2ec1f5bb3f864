package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The journal records the SHA-256 of what each completed transfer sent: a file and a rendered
 * configuration fetched with tftp-hpa, the same over plain HTTP with curl (the file by
 * {@code sendfile}, so its digest is the file version's), and none for a range, which is not the
 * whole file. {@code ztp devices events} shows them as the API gives them.
 */
class JournalDigestIT {

    @TempDir
    Path dir;

    @Test
    void everyWholeTransferIsJournalledWithTheDigestOfItsBytesAndARangeWithNone() throws Exception {
        Path tftp = ExternalTool.require("tftp", "tftp-hpa");
        Path curl = ExternalTool.require("curl", "curl");
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, "hostname,serial,platform,mgmt_address,mgmt_gateway\nleaf101,SAL1234ABCD,nxos,192.0.2.11/24,192.0.2.1\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] image = new byte[600 * 1024 + 77]; // not a whole number of TFTP blocks
        new Random(16).nextBytes(image);
        Files.write(root.resolve("image.bin"), image);
        String imageSha = sha256(image);
        int tftpPort = ZtpJar.freeUdpPort(java.net.InetAddress.getLoopbackAddress());
        int http = ZtpJar.freePort();
        String server = "http://127.0.0.1:" + http;
        try (ZtpJar ztp = ZtpJar.start(dir, "serve", "--inventory", inv.toString(), "--root", root.toString(),
                "--state-dir", dir.resolve("state").toString(),
                "--tftp-port", String.valueOf(tftpPort), "--http-port", String.valueOf(http),
                "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8", "--var", "domain_name=example.net")) {
            ztp.awaitTcp(http);
            Processes.run(dir, tftp.toString(), "127.0.0.1", String.valueOf(tftpPort), "-m", "binary",
                    "-c", "get", "conf.SAL1234ABCD", dir.resolve("conf-tftp").toString());
            Processes.run(dir, tftp.toString(), "127.0.0.1", String.valueOf(tftpPort), "-m", "binary",
                    "-c", "get", "image.bin", dir.resolve("image-tftp").toString());
            Processes.run(dir, curl.toString(), "-sS", "-o", dir.resolve("conf-http").toString(), server + "/conf.SAL1234ABCD");
            Processes.run(dir, curl.toString(), "-sS", "-o", dir.resolve("image-http").toString(), server + "/image.bin");
            Processes.run(dir, curl.toString(), "-sS", "-r", "0-99", "-o", dir.resolve("image-range").toString(), server + "/image.bin");
            assertThat(Files.readAllBytes(dir.resolve("image-tftp"))).isEqualTo(image);
            assertThat(Files.readAllBytes(dir.resolve("image-http"))).isEqualTo(image);
            assertThat(Files.size(dir.resolve("image-range"))).isEqualTo(100);
            String confSha = sha256(Files.readAllBytes(dir.resolve("conf-tftp")));
            assertThat(sha256(Files.readAllBytes(dir.resolve("conf-http")))).isEqualTo(confSha);

            // The device named itself (conf.SAL1234ABCD): what its address fetched is filed under its serial.
            ztp.await(Duration.ofSeconds(20), () -> served(ZtpJar.run(dir, "devices", "events", "SAL1234ABCD", "--server", server))
                    .size() == 5, "the five transfers in the journal");
            String whole = "\"digest\":\"sha256:";
            assertThat(served(ZtpJar.run(dir, "devices", "events", "SAL1234ABCD", "--server", server))).satisfiesExactly(
                    l -> assertThat(l).contains("\"path\":\"conf.SAL1234ABCD\",\"protocol\":\"TFTP\"").contains(whole + confSha + "\""),
                    l -> assertThat(l).contains("\"path\":\"image.bin\",\"protocol\":\"TFTP\"")
                            .contains("\"bytes\":" + image.length + "," + whole + imageSha + "\""),
                    l -> assertThat(l).contains("\"path\":\"conf.SAL1234ABCD\",\"protocol\":\"HTTP\"").contains(whole + confSha + "\""),
                    l -> assertThat(l).contains("\"path\":\"image.bin\",\"protocol\":\"HTTP\"")
                            .contains("\"bytes\":" + image.length + "," + whole + imageSha + "\""),
                    l -> assertThat(l).contains("\"path\":\"image.bin\",\"protocol\":\"HTTP\"").contains("\"bytes\":100,\"digest\":null"));
            assertThat(ztp.terminate()).isIn(0, 143);
        }
    }

    private static List<String> served(String events) {
        return events.lines().filter(l -> l.contains("\"kind\":\"SERVED\"")).toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
