package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
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

    private DeviceNetwork network;
    private String whyNoNetwork;
    private ZtpJar server;
    private int httpPort;
    private Path inventory;

    @BeforeAll
    void start() throws IOException {
        network = DeviceNetwork.create(dir, why -> whyNoNetwork = why).orElse(null);
        if (network == null) {
            return;
        }
        inventory = Files.writeString(dir.resolve("inventory.csv"), INVENTORY);
        InetAddress bind = InetAddress.getByName(DeviceNetwork.SERVER_ADDRESS);
        httpPort = ZtpJar.freeTcpPort(bind);
        server = ZtpJar.serve(dir, bind, httpPort, List.of("--inventory", inventory.toString(),
                "--root", Files.createDirectories(dir.resolve("root")).toString(), "--bind", DeviceNetwork.SERVER_ADDRESS,
                "--tftp-port", Integer.toString(ZtpJar.freeUdpPort(bind)), "--http-port", Integer.toString(httpPort),
                "--state-dir", dir.resolve("state").toString(),
                "--leases", network.leaseFile().toString(), "--lease-format", "dnsmasq",
                "--var", "admin_user=e2e-admin", "--var", "admin_password=E2e-Run-k7Q9", "--var", "domain_name=e2e.example"));
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    private String state(String hostname) throws IOException, InterruptedException {
        HttpResponse<String> api = HttpClient.newHttpClient().send(DeviceNetwork.apiDevices(DeviceNetwork.SERVER_ADDRESS, httpPort,
                dir.resolve("state")), HttpResponse.BodyHandlers.ofString());
        for (String device : api.body().split("\\{\"key\":")) {
            if (device.contains("\"hostname\":\"" + hostname + "\"")) {
                Matcher m = Pattern.compile("\"state\":\"([^\"]*)\"").matcher(device);
                return m.find() ? m.group(1) : device;
            }
        }
        return api.body();
    }

    @Test
    void aNodeLeasesItsOwnScriptInOption67ByItsReservationAndProvisionsItself() throws Exception {
        ExternalTool.requireThat(network != null, "the end-to-end lab needs network namespaces: " + whyNoNetwork);
        ExternalTool.require("dnsmasq", "dnsmasq");
        ExternalTool.require("udhcpc", "udhcpc");
        String http = "http://" + DeviceNetwork.SERVER_ADDRESS + ":" + httpPort;
        String config = ZtpJar.run(dir, "dhcp", "--format", "dnsmasq", "--platform", "srlinux",
                "--tftp-server", DeviceNetwork.SERVER_ADDRESS, "--http-base", http,
                "--subnet", "10.213.9.0/24", "--range", "10.213.9.100-10.213.9.150", "--router", "10.213.9.1",
                "--inventory", inventory.toString());
        assertThat(config).contains("dhcp-vendorclass=set:ztp-srlinux,NOKIA");
        network.startDnsmasq(Files.writeString(dir.resolve("srlinux.dnsmasq.conf"), config), "srlinux");
        Map<String, String> lease;
        try {
            network.plugIn("02:13:09:00:00:17");
            // the node asks for option 67; its option 60 (udhcpc's own) does not start with NOKIA
            lease = network.lease("srlinux", List.of("-O", "67"));
        } finally {
            network.stopDnsmasq();
        }
        assertThat(lease).containsEntry("ip", "10.213.9.17").containsEntry("bootfile", http + "/srlinux/provision/" + SERIAL + ".py");

        network.configure(lease.get("ip"));
        DeviceHost where = new DeviceHost(lease.get("ip"), network::inDeviceNamespace);
        EmulatedDevice node = EmulatedDevice.create(dir, EmulatedDevice.Kind.SRLINUX);
        EmulatedDevice.Run run = node.srLinuxZtp(lease.get("bootfile"), Map.of("EMULATOR_SERIAL", SERIAL), where);

        assertThat(run.exitCode()).as("SR Linux ZTP:%n%s%n%s", run.output(), server.output()).isZero();
        assertThat(node.file("config.json")).contains("\"system name host-name\": \"e2e-srl1\"",
                "\"interface mgmt0 subinterface 0 ipv4 address 10.213.9.17/24\": {}",
                "\"network-instance mgmt next-hop-groups group ztp4j-mgmt-gateway nexthop 1 ip-address\": \"10.213.9.1\"");
        assertThat(node.file("autoboot")).isEqualTo("disable\n");
        assertThat(state("e2e-srl1")).isIn("REPORTED", "REACHABLE");
        assertThat(server.output()).doesNotContain("E2e-Run-k7Q9");
    }

    @Test
    void withoutReservationsANodeOfTheClassLeasesTheSharedScriptAndIsServedItsOwnByItsLease() throws Exception {
        ExternalTool.requireThat(network != null, "the end-to-end lab needs network namespaces: " + whyNoNetwork);
        ExternalTool.require("dnsmasq", "dnsmasq");
        ExternalTool.require("udhcpc", "udhcpc");
        String http = "http://" + DeviceNetwork.SERVER_ADDRESS + ":" + httpPort;
        String config = ZtpJar.run(dir, "dhcp", "--format", "dnsmasq", "--platform", "srlinux",
                "--tftp-server", DeviceNetwork.SERVER_ADDRESS, "--http-base", http,
                "--subnet", "10.213.9.0/24", "--range", "10.213.9.100-10.213.9.150", "--router", "10.213.9.1");
        assertThat(config).doesNotContain("dhcp-host=");
        network.startDnsmasq(Files.writeString(dir.resolve("srlinux-class.dnsmasq.conf"), config), "srlinux-class");
        Map<String, String> lease;
        try {
            network.plugIn("02:13:09:00:00:17");
            lease = network.lease("srlinux-class", List.of("-V", "NOKIA: 7220 IXR-D2", "-O", "67"));
        } finally {
            network.stopDnsmasq();
        }
        assertThat(lease.get("ip")).startsWith("10.213.9.1").isNotEqualTo("10.213.9.17");
        assertThat(lease).containsEntry("bootfile", http + "/srlinux/provision.py");

        network.configure(lease.get("ip"));
        DeviceHost where = new DeviceHost(lease.get("ip"), network::inDeviceNamespace);
        EmulatedDevice node = EmulatedDevice.create(dir, EmulatedDevice.Kind.SRLINUX);
        EmulatedDevice.Run run = node.srLinuxZtp(lease.get("bootfile"), Map.of("EMULATOR_SERIAL", SERIAL), where);

        assertThat(run.exitCode()).as("SR Linux ZTP:%n%s%n%s", run.output(), server.output()).isZero();
        assertThat(node.file("config.json")).contains("\"system name host-name\": \"e2e-srl1\"",
                "\"interface mgmt0 subinterface 0 ipv4 address 10.213.9.17/24\": {}");
        assertThat(server.output()).contains("GET /srlinux/provision.py 200").doesNotContain("E2e-Run-k7Q9");
        assertThat(state("e2e-srl1")).isIn("REPORTED", "REACHABLE");
    }
}
