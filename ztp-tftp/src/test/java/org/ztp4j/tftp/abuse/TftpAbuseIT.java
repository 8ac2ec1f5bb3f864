package org.ztp4j.tftp.abuse;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.tftp.TftpServer;

/**
 * The TFTP server's limits under abuse, each with a well-behaved client on another address fetching
 * a 4 MiB file meanwhile. Addresses: the normal client 127.0.0.3, the half-open client 127.0.0.2,
 * the flood 127.0.0.4, the stuck-ACK client 127.0.0.5. No timing is asserted; speed is measured by
 * {@code bench/abuse/bench.sh}.
 */
class TftpAbuseIT {

    private static final int IMAGE_SIZE = 4 << 20;
    private static final InetAddress NORMAL = address(3);
    private static final InetAddress HALF_OPEN = address(2);
    private static final InetAddress FLOODER = address(4);
    private static final InetAddress SECOND_OFFENDER = address(6);
    private static final InetAddress STUCK = address(5);

    @TempDir
    Path root;

    private final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
    private String imageSha;
    private TftpServer server;

    @BeforeEach
    void files() throws IOException {
        byte[] image = new byte[IMAGE_SIZE];
        new Random(42).nextBytes(image);
        Files.write(root.resolve("image.bin"), image);
        imageSha = AbuseClients.sha256Hex(image);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFloodOfTenThousandRequestsFromOneAddressIsRefusedWithinItsLimitsLoggedSparinglyAndReaped() throws Exception {
        int perClient = 4;
        server = start(16, perClient, Duration.ofMillis(100), 2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        AbuseClients.FloodResult flood;
        AbuseClients.Download normal;
        int peak;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        try (PeakSampler sampler = new PeakSampler(server)) {
            CompletableFuture<AbuseClients.Download> download = downloadInBackground();
            flood = AbuseClients.flood(server.localAddress(), FLOODER, 10_000, 20, "image.bin", Duration.ofSeconds(30));
            // a second address over its limit right after: the flood must not have used up its warning
            AbuseClients.flood(server.localAddress(), SECOND_OFFENDER, 40, perClient + 4, "image.bin", Duration.ofSeconds(10));
            normal = download.get(60, TimeUnit.SECONDS);
            assertThat(eventually(() -> server.activeTransfers() == 0)).as("half-open flood transfers reaped").isTrue();
            peak = sampler.peak();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(flood.sent()).isEqualTo(10_000);
        // the normal client holds at most one slot, each offending address at most its own limit
        assertThat(peak).isLessThanOrEqualTo(2 * perClient + 1);
        assertThat(flood.started()).as("transfers started for the flood").isPositive();
        assertThat(flood.busy()).as("flood requests refused with ERROR 0").isPositive();
        List<ProvisioningEvent.FileRequested> accepted = requestsFrom(FLOODER);
        assertThat(accepted.size() + flood.busy()).as("accepted or refused, never more than sent").isLessThanOrEqualTo(flood.sent());
        assertThat(failuresFrom(FLOODER)).hasSameSizeAs(accepted);
        String logged = log.toString(StandardCharsets.UTF_8);
        long floodLines = logged.lines().filter(l -> l.contains("127.0.0.4")).count();
        assertThat(floodLines).as("log lines about the flooding address").isPositive().isLessThan(50);
        long floodWarnings = logged.lines().filter(l -> l.contains(" WARN ") && l.contains("127.0.0.4")).count();
        assertThat(floodWarnings).as("refusal warnings about the flooding address: one a minute").isEqualTo(1);
        assertThat(logged.lines().filter(l -> l.contains(" WARN ") && l.contains("127.0.0.6")))
                .as("the next address over its limit is still warned about").hasSize(1);
        assertThat(normal.error()).isEmpty();
        assertThat(normal.sha256()).isEqualTo(imageSha);
    }

    @Test
    void twoHundredTransfersThatAreNeverAcknowledgedTimeOutFreeTheirSlotsAndEachReportAFailure() throws Exception {
        server = start(256, 256, Duration.ofMillis(100), 2);
        List<DatagramChannel> halfOpen = AbuseClients.halfOpen(server.localAddress(), HALF_OPEN, 200, "image.bin");
        AbuseClients.Download normal;
        try {
            normal = downloadInBackground().get(60, TimeUnit.SECONDS);
            assertThat(eventually(() -> requestsFrom(HALF_OPEN).size() == 200)).isTrue();
            assertThat(eventually(() -> server.activeTransfers() == 0)).as("slots freed").isTrue();
        } finally {
            AbuseClients.closeAll(halfOpen);
        }
        List<ProvisioningEvent.TransferFailed> failed = failuresFrom(HALF_OPEN);
        assertThat(failed).hasSize(200).allSatisfy(f -> assertThat(f.reason()).contains("timed out"));
        assertThat(failed.stream().map(f -> f.client()).collect(Collectors.toSet())).hasSize(200);
        assertThat(normal.error()).isEmpty();
        assertThat(normal.sha256()).isEqualTo(imageSha);
    }

    @Test
    void aClientThatAcknowledgesBlockOneForeverGetsNoResendPerDuplicateAndIsDroppedAfterTheRetries() throws Exception {
        int retries = 3;
        server = start(16, 4, Duration.ofMillis(200), retries);
        AbuseClients.StuckAckResult stuck;
        AbuseClients.Download normal;
        try (PeakSampler sampler = new PeakSampler(server)) {
            CompletableFuture<AbuseClients.Download> download = downloadInBackground();
            stuck = AbuseClients.ackBlockOneForever(server.localAddress(), STUCK, "image.bin", Duration.ofMillis(1),
                    Duration.ofSeconds(15));
            normal = download.get(60, TimeUnit.SECONDS);
            assertThat(sampler.peak()).isLessThanOrEqualTo(2);
        }

        assertThat(stuck.acksSent()).as("duplicate ACKs sent").isGreaterThan(100);
        assertThat(stuck.endedWithError()).as("the server gave up").isTrue();
        assertThat(stuck.errorMessage()).contains("timed out");
        assertThat(stuck.dataPerBlock()).containsOnlyKeys(1, 2);
        assertThat(stuck.dataPerBlock().get(1)).isEqualTo(1);
        // block 2 once, then once per retransmission timeout: never once per duplicate ACK
        assertThat(stuck.dataPerBlock().get(2)).isBetween(1, retries + 1);
        assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
        assertThat(failuresFrom(STUCK)).hasSize(1);
        assertThat(normal.error()).isEmpty();
        assertThat(normal.sha256()).isEqualTo(imageSha);
    }

    @Test
    void aWindowedClientThatAcknowledgesOnlyTheOptionsForeverGetsEachWindowOncePerTimeoutNotPerDuplicate() throws Exception {
        int retries = 3;
        int window = 8;
        server = start(16, 4, Duration.ofMillis(200), retries);
        AbuseClients.StuckAckResult stuck = AbuseClients.ackBlockZeroForever(server.localAddress(), STUCK, "image.bin", window,
                Duration.ofMillis(1), Duration.ofSeconds(15));

        assertThat(stuck.acksSent()).as("duplicate ACK 0s sent").isGreaterThan(100);
        assertThat(stuck.endedWithError()).as("the server gave up").isTrue();
        assertThat(stuck.errorMessage()).contains("timed out");
        assertThat(stuck.dataPerBlock().keySet()).allSatisfy(b -> assertThat(b).isBetween(1, window));
        // the window once after the first ACK 0, then once per retransmission timeout
        assertThat(stuck.dataPerBlock().values()).allSatisfy(n -> assertThat(n).isBetween(1, retries + 1));
        assertThat(stuck.dataPackets()).isLessThanOrEqualTo(window * (retries + 1));
        assertThat(eventually(() -> server.activeTransfers() == 0)).isTrue();
        assertThat(failuresFrom(STUCK)).hasSize(1);
    }

    @Test
    void aRequestAskingATenSecondTimeoutAndNeverAcknowledgingIsGivenUpAtTheStallTimeoutBeforeItsFirstResend() throws Exception {
        server = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root)).listener(events::add).stallTimeout(Duration.ofSeconds(3)).build().start();
        Silent silent = Silent.ask(server.localAddress(), HALF_OPEN, "timeout", "10", Duration.ofSeconds(20));

        assertThat(silent.optionAcks()).as("the OACK once: the give-up came before the 10 s resend").isEqualTo(1);
        assertThat(silent.error()).isEqualTo("timed out");
        assertThat(silent.errorAfter()).as("given up after").isBetween(Duration.ofMillis(2900), Duration.ofSeconds(9));
        assertThat(eventually(() -> failuresFrom(HALF_OPEN).size() == 1)).isTrue();
        assertThat(failuresFrom(HALF_OPEN).get(0).reason()).isEqualTo("timed out: no progress for 3 s (0 retransmissions)");
        assertThat(server.activeTransfers()).isZero();
    }

    @Test
    void theServersOwnBackOffIsCutShortByTheStallTimeout() throws Exception {
        server = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root)).listener(events::add)
                .timeout(Duration.ofSeconds(1)).retries(5).stallTimeout(Duration.ofSeconds(5)).build().start();
        Silent silent = Silent.ask(server.localAddress(), HALF_OPEN, "blksize", "1468", Duration.ofSeconds(40));

        // Sends at 0, 1 and 3 s; the next would be at 7 s, past the stall timeout: given up at 5 s with 3 retries left.
        assertThat(silent.optionAcks()).as("OACKs sent").isEqualTo(3);
        assertThat(silent.error()).isEqualTo("timed out");
        assertThat(silent.errorAfter()).as("given up after").isBetween(Duration.ofMillis(4900), Duration.ofSeconds(12));
        assertThat(eventually(() -> failuresFrom(HALF_OPEN).size() == 1)).isTrue();
        assertThat(failuresFrom(HALF_OPEN).get(0).reason()).isEqualTo("timed out: no progress for 5 s (2 retransmissions)");
    }

    private TftpServer start(int sessions, int perClient, Duration timeout, int retries) throws IOException {
        return TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .listener(events::add)
                .maxSessions(sessions)
                .maxSessionsPerClient(perClient)
                .timeout(timeout)
                .retries(retries)
                .build()
                .start();
    }

    private CompletableFuture<AbuseClients.Download> downloadInBackground() {
        InetSocketAddress to = server.localAddress();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return AbuseClients.download(to, NORMAL, "image.bin", 1468, 16, Duration.ofMillis(500), 20);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<ProvisioningEvent.FileRequested> requestsFrom(InetAddress a) {
        return events.stream().filter(ProvisioningEvent.FileRequested.class::isInstance).map(ProvisioningEvent.FileRequested.class::cast)
                .filter(e -> e.client().getAddress().equals(a)).collect(Collectors.toList());
    }

    private List<ProvisioningEvent.TransferFailed> failuresFrom(InetAddress a) {
        return events.stream().filter(ProvisioningEvent.TransferFailed.class::isInstance).map(ProvisioningEvent.TransferFailed.class::cast)
                .filter(e -> e.client().getAddress().equals(a)).collect(Collectors.toList());
    }


    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client that asks for image.bin with one option and then never answers: it counts the
     * server's OACKs and notes the ERROR that ends the transfer, and when it came.
     */
    record Silent(int optionAcks, String error, Duration errorAfter) {

        static Silent ask(InetSocketAddress server, InetAddress from, String option, String value, Duration limit) throws IOException {
            java.io.ByteArrayOutputStream rrq = new java.io.ByteArrayOutputStream();
            rrq.write(0);
            rrq.write(1);
            for (String part : new String[] {"image.bin", "octet", option, value}) {
                rrq.writeBytes(part.getBytes(StandardCharsets.US_ASCII));
                rrq.write(0);
            }
            try (DatagramChannel c = DatagramChannel.open()) {
                c.bind(new InetSocketAddress(from, 0));
                c.configureBlocking(false);
                long t0 = System.nanoTime();
                c.send(java.nio.ByteBuffer.wrap(rrq.toByteArray()), server);
                java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(70_000);
                int oacks = 0;
                while (System.nanoTime() - t0 < limit.toNanos()) {
                    in.clear();
                    if (c.receive(in) == null) {
                        AbuseClients.sleep(5);
                        continue;
                    }
                    in.flip();
                    int opcode = in.getShort() & 0xFFFF;
                    if (opcode == 6) {
                        oacks++;
                    } else if (opcode == 5) {
                        in.getShort();
                        byte[] text = new byte[in.remaining() - 1];
                        in.get(text);
                        return new Silent(oacks, new String(text, StandardCharsets.US_ASCII), Duration.ofNanos(System.nanoTime() - t0));
                    }
                }
                return new Silent(oacks, null, limit);
            }
        }
    }

    /** Copies what is written to two streams: the real stderr and a buffer to count log lines in. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }
    }

    /** Samples {@code activeTransfers()} every millisecond (bounded to 2 minutes) and keeps the peak. */
    static final class PeakSampler implements AutoCloseable {
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        PeakSampler(TftpServer server) {
            thread = new Thread(() -> {
                long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (running.get() && System.nanoTime() < end) {
                    peak.accumulateAndGet(server.activeTransfers(), Math::max);
                    AbuseClients.sleep(1);
                }
            }, "peak-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        int peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
