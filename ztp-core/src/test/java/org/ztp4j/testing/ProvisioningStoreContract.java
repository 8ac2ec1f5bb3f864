package org.ztp4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.status.BoardAction;
import org.ztp4j.core.status.DeviceChange;
import org.ztp4j.core.status.DeviceSnapshot;
import org.ztp4j.core.status.DeviceState;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.store.DeviceWrite;
import org.ztp4j.core.store.JournalEntry;
import org.ztp4j.core.store.JournalKind;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;

/**
 * What every {@link ProvisioningStore} does, whatever keeps it: extend it with a {@link #newStore()}
 * of yours (ztp-server runs it on H2 and PostgreSQL).
 */
public abstract class ProvisioningStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    protected static final SerialNumber SERIAL = SerialNumber.of("SAL1234ABCD");

    protected ProvisioningStore store;
    protected final List<DeviceChange> changes = new ArrayList<>();
    protected DeviceStatusBoard board;

    /** @return a new, empty store */
    protected abstract ProvisioningStore newStore();

    /** @return the same store opened again, as after a restart (the old one is closed) */
    protected abstract ProvisioningStore reopen();

    @BeforeEach
    void open() {
        store = newStore();
        board = DeviceStatusBoard.builder().changeListener(changes::add).build();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static InetSocketAddress client(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 49152);
    }

    protected void flush() {
        List<DeviceWrite> writes = new ArrayList<>();
        for (DeviceChange c : changes) {
            writes.add(DeviceWrite.of(c, "server-a"));
        }
        changes.clear();
        store.write(writes);
    }

    @Test
    void keepsEachDevicesStateAndJournalWithTheFactsOfEachEvent() throws Exception {
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL).withPlatform("nxos");
        board.onEvent(new ProvisioningEvent.FileRequested(T0, sal, "/poap.py", Protocol.TFTP, client("10.0.0.7")));
        board.onEvent(new ProvisioningEvent.FileServed(T0.plusSeconds(1), sal, "poap.py", Protocol.TFTP, client("10.0.0.7"),
                4200, Duration.ofMillis(800)));
        board.onEvent(new ProvisioningEvent.TransferFailed(T0.plusSeconds(2), sal, "conf.SAL1234ABCD.md5", Protocol.TFTP,
                client("10.0.0.7"), 0, "file not found"));
        board.onEvent(new ProvisioningEvent.FileServed(T0.plusSeconds(3), sal, "conf.SAL1234ABCD", Protocol.HTTP,
                client("10.0.0.7"), 2000, Duration.ofMillis(20)));
        flush();

        DeviceSnapshot d = store.device("SAL1234ABCD").orElseThrow();
        assertThat(d.state()).isEqualTo(DeviceState.CONFIG_SERVED);
        assertThat(d.platform()).isEqualTo("nxos");
        assertThat(d.clientAddress()).isEqualTo(InetAddress.getByName("10.0.0.7"));
        assertThat(d.firstRequest()).isEqualTo(T0);
        assertThat(d.configServedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(d.toStatus().configServedAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.lastError()).isEqualTo("conf.SAL1234ABCD.md5: file not found");
        assertThat(d.history()).hasSize(4).last().asString().endsWith("served conf.SAL1234ABCD over HTTP (1 KiB)");

        List<JournalEntry> journal = store.journal("SAL1234ABCD", 0, 100);
        assertThat(journal).extracting(JournalEntry::kind).containsExactly(JournalKind.REQUESTED, JournalKind.SERVED,
                JournalKind.FAILED, JournalKind.SERVED);
        JournalEntry served = journal.get(1);
        assertThat(served.time()).isEqualTo(T0.plusSeconds(1));
        assertThat(served.path()).isEqualTo("poap.py");
        assertThat(served.protocol()).isEqualTo(Protocol.TFTP);
        assertThat(served.client()).isEqualTo("10.0.0.7:49152");
        assertThat(served.bytes()).isEqualTo(4200L);
        assertThat(served.durationMillis()).isEqualTo(800L);
        assertThat(served.server()).isEqualTo("server-a");
        assertThat(journal.get(2).detail()).isEqualTo("file not found");
        assertThat(journal).extracting(JournalEntry::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aDeviceKnownFirstByItsAddressTakesItsJournalAlongWhenItsSerialIsLearnt() throws Exception {
        DeviceIdentity anon = DeviceIdentity.ofAddress(InetAddress.getByName("10.0.0.9"));
        board.onEvent(new ProvisioningEvent.FileRequested(T0, anon, "network-confg", Protocol.TFTP, client("10.0.0.9")));
        flush();
        assertThat(store.device("10.0.0.9")).isPresent();

        DeviceIdentity known = anon.withSerial(SerialNumber.of("FOC9999X")).withPlatform("ios");
        board.onEvent(new ProvisioningEvent.FileServed(T0.plusSeconds(1), known, "sw9-confg", Protocol.TFTP, client("10.0.0.9"),
                900, Duration.ofMillis(30)));
        flush();

        assertThat(store.device("10.0.0.9")).isEmpty();
        assertThat(store.devices()).extracting(DeviceSnapshot::key).containsExactly("FOC9999X");
        assertThat(store.journal("FOC9999X", 0, 10)).extracting(JournalEntry::path).containsExactly("network-confg", "sw9-confg");
        assertThat(store.journal("10.0.0.9", 0, 10)).isEmpty();
    }

    @Test
    void readsTheJournalSinceAnIdAndTellsSubscribersWhatChanged() throws Exception {
        List<String> told = new ArrayList<>();
        List<Long> lastIds = new ArrayList<>();
        try (AutoCloseable sub = store.subscribe((keys, lastId) -> {
            told.addAll(keys);
            lastIds.add(lastId);
        })) {
            DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL);
            board.onEvent(new ProvisioningEvent.FileRequested(T0, sal, "poap.py", Protocol.TFTP, client("10.0.0.7")));
            board.onEvent(new ProvisioningEvent.FileRequested(T0, DeviceIdentity.unknown().withSerial(SerialNumber.of("OTHER1")),
                    "poap.py", Protocol.TFTP, client("10.0.0.8")));
            flush();
            List<JournalEntry> all = store.journal(0, 100);
            assertThat(all).hasSize(2);
            assertThat(store.journal(all.get(0).id(), 100)).extracting(JournalEntry::deviceKey).containsExactly("OTHER1");
            assertThat(store.journal(0, 1)).hasSize(1);
            assertThat(told).containsExactly("SAL1234ABCD", "OTHER1");
            assertThat(lastIds).containsExactly(all.get(1).id());
        }
    }

    @Test
    void operatorActionsAreJournaledWithWhoTookThem() throws Exception {
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL);
        board.onEvent(new ProvisioningEvent.TransferFailed(T0, sal, "conf.SAL1234ABCD", Protocol.TFTP, client("10.0.0.7"), 512,
                "timed out after 5 retries"));
        board.act("SAL1234ABCD", BoardAction.RETRY, "operator", T0.plusSeconds(60));
        board.act("SAL1234ABCD", BoardAction.RESET, "operator", T0.plusSeconds(61));
        board.act("SAL1234ABCD", BoardAction.DECOMMISSION, "viewer?", T0.plusSeconds(62));
        flush();
        assertThat(store.journal("SAL1234ABCD", 0, 10)).extracting(JournalEntry::kind, JournalEntry::actor).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JournalKind.FAILED, null),
                org.assertj.core.groups.Tuple.tuple(JournalKind.RETRY, "operator"),
                org.assertj.core.groups.Tuple.tuple(JournalKind.RESET, "operator"),
                org.assertj.core.groups.Tuple.tuple(JournalKind.DECOMMISSIONED, "viewer?"));
        assertThat(store.device("SAL1234ABCD").orElseThrow().state()).isEqualTo(DeviceState.DECOMMISSIONED);
    }

    @Test
    void keepsEverythingAcrossARestartAndTheBoardShowsItAgain() throws Exception {
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL).withPlatform("nxos");
        board.onEvent(new ProvisioningEvent.FileServed(T0, sal, "poap.py", Protocol.TFTP, client("10.0.0.7"), 4200,
                Duration.ofMillis(800)));
        board.onEvent(new ProvisioningEvent.TransferProgress(T0.plusSeconds(5), sal, "nxos.bin", Protocol.HTTP, 1000, 10_000));
        board.onEvent(new ProvisioningEvent.TransferProgress(T0.plusSeconds(6), sal, "nxos.bin", Protocol.HTTP, 2000, 10_000));
        flush();
        List<JournalEntry> before = store.journal("SAL1234ABCD", 0, 100);
        assertThat(before).extracting(JournalEntry::kind).containsExactly(JournalKind.SERVED, JournalKind.TRANSFER_STARTED);

        store = reopen();
        DeviceStatusBoard again = DeviceStatusBoard.builder().changeListener(changes::add).build();
        again.restore(store.devices());
        assertThat(again.interruptTransfers(T0.plusSeconds(30))).containsExactly("SAL1234ABCD");
        board = again;
        flush();

        DeviceSnapshot d = store.device("SAL1234ABCD").orElseThrow();
        assertThat(d.state()).isEqualTo(DeviceState.INTERRUPTED);
        assertThat(d.transfer().bytesSent()).isEqualTo(2000);
        assertThat(d.transfer().totalBytes()).isEqualTo(10_000);
        assertThat(d.firstRequest()).isEqualTo(T0.minusMillis(800));
        List<JournalEntry> after = store.journal("SAL1234ABCD", 0, 100);
        assertThat(after.subList(0, 2)).isEqualTo(before);
        assertThat(after.get(2).kind()).isEqualTo(JournalKind.INTERRUPTED);
        assertThat(after.get(2).path()).isEqualTo("nxos.bin");
        assertThat(after.get(2).bytes()).isEqualTo(2000L);
        assertThat(again.device("SAL1234ABCD").orElseThrow().history()).last().asString()
                .endsWith("transfer of nxos.bin interrupted: the server stopped");
    }

    @Test
    void refusesWorkOnceClosed() {
        store.close();
        assertThatThrownBy(() -> store.devices()).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        store = null;
    }
}
