package org.ztp4j.tftp;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;

/** The protocol rules, checked packet by packet with a client that sends exactly what each test needs. */
class TftpProtocolIT {

    @TempDir
    Path root;
    TftpServer server;
    final RecordingListener events = new RecordingListener();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(TftpServer.Builder builder) throws IOException {
        server = builder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root)).listener(events).build().start();
        return server.localAddress();
    }

    private static Map<String, String> options(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static int opcode(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(0) & 0xFFFF;
    }

    private static int block(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(2) & 0xFFFF;
    }

    @Test
    void theOackReportsClampedBlksizeClampedWindowTsizeAndTimeoutAndNothingUnknown() throws Exception {
        TestFiles.random(root, "image.bin", 100_000, 1);
        InetSocketAddress address = start(TftpServer.builder().maxBlockSize(1024).maxWindowSize(8));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            TestTftpClient.Result r = client.get(address, "image.bin",
                    options("blksize", "65464", "tsize", "0", "windowsize", "100", "timeout", "3", "x-unknown", "1"));
            assertThat(r.ok()).as(r.errorMessage()).isTrue();
            assertThat(r.optionAck()).containsExactly(entry("blksize", "1024"), entry("tsize", "100000"),
                    entry("windowsize", "8"), entry("timeout", "3"));
            assertThat(r.data()).isEqualTo(Files.readAllBytes(root.resolve("image.bin")));
        }
    }

    @Test
    void onlyUnknownOptionsMeanNoOackButData1() throws Exception {
        Files.writeString(root.resolve("a.txt"), "hello");
        InetSocketAddress address = start(TftpServer.builder());
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "a.txt", "octet", options("multicast", "", "x", "y")), address);
            DatagramPacket p = client.receive(5000);
            assertThat(p).isNotNull();
            assertThat(opcode(p)).isEqualTo(3);
            assertThat(block(p)).isEqualTo(1);
            assertThat(new String(p.getData(), 4, p.getLength() - 4, StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void netasciiConvertsLineEndsAndLeavesTsizeOut() throws Exception {
        Files.writeString(root.resolve("conf.txt"), "a\nb\rc");
        InetSocketAddress address = start(TftpServer.builder());
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            TestTftpClient.Result r = client.get(address, "conf.txt", "netascii", options("tsize", "0", "blksize", "8"));
            assertThat(r.optionAck()).containsExactly(entry("blksize", "8"));
            assertThat(r.data()).isEqualTo("a\r\nb\r\0c".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aClientAnsweringTheOackWithError8EndsTheTransfer() throws Exception {
        TestFiles.random(root, "x.bin", 5000, 2);
        InetSocketAddress address = start(TftpServer.builder());
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", options("blksize", "1400")), address);
            DatagramPacket oack = client.receive(5000);
            assertThat(opcode(oack)).isEqualTo(6);
            InetSocketAddress tid = (InetSocketAddress) oack.getSocketAddress();
            client.send(new byte[] {0, 5, 0, 8, 'n', 'o', 0}, tid);
            ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT, e -> true).orElseThrow();
            assertThat(failed.reason()).contains("ERROR 8");
            assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
        }
    }

    @Test
    void aDuplicateAckInLockstepIsNotAnsweredWithAResend() throws Exception {
        TestFiles.random(root, "x.bin", 5000, 3);
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofSeconds(3)));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", Map.of()), address);
            DatagramPacket d1 = client.receive(5000);
            assertThat(block(d1)).isEqualTo(1);
            InetSocketAddress tid = (InetSocketAddress) d1.getSocketAddress();
            client.send(TestTftpClient.ack(1), tid);
            client.send(TestTftpClient.ack(1), tid); // the same ACK again, as a duplicating network delivers it
            DatagramPacket d2 = client.receive(5000);
            assertThat(block(d2)).isEqualTo(2);
            // The Sorcerer's Apprentice would send block 2 a second time now; the retransmission
            // timeout (3 s) is far off, so within the next second nothing may arrive.
            assertThat(client.receive(1000)).isNull();
        }
    }

    @Test
    void anAckInsideTheWindowMakesTheServerResendFromTheBlockAfterIt() throws Exception {
        TestFiles.random(root, "x.bin", 200, 4); // 25 blocks of 8
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofSeconds(5)));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", options("blksize", "8", "windowsize", "4")), address);
            DatagramPacket oack = client.receive(5000);
            InetSocketAddress tid = (InetSocketAddress) oack.getSocketAddress();
            client.send(TestTftpClient.ack(0), tid);
            assertThat(receiveBlocks(client, 4)).containsExactly(1, 2, 3, 4);
            client.send(TestTftpClient.ack(2), tid); // RFC 7440: 3 and 4 were lost
            assertThat(receiveBlocks(client, 4)).containsExactly(3, 4, 5, 6);
            client.send(TestTftpClient.ack(1), tid); // stale: before the window, ignored
            client.send(TestTftpClient.ack(6), tid);
            assertThat(receiveBlocks(client, 4)).containsExactly(7, 8, 9, 10);
        }
    }

    private static List<Integer> receiveBlocks(TestTftpClient client, int n) throws IOException {
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramPacket p = client.receive(5000);
            assertThat(p).isNotNull();
            assertThat(opcode(p)).isEqualTo(3);
            blocks.add(block(p));
        }
        return blocks;
    }

    @Test
    void aClientThatStopsAckingIsRetriedThenDroppedAndEverythingIsFreed() throws Exception {
        TestFiles.random(root, "x.bin", 5000, 5);
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofMillis(50)).retries(3));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", Map.of()), address);
            List<Integer> seen = new ArrayList<>();
            DatagramPacket p;
            while ((p = client.receive(3000)) != null) {
                seen.add(opcode(p) == 3 ? block(p) : -opcode(p));
            }
            // block 1, three retransmissions of it, then ERROR (opcode 5 shown as -5)
            assertThat(seen).containsExactly(1, 1, 1, 1, -5);
        }
        ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT, e -> true).orElseThrow();
        assertThat(failed.reason()).isEqualTo("timed out after 3 retransmissions");
        assertThat(failed.bytesSent()).isZero();
        assertThat(server.activeTransfers()).isZero();
    }

    @Test
    void aPacketFromAnotherTidGetsError5AndTheTransferCompletes() throws Exception {
        TestFiles.random(root, "x.bin", 2000, 6);
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofSeconds(5)));
        try (TestTftpClient client = new TestTftpClient(1000, 5); TestTftpClient intruder = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", Map.of()), address);
            DatagramPacket d1 = client.receive(5000);
            InetSocketAddress tid = (InetSocketAddress) d1.getSocketAddress();
            byte[] got = new byte[2000];
            System.arraycopy(d1.getData(), 4, got, 0, 512);
            intruder.send(TestTftpClient.ack(1), tid);
            DatagramPacket error = intruder.receive(5000);
            assertThat(opcode(error)).isEqualTo(5);
            assertThat(block(error)).as("error code").isEqualTo(5);
            assertThat(new String(error.getData(), 4, error.getLength() - 5, StandardCharsets.US_ASCII)).isEqualTo("Unknown transfer ID");
            for (int b = 1; b <= 3; b++) {
                client.send(TestTftpClient.ack(b), tid);
                DatagramPacket d = client.receive(5000);
                assertThat(block(d)).isEqualTo(b + 1);
                System.arraycopy(d.getData(), 4, got, b * 512, d.getLength() - 4);
            }
            client.send(TestTftpClient.ack(4), tid);
            assertThat(got).isEqualTo(Files.readAllBytes(root.resolve("x.bin")));
        }
        assertThat(events.await(ProvisioningEvent.FileServed.class, Eventually.WAIT, e -> e.bytes() == 2000)).isPresent();
    }

    @Test
    void aRepeatedRequestDoesNotStartASecondTransfer() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofSeconds(5)));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            byte[] rrq = TestTftpClient.request(1, "a.txt", "octet", Map.of());
            client.send(rrq, address);
            DatagramPacket first = client.receive(5000);
            client.send(rrq, address);
            assertThat(client.receive(1000)).isNull();
            assertThat(server.activeTransfers()).isEqualTo(1);
            client.send(TestTftpClient.ack(1), (InetSocketAddress) first.getSocketAddress());
        }
        assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
    }

    @Test
    void transfersBeyondThePerClientCapAreRefusedWithError0() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        InetSocketAddress address = start(TftpServer.builder().maxSessionsPerClient(2).timeout(Duration.ofSeconds(5)));
        List<TestTftpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestTftpClient c = new TestTftpClient(1000, 5);
                clients.add(c);
                c.send(TestTftpClient.request(1, "a.txt", "octet", Map.of()), address);
                DatagramPacket p = c.receive(5000);
                if (i < 2) {
                    assertThat(opcode(p)).isEqualTo(3);
                } else {
                    assertThat(opcode(p)).isEqualTo(5);
                    assertThat(block(p)).as("error code").isZero();
                    assertThat(new String(p.getData(), 4, p.getLength() - 5, StandardCharsets.US_ASCII))
                            .isEqualTo("too many transfers from this address");
                }
            }
        } finally {
            clients.forEach(TestTftpClient::close);
        }
    }

    @Test
    void closingTheServerEndsTransfersUnderWayAndTellsTheListener() throws Exception {
        TestFiles.random(root, "x.bin", 5000, 7);
        InetSocketAddress address = start(TftpServer.builder().timeout(Duration.ofSeconds(30)));
        try (TestTftpClient client = new TestTftpClient(1000, 5)) {
            client.send(TestTftpClient.request(1, "x.bin", "octet", Map.of()), address);
            assertThat(client.receive(5000)).isNotNull();
            server.close();
            assertThat(server.activeTransfers()).isZero();
            assertThat(events.of(ProvisioningEvent.TransferFailed.class))
                    .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("server stopped"));
        }
    }
}
