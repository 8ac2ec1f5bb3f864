package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.server.status.Samples.bySerial;
import static org.ztp4j.server.status.Samples.client;
import static org.ztp4j.server.status.Samples.ip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningEvent.DeviceReachable;
import org.ztp4j.core.SerialNumber;

/** A real listening socket on 127.0.0.1 stands in for the device's SSH port. */
class ReachabilityProbeTest {

    static final InetAddress LOOPBACK = ip("127.0.0.1");

    final BlockingQueue<ProvisioningEvent> events = new LinkedBlockingQueue<>();
    ReachabilityProbe probe;

    @AfterEach
    void close() {
        if (probe != null) {
            probe.close();
        }
    }

    static DeviceRecord device(String hostname, String serial, InetAddress management) {
        return new DeviceRecord(hostname, SerialNumber.of(serial), null, "nxos", management, 8, null, null, null);
    }

    static ProvisioningEvent.DeviceIdentified identified(DeviceIdentity id, DeviceRecord r) {
        return new ProvisioningEvent.DeviceIdentified(Instant.now(), id, r, "serial in file name");
    }

    static ProvisioningEvent.FileServed served(DeviceIdentity id, String path) {
        return new ProvisioningEvent.FileServed(Instant.now(), id, path, Protocol.TFTP, client(id), 100, Duration.ofMillis(5));
    }

    ReachabilityProbe.Builder fast(int port) {
        return ReachabilityProbe.builder(events::add).port(port).interval(Duration.ofMillis(20))
                .connectTimeout(Duration.ofSeconds(2));
    }

    /** Waits (bounded) until no device is being probed any more. */
    static void awaitIdle(ReachabilityProbe p) throws InterruptedException {
        for (int i = 0; i < 600 && p.activeProbes() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(p.activeProbes()).as("probes still running after 30 s").isZero();
    }

    @Test
    void aDeviceWhoseConfigWasServedIsReportedReachableOnceItsPortAccepts() throws Exception {
        try (ServerSocket ssh = new ServerSocket(0, 50, LOOPBACK)) {
            probe = fast(ssh.getLocalPort()).attempts(500).build();
            DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7").withPlatform("nxos");
            probe.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
            probe.onEvent(served(leaf, "conf.SAL1234ABCD"));
            assertThat(probe.activeProbes()).isEqualTo(1);

            ProvisioningEvent event = events.poll(30, TimeUnit.SECONDS);
            assertThat(event).isInstanceOfSatisfying(DeviceReachable.class, r -> {
                assertThat(r.address()).isEqualTo(LOOPBACK);
                assertThat(r.how()).isEqualTo("tcp/" + ssh.getLocalPort() + " open");
                assertThat(r.device().serial()).isEqualTo(SerialNumber.of("SAL1234ABCD"));
                assertThat(r.device().platform()).isEqualTo("nxos");
            });
            awaitIdle(probe);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void withNothingListeningItGivesUpAfterTheAttemptsWithoutAnEvent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        probe = fast(closedPort).attempts(3).build();
        DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7");
        probe.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
        probe.onEvent(served(leaf, "conf.SAL1234ABCD"));
        assertThat(probe.activeProbes()).isEqualTo(1);
        awaitIdle(probe);
        assertThat(events).isEmpty();
    }

    @Test
    void theManagementAddressMayComeFromTheInventory() throws Exception {
        try (ServerSocket ssh = new ServerSocket(0, 50, LOOPBACK)) {
            org.ztp4j.core.inventory.CsvInventory inventory = org.ztp4j.core.inventory.CsvInventory.parse("one.csv",
                    "hostname,mac,platform,mgmt_address\nsw1,02:00:00:00:00:01,ios,127.0.0.1/8\n");
            probe = fast(ssh.getLocalPort()).attempts(500).inventory(inventory).build();
            DeviceIdentity sw1 = DeviceIdentity.ofAddress(ip("10.0.0.8")).withMac(MacAddress.parse("0200.0000.0001"));
            probe.onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(), sw1, "ios.mustache", "sw1-confg", 900));
            assertThat(events.poll(30, TimeUnit.SECONDS)).isInstanceOf(DeviceReachable.class);
        }
    }

    @Test
    void scriptsImagesAndUnknownDevicesAreNotProbed() {
        probe = fast(22).build();
        DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7");
        probe.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
        probe.onEvent(served(leaf, "poap.py"));
        probe.onEvent(served(leaf, "nxos.bin"));
        probe.onEvent(served(leaf, "conf.SAL1234ABCD.md5"));
        probe.onEvent(served(DeviceIdentity.ofAddress(ip("10.0.0.8")), "network-confg"));
        probe.onEvent(served(bySerial("NOBODY1", "10.0.0.9"), "conf.NOBODY1"));
        assertThat(probe.activeProbes()).isZero();
    }

    @Test
    void oneProbePerAddressAndAtMostMaxDevicesAtOnce() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            port = s.getLocalPort();
        }
        probe = ReachabilityProbe.builder(events::add).port(port).interval(Duration.ofMinutes(10)).maxDevices(2).build();
        for (int i = 1; i <= 3; i++) {
            DeviceIdentity d = bySerial("SN" + i, "10.0.0." + i);
            probe.onEvent(identified(d, device("sw" + i, "SN" + i, ip("127.0.0." + i))));
            probe.onEvent(served(d, "conf.SN" + i));
            probe.onEvent(served(d, "conf.SN" + i));
        }
        assertThat(probe.activeProbes()).isEqualTo(2);
        probe.close();
        assertThat(probe.activeProbes()).isZero();
        DeviceIdentity late = bySerial("SN1", "10.0.0.1");
        probe.onEvent(served(late, "conf.SN1"));
        assertThat(probe.activeProbes()).isZero();
    }

    @Test
    void aDeviceFoundReachableOtherwiseIsNoLongerProbed() throws Exception {
        probe = ReachabilityProbe.builder(events::add).port(22).interval(Duration.ofMinutes(10)).build();
        DeviceIdentity sw = bySerial("FOC1234ABCD", "10.0.0.9");
        probe.onEvent(identified(sw, device("access-sw1", "FOC1234ABCD", ip("127.0.0.3"))));
        probe.onEvent(served(sw, "access-sw1.cfg"));
        assertThat(probe.activeProbes()).isEqualTo(1);
        probe.onEvent(new DeviceReachable(Instant.now(), sw, ip("127.0.0.3"), "reported by script"));
        assertThat(probe.activeProbes()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> ReachabilityProbe.builder(events::add).port(0))
                .hasMessage("probe port 0: must be 1..65535");
        assertThatThrownBy(() -> ReachabilityProbe.builder(events::add).interval(Duration.ZERO))
                .hasMessage("probe interval PT0S: must be positive");
        assertThatThrownBy(() -> ReachabilityProbe.builder(events::add).attempts(0))
                .hasMessage("probe attempts 0: must be 1..100000");
    }
}
