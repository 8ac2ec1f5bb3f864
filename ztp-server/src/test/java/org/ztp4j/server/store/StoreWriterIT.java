package org.ztp4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.testing.Postgres;

/** A board whose changes a StoreWriter keeps in a real PostgreSQL, which the test kills and starts again. */
class StoreWriterIT {

    private final AtomicReference<DeviceStatusBoard> board = new AtomicReference<>();

    private StoreWriter writer(JdbcProvisioningStore store, int capacity) {
        StoreWriter w = new StoreWriter(store, "ztp-a", capacity, key -> board.get().snapshot(key));
        board.set(DeviceStatusBoard.builder().changeListener(w).build());
        return w;
    }

    private static ProvisioningEvent served(int device, String path, long bytes) {
        InetAddress a = InetAddress.getLoopbackAddress();
        DeviceIdentity id = DeviceIdentity.ofAddress(a).withSerial(SerialNumber.of(String.format("SAL%05d", device)));
        return new ProvisioningEvent.FileServed(Instant.now(), id, path, Protocol.TFTP, new InetSocketAddress(a, 49152),
                bytes, Duration.ofMillis(3));
    }

    private static ProvisioningEvent progress(int device, String path, long sent, long total) {
        InetAddress a = InetAddress.getLoopbackAddress();
        DeviceIdentity id = DeviceIdentity.ofAddress(a).withSerial(SerialNumber.of(String.format("SAL%05d", device)));
        return new ProvisioningEvent.TransferProgress(Instant.now(), id, path, Protocol.HTTP, sent, total);
    }

    @Test
    void keepsEveryChangeWhileTheDatabaseIsDownAndWritesItWhenItComesBack() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            try (JdbcProvisioningStore store = JdbcProvisioningStore.open(url);
                 StoreWriter writer = writer(store, StoreWriter.DEFAULT_CAPACITY)) {
                DeviceStatusBoard board = this.board.get();
                for (int d = 0; d < 50; d++) {
                    board.onEvent(served(d, "poap.py", 1000));
                }
                assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_journal")).isEqualTo("50");

                pg.kill();
                for (int d = 0; d < 50; d++) {
                    board.onEvent(served(d, "conf." + d, 2000));
                }
                for (int d = 0; d < 50; d++) {
                    for (int chunk = 1; chunk <= 10; chunk++) {
                        board.onEvent(progress(d, "nxos.bin", chunk * 100L, 1000));
                    }
                }
                assertThat(writer.pending()).as("changes waiting for the database").isEqualTo(50 + 50 * 10);

                pg.restart();
                assertThat(writer.flush(Duration.ofSeconds(30))).as("queue written after the restart").isTrue();
                assertThat(pg.psql("ztp", "SELECT kind || ' ' || count(*) FROM ztp_journal GROUP BY kind ORDER BY kind"))
                        .isEqualTo("SERVED 100\nTRANSFER_STARTED 50");
                assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_journal WHERE path LIKE 'conf.%' AND server = 'ztp-a'")).isEqualTo("50");
                // Each device's state is its latest, progress included, though progress made no journal entry.
                assertThat(pg.psql("ztp", "SELECT DISTINCT state || ' ' || transfer_sent FROM ztp_device")).isEqualTo("IMAGE_TRANSFERRING 1000");
                assertThat(writer.droppedEntries()).isZero();
            }
        }
    }

    @Test
    void whenTheQueueIsFullItDropsFurtherJournalEntriesButKeepsEveryDevicesState() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            try (JdbcProvisioningStore store = JdbcProvisioningStore.open(url);
                 StoreWriter writer = writer(store, 30)) {
                DeviceStatusBoard board = this.board.get();
                pg.kill();
                for (int d = 0; d < 20; d++) {
                    board.onEvent(served(d, "poap.py", 1000));
                }
                for (int d = 0; d < 20; d++) {
                    board.onEvent(served(d, "conf." + d, 2000));
                }


                pg.restart();
                assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
                // The queue's 30, and the batch the writer held when it found the database gone (the first
                // change or two); every other journal entry was dropped and counted.
                long kept = Long.parseLong(pg.psql("ztp", "SELECT count(*) FROM ztp_journal"));
                assertThat(kept).isBetween(30L, 39L);
                assertThat(writer.droppedEntries()).isEqualTo(40 - kept);
                assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_device WHERE state = 'CONFIG_SERVED'"))
                        .as("every device's latest state, its entry dropped or not").isEqualTo("20");
            }
        }
    }
}
