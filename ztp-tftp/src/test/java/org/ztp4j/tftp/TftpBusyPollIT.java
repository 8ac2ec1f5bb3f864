package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            List<TestTftpClient> clients = clients(60);
            try {
                for (int i = 0; i < clients.size(); i++) {
                    readAtOnce(clients.get(i), to, "boot.cfg", size, "request " + i);
                }
            } finally {
                clients.forEach(TestTftpClient::close);
            }
        }
    }

    /**
     * {@code close()} returns at once even when the network thread is polling: the stop's wake-up is
     * cleared by the poll like a task's, and without a check the thread then slept for good.
     */
    @Test
    void closesAtOnceWhileTheThreadPolls() throws Exception {
        long size = Files.size(TestFiles.random(root, "boot.cfg", 3000, 7));
        List<TestTftpClient> clients = clients(20);
        try {
            for (int i = 0; i < clients.size(); i++) {
                TftpServer server = server(Duration.ofMillis(10));
                // the final ACK leaves the thread polling for 10 ms, and close() comes within them
                readAtOnce(clients.get(i), new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "boot.cfg", size,
                        "server " + i);
                assertTimeoutPreemptively(Duration.ofSeconds(10), server::close, "close() of server " + i);
            }
        } finally {
            clients.forEach(TestTftpClient::close);
        }
    }

    @Test
    void anIdleServerUsesNoCpuWhateverTheBusyPoll() throws Exception {
        byte[] file = Files.readAllBytes(TestFiles.random(root, "image.bin", 200_000, 6));
        try (TftpServer server = server(Duration.ofMillis(10));
             TestTftpClient client = new TestTftpClient(200, 5)) {
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

    /**
     * A client slower than the poll (here 6 ms per ACK against a 2 ms poll, as a device on a real
     * network may be) costs one missed poll, not one per block: the thread stops polling after a miss
     * and starts again only when packets come quickly. Polling on every block would cost the network
     * thread 2 ms of CPU per block, 240 ms here.
     */
    @Test
    void aSlowClientCostsOneMissedPollNotOnePerBlock() throws Exception {
        int blocks = 120;
        long size = Files.size(TestFiles.random(root, "slow.bin", 512L * blocks - 1, 8));
        try (TftpServer server = server(Duration.ofMillis(2));
             TestTftpClient client = new TestTftpClient(2000, 0)) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            Path thread = networkThread(server.port());
            client.send(TestTftpClient.request(1, "slow.bin", "octet", Map.of()), to);
            long ticksBefore = -1;
            long received = 0;
            for (int block = 1; received < size; block++) {
                DatagramPacket data = client.receive(3000);
                assertThat(data).as("block %d", block).isNotNull();
                received += data.getLength() - 4;
                if (block == 3) {
                    ticksBefore = cpuTicks(thread); // past the first blocks and the opening of the file
                }
                Thread.sleep(6);
                client.send(TestTftpClient.ack(block), (InetSocketAddress) data.getSocketAddress());
            }
            long ticks = cpuTicks(thread) - ticksBefore;
            // clock ticks are 10 ms on Linux: 240 ms of polling would be 24
            assertThat(ticks).as("CPU clock ticks of the network thread over %d slow blocks", blocks).isLessThan(8);
        }
    }

    /**
     * @return the /proc stat file of the server's network thread, found by its name; the thread sets
     *         its name in the kernel itself once it runs, so this waits for that a little
     */
    private static Path networkThread(int port) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    if (Files.readString(task.resolve("comm")).strip().equals("ztp-tftp-" + port)) {
                        return task.resolve("stat");
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no thread ztp-tftp-" + port + " in /proc/self/task");
    }

    /** @return user plus system time of a thread in clock ticks, from its /proc stat line */
    private static long cpuTicks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime: fields 14 and 15
    }

    /**
     * Clients for one read each, all open at once so that no two share a port: the server takes the
     * same request from a port that has just finished it as a late copy, and ignores it.
     */
    private static List<TestTftpClient> clients(int count) throws IOException {
        List<TestTftpClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(new TestTftpClient(2000, 0));
        }
        return clients;
    }

    /**
     * Reads a file in lockstep at blksize 1468, failing when the request or any ACK goes unanswered
     * for 3 s (the client never resends).
     */
    private static void readAtOnce(TestTftpClient client, InetSocketAddress to, String name, long size, String what)
            throws Exception {
        client.send(TestTftpClient.request(1, name, "octet", Map.of("blksize", "1468")), to);
        DatagramPacket first = client.receive(3000);
        assertThat(first).as("answer to %s", what).isNotNull();
        assertThat(first.getData()[1]).as("OACK").isEqualTo((byte) 6);
        InetSocketAddress tid = (InetSocketAddress) first.getSocketAddress();
        long received = 0;
        int block = 0;
        while (received < size) {
            client.send(TestTftpClient.ack(block++), tid);
            DatagramPacket data = client.receive(3000);
            assertThat(data).as("block %d of %s", block, what).isNotNull();
            received += data.getLength() - 4;
        }
        client.send(TestTftpClient.ack(block), tid);
        assertThat(received).as("bytes of %s", what).isEqualTo(size);
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
