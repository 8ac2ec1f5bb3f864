package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * Busy polling keeps a network thread looking for packets for a while before it sleeps. It must
 * not make the thread miss work handed to it meanwhile (a request opened on another thread), and
 * it must not cost CPU once the server is idle.
 */
class TftpBusyPollIT {

    @TempDir
    Path root;

    /**
     * Every request is answered at once, never only after the client sends it again. A request is
     * opened on another thread and handed back while the network thread polls; before the fix the
     * hand-over was lost and the answer waited for the client's resend.
     */
    @ParameterizedTest(name = "busyPoll {0} µs")
    @ValueSource(ints = {0, 50, 10_000})
    void answersEveryRequestWithoutAResend(int micros) throws Exception {
        long size = Files.size(TestFiles.random(root, "boot.cfg", 3000, 5));
        try (TftpServer server = server(Duration.ofNanos(micros * 1000L))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            for (int i = 0; i < 60; i++) {
                // a port of its own for each read: the server takes the same request from the same
                // port soon after as a late copy of the last one
                try (TestTftpClient client = new TestTftpClient(2000, 0)) {
                    client.send(TestTftpClient.request(1, "boot.cfg", "octet", Map.of("blksize", "1468")), to);
                    DatagramPacket first = client.receive(3000);
                    assertThat(first).as("answer to request %d", i).isNotNull();
                    assertThat(first.getData()[1]).as("OACK").isEqualTo((byte) 6);
                    InetSocketAddress tid = (InetSocketAddress) first.getSocketAddress();
                    long received = 0;
                    int block = 0;
                    while (received < size) {
                        client.send(TestTftpClient.ack(block++), tid);
                        DatagramPacket data = client.receive(3000);
                        assertThat(data).as("block %d of request %d", block, i).isNotNull();
                        received += data.getLength() - 4;
                    }
                    client.send(TestTftpClient.ack(block), tid);
                    assertThat(received).isEqualTo(size);
                }
            }
        }
    }

    @Test
    void anIdleServerUsesNoCpuWhateverTheBusyPoll() throws Exception {
        byte[] file = Files.readAllBytes(TestFiles.random(root, "image.bin", 200_000, 6));
        try (TftpServer server = server(Duration.ofMillis(10));
             TestTftpClient client = new TestTftpClient(1000, 3)) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            assertThat(client.get(to, "image.bin", Map.of("blksize", "1468")).data()).isEqualTo(file);
            Thread.sleep(300);
            Duration before = cpu();
            Thread.sleep(1500);
            Duration used = cpu().minus(before);
            // a thread that kept polling would use about the whole 1.5 s
            assertThat(used).as("CPU used by the whole JVM over 1.5 s of idle").isLessThan(Duration.ofMillis(400));
        }
    }

    private TftpServer server(Duration busyPoll) throws Exception {
        return TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .networkThreads(1)
                .busyPoll(busyPoll)
                .build()
                .start();
    }

    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }
}
