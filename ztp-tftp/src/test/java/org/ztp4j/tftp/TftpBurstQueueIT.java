package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.testing.Eventually.eventually;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * A burst beyond the sessions at once waits its turn instead of being told "server busy": every
 * device of the burst gets its file, the queue's memory and each address's share of it are bounded,
 * and a waiting client that gave up leaves the queue.
 */
class TftpBurstQueueIT {

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

    private static String answer(DatagramPacket p) {
        if (p == null) {
            return "nothing";
        }
        int opcode = ByteBuffer.wrap(p.getData(), 0, p.getLength()).getShort(0) & 0xFFFF;
        return opcode == 3 ? "DATA" : new String(p.getData(), 4, p.getLength() - 5, StandardCharsets.US_ASCII);
    }

    @Test
    void aBurstOfFortyDevicesOnTwoSessionsIsServedInTurnsWithoutOneRefusal() throws Exception {
        byte[] config = Files.readAllBytes(TestFiles.random(root, "conf.bin", 5_000, 3)); // 10 blocks of 512
        InetSocketAddress address = start(TftpServer.builder().maxSessions(2).maxSessionsPerClient(64));
        AtomicInteger peakActive = new AtomicInteger();
        AtomicInteger peakQueued = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<TestTftpClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    // a device's boot loader: retransmits its request every 300 ms, up to 100 times
                    try (TestTftpClient client = new TestTftpClient(300, 100)) {
                        return client.get(address, "conf.bin", Map.of());
                    }
                }));
            }
            while (results.stream().anyMatch(f -> !f.isDone())) {
                peakActive.accumulateAndGet(server.activeTransfers(), Math::max);
                peakQueued.accumulateAndGet(server.queuedRequests(), Math::max);
                Thread.sleep(2);
            }
            for (Future<TestTftpClient.Result> r : results) {
                TestTftpClient.Result result = r.get();
                assertThat(result.errorMessage()).as("device turned away").isNull();
                assertThat(result.data()).isEqualTo(config);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peakActive.get()).as("sessions at once").isLessThanOrEqualTo(2);
        assertThat(peakQueued.get()).as("requests seen waiting").isGreaterThan(2);
        assertThat(eventually(() -> events.of(ProvisioningEvent.FileServed.class).size() == 40)).isTrue();
        assertThat(events.of(ProvisioningEvent.FileRequested.class)).as("one request event per device, not per retransmission")
                .hasSize(40);
        assertThat(events.of(ProvisioningEvent.TransferFailed.class)).isEmpty();
        assertThat(eventually(() -> server.queuedRequests() == 0 && server.activeTransfers() == 0)).isTrue();
    }

    @Test
    void aFullQueueRefusesWithServerBusyAndSaysSoOncePerAddress() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600)); // two blocks: a session stays taken until ACKed
        // room for two waiting requests of this size, not three
        int oneRequest = 256 + 2 * "a.txt".length();
        InetSocketAddress address = start(TftpServer.builder().maxSessions(1).maxSessionsPerClient(100)
                .maxQueueMemory(2 * oneRequest + 10).timeout(Duration.ofSeconds(10)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        List<TestTftpClient> clients = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 5; i++) {
                TestTftpClient c = new TestTftpClient(1000, 5);
                clients.add(c);
                c.send(TestTftpClient.request(1, "a.txt", "octet", Map.of()), address);
                answers.add(answer(c.receive(i == 1 || i == 2 ? 300 : 5000)));
            }
            assertThat(server.queuedRequests()).isEqualTo(2);
        } finally {
            System.setErr(originalErr);
            clients.forEach(TestTftpClient::close);
        }
        assertThat(answers).containsExactly("DATA", "nothing", "nothing", "server busy, try again later",
                "server busy, try again later");
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged.lines().filter(l -> l.contains(" WARN ") && l.contains("server busy")))
                .as("one warning per address a minute").hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("1 transfers at once").contains("KiB of waiting requests"));
    }

    @Test
    void oneAddressWaitsWithNoMoreThanItsPerAddressShare() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600));
        InetSocketAddress address = start(TftpServer.builder().maxSessions(1).maxSessionsPerClient(2)
                .timeout(Duration.ofSeconds(10)));
        List<TestTftpClient> clients = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                TestTftpClient c = new TestTftpClient(1000, 5);
                clients.add(c);
                c.send(TestTftpClient.request(1, "a.txt", "octet", Map.of()), address);
                answers.add(answer(c.receive(i == 0 || i > 2 ? 5000 : 300)));
            }
        } finally {
            clients.forEach(TestTftpClient::close);
        }
        // one transfer, two waiting (its share), then refused: a flood from one address cannot fill the queue
        assertThat(answers).containsExactly("DATA", "nothing", "nothing", "too many transfers from this address",
                "too many transfers from this address");
    }

    @Test
    void aRetransmittedWaitingRequestKeepsItsPlaceAndAClientThatStopsAskingLeavesTheQueue() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600));
        Files.writeString(root.resolve("b.txt"), "y".repeat(100));
        InetSocketAddress address = start(TftpServer.builder().maxSessions(1).maxSessionsPerClient(10)
                .queueWait(Duration.ofMillis(500)).timeout(Duration.ofSeconds(10)));
        try (TestTftpClient holder = new TestTftpClient(1000, 5);
             TestTftpClient quitter = new TestTftpClient(1000, 5);
             TestTftpClient patient = new TestTftpClient(200, 100)) {
            holder.send(TestTftpClient.request(1, "a.txt", "octet", Map.of()), address);
            DatagramPacket first = holder.receive(5000);
            assertThat(answer(first)).isEqualTo("DATA"); // the one session, held: block 1 is not ACKed yet
            InetSocketAddress holderTid = (InetSocketAddress) first.getSocketAddress();
            byte[] quit = TestTftpClient.request(1, "b.txt", "octet", Map.of());
            quitter.send(quit, address);
            quitter.send(quit, address); // a retransmission: the same place, not a second one
            assertThat(eventually(() -> server.queuedRequests() == 1)).isTrue();
            Thread.sleep(300);
            assertThat(server.queuedRequests()).as("a retransmission takes no second place").isEqualTo(1);
            Thread.sleep(700); // the quitter has not asked again for longer than queueWait: it gave up

            // the patient device keeps asking; when the session comes free it is served, the quitter is not
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<TestTftpClient.Result> served = one.submit(() -> patient.get(address, "b.txt", Map.of()));
                Thread.sleep(500);
                holder.send(TestTftpClient.ack(1), holderTid);
                assertThat(answer(holder.receive(5000))).isEqualTo("DATA");
                holder.send(TestTftpClient.ack(2), holderTid); // the last block: the session is free
                TestTftpClient.Result result = served.get();
                assertThat(result.errorMessage()).isNull();
                assertThat(new String(result.data(), StandardCharsets.US_ASCII)).isEqualTo("y".repeat(100));
            } finally {
                one.shutdownNow();
            }
            assertThat(quitter.receive(300)).as("nothing is ever sent to a client that gave up").isNull();
        }
        assertThat(events.of(ProvisioningEvent.FileRequested.class))
                .extracting(e -> e.client().getPort()).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aFreeSessionGoesToTheAddressesInTurnSoOneAddressesRequestsDoNotAllComeFirst() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x".repeat(600));
        // one session; each transfer held without ACKs is dropped after its retries (300 + 600 ms)
        InetSocketAddress address = start(TftpServer.builder().maxSessions(1).maxSessionsPerClient(3)
                .timeout(Duration.ofMillis(300)).retries(1));
        InetAddress greedy = InetAddress.getByName("127.0.0.4");
        InetAddress device = InetAddress.getByName("127.0.0.9");
        List<java.net.DatagramSocket> held = new ArrayList<>();
        try (TestTftpClient patient = new TestTftpClient(300, 100, device)) {
            for (int i = 0; i < 4; i++) { // one transfer and three waiting, all from one address, never acknowledged
                java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress(greedy, 0));
                held.add(s);
                byte[] rrq = TestTftpClient.request(1, "a.txt", "octet", Map.of());
                s.send(new DatagramPacket(rrq, rrq.length, address));
            }
            assertThat(eventually(() -> server.queuedRequests() == 3)).isTrue();

            TestTftpClient.Result result = patient.get(address, "a.txt", Map.of());

            assertThat(result.errorMessage()).isNull();
        } finally {
            held.forEach(java.net.DatagramSocket::close);
        }
        List<InetAddress> order = events.of(ProvisioningEvent.FileRequested.class).stream()
                .map(e -> e.client().getAddress()).toList();
        // first come first served would have been greedy x4, then the device
        assertThat(order).startsWith(greedy, greedy, device);
    }
}
