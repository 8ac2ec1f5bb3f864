package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** Real TFTP clients (tftp-hpa, atftp, curl, Commons Net) against the server, compared byte for byte. */
class TftpClientInteropIT {

    private static final long BIG = 33L * 1024 * 1024 + 100; // 67585 blocks at 512: the block number wraps
    private static final List<String> SMALL = List.of("empty.bin", "511.bin", "512.bin", "513.bin", "1m.bin");

    @TempDir
    static Path root;
    @TempDir
    static Path downloads;
    static TftpServer server;
    static RecordingListener events = new RecordingListener();

    @BeforeAll
    static void serve() throws IOException {
        TestFiles.random(root, "empty.bin", 0, 1);
        TestFiles.random(root, "511.bin", 511, 2);
        TestFiles.random(root, "512.bin", 512, 3);
        TestFiles.random(root, "513.bin", 513, 4);
        TestFiles.random(root, "1m.bin", 1 << 20, 5);
        TestFiles.random(root, "big.bin", BIG, 6);
        Files.writeString(root.resolve("config.txt"), "hostname leaf1\ninterface Ethernet1/1\n  description a\rb\nend\n");
        server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .listener(events)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String port() {
        return Integer.toString(server.port());
    }

    private static void assertSameBytes(Path got, String name) throws IOException {
        assertThat(got).exists();
        assertThat(Files.mismatch(got, root.resolve(name))).as("first differing byte of %s", name).isEqualTo(-1);
    }

    private static Path target(String client, String name) {
        return downloads.resolve(client + "-" + name.replace(' ', '_'));
    }

    @Test
    void tftpHpaFetchesFilesOfEveryEdgeSizeByteForByte() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        for (String name : SMALL) {
            Path dest = target("hpa", name);
            Processes.Result r = Processes.runAllowingFailure(downloads, 60, tftp, "-m", "binary", "127.0.0.1", port(),
                    "-c", "get", name, dest.toString());
            assertThat(r.output()).as("tftp output for %s", name).doesNotContain("Error");
            assertSameBytes(dest, name);
        }
    }

    @Test
    void tftpHpaFetchesAFileLargerThan32MiBAtBlksize512WithBlockRollover() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path dest = target("hpa", "big.bin");
        Processes.Result r = Processes.runAllowingFailure(downloads, 240, tftp, "-m", "binary", "127.0.0.1", port(),
                "-c", "get", "big.bin", dest.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(dest, "big.bin");
        events.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                e -> e.path().equals("big.bin") && e.client().getPort() != 0 && e.bytes() == BIG).orElseThrow();
        List<ProvisioningEvent.TransferProgress> progress = events.of(ProvisioningEvent.TransferProgress.class).stream()
                .filter(p -> p.path().equals("big.bin")).toList();
        assertThat(progress).isNotEmpty();
        assertThat(progress).allSatisfy(p -> assertThat(p.totalBytes()).isEqualTo(BIG));
        assertThat(progress.size()).isLessThanOrEqualTo(3 * 20); // every 5%, not per block (up to three big transfers)
    }

    @Test
    void tftpHpaFetchesTextInNetasciiModeAndGetsTheLocalTextBack() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path dest = target("hpa", "config.txt");
        Processes.Result r = Processes.runAllowingFailure(downloads, 60, tftp, "-m", "netascii", "127.0.0.1", port(),
                "-c", "get", "config.txt", dest.toString());
        assertThat(r.output()).doesNotContain("Error");
        assertSameBytes(dest, "config.txt");
    }

    @Test
    void atftpFetchesWithBlksizeWindowsizeAndTsizeOptions() throws Exception {
        String atftp = ExternalTool.require("atftp", "atftp").toString();
        List<List<String>> optionSets = List.of(
                List.of("blksize 1468"), List.of("windowsize 16"), List.of("tsize 0"),
                List.of("blksize 1468", "windowsize 16", "tsize 0"), List.of("blksize 8192", "windowsize 64"));
        for (List<String> options : optionSets) {
            for (String name : SMALL) {
                Path dest = target("atftp-" + String.join("-", options), name);
                List<String> cmd = new java.util.ArrayList<>(List.of(atftp, "--get", "-r", name, "-l", dest.toString()));
                for (String o : options) {
                    cmd.add("--option");
                    cmd.add(o);
                }
                cmd.add("127.0.0.1");
                cmd.add(port());
                Processes.Result r = Processes.runAllowingFailure(downloads, 60, cmd.toArray(String[]::new));
                assertThat(r.exitCode()).as("atftp %s %s: %s", options, name, r.output()).isZero();
                assertSameBytes(dest, name);
            }
        }
    }

    @Test
    void atftpFetchesAFileLargerThan32MiBInWindowsOf16AtBlksize512() throws Exception {
        String atftp = ExternalTool.require("atftp", "atftp").toString();
        Path dest = target("atftp-window", "big.bin");
        Processes.Result r = Processes.runAllowingFailure(downloads, 240, atftp, "--get", "-r", "big.bin", "-l", dest.toString(),
                "--option", "windowsize 16", "--option", "blksize 512", "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(dest, "big.bin");
    }

    @Test
    void curlFetchesEveryEdgeSizeWithTheBlksizeOption() throws Exception {
        String curl = ExternalTool.require("curl", "curl").toString();
        for (String blksize : List.of("512", "1468")) {
            // not empty.bin: curl 7.88 fails any empty TFTP download with "(71) getpeername() failed",
            // against tftpd-hpa as well (the empty file is covered by the other clients)
            for (String name : SMALL.subList(1, SMALL.size())) {
                Path dest = target("curl" + blksize, name);
                Processes.Result r = Processes.runAllowingFailure(downloads, 60, curl, "-s", "-S", "-o", dest.toString(),
                        "--tftp-blksize", blksize, "tftp://127.0.0.1:" + port() + "/" + name);
                assertThat(r.exitCode()).as("curl %s: %s", name, r.output()).isZero();
                assertSameBytes(dest, name);
            }
        }
    }

    @Test
    void curlFetchesAFileLargerThan32MiBAtBlksize512() throws Exception {
        String curl = ExternalTool.require("curl", "curl").toString();
        Path dest = target("curl", "big.bin");
        Processes.Result r = Processes.runAllowingFailure(downloads, 240, curl, "-s", "-S", "-o", dest.toString(), "--tftp-blksize", "512",
                "tftp://127.0.0.1:" + port() + "/big.bin");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(dest, "big.bin");
    }

    @Test
    void commonsNetClientFetchesEveryEdgeSizeInLockstep() throws Exception {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(Duration.ofSeconds(2));
        client.open();
        try {
            for (String name : SMALL) {
                Path dest = target("commons", name);
                try (OutputStream out = new FileOutputStream(dest.toFile())) {
                    client.receiveFile(name, TFTP.BINARY_MODE, out, InetAddress.getLoopbackAddress(), server.port());
                }
                assertSameBytes(dest, name);
            }
        } finally {
            client.close();
        }
    }

    @Test
    void aMissingFileIsErrorCode1ForRealClients() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Processes.Result r = Processes.runAllowingFailure(downloads, 60, tftp, "-m", "binary", "127.0.0.1", port(),
                "-c", "get", "no-such-file", target("hpa", "missing").toString());
        assertThat(r.output()).contains("Error code 1");
        assertThat(new String(Files.readAllBytes(root.resolve("config.txt")), StandardCharsets.US_ASCII)).startsWith("hostname");
    }
}
