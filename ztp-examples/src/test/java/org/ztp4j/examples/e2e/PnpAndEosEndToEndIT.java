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
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * Cisco Plug and Play and Arista EOS end to end, against the built jar in a network namespace:
 * dnsmasq configured by {@code ztp dhcp} answers each device's DHCP request as the device sends it,
 * the emulated device runs its whole sequence from its leased address against {@code ztp serve},
 * and the status API shows it provisioned.
 *
 * <ul>
 *   <li>PnP by DHCP: option 60 {@code ciscopnp} gets option 43 {@code 5A1N;B2;K4;I<server>;J80};
 *       the agent runs HELLO and the work-request exchange at that address.</li>
 *   <li>PnP by DNS: with {@code pnp.discovery=dns} the offer has no option 43 but the domain
 *       (option 15) and dnsmasq itself as DNS server (option 6), which answers
 *       {@code pnpserver.<domain>}; the agent looks the name up and says HELLO over HTTPS on 443.</li>
 *   <li>EOS: option 60 {@code Arista;<model>;<hardware version>;<serial>} gets option 67, the
 *       bootstrap's URL; the switch fetches and runs it, and boots into its day-0.</li>
 * </ul>
 * The server listens on the ports a real device uses, HTTP 80 and HTTPS 443, on the server end of
 * the veth only. Needs network namespaces (root); elsewhere it is skipped (a failure under
 * {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PnpAndEosEndToEndIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            e2e-pnp1,FOC9876E2E8,02:13:09:00:00:18,pnp,10.213.9.18/24,10.213.9.1
            e2e-pnp2,FOC9876E2E9,02:13:09:00:00:19,pnp,10.213.9.19/24,10.213.9.1
            e2e-eos1,JPE9876E2E0,02:13:09:00:00:20,eos,10.213.9.20/24,10.213.9.1
            """;
    private static final String PASSWORD = "E2e-Run-m5W7";
    private static final String SERVER = DeviceNetwork.SERVER_ADDRESS;

    @TempDir
    static Path dir;

    private ServeLab lab;

    @BeforeAll
    void start() throws IOException {
        lab = ServeLab.startInNamespace(dir, "the PnP/EOS end-to-end test", Files.writeString(dir.resolve("inventory.csv"), INVENTORY), 80,
                List.of("--https-port", "443", "--tls-dir", dir.resolve("tls").toString(),
                        "--var", "admin_user=e2e-admin", "--var", "admin_password=" + PASSWORD, "--var", "domain_name=e2e.example"));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private void assertProvisioned(String hostname, String address, String... states) throws Exception {
        Map<String, String> status = lab.device(hostname);
        assertThat(status.get("state")).as("%s", status).isIn((Object[]) states);
        assertThat(status).containsEntry("clientAddress", address);
        assertThat(lab.devicesJson()).doesNotContain(PASSWORD);
    }

    @Test
    void aPnpDeviceFindsTheServerInOption43AndRunsTheExchangeUntilItIsProvisioned() throws Exception {
        // the PnP agent sends option 60 "ciscopnp" and asks for option 43
        Map<String, String> lease = lab.lease("pnp-dhcp", "pnp", "02:13:09:00:00:18", List.of("-V", "ciscopnp", "-O", "43"));
        assertThat(lease).containsEntry("ip", "10.213.9.18");
        assertThat(DeviceNetwork.optionText(lease.get("opt43"))).isEqualTo("5A1N;B2;K4;I" + SERVER + ";J80");
        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice device = EmulatedDevice.create(dir, EmulatedDevice.Kind.PNP);

        EmulatedDevice.Run run = device.plugAndPlay("http://" + SERVER + ":80", where, Map.of("EMULATOR_SERIAL", "FOC9876E2E8"));

        assertThat(run.exitCode()).as("PnP agent:%n%s%n%s%n%s", run.output(), device.commands(), lab.server().output()).isZero();
        assertThat(device.commands()).containsSubsequence(
                "pnp HELLO 200",
                "pnp work device-info CiscoPnP-1.0-1-FOC9876E2E8",
                "pnp work config-upgrade CiscoPnP-1.0-2-FOC9876E2E8",
                "pnp copied http://" + SERVER + ":80/ztp/pnp/FOC9876E2E8.cfg",
                "pnp backoff: terminate (provisioning complete)");
        assertThat(device.file("running-config")).contains("hostname e2e-pnp1\n", " ip address 10.213.9.18 255.255.255.0\n");
        assertProvisioned("e2e-pnp1", "10.213.9.18", "REACHABLE");
    }

    @Test
    void aPnpDeviceWithoutOption43LooksUpPnpserverInItsDomainAndRunsTheExchangeOverHttps() throws Exception {
        Path config = lab.startDnsmasq("pnp-dns", "pnp", "--set", "pnp.discovery=dns", "--domain", "e2e.example");
        try {
            assertThat(Files.readString(config)).contains("host-record=pnpserver.e2e.example," + SERVER + "\n", "dhcp-option=15,e2e.example\n")
                    .doesNotContain(",43,", "port=0");
            lab.network().plugIn("02:13:09:00:00:19");
            Map<String, String> lease = lab.network().lease("pnp-dns", List.of("-V", "ciscopnp", "-O", "43"));
            // no option 43: the domain (15) and the DNS server (6), dnsmasq itself
            assertThat(lease).containsEntry("ip", "10.213.9.19").containsEntry("opt43", "")
                    .containsEntry("domain", "e2e.example").containsEntry("dns", SERVER);
            DeviceHost where = lab.network().configure(lease.get("ip"));
            EmulatedDevice device = EmulatedDevice.create(dir, EmulatedDevice.Kind.PNP);

            EmulatedDevice.Run run = device.plugAndPlayByDns(lease.get("domain"), List.of(lease.get("dns").split(" ")), where,
                    Map.of("EMULATOR_SERIAL", "FOC9876E2E9"));

            assertThat(run.exitCode()).as("PnP agent:%n%s%n%s%n%s", run.output(), device.commands(), lab.server().output()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "pnp DNS pnpserver.e2e.example from " + SERVER + ": " + SERVER,
                    "pnp HELLO https://" + SERVER + ":443 200",
                    "pnp work device-info CiscoPnP-1.0-1-FOC9876E2E9",
                    "pnp copied https://" + SERVER + ":443/ztp/pnp/FOC9876E2E9.cfg",
                    "pnp backoff: terminate (provisioning complete)");
            assertThat(device.file("running-config")).contains("hostname e2e-pnp2\n", " ip address 10.213.9.19 255.255.255.0\n");
        } finally {
            lab.network().stopDnsmasq();
        }
        assertProvisioned("e2e-pnp2", "10.213.9.19", "REACHABLE");
    }

    @Test
    void anEosSwitchLeasesOption67ByItsVendorClassAndBootsIntoItsDay0() throws Exception {
        // EOS sends option 60 Arista;<model>;<hardware version>;<serial> and asks for option 67
        Map<String, String> lease = lab.lease("eos", "02:13:09:00:00:20",
                List.of("-V", "Arista;DCS-7050TX-64;01.00;JPE9876E2E0", "-O", "67"));
        assertThat(lease).containsEntry("ip", "10.213.9.20").containsEntry("bootfile", "http://" + SERVER + ":80/eos/bootstrap");
        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice spine = EmulatedDevice.create(dir, EmulatedDevice.Kind.EOS);
        Path script = spine.flash().resolve("ztp-bootstrap");

        EmulatedDevice.Run fetch = spine.fetch(lease.get("bootfile"), script, where);
        assertThat(fetch.exitCode()).as("bootstrap fetch:%n%s", fetch.output()).isZero();
        EmulatedDevice.Run run = spine.run(script, Map.of("EMULATOR_SERIAL", "JPE9876E2E0"), where);

        assertThat(run.exitCode()).as("EOS bootstrap:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(spine.commands()).contains("eos show version");
        assertThat(spine.file("running-config")).contains("hostname e2e-eos1\n", "interface Management1\n", "ip address 10.213.9.20/24");
        assertThat(spine.file("booted-image")).isEqualTo("EOS-4.31.2F.swi\n");
        // the bootstrap reported with the token its day-0's first line gave it
        assertProvisioned("e2e-eos1", "10.213.9.20", "REACHABLE");
    }
}
