package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * Nokia SR Linux end to end, against the built jar in a network namespace: dnsmasq configured by
 * {@code ztp dhcp --platform srlinux} answers the node's DHCP request, which asks for option 67 and
 * carries no option 60 that starts with the platform's class (what SR Linux sends there is not
 * documented), so the node's own reservation names its own provisioning script; the device
 * emulator runs SR Linux's ZTP from its leased address against {@code ztp serve} (the script, the
 * day-0 through {@code sr_cli}, auto-boot off, the report), and the status API shows it
 * provisioned. Without reservations (a DHCP configuration written without the inventory), a node
 * whose option 60 starts with the class {@code srlinux.vendor-class} names leases the shared
 * script's URL, and {@code ztp serve} tells it apart by the dnsmasq lease of its address. Needs
 * network namespaces (root); elsewhere it is skipped (a failure under {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SrLinuxEndToEndIT {

    private static final String SERIAL = "NS2350E2E17";
    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            e2e-srl1,NS2350E2E17,02:13:09:00:00:17,srlinux,10.213.9.17/24,10.213.9.1
            """;

    @TempDir
    static Path dir;

    private ServeLab lab;

    @BeforeAll
    void start() throws IOException {
        lab = ServeLab.startInNamespace(dir, "the SR Linux end-to-end test", Files.writeString(dir.resolve("inventory.csv"), INVENTORY), 0,
                List.of("--leases", DeviceNetwork.leaseFile(dir).toString(), "--lease-format", "dnsmasq",
                        "--var", "admin_user=e2e-admin", "--var", "admin_password=E2e-Run-k7Q9", "--var", "domain_name=e2e.example"));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aNodeLeasesItsOwnScriptInOption67ByItsReservationAndProvisionsItself() throws Exception {
        String http = lab.httpBase();
        assertThat(lab.dhcpConfig("srlinux")).contains("dhcp-vendorclass=set:ztp-srlinux,NOKIA");
        // the node asks for option 67; its option 60 (udhcpc's own) does not start with NOKIA
        Map<String, String> lease = lab.lease("srlinux", "02:13:09:00:00:17", List.of("-O", "67"));
        assertThat(lease).containsEntry("ip", "10.213.9.17").containsEntry("bootfile", http + "/srlinux/provision/" + SERIAL + ".py");

        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice node = EmulatedDevice.create(dir, EmulatedDevice.Kind.SRLINUX);
        EmulatedDevice.Run run = node.srLinuxZtp(lease.get("bootfile"), Map.of("EMULATOR_SERIAL", SERIAL), where);

        assertThat(run.exitCode()).as("SR Linux ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(node.file("config.json")).contains("\"system name host-name\": \"e2e-srl1\"",
                "\"interface mgmt0 subinterface 0 ipv4 address 10.213.9.17/24\": {}",
                "\"network-instance mgmt next-hop-groups group ztp4j-mgmt-gateway nexthop 1 ip-address\": \"10.213.9.1\"");
        assertThat(node.file("autoboot")).isEqualTo("disable\n");
        assertThat(lab.device("e2e-srl1").get("state")).isIn("REPORTED", "REACHABLE");
        assertThat(lab.server().output()).doesNotContain("E2e-Run-k7Q9");
    }

    @Test
    void withoutReservationsANodeOfTheClassLeasesTheSharedScriptAndIsServedItsOwnByItsLease() throws Exception {
        String http = lab.httpBase();
        // a configuration written without the inventory: no reservation, the class alone
        String config = ZtpJar.run(dir, "dhcp", "--format", "dnsmasq", "--platform", "srlinux",
                "--tftp-server", lab.host(), "--http-base", http,
                "--subnet", "10.213.9.0/24", "--range", "10.213.9.100-10.213.9.150", "--router", lab.host());
        assertThat(config).doesNotContain("dhcp-host=");
        lab.network().startDnsmasq(Files.writeString(dir.resolve("srlinux-class.dnsmasq.conf"), config), "srlinux-class");
        Map<String, String> lease;
        try {
            lab.network().plugIn("02:13:09:00:00:17");
            lease = lab.network().lease("srlinux-class", List.of("-V", "NOKIA: 7220 IXR-D2", "-O", "67"));
        } finally {
            lab.network().stopDnsmasq();
        }
        assertThat(lease.get("ip")).startsWith("10.213.9.1").isNotEqualTo("10.213.9.17");
        assertThat(lease).containsEntry("bootfile", http + "/srlinux/provision.py");

        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice node = EmulatedDevice.create(dir, EmulatedDevice.Kind.SRLINUX);
        EmulatedDevice.Run run = node.srLinuxZtp(lease.get("bootfile"), Map.of("EMULATOR_SERIAL", SERIAL), where);

        assertThat(run.exitCode()).as("SR Linux ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(node.file("config.json")).contains("\"system name host-name\": \"e2e-srl1\"",
                "\"interface mgmt0 subinterface 0 ipv4 address 10.213.9.17/24\": {}");
        assertThat(lab.server().output()).contains("GET /srlinux/provision.py 200").doesNotContain("E2e-Run-k7Q9");
        assertThat(lab.device("e2e-srl1").get("state")).isIn("REPORTED", "REACHABLE");
    }
}
