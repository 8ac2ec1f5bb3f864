package org.ztp4j.tftp;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** What the server must never do: serve outside its root, accept writes it was not asked to, or fall over. */
class TftpSecurityIT {

    @TempDir
    Path base;
    Path root;
    TftpServer server;
    InetSocketAddress address;

    @BeforeEach
    void serve() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/ok.txt"), "inside");
        Files.writeString(base.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("link.txt"), base.resolve("secret.txt"));
        TestFiles.random(root, "image.bin", 300_000, 9);
        server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .timeout(Duration.ofMillis(200))
                .build()
                .start();
        address = server.localAddress();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends a raw request and returns the first reply: error code for an ERROR, or -1 for anything else. */
    private int firstReply(byte[] request) throws IOException {
        try (TestTftpClient client = new TestTftpClient(1000, 3)) {
            client.send(request, address);
            DatagramPacket p = client.receive(5000);
            assertThat(p).as("a reply").isNotNull();
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            return b.getShort(0) == 5 ? b.getShort(2) & 0xFFFF : -1;
        }
    }

    @Test
    void traversalSpellingsGetAccessViolation() throws Exception {
        List<String> names = List.of("../secret.txt", "/../secret.txt", "a/../../secret.txt", "a/../ok.txt",
                "..\\secret.txt", "a\\..\\..\\secret.txt", "//etc/passwd", "/etc/passwd/../../secret.txt", "link.txt",
                "a/./ok.txt", "a//ok.txt", "C:secret.txt", "a/\u0001", "x".repeat(1025), "y/".repeat(600) + "z");
        for (String name : names) {
            assertThat(firstReply(TestTftpClient.request(1, name, "octet", Map.of())))
                    .as("error code for '%s'", name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    .isEqualTo(2);
        }
        assertThat(firstReply(TestTftpClient.request(1, "a/ok.txt", "octet", Map.of()))).as("a good path").isEqualTo(-1);
    }

    @Test
    void aNulInsideTheNameEndsTheNameAndWhatFollowsIsRefused() throws Exception {
        // On the wire a NUL ends the file name: "a/ok.txt\0../../secret.txt" is the name "a/ok.txt" with
        // the mode "../../secret.txt", refused as an unknown mode (ERROR 4); a name that is only the
        // part before the NUL and climbs out is refused as access violation.
        byte[] hidden = "\0\1a/ok.txt\0../../secret.txt\0octet\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(firstReply(hidden)).isEqualTo(4);
        byte[] climbing = "\0\1..\0/secret.txt\0octet\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(firstReply(climbing)).isIn(2, 4);
        byte[] dotdot = "\0\1../secret.txt\0octet\0\0/x\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(firstReply(dotdot)).isEqualTo(2);
    }

    @Test
    void tftpHpaGetsAccessViolationForATraversalAndNoFile() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path dest = base.resolve("stolen.txt");
        Processes.Result r = Processes.runAllowingFailure(base, 60, tftp, "-m", "binary", "127.0.0.1", Integer.toString(server.port()),
                "-c", "get", "../secret.txt", dest.toString());
        assertThat(r.output()).contains("Error code 2");
        assertThat(!Files.exists(dest) || Files.size(dest) == 0).isTrue();
    }

    @Test
    void writeRequestsAreRefusedWithAccessViolationByDefault() throws Exception {
        assertThat(firstReply(TestTftpClient.request(2, "new.txt", "octet", Map.of()))).isEqualTo(2);
        assertThat(firstReply(TestTftpClient.request(2, "a/ok.txt", "octet", Map.of()))).isEqualTo(2);
        assertThat(root.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(root.resolve("a/ok.txt"))).isEqualTo("inside");
    }

    @Test
    void tftpHpaPutIsRefusedByDefault() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path local = Files.writeString(base.resolve("upload.txt"), "do not store");
        Processes.Result r = Processes.runAllowingFailure(base, 60, tftp, "-m", "binary", "127.0.0.1", Integer.toString(server.port()),
                "-c", "put", local.toString(), "upload.txt");
        assertThat(r.output()).contains("Error code 2");
        assertThat(root.resolve("upload.txt")).doesNotExist();
    }

    @Test
    void aFloodOfMalformedDatagramsLeavesTheServerServing() throws Exception {
        Random random = new Random(20_000);
        List<byte[]> shapes = List.of(
                new byte[0], new byte[] {0}, new byte[] {0, 1}, new byte[] {0, 1, 'a'},
                "\0\1a\0".getBytes(StandardCharsets.ISO_8859_1),
                "\0\1a\0bogus\0".getBytes(StandardCharsets.ISO_8859_1),
                "\0\1image.bin\0octet\0blksize\0".getBytes(StandardCharsets.ISO_8859_1),
                "\0\1\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "\0\3\0\1data".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0, 4, 0, 1}, new byte[] {0, 5, 0, 0, 0}, new byte[] {0, 6, 0}, new byte[] {(byte) 0xFF, (byte) 0xFF});
        try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 20_000; i++) {
                byte[] packet;
                if (i % 2 == 0) {
                    packet = new byte[random.nextInt(1500)];
                    random.nextBytes(packet);
                } else {
                    packet = shapes.get(random.nextInt(shapes.size()));
                }
                flooder.send(new DatagramPacket(packet, packet.length, address));
                if (i % 500 == 0) {
                    Thread.sleep(1); // bounded pace: keep the loopback queue from simply dropping it all
                }
            }
        }
        try (TestTftpClient client = new TestTftpClient(1000, 10)) {
            TestTftpClient.Result r = client.get(address, "image.bin", Map.of("blksize", "1468", "windowsize", "8"));
            assertThat(r.ok()).as(r.errorMessage()).isTrue();
            assertThat(r.data()).isEqualTo(Files.readAllBytes(root.resolve("image.bin")));
        }
        assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
    }
}
