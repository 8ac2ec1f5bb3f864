package org.ztp4j.tftp;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * Several selector threads: transfers are shared out among them, each client stays on one, and the
 * session limits count across all of them.
 */
class TftpNetworkThreadsIT {

    @TempDir
    Path root;
    TftpServer server;
    final RecordingListener events = new RecordingListener();
    final Set<String> eventThreads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(TftpServer.Builder builder) throws IOException {
        ProvisioningListener recordThread = event -> {
            if (event instanceof ProvisioningEvent.FileServed) {
                eventThreads.add(Thread.currentThread().getName());
            }
            events.onEvent(event);
        };
        server = builder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root)).listener(recordThread).build().start();
        return server.localAddress();
    }

    private static String errorText(DatagramPacket p) {
        return new String(p.getData(), 4, p.getLength() - 5, StandardCharsets.US_ASCII);
    }

    private static int opcode(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(0) & 0xFFFF;
    }

    @Test
    void transfersAreSharedOutAmongTheThreadsAndAllComplete() throws Exception {
        byte[] image = Files.readAllBytes(TestFiles.random(root, "image.bin", 300_000, 11));
        InetSocketAddress address = start(TftpServer.builder().networkThreads(4).maxSessionsPerClient(64));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<TestTftpClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    try (TestTftpClient client = new TestTftpClient(1000, 5)) {
                        return client.get(address, "image.bin", Map.of("blksize", "1468", "windowsize", "4"));
                    }
                }));
            }
            for (Future<TestTftpClient.Result> r : results) {
                assertThat(r.get().data()).isEqualTo(image);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventually(() -> events.of(ProvisioningEvent.FileServed.class).size() == 32)).isTrue();
        assertThat(eventThreads).as("threads that served").hasSizeGreaterThan(1)
                .allSatisfy(name -> assertThat(name).startsWith("ztp-tftp-" + address.getPort()));
        assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
    }

    /**
     * Sends a request from each of {@code count} new client ports, keeping them open, and collects
     * the answers: "DATA" for a transfer that started, else the error text.
     */
    private List<String> requestFromNewPorts(InetSocketAddress address, int count, List<TestTftpClient> clients) throws IOException {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestTftpClient c = new TestTftpClient(1000, 5);
            clients.add(c);
            c.send(TestTftpClient.request(1, "a.txt", "octet", Map.of()), address);
            DatagramPacket p = c.receive(5000);
            assertThat(p).as("answer to client " + i).isNotNull();
            answers.add(opcode(p) == 3 ? "DATA" : errorText(p));
        }
        return answers;
    }

    @Test
    void theServerWideCapHoldsAcrossThreads() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600)); // two blocks: each transfer waits for an ACK
        InetSocketAddress address = start(TftpServer.builder().networkThreads(4).maxSessions(5)
                .maxQueueMemory(0).maxSessionsPerClient(100).timeout(Duration.ofSeconds(10)));
        List<TestTftpClient> clients = new ArrayList<>();
        try {
            List<String> answers = requestFromNewPorts(address, 12, clients);
            assertThat(answers).filteredOn("DATA"::equals).hasSize(5);
            assertThat(answers).filteredOn(a -> !a.equals("DATA")).hasSize(7).containsOnly("server busy, try again later");
            assertThat(server.activeTransfers()).isEqualTo(5);
        } finally {
            clients.forEach(TestTftpClient::close);
        }
    }

    @Test
    void thePerAddressCapHoldsAcrossThreads() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600));
        InetSocketAddress address = start(TftpServer.builder().networkThreads(8).maxSessionsPerClient(3)
                .timeout(Duration.ofSeconds(10)));
        List<TestTftpClient> clients = new ArrayList<>();
        try {
            List<String> answers = requestFromNewPorts(address, 10, clients);
            assertThat(answers).filteredOn("DATA"::equals).hasSize(3);
            assertThat(answers).filteredOn(a -> !a.equals("DATA")).hasSize(7).containsOnly("too many transfers from this address");
        } finally {
            clients.forEach(TestTftpClient::close);
        }
        server.close(); // the clients left without acknowledging: closing ends their transfers
        assertThat(server.activeTransfers()).isZero();
    }
}
