package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
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
 * SONiC and Cumulus Linux end to end, against the built jar in a network namespace: dnsmasq
 * configured by {@code ztp dhcp} answers each switch's DHCP request as the switch sends it (SONiC:
 * option 77 {@code SONiC-ZTP} as bare text; Cumulus: option 60 {@code cumulus-linux x86_64}), the
 * switch takes options 67 / 239 from its lease, the device emulator runs the platform's whole ZTP
 * from its leased address against {@code ztp serve}, and the status API shows it provisioned.
 * Needs network namespaces (root); elsewhere it is skipped (a failure under {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SonicAndCumulusEndToEndIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            e2e-sonic1,SNC9876E2E5,02:13:09:00:00:15,sonic,10.213.9.15/24,10.213.9.1
            e2e-cumulus1,MT9876E2E6,02:13:09:00:00:16,cumulus,10.213.9.16/24,10.213.9.1
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

    /** Leases as the switch asks, from dnsmasq running on what {@code ztp dhcp --format dnsmasq} wrote for its platform. */
    private Map<String, String> lease(String platform, String mac, List<String> asSent) throws IOException {
        String config = ZtpJar.run(dir, "dhcp", "--format", "dnsmasq", "--platform", platform,
                "--tftp-server", DeviceNetwork.SERVER_ADDRESS, "--http-base", "http://" + DeviceNetwork.SERVER_ADDRESS + ":" + httpPort,
                "--subnet", "10.213.9.0/24", "--range", "10.213.9.100-10.213.9.150", "--router", "10.213.9.1",
                "--inventory", inventory.toString());
        Path file = Files.writeString(dir.resolve(platform + ".dnsmasq.conf"), config);
        network.startDnsmasq(file, platform);
        try {
            network.plugIn(mac);
            return network.lease(platform, asSent);
        } finally {
            network.stopDnsmasq();
        }
    }

    private static String text(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private String state(String hostname) throws IOException, InterruptedException {
        HttpResponse<String> api = HttpClient.newHttpClient().send(DeviceNetwork.apiDevices(DeviceNetwork.SERVER_ADDRESS, httpPort, dir.resolve("state")),
                HttpResponse.BodyHandlers.ofString());
        for (String device : api.body().split("\\{\"key\":")) {
            if (device.contains("\"hostname\":\"" + hostname + "\"")) {
                Matcher m = Pattern.compile("\"state\":\"([^\"]*)\"").matcher(device);
                return m.find() ? m.group(1) : device;
            }
        }
        return api.body();
    }

    @Test
    void aSonicSwitchLeasesOptions67And239ByItsUserClassAndProvisionsItself() throws Exception {
        ExternalTool.requireThat(network != null, "the end-to-end lab needs network namespaces: " + whyNoNetwork);
        ExternalTool.require("dnsmasq", "dnsmasq");
        ExternalTool.require("udhcpc", "udhcpc");
        String http = "http://" + DeviceNetwork.SERVER_ADDRESS + ":" + httpPort;
        // SONiC's dhclient.conf: send user-class "SONiC-ZTP" (bare text), request bootfile-name and option 239
        Map<String, String> lease = lease("sonic", "02:13:09:00:00:15", List.of("-x", "0x4d:"
                + HexFormat.of().formatHex("SONiC-ZTP".getBytes(StandardCharsets.US_ASCII)), "-O", "67", "-O", "239"));
        assertThat(lease).containsEntry("ip", "10.213.9.15").containsEntry("bootfile", http + "/sonic/ztp.json");
        assertThat(text(lease.get("opt239"))).isEqualTo(http + "/sonic/bootstrap.sh");

        network.configure(lease.get("ip"));
        DeviceHost where = new DeviceHost(lease.get("ip"), network::inDeviceNamespace);
        EmulatedDevice sw = EmulatedDevice.create(dir, EmulatedDevice.Kind.SONIC);
        EmulatedDevice.Run run = sw.sonicZtp(lease.get("bootfile"), text(lease.get("opt239")), null,
                Map.of("EMULATOR_SERIAL", "SNC9876E2E5"), where);

        assertThat(run.exitCode()).as("SONiC ZTP:%n%s%n%s", run.output(), server.output()).isZero();
        assertThat(sw.file("etc/sonic/config_db.json")).contains("\"hostname\": \"e2e-sonic1\"", "\"eth0|10.213.9.15/24\"");
        assertThat(state("e2e-sonic1")).isIn("REPORTED", "REACHABLE");
    }

    @Test
    void aCumulusSwitchLeasesOption239ByItsVendorClassAndIsServedItsScriptByItsSerialHeader() throws Exception {
        ExternalTool.requireThat(network != null, "the end-to-end lab needs network namespaces: " + whyNoNetwork);
        ExternalTool.require("dnsmasq", "dnsmasq");
        ExternalTool.require("udhcpc", "udhcpc");
        String http = "http://" + DeviceNetwork.SERVER_ADDRESS + ":" + httpPort;
        Map<String, String> lease = lease("cumulus", "02:13:09:00:00:16", List.of("-V", "cumulus-linux x86_64", "-O", "239"));
        assertThat(lease).containsEntry("ip", "10.213.9.16");
        assertThat(text(lease.get("opt239"))).isEqualTo(http + "/cumulus/ztp.sh");

        network.configure(lease.get("ip"));
        DeviceHost where = new DeviceHost(lease.get("ip"), network::inDeviceNamespace);
        EmulatedDevice sw = EmulatedDevice.create(dir, EmulatedDevice.Kind.CUMULUS);
        EmulatedDevice.Run run = sw.cumulusZtp(text(lease.get("opt239")),
                Map.of("EMULATOR_SERIAL", "MT9876E2E6", "EMULATOR_MGMT_MAC", "02:13:09:00:00:16"), where);

        assertThat(run.exitCode()).as("Cumulus ZTP:%n%s%n%s", run.output(), server.output()).isZero();
        assertThat(sw.file("nvue-startup.json")).contains("\"hostname\": \"e2e-cumulus1\"", "\"10.213.9.16/24\"");
        assertThat(state("e2e-cumulus1")).isIn("REPORTED", "REACHABLE");
        server.close();
        assertThat(server.output()).doesNotContain("E2e-Run-k7Q9");
    }
}
