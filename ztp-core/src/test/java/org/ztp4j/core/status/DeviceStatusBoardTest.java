package org.ztp4j.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent.ConfigRendered;
import org.ztp4j.core.ProvisioningEvent.DeviceIdentified;
import org.ztp4j.core.ProvisioningEvent.DeviceReachable;
import org.ztp4j.core.ProvisioningEvent.DeviceReported;
import org.ztp4j.core.ProvisioningEvent.FileRequested;
import org.ztp4j.core.ProvisioningEvent.FileServed;
import org.ztp4j.core.ProvisioningEvent.TransferFailed;
import org.ztp4j.core.ProvisioningEvent.TransferProgress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;

class DeviceStatusBoardTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final long MIB = 1024 * 1024;

    static final Inventory INVENTORY = CsvInventory.parse("test.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,admin_password
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.11/24,192.0.2.1,S3cret!
            branch-rtr1,FTX1234ABCD,00:00:5e:00:53:02,ios,192.0.2.21/24,192.0.2.1,S3cret!
            access-sw1,FOC1234ABCD,00:00:5e:00:53:03,iosxe,192.0.2.31/24,192.0.2.1,S3cret!
            """);

    final DeviceStatusBoard board = DeviceStatusBoard.of(INVENTORY);

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static InetAddress ip(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static DeviceIdentity from(String address) {
        return DeviceIdentity.ofAddress(ip(address));
    }

    static DeviceIdentity serial(String serial, String address) {
        return DeviceIdentity.ofAddress(ip(address)).withSerial(SerialNumber.of(serial));
    }

    static DeviceRecord record(String hostname) {
        return INVENTORY.byHostname(hostname).orElseThrow();
    }

    static InetSocketAddress port(DeviceIdentity id) {
        return new InetSocketAddress(id.clientAddress(), 49152);
    }

    static FileRequested requested(long s, DeviceIdentity id, String path, Protocol p) {
        return new FileRequested(at(s), id, path, p, port(id));
    }

    static FileServed served(long s, DeviceIdentity id, String path, Protocol p, long bytes) {
        return new FileServed(at(s), id, path, p, port(id), bytes, Duration.ofMillis(200));
    }

    DeviceStatus device(String label) {
        return board.snapshot().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void everyInventoryDeviceIsWaitingBeforeAnythingHappens() {
        assertThat(board.snapshot()).extracting(DeviceStatus::label, DeviceStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("leaf101", DeviceState.WAITING),
                org.assertj.core.groups.Tuple.tuple("branch-rtr1", DeviceState.WAITING),
                org.assertj.core.groups.Tuple.tuple("access-sw1", DeviceState.WAITING));
        DeviceStatus leaf = device("leaf101");
        assertThat(leaf.key()).isEqualTo("SAL1234ABCD");
        assertThat(leaf.platform()).isEqualTo("nxos");
        assertThat(leaf.managementAddress()).isEqualTo(ip("192.0.2.11"));
        assertThat(leaf.firstSeen()).isNull();
        assertThat(leaf.history()).isEmpty();
    }

    @Test
    void nxosPoapGoesFromScriptToConfigToReachable() {
        DeviceIdentity anonymous = from("10.0.0.7");
        DeviceIdentity known = serial("SAL1234ABCD", "10.0.0.7").withPlatform("nxos");
        board.onEvent(requested(0, anonymous, "poap.py", Protocol.TFTP));
        board.onEvent(served(1, anonymous, "poap.py", Protocol.TFTP, 40_000));
        assertThat(board.snapshot()).hasSize(4);
        assertThat(board.snapshot().get(3).key()).isEqualTo("10.0.0.7");
        assertThat(board.snapshot().get(3).state()).isEqualTo(DeviceState.SCRIPT_SERVED);

        board.onEvent(new DeviceIdentified(at(30), known, record("leaf101"), "serial in file name"));
        board.onEvent(requested(30, known, "conf.SAL1234ABCD", Protocol.TFTP));
        board.onEvent(served(31, known, "conf.SAL1234ABCD.md5", Protocol.TFTP, 45));
        board.onEvent(served(32, known, "conf.SAL1234ABCD", Protocol.TFTP, 2_000));

        assertThat(board.snapshot()).hasSize(3);
        DeviceStatus leaf = device("leaf101");
        assertThat(leaf.state()).isEqualTo(DeviceState.CONFIG_SERVED);
        assertThat(leaf.firstSeen()).isEqualTo(at(0));
        assertThat(leaf.configServedAfter()).isEqualTo(Duration.ofSeconds(32));
        // The md5 sidecar came between: the served config counts as asked for when its transfer began.
        assertThat(leaf.lastRequest()).isEqualTo(new LastRequest("conf.SAL1234ABCD", Protocol.TFTP, at(32).minusMillis(200)));
        assertThat(leaf.clientAddress()).isEqualTo(ip("10.0.0.7"));

        board.onEvent(new DeviceReachable(at(300), known, ip("192.0.2.11"), "tcp/22 open"));
        leaf = device("leaf101");
        assertThat(leaf.state()).isEqualTo(DeviceState.REACHABLE);
        assertThat(leaf.stateSince()).isEqualTo(at(300));
        assertThat(leaf.reachableAfter()).isEqualTo(Duration.ofSeconds(300));
        assertThat(leaf.history()).containsExactly(
                "10:00:00 asked for poap.py over TFTP",
                "10:00:01 served poap.py over TFTP (39 KiB)",
                "10:00:30 identified as leaf101 (serial in file name)",
                "10:00:30 asked for conf.SAL1234ABCD over TFTP",
                "10:00:31 served conf.SAL1234ABCD.md5 over TFTP (45 B)",
                "10:00:32 served conf.SAL1234ABCD over TFTP (1 KiB)",
                "10:05:00 reachable at 192.0.2.11 (tcp/22 open)");
    }

    @Test
    void iosAutoInstallReadsNetworkConfgThenItsOwnFile() {
        DeviceIdentity anonymous = from("10.0.0.8");
        board.onEvent(requested(0, anonymous, "network-confg", Protocol.TFTP));
        board.onEvent(served(0, anonymous, "network-confg", Protocol.TFTP, 300));
        board.onEvent(requested(5, anonymous, "branch-rtr1-confg", Protocol.TFTP));
        DeviceIdentity known = serial("FTX1234ABCD", "10.0.0.8").withPlatform("ios");
        board.onEvent(new DeviceIdentified(at(5), known, record("branch-rtr1"), "host name in file name"));
        board.onEvent(served(6, known, "branch-rtr1-confg", Protocol.TFTP, 1_500));

        assertThat(board.snapshot()).extracting(DeviceStatus::label)
                .containsExactly("leaf101", "branch-rtr1", "access-sw1");
        DeviceStatus rtr = device("branch-rtr1");
        assertThat(rtr.state()).isEqualTo(DeviceState.CONFIG_SERVED);
        assertThat(rtr.platform()).isEqualTo("ios");
        assertThat(rtr.lastRequest().path()).isEqualTo("branch-rtr1-confg");
        // network-confg took 200 ms and was served at 0 s, so it was asked for at -0.2 s.
        assertThat(rtr.configServedAfter()).isEqualTo(Duration.ofMillis(6200));
        assertThat(rtr.history()).anyMatch(l -> l.contains("served network-confg"))
                .anyMatch(l -> l.contains("served branch-rtr1-confg"));
    }

    @Test
    void anAddressKeyedEntryIsMergedWhenALaterEventNamesTheDevice() {
        DeviceIdentity anonymous = from("10.0.0.9");
        board.onEvent(requested(0, anonymous, "ztp.py", Protocol.HTTP));
        board.onEvent(new TransferFailed(at(1), anonymous, "ztp.py", Protocol.HTTP, port(anonymous), 0, "file not found"));
        assertThat(board.snapshot()).hasSize(4);

        // Identified by MAC only, e.g. from the DHCP lease of its address.
        DeviceIdentity byMac = DeviceIdentity.ofAddress(ip("10.0.0.9")).withMac(MacAddress.parse("0000.5e00.5303"));
        board.onEvent(served(20, byMac, "ztp.py", Protocol.HTTP, 9_000));

        List<DeviceStatus> all = board.snapshot();
        assertThat(all).hasSize(3);
        DeviceStatus sw = device("access-sw1");
        assertThat(sw.key()).isEqualTo("FOC1234ABCD");
        assertThat(sw.firstSeen()).isEqualTo(at(0));
        assertThat(sw.state()).isEqualTo(DeviceState.SCRIPT_SERVED);
        assertThat(sw.lastError()).isEqualTo("ztp.py: file not found");
        assertThat(sw.history()).hasSize(3).first().asString().contains("asked for ztp.py");

        // Later requests from that address that name nobody count to the device.
        board.onEvent(requested(40, anonymous, "access-sw1.cfg", Protocol.HTTP));
        assertThat(board.snapshot()).hasSize(3);
        assertThat(device("access-sw1").lastRequest().path()).isEqualTo("access-sw1.cfg");
    }

    @Test
    void aDeviceFirstKnownByMacAndThenBySerialStaysOneEntry() {
        DeviceStatusBoard empty = DeviceStatusBoard.builder().build();
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        empty.onEvent(requested(0, from("10.0.0.20").withMac(mac), "x.cfg", Protocol.TFTP));
        empty.onEvent(requested(1, serial("ABC123", "10.0.0.20").withMac(mac), "y.cfg", Protocol.TFTP));
        empty.onEvent(requested(2, serial("ABC123", "10.0.0.20"), "z.cfg", Protocol.TFTP));
        assertThat(empty.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("ABC123");
            assertThat(d.mac()).isEqualTo(mac);
            assertThat(d.hostname()).isNull();
            assertThat(d.label()).isEqualTo("ABC123");
        });
    }

    @Test
    void imageProgressGivesAPercentageAndTheFinishedImageRestoresTheState() {
        DeviceIdentity sw = serial("FOC1234ABCD", "10.0.0.9");
        String image = "cat9k_iosxe.17.09.04a.SPA.bin";
        board.onEvent(served(0, sw, "ztp.py", Protocol.HTTP, 9_000));
        board.onEvent(new TransferProgress(at(10), sw, image, Protocol.HTTP, 8 * MIB, 330 * MIB));
        board.onEvent(new TransferProgress(at(20), sw, image, Protocol.HTTP, 132 * MIB, 330 * MIB));

        DeviceStatus d = device("access-sw1");
        assertThat(d.state()).isEqualTo(DeviceState.IMAGE_TRANSFERRING);
        assertThat(d.transfer()).isEqualTo(new TransferStatus(image, 132 * MIB, 330 * MIB, false));
        assertThat(d.transfer().percent()).isEqualTo(40);
        assertThat(d.history()).filteredOn(l -> l.contains("sending")).containsExactly("10:00:10 sending " + image + " (330 MiB)");

        board.onEvent(served(60, sw, image, Protocol.HTTP, 330 * MIB));
        d = device("access-sw1");
        assertThat(d.state()).isEqualTo(DeviceState.SCRIPT_SERVED);
        assertThat(d.transfer().finished()).isTrue();
        assertThat(d.transfer().percent()).isEqualTo(100);

        assertThat(new TransferStatus("x.bin", 5, -1, false).percent()).isEqualTo(-1);
        assertThat(new TransferStatus("x.bin", 1, 3, false).percent()).isEqualTo(33);
    }

    @Test
    void aFailedTransferOrAFailedReportMarksTheDeviceFailedWithTheReason() {
        DeviceIdentity sw = serial("FOC1234ABCD", "10.0.0.9");
        String image = "cat9k_iosxe.17.09.04a.SPA.bin";
        board.onEvent(served(0, sw, "ztp.py", Protocol.HTTP, 9_000));
        board.onEvent(new TransferProgress(at(10), sw, image, Protocol.HTTP, 16 * MIB, 330 * MIB));
        board.onEvent(new TransferFailed(at(15), sw, image, Protocol.HTTP, port(sw), 20 * MIB, "client stopped reading"));

        DeviceStatus d = device("access-sw1");
        assertThat(d.state()).isEqualTo(DeviceState.FAILED);
        assertThat(d.lastError()).isEqualTo(image + ": client stopped reading");
        assertThat(d.transfer().finished()).isFalse();

        board.onEvent(new DeviceReported(at(20), sw, false, "install add failed: no space"));
        d = device("access-sw1");
        assertThat(d.state()).isEqualTo(DeviceState.FAILED);
        assertThat(d.lastError()).isEqualTo("script reported failure: install add failed: no space");

        board.onEvent(new DeviceReported(at(90), sw, true, "done"));
        assertThat(device("access-sw1").state()).isEqualTo(DeviceState.REPORTED);
    }

    @Test
    void aMissingSidecarRecordsTheErrorButKeepsTheState() {
        DeviceIdentity leaf = serial("SAL1234ABCD", "10.0.0.7");
        board.onEvent(served(0, leaf, "poap.py", Protocol.TFTP, 40_000));
        board.onEvent(new TransferFailed(at(1), leaf, "conf.SAL1234ABCD.md5", Protocol.TFTP, port(leaf), 0, "file not found"));
        DeviceStatus d = device("leaf101");
        assertThat(d.state()).isEqualTo(DeviceState.SCRIPT_SERVED);
        assertThat(d.lastError()).isEqualTo("conf.SAL1234ABCD.md5: file not found");
    }

    @Test
    void theDefaultClassifierGoesByTheFileNameEnding() {
        FileClassifier c = FileClassifier.byExtension();
        assertThat(c.classify("poap.py")).isEqualTo(FileKind.SCRIPT);
        assertThat(c.classify("scripts/ZTP.PY")).isEqualTo(FileKind.SCRIPT);
        assertThat(c.classify("nxos64-cs.10.3.4a.M.bin")).isEqualTo(FileKind.IMAGE);
        assertThat(c.classify("cat9k_iosxe.17.09.04a.SPA.bin")).isEqualTo(FileKind.IMAGE);
        assertThat(c.classify("images/ios.img")).isEqualTo(FileKind.IMAGE);
        assertThat(c.classify("x.iso")).isEqualTo(FileKind.IMAGE);
        assertThat(c.classify("x.tar")).isEqualTo(FileKind.IMAGE);
        assertThat(c.classify("nxos.bin.md5")).isEqualTo(FileKind.SIDECAR);
        assertThat(c.classify("poap.py.sha256")).isEqualTo(FileKind.SIDECAR);
        assertThat(c.classify("x.bin.SHA512")).isEqualTo(FileKind.SIDECAR);
        assertThat(c.classify("conf.SAL1234ABCD")).isEqualTo(FileKind.CONFIG);
        assertThat(c.classify("network-confg")).isEqualTo(FileKind.CONFIG);
        assertThat(c.classify("py/sw1.cfg")).isEqualTo(FileKind.CONFIG);
    }

    @Test
    void anInjectedClassifierDecidesWhatAServedFileMeans() {
        DeviceStatusBoard custom = DeviceStatusBoard.builder().inventory(INVENTORY)
                .fileClassifier(path -> path.startsWith("boot/") ? FileKind.SCRIPT : FileKind.CONFIG).build();
        custom.onEvent(served(0, serial("SAL1234ABCD", "10.0.0.7"), "boot/start", Protocol.HTTP, 10));
        assertThat(custom.snapshot().get(0).state()).isEqualTo(DeviceState.SCRIPT_SERVED);
    }

    @Test
    void theJsonOfAWaitingDeviceIsExactly() {
        DeviceStatusBoard one = DeviceStatusBoard.of(CsvInventory.parse("one.csv", """
                hostname,serial,mac,platform,mgmt_address
                leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.11/24
                """));
        assertThat(one.toJson()).isEqualTo("{\"devices\":[{\"key\":\"SAL1234ABCD\",\"label\":\"leaf101\","
                + "\"hostname\":\"leaf101\",\"serial\":\"SAL1234ABCD\",\"mac\":\"00:00:5e:00:53:01\",\"platform\":\"nxos\","
                + "\"clientAddress\":null,\"managementAddress\":\"192.0.2.11\",\"state\":\"WAITING\",\"stateSince\":null,"
                + "\"transfer\":null,\"lastRequest\":null,\"firstSeen\":null,\"configServedAfterMillis\":null,"
                + "\"reachableAfterMillis\":null,\"lastError\":null,\"history\":[]}]}");
        assertThat(DeviceStatusBoard.builder().build().toJson()).isEqualTo("{\"devices\":[]}");
    }

    @Test
    void theJsonCarriesProgressTimingsAndDeviceTextEscaped() {
        DeviceIdentity sw = serial("FOC1234ABCD", "10.0.0.9");
        board.onEvent(requested(0, sw, "a\"b\\c.cfg", Protocol.HTTP));
        board.onEvent(new TransferProgress(at(10), sw, "img.bin", Protocol.HTTP, 40, 100));
        String json = board.toJson();
        assertThat(json).contains("\"lastRequest\":{\"path\":\"a\\\"b\\\\c.cfg\",\"protocol\":\"HTTP\",\"time\":\"2026-11-24T10:00:00Z\"}");
        assertThat(json).contains("\"transfer\":{\"path\":\"img.bin\",\"bytesSent\":40,\"totalBytes\":100,\"percent\":40,\"finished\":false}");
        assertThat(json).contains("\"state\":\"IMAGE_TRANSFERRING\"");
        assertThat(json).contains("\"clientAddress\":\"10.0.0.9\"");
    }

    @Test
    void controlCharactersInDeviceTextAreReplacedInHistoryAndLongTextIsCut() {
        DeviceIdentity sw = serial("FOC1234ABCD", "10.0.0.9");
        board.onEvent(new DeviceReported(at(0), sw, false, "line1\nline2\u0007" + "x".repeat(500)));
        DeviceStatus d = device("access-sw1");
        assertThat(d.lastError()).startsWith("script reported failure: line1\\x0aline2\\x07xxx").endsWith("x...")
                .doesNotContain("\n", "\u0007")
                // 200 characters kept, two of them written as \xNN (4 each), then "..."
                .hasSize("script reported failure: ".length() + 198 + 8 + 3);
    }

    @Test
    void noSecretOfTheInventoryEverReachesTheBoard() {
        DeviceRecord leaf = record("leaf101");
        assertThat(leaf.variables()).containsEntry("admin_password", "S3cret!");
        DeviceIdentity id = serial("SAL1234ABCD", "10.0.0.7");
        board.onEvent(new DeviceIdentified(at(0), id, leaf, "serial in file name"));
        board.onEvent(new ConfigRendered(at(1), id, "nxos.mustache", "conf.SAL1234ABCD", 2_000));
        board.onEvent(served(2, id, "conf.SAL1234ABCD", Protocol.TFTP, 2_000));
        board.onEvent(new DeviceReachable(at(3), id, ip("192.0.2.11"), "tcp/22 open"));
        assertThat(board.toJson()).doesNotContain("S3cret!").contains("leaf101");
        assertThat(board.snapshot().toString()).doesNotContain("S3cret!");
    }

    @Test
    void historyAndTheNumberOfDevicesAreBounded() {
        DeviceStatusBoard small = DeviceStatusBoard.builder().inventory(INVENTORY).historySize(5).maxDevices(1).build();
        DeviceIdentity leaf = serial("SAL1234ABCD", "10.0.0.7");
        for (int i = 0; i < 30; i++) {
            small.onEvent(requested(i, leaf, "file" + i, Protocol.TFTP));
        }
        assertThat(small.snapshot().get(0).history()).hasSize(5).last().asString().endsWith("asked for file29 over TFTP");
        for (int i = 1; i <= 5; i++) {
            small.onEvent(requested(100 + i, from("10.1.0." + i), "network-confg", Protocol.TFTP));
        }
        // Inventory devices stay (and do not count); of the strangers only the most recently heard-of is left.
        assertThat(small.snapshot()).extracting(DeviceStatus::key)
                .containsExactly("SAL1234ABCD", "FTX1234ABCD", "FOC1234ABCD", "10.1.0.5");
    }

    @Test
    void aFullBoardForgetsTheStrangerHeardOfLeastRecentlyNotTheFirstOne() {
        DeviceStatusBoard small = DeviceStatusBoard.builder().inventory(INVENTORY).maxDevices(2).build();
        small.onEvent(requested(1, from("10.1.0.1"), "network-confg", Protocol.TFTP));
        small.onEvent(requested(2, from("10.1.0.2"), "network-confg", Protocol.TFTP));
        small.onEvent(requested(3, from("10.1.0.1"), "router-confg", Protocol.TFTP)); // heard of again

        small.onEvent(requested(4, from("10.1.0.3"), "network-confg", Protocol.TFTP));

        assertThat(small.snapshot()).extracting(DeviceStatus::key)
                .containsExactly("SAL1234ABCD", "FTX1234ABCD", "FOC1234ABCD", "10.1.0.1", "10.1.0.3");
        small.onEvent(requested(5, from("10.1.0.2"), "network-confg", Protocol.TFTP));
        assertThat(small.snapshot()).as("a forgotten device's address no longer finds the old entry")
                .extracting(DeviceStatus::key).containsExactly("SAL1234ABCD", "FTX1234ABCD", "FOC1234ABCD", "10.1.0.3", "10.1.0.2");
    }

    @Test
    void eventsFromManyThreadsAreAllCounted() throws Exception {
        DeviceStatusBoard shared = DeviceStatusBoard.builder().historySize(1000).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        DeviceIdentity id = from("10.2." + thread + "." + (i % 10));
                        shared.onEvent(requested(i, id, "f" + i, Protocol.TFTP));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<DeviceStatus> all = shared.snapshot();
        assertThat(all).hasSize(40);
        assertThat(all).allSatisfy(d -> assertThat(d.history()).hasSize(25));
    }

    @Test
    void aReloadedInventoryAddsNewDevicesAndKeepsTheStateOfKnownOnes() {
        board.onEvent(served(0, serial("SAL1234ABCD", "10.0.0.7"), "poap.py", Protocol.TFTP, 40_000));
        board.onEvent(requested(1, from("10.0.0.50"), "network-confg", Protocol.TFTP));
        board.seed(CsvInventory.parse("reloaded.csv", """
                hostname,serial,mac,platform,mgmt_address
                leaf101-new,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.111/24
                spine1,SAL9999ZZZZ,,nxos,192.0.2.1/24
                """));
        assertThat(board.snapshot()).extracting(DeviceStatus::label, DeviceStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("leaf101-new", DeviceState.SCRIPT_SERVED),
                org.assertj.core.groups.Tuple.tuple("branch-rtr1", DeviceState.WAITING),
                org.assertj.core.groups.Tuple.tuple("access-sw1", DeviceState.WAITING),
                org.assertj.core.groups.Tuple.tuple("10.0.0.50", DeviceState.WAITING),
                org.assertj.core.groups.Tuple.tuple("spine1", DeviceState.WAITING));
        assertThat(device("leaf101-new").managementAddress()).isEqualTo(ip("192.0.2.111"));
    }

    @Test
    void aBrokenEventIsIgnoredWithoutAnException() {
        board.onEvent(null);
        board.onEvent(new FileServed(null, null, "x.cfg", null, null, 1, null));
        assertThat(board.snapshot()).hasSize(4);
    }
}
