package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
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
 * Junos and AOS-CX end to end, against the built jar, in a network namespace: {@code ztp serve}
 * runs on the root side of a veth pair, dnsmasq serves the configuration {@code ztp dhcp} wrote,
 * busybox udhcpc asks for a lease with the vendor's class (option 60) as the device does, and the
 * emulated device runs ZTP with what the lease carried (Junos: option 43's sub-options and the
 * server of option 150; AOS-CX: options 66 and 67), fetching its configuration across the veth.
 * The status API must then show each device's configuration served to its own address. Needs root
 * (network namespaces); elsewhere it is skipped, and fails under {@code CI=true}. The TFTP port is
 * a free high port that the test tells the device; a real one asks port 69.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JunosAndAosCxEndToEndIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            e2e-qfx1,WS3718350E2E,02:13:09:00:00:21,junos,10.213.9.21/24,10.213.9.1
            e2e-cx1,SG9ZKW0E2E,02:13:09:00:00:22,aoscx,10.213.9.22/24,10.213.9.1
            """;

    @TempDir
    static Path dir;

    private ServeLab lab;

    @BeforeAll
    void start() throws IOException {
        lab = ServeLab.startInNamespace(dir, "the Junos/AOS-CX end-to-end test", Files.writeString(dir.resolve("inventory.csv"), INVENTORY), 0,
                List.of("--leases", DeviceNetwork.leaseFile(dir).toString(), "--lease-format", "dnsmasq",
                        "--var", "admin_user=e2e-admin", "--var", "admin_password=E2e-Run-k2m5"));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private DeviceHost plugIn(String address) {
        return lab.network().configure(address);
    }

    @Test
    void aJunosDeviceLeasesWithItsVendorClassAndCommitsTheConfigOption43Names() throws Exception {
        // Junos sends option 60 Juniper-<model>-<serial> and asks for option 43
        Map<String, String> lease = lab.lease("junos", "02:13:09:00:00:21",
                List.of("-V", "Juniper-qfx5120-48y-8c-WS3718350E2E", "-O", "43", "-O", "66"));
        assertThat(lease).containsEntry("ip", "10.213.9.21").containsEntry("opt150", "0ad50901");
        byte[] option43 = HexFormat.of().parseHex(lease.get("opt43"));
        assertThat(new String(option43, java.nio.charset.StandardCharsets.US_ASCII)).contains("junos/ztp.conf", "tftp");
        DeviceHost where = plugIn(lease.get("ip"));
        EmulatedDevice qfx = EmulatedDevice.create(dir, EmulatedDevice.Kind.JUNOS);

        EmulatedDevice.Run run = qfx.junosZtp("10.213.9.1", lease.get("tftp"), option43, lab.tftpPort(), where);

        assertThat(run.exitCode()).as("Junos ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(qfx.commands()).containsExactly("junos dhcp option 43: 1=junos/ztp.conf 3=tftp",
                "junos fetch tftp://10.213.9.1:" + lab.tftpPort() + "/junos/ztp.conf", "junos commit complete");
        assertThat(qfx.file("junos-state")).startsWith("host-name e2e-qfx1\ninterface em0.0 10.213.9.21/24\n");
        assertThat(lab.device("e2e-qfx1")).containsEntry("state", "CONFIG_SERVED").containsEntry("clientAddress", "10.213.9.21");
    }

    @Test
    void anAosCxSwitchLeasesWithItsVendorClassAndAppliesTheConfigOption67Names() throws Exception {
        Map<String, String> lease = lab.lease("aoscx", "02:13:09:00:00:22", List.of("-V", "Aruba JL658A 6300M", "-O", "43", "-O", "66"));
        assertThat(lease).containsEntry("ip", "10.213.9.22").containsEntry("tftp", "10.213.9.1")
                .containsEntry("bootfile", "aoscx/ztp.cfg");
        DeviceHost where = plugIn(lease.get("ip"));
        EmulatedDevice cx = EmulatedDevice.create(dir, EmulatedDevice.Kind.AOSCX);

        EmulatedDevice.Run run = cx.aosCxZtp(lease.get("tftp"), lease.get("bootfile"), null, lab.tftpPort(), where);

        assertThat(run.exitCode()).as("AOS-CX ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(cx.file("mgmt-interface")).startsWith("hostname e2e-cx1\nadmin up\naddress 10.213.9.22/24\ngateway 10.213.9.1\n");
        assertThat(cx.file("ztp-status")).isEqualTo("Success\n");
        assertThat(lab.device("e2e-cx1")).containsEntry("state", "CONFIG_SERVED").containsEntry("clientAddress", "10.213.9.22");
    }
}
