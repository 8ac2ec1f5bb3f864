package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    private ServeLab lab;

    @BeforeAll
    void start() throws IOException {
        lab = ServeLab.startInNamespace(dir, "the SONiC/Cumulus end-to-end test", Files.writeString(dir.resolve("inventory.csv"), INVENTORY), 0,
                List.of("--var", "admin_user=e2e-admin", "--var", "admin_password=E2e-Run-k7Q9", "--var", "domain_name=e2e.example"));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSonicSwitchLeasesOptions67And239ByItsUserClassAndProvisionsItself() throws Exception {
        String http = lab.httpBase();
        // SONiC's dhclient.conf: send user-class "SONiC-ZTP" (bare text), request bootfile-name and option 239
        Map<String, String> lease = lab.lease("sonic", "02:13:09:00:00:15", List.of("-x", "0x4d:"
                + HexFormat.of().formatHex("SONiC-ZTP".getBytes(StandardCharsets.US_ASCII)), "-O", "67", "-O", "239"));
        assertThat(lease).containsEntry("ip", "10.213.9.15").containsEntry("bootfile", http + "/sonic/ztp.json");
        assertThat(DeviceNetwork.optionText(lease.get("opt239"))).isEqualTo(http + "/sonic/bootstrap.sh");

        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice sw = EmulatedDevice.create(dir, EmulatedDevice.Kind.SONIC);
        EmulatedDevice.Run run = sw.sonicZtp(lease.get("bootfile"), DeviceNetwork.optionText(lease.get("opt239")), null,
                Map.of("EMULATOR_SERIAL", "SNC9876E2E5"), where);

        assertThat(run.exitCode()).as("SONiC ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(sw.file("etc/sonic/config_db.json")).contains("\"hostname\": \"e2e-sonic1\"", "\"eth0|10.213.9.15/24\"");
        assertThat(lab.device("e2e-sonic1").get("state")).isIn("REPORTED", "REACHABLE");
    }

    @Test
    void aCumulusSwitchLeasesOption239ByItsVendorClassAndIsServedItsScriptByItsSerialHeader() throws Exception {
        String http = lab.httpBase();
        Map<String, String> lease = lab.lease("cumulus", "02:13:09:00:00:16", List.of("-V", "cumulus-linux x86_64", "-O", "239"));
        assertThat(lease).containsEntry("ip", "10.213.9.16");
        assertThat(DeviceNetwork.optionText(lease.get("opt239"))).isEqualTo(http + "/cumulus/ztp.sh");

        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice sw = EmulatedDevice.create(dir, EmulatedDevice.Kind.CUMULUS);
        EmulatedDevice.Run run = sw.cumulusZtp(DeviceNetwork.optionText(lease.get("opt239")),
                Map.of("EMULATOR_SERIAL", "MT9876E2E6", "EMULATOR_MGMT_MAC", "02:13:09:00:00:16"), where);

        assertThat(run.exitCode()).as("Cumulus ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(sw.file("nvue-startup.json")).contains("\"hostname\": \"e2e-cumulus1\"", "\"10.213.9.16/24\"");
        assertThat(lab.device("e2e-cumulus1").get("state")).isIn("REPORTED", "REACHABLE");
        lab.server().close();
        assertThat(lab.server().output()).doesNotContain("E2e-Run-k7Q9");
    }
}
