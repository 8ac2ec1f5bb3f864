package org.ztp4j.tftp;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** Write requests into an upload sink with a size cap. */
class TftpUploadIT {

    private static final int CAP = 200_000;

    @TempDir
    Path base;
    Path uploads;
    TftpServer server;
    final RecordingListener events = new RecordingListener();

    @BeforeEach
    void serve() throws IOException {
        uploads = Files.createDirectories(base.resolve("uploads"));
        Files.writeString(uploads.resolve("exists.txt"), "keep me");
        server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(Files.createDirectories(base.resolve("served"))))
                .uploadSink(UploadSink.directory(uploads, CAP))
                .listener(events)
                .timeout(Duration.ofMillis(300))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String port() {
        return Integer.toString(server.port());
    }

    private int firstReplyCode(byte[] request) throws IOException {
        try (TestTftpClient client = new TestTftpClient(1000, 3)) {
            client.send(request, server.localAddress());
            DatagramPacket p = client.receive(5000);
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            return b.getShort(0) == 5 ? b.getShort(2) : -b.getShort(0);
        }
    }

    private long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(uploads)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void tftpHpaUploadsAFileThatArrivesByteForByte() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path local = TestFiles.random(base, "backup.cfg", 150_000, 11);
        Processes.Result r = Processes.runAllowingFailure(base, 60, tftp, "-m", "binary", "127.0.0.1", port(),
                "-c", "put", local.toString(), "backup.cfg");
        assertThat(r.output()).doesNotContain("Error");
        assertThat(eventually(() -> Files.exists(uploads.resolve("backup.cfg")))).isTrue();
        assertThat(Files.mismatch(uploads.resolve("backup.cfg"), local)).isEqualTo(-1);
        assertThat(events.await(ProvisioningEvent.FileServed.class, Eventually.WAIT, e -> e.bytes() == 150_000)).isPresent();
    }

    @Test
    void atftpUploadsWithBlksizeWindowsizeAndTsize() throws Exception {
        String atftp = ExternalTool.require("atftp", "atftp").toString();
        Path local = TestFiles.random(base, "log.tar", 123_457, 12);
        Processes.Result r = Processes.runAllowingFailure(base, 60, atftp, "--put", "-l", local.toString(), "-r", "log.tar",
                "--option", "blksize 1468", "--option", "windowsize 8", "--option", "tsize 123457", "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(eventually(() -> Files.exists(uploads.resolve("log.tar")))).isTrue();
        assertThat(Files.mismatch(uploads.resolve("log.tar"), local)).isEqualTo(-1);
    }

    @Test
    void tftpHpaUploadsTextInNetasciiMode() throws Exception {
        String tftp = ExternalTool.require("tftp", "tftp-hpa").toString();
        Path local = Files.writeString(base.resolve("notes.txt"), "line one\nline two\r\nbare\rcr\n");
        Processes.Result r = Processes.runAllowingFailure(base, 60, tftp, "-m", "netascii", "127.0.0.1", port(),
                "-c", "put", local.toString(), "notes.txt");
        assertThat(r.output()).doesNotContain("Error");
        assertThat(eventually(() -> Files.exists(uploads.resolve("notes.txt")))).isTrue();
        assertThat(Files.mismatch(uploads.resolve("notes.txt"), local)).isEqualTo(-1);
    }

    @Test
    void anAnnouncedSizeAboveTheCapIsRefusedWithError3() throws Exception {
        assertThat(firstReplyCode(TestTftpClient.request(2, "big.bin", "octet", Map.of("tsize", Integer.toString(CAP + 1)))))
                .isEqualTo(3);
        assertThat(uploads.resolve("big.bin")).doesNotExist();
    }

    @Test
    void anUploadThatGrowsBeyondTheCapIsStoppedWithError3AndLeavesNothing() throws Exception {
        try (TestTftpClient client = new TestTftpClient(1000, 3)) {
            client.send(TestTftpClient.request(2, "big.bin", "octet", Map.of("blksize", "8192")), server.localAddress());
            DatagramPacket oack = client.receive(5000);
            InetSocketAddress tid = (InetSocketAddress) oack.getSocketAddress();
            byte[] block = new byte[4 + 8192];
            block[1] = 3;
            int code = -1;
            for (int n = 1; n <= CAP / 8192 + 2 && code < 0; n++) {
                block[2] = (byte) (n >> 8);
                block[3] = (byte) n;
                client.send(block, tid);
                DatagramPacket reply = client.receive(5000);
                ByteBuffer b = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
                if (b.getShort(0) == 5) {
                    code = b.getShort(2);
                }
            }
            assertThat(code).isEqualTo(3);
        }
        assertThat(events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT, e -> e.reason().contains("cap"))).isPresent();
        assertThat(uploads.resolve("big.bin")).doesNotExist();
        assertThat(leftovers()).isZero();
    }

    @Test
    void anExistingFileIsNotReplacedAndPathsAreChecked() throws Exception {
        assertThat(firstReplyCode(TestTftpClient.request(2, "exists.txt", "octet", Map.of()))).isEqualTo(6);
        assertThat(Files.readString(uploads.resolve("exists.txt"))).isEqualTo("keep me");
        assertThat(firstReplyCode(TestTftpClient.request(2, "../escape.txt", "octet", Map.of()))).isEqualTo(2);
        assertThat(firstReplyCode(TestTftpClient.request(2, "no/such/folder.txt", "octet", Map.of()))).isEqualTo(2);
        assertThat(base.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void anUploadWhoseClientVanishesIsDroppedAfterRetries() throws Exception {
        try (TestTftpClient client = new TestTftpClient(1000, 3)) {
            client.send(TestTftpClient.request(2, "half.bin", "octet", Map.of()), server.localAddress());
            DatagramPacket ack0 = client.receive(5000);
            byte[] block = new byte[4 + 512];
            block[1] = 3;
            block[3] = 1;
            client.send(block, (InetSocketAddress) ack0.getSocketAddress());
        }
        assertThat(events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT, e -> e.reason().startsWith("timed out"))).isPresent();
        assertThat(uploads.resolve("half.bin")).doesNotExist();
        assertThat(leftovers()).isZero();
        assertThat(server.activeTransfers()).isZero();
    }
}
