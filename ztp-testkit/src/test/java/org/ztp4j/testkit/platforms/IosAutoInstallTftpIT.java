package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** Drives IOS AutoInstall's request sequence with tftp-hpa's client against the running TFTP server. */
class IosAutoInstallTftpIT {

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning provisioning(Map<String, String> settings, LeaseLookup leases) throws IOException {
        return provisioning(SampleInventory.inventory(), settings, leases);
    }

    private Provisioning provisioning(Inventory inventory, Map<String, String> settings, LeaseLookup leases) throws IOException {
        return Provisioning.builder()
                .inventory(inventory)
                .globals(SampleInventory.GLOBALS)
                .settings(settings)
                .leases(leases)
                .tftpPort(0).httpPort(0)
                .listener(events)
                .build().start();
    }

    /** Asks for a file as the router would, with tftp-hpa; empty when the server has none. */
    private Optional<String> get(Provisioning ztp, String name) throws IOException {
        Path tftp = ExternalTool.require("tftp", "tftp-hpa");
        Path out = tmp.resolve("got-" + name);
        Files.deleteIfExists(out);
        Processes.Result r = Processes.runAllowingFailure(tmp, 60, tftp.toString(), "127.0.0.1",
                Integer.toString(ztp.tftpAddress().getPort()), "-m", "binary", "-c", "get", name, out.toString());
        if (r.stdout().contains("Error code") || r.stderr().contains("Error code") || !Files.exists(out)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void aRouterLearnsItsNameFromNetworkConfgThenGetsItsOwnConfigInLowerCase() throws IOException {
        try (Provisioning ztp = provisioning(Map.of(), LeaseLookup.NONE)) {
            String day0 = ztp.day0Config("ios", SampleInventory.device("Branch-Rtr1"));

            // only IOS devices: an IOS device never learns another platform's host name there
            assertThat(get(ztp, "network-confg")).hasValueSatisfying(network -> assertThat(network)
                    .contains("ip host Branch-Rtr1 192.0.2.21\n").doesNotContain("leaf1", "access1", "spine1")
                    .satisfies(n -> assertThat(n.lines()).allMatch(l -> l.startsWith("ip host "))));
            assertThat(get(ztp, "branch-rtr1-confg")).hasValue(day0);
            assertThat(get(ztp, "cisconet.cfg")).hasValueSatisfying(n -> assertThat(n).contains("ip host Branch-Rtr1 192.0.2.21"));
            assertThat(get(ztp, "branch-r.cfg")).hasValue(day0);
            assertThat(day0).contains("hostname Branch-Rtr1\n", " ip address 192.0.2.21 255.255.255.0\n");
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class))
                    .anyMatch(e -> e.record().hostname().equals("Branch-Rtr1"));
        }
    }

    @Test
    void aRouterNobodyKnowsGetsTheSafeDefaultWhichChangesNothing() throws IOException {
        try (Provisioning ztp = provisioning(Map.of(), LeaseLookup.NONE)) {
            assertThat(get(ztp, "router-confg")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("! ztp4j default config").endsWith("end\n").doesNotContain("hostname"));
            assertThat(get(ztp, "ciscortr.cfg")).isPresent();
            assertThat(get(ztp, "switch-confg")).isEmpty();
        }
    }

    @Test
    void withDefaultConfigNoneNothingIsServedForRouterConfg() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("ios.default-config", "none"), LeaseLookup.NONE)) {
            assertThat(get(ztp, "router-confg")).isEmpty();
            assertThat(get(ztp, "network-confg")).isPresent();
        }
    }

    @Test
    void aRouterKnownByItsDhcpLeaseGetsItsOwnDay0WhenItAsksForADefault() throws IOException {
        MacAddress mac = SampleInventory.device("Branch-Rtr1").mac();
        LeaseLookup leases = address -> address.isLoopbackAddress()
                ? Optional.of(new Lease(address, mac, null, null, null)) : Optional.empty();
        try (Provisioning ztp = provisioning(Map.of(), leases)) {
            String day0 = ztp.day0Config("ios", SampleInventory.device("Branch-Rtr1"));

            assertThat(get(ztp, "router-confg")).hasValue(day0);
            assertThat(get(ztp, "switch-confg")).hasValue(day0);
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class))
                    .anyMatch(e -> e.how().equals("DHCP lease of 127.0.0.1 (MAC 00:19:e8:a4:5a:01)")
                            && e.device().mac().equals(mac) && "ios".equals(e.device().platform()));
            assertThat(ztp.adapter("ios").identify(new org.ztp4j.core.FileRequest("router-confg",
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 50000), org.ztp4j.core.Protocol.TFTP, null),
                    ztp.context())).hasValueSatisfying(d -> assertThat(d.hostname()).isEqualTo("Branch-Rtr1"));
        }
    }

    @Test
    void aRequesterAtADevicesFutureManagementAddressGetsTheSafeDefaultNotThatDevicesDay0() throws IOException {
        // rtr-lo's management address is where tftp-hpa asks from; nothing says the requester is rtr-lo.
        Inventory atLoopback = CsvInventory.parse("loopback.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                rtr-lo,FTX5555A0AA,00:19:e8:a4:5a:05,ios,127.0.0.1/8,127.0.0.254
                """);
        try (Provisioning ztp = provisioning(atLoopback, Map.of(), LeaseLookup.NONE)) {
            assertThat(get(ztp, "router-confg")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("! ztp4j default config").doesNotContain("rtr-lo", "Tq8-Lw3v-Zr5", "username"));
            assertThat(get(ztp, "switch-confg")).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class)).isEmpty();
        }
    }

    @Test
    void aRouterKnownByItsLeaseReadsOneLineItsOwnNameAtItsAddress() throws IOException {
        MacAddress mac = SampleInventory.device("Branch-Rtr1").mac();
        LeaseLookup leases = address -> address.isLoopbackAddress()
                ? Optional.of(new Lease(address, mac, null, null, null)) : Optional.empty();
        try (Provisioning ztp = provisioning(Map.of(), leases)) {
            assertThat(get(ztp, "network-confg")).hasValue("ip host Branch-Rtr1 127.0.0.1\n");
        }
    }

    @Test
    void withoutAnIosDeviceInTheInventoryNetworkConfgIsNotFound() throws IOException {
        Inventory noIos = CsvInventory.parse("no-ios.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway
                leaf101,SAL1234ABCD,nxos,192.0.2.11/24,192.0.2.1
                """);
        try (Provisioning ztp = provisioning(noIos, Map.of(), LeaseLookup.NONE)) {
            assertThat(get(ztp, "network-confg")).isEmpty();
            assertThat(get(ztp, "cisconet.cfg")).isEmpty();
            assertThat(events.of(ProvisioningEvent.TransferFailed.class))
                    .anyMatch(f -> f.path().equals("network-confg") && f.reason().equals("file not found"));
            Path curl = ExternalTool.require("curl", "curl");
            assertThat(Processes.run(tmp, curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/network-confg").stdout()).isEqualTo("404");
        }
        // With an IOS device it is there, over HTTP too.
        try (Provisioning ztp = provisioning(Map.of(), LeaseLookup.NONE)) {
            Path curl = ExternalTool.require("curl", "curl");
            assertThat(Processes.run(tmp, curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/network-confg").stdout()).isEqualTo("200");
        }
    }

    @Test
    void aShortNameTwoRoutersShareIsServedToNeitherAndEachGetsItsOwnDay0ByItsLease() throws IOException {
        Inventory twins = CsvInventory.parse("twins.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                branch-rtr1,FTX1111A0AA,00:19:e8:a4:5a:01,ios,192.0.2.21/24,192.0.2.1
                branch-rtr2,FTX2222A0AA,00:19:e8:a4:5a:02,ios,192.0.2.22/24,192.0.2.1
                """);
        MacAddress second = twins.byHostname("branch-rtr2").orElseThrow().mac();
        LeaseLookup leases = address -> address.isLoopbackAddress()
                ? Optional.of(new Lease(address, second, null, null, null)) : Optional.empty();
        try (Provisioning ztp = provisioning(twins, Map.of(), leases)) {
            assertThat(ztp.warnings()).containsExactly("devices branch-rtr1, branch-rtr2 (ios): all would ask for branch-r.cfg"
                    + " (IOS cuts host names to 8 characters after reading cisconet.cfg), so branch-r.cfg is served to none"
                    + " of them; <hostname>-confg still is, and router-confg by DHCP lease");

            // Before, the first device's config went to both.
            assertThat(get(ztp, "branch-r.cfg")).isEmpty();
            // Its lease says which it is: its own full name, at the address it asked from.
            assertThat(get(ztp, "cisconet.cfg")).hasValue("ip host branch-rtr2 127.0.0.1\n");
            assertThat(get(ztp, "branch-rtr1-confg")).hasValueSatisfying(c -> assertThat(c).contains("hostname branch-rtr1\n"));
            // Refused branch-r.cfg, the device asks for router-confg next: its lease says who it is.
            assertThat(get(ztp, "router-confg")).hasValue(ztp.day0Config("ios", twins.byHostname("branch-rtr2").orElseThrow()));
        }
    }
}
