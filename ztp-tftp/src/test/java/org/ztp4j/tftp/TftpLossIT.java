package org.ztp4j.tftp;

import static org.ztp4j.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * Transfers through a relay that drops, duplicates and reorders packets both ways: every one still
 * arrives byte for byte, lockstep and windowed, across the block-number wrap.
 */
class TftpLossIT {

    @TempDir
    static Path root;
    static TftpServer server;
    static final RecordingListener events = new RecordingListener();

    @BeforeAll
    static void serve() throws IOException {
        TestFiles.random(root, "small.bin", 150_000, 21);
        TestFiles.random(root, "medium.bin", 1 << 20, 22);
        TestFiles.random(root, "wrap.bin", 600_000, 23); // 75001 blocks of 8: past 65535
        server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .listener(events)
                .timeout(Duration.ofMillis(30))
                .retries(12)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} blksize {1} windowsize {2}, seed {3}: {4} drop, {5} duplicate, {6} reorder")
    @CsvSource({
        "small.bin,  512,  1, 1, 0.05, 0.03, 0.03",
        "small.bin,  512,  1, 2, 0.10, 0.05, 0.05",
        "medium.bin, 1024, 8, 3, 0.05, 0.03, 0.03",
        "medium.bin, 1468, 16, 4, 0.03, 0.05, 0.05",
        "medium.bin, 8192, 4, 5, 0.08, 0.02, 0.02",
        "wrap.bin,   8,    64, 6, 0.005, 0.005, 0.005",
    })
    void everyTransferArrivesWholeThroughALossyPath(String name, int blksize, int window, long seed,
                                                     double drop, double duplicate, double reorder) throws Exception {
        long size = Files.size(root.resolve(name));
        long servedBefore = served(name, size);
        try (LossyRelay relay = new LossyRelay(server.localAddress(), seed, drop, duplicate, reorder);
             TestTftpClient client = new TestTftpClient(30, 40)) {
            Map<String, String> options = window == 1 && blksize == 512
                    ? Map.of()
                    : Map.of("blksize", Integer.toString(blksize), "windowsize", Integer.toString(window));
            TestTftpClient.Result r = client.get(relay.address(), name, options);
            assertThat(r.ok()).as("%s", r.errorMessage()).isTrue();
            assertThat(r.data()).isEqualTo(Files.readAllBytes(root.resolve(name)));
            assertThat(relay.dropped()).as("packets the relay dropped").isPositive();
            // the client dallies after the last block, so the server gets the final ACK and completes too
            assertThat(eventually(() -> served(name, size) > servedBefore)).isTrue();
            // each block is hashed once, in order, whatever was sent again or arrived out of order
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(root.resolve(name))));
            assertThat(events.of(ProvisioningEvent.FileServed.class)).filteredOn(e -> e.path().equals(name))
                    .allSatisfy(e -> assertThat(e.sha256()).isEqualTo(sha256));
        }
    }

    private static long served(String name, long size) {
        return events.of(ProvisioningEvent.FileServed.class).stream()
                .filter(e -> e.path().equals(name) && e.bytes() == size).count();
    }
}
