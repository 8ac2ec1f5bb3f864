package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * A Cumulus Linux switch's whole ZTP against a running server: the option 239 URL, the request with
 * its CUMULUS-* header fields by which the server picks its script, the marker check, the NVUE
 * day-0 applied and saved, the report, and the status API showing it provisioned.
 */
class CumulusZtpEmulatorIT {

    private static final String SERIAL = "MT2241X07777";
    private static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            spine77,MT2241X07777,1c:34:da:77:77:01,cumulus,127.0.0.77/8,127.0.0.1
            """;
    private static final DeviceHost HOST = DeviceHost.loopback("127.0.0.77");

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning start(Map<String, String> settings, TemplateSet templates) throws IOException {
        Provisioning.Builder b = EmulatorServer.builder(CSV, tmp.resolve("root"), events).settings(settings);
        if (templates != null) {
            b.templates(templates);
        }
        return b.build().start();
    }

    private static String option239(Provisioning ztp) {
        BootOffer offer = ztp.bootOffer("cumulus");
        return ((BootOption.Text) offer.option(239).orElseThrow().value()).text();
    }

    private static Map<String, String> facts(String serial, String mgmtMac) {
        Map<String, String> env = new HashMap<>();
        env.put("EMULATOR_SERIAL", serial);
        env.put("EMULATOR_MGMT_MAC", mgmtMac);
        return env;
    }

    @Test
    void theSwitchGetsItsScriptByItsSerialHeaderAppliesTheNvueDay0ReportsAndShowsProvisioned() throws Exception {
        try (Provisioning ztp = start(Map.of(), null)) {
            String url = option239(ztp);
            assertThat(url).isEqualTo("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/cumulus/ztp.sh");
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.CUMULUS);

            EmulatedDevice.Run run = sw.cumulusZtp(url, facts(SERIAL, "1C:34:DA:00:00:99"), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("Found Marker CUMULUS-AUTOPROVISIONING");
            assertThat(sw.commands()).containsSubsequence(
                    "cumulus nv set system hostname spine77",
                    "cumulus nv set interface eth0 ip address 127.0.0.77/8",
                    "cumulus nv set interface eth0 ip gateway 127.0.0.1",
                    "cumulus nv set system aaa user netops role system-admin",
                    "cumulus nv set system aaa user netops password *****",
                    "cumulus nv config apply -y",
                    "cumulus nv config save",
                    "cumulus ztp result: success");
            assertThat(sw.file("nvue-startup.json")).contains("\"hostname\": \"spine77\"", "\"127.0.0.77/8\"",
                    "\"password\": \"Tq8-Lw3v-Zr5\"", "\"role\": \"system-admin\"");
            assertThat(sw.commands()).noneMatch(c -> c.contains("Tq8-Lw3v-Zr5"));
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class))
                    .anySatisfy(e -> assertThat(e.how()).isEqualTo("CUMULUS-SERIAL " + SERIAL));
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(StatusApi.state(ztp, "spine77")).isIn("REPORTED", "REACHABLE");
        }
    }

    @Test
    void aSwitchWhoseSerialIsNotInTheInventoryIsFoundByItsManagementMac() throws Exception {
        try (Provisioning ztp = start(Map.of(), null)) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.CUMULUS);

            EmulatedDevice.Run run = sw.cumulusZtp(option239(ztp), facts("MT0000X99999", "1c:34:da:77:77:01"), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.file("nvue-applied.json")).contains("\"hostname\": \"spine77\"");
        }
    }

    @Test
    void aSwitchTheInventoryDoesNotKnowGetsNoScript() throws Exception {
        try (Provisioning ztp = start(Map.of(), null)) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.CUMULUS);

            EmulatedDevice.Run run = sw.cumulusZtp(option239(ztp), facts("MT0000X99999", "1c:34:da:00:00:01"), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("404");
            assertThat(sw.file("ztp_state")).isEqualTo("Result Download Failure\n");
        }
    }

    @Test
    void aScriptWithoutTheMarkerLineIsNotRun() throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        Files.writeString(tmp.resolve("root/no-marker.sh"), "#!/bin/bash\ntouch ran\nexit 0\n");
        try (Provisioning ztp = start(Map.of(), null)) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.CUMULUS);

            EmulatedDevice.Run run = sw.cumulusZtp("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/no-marker.sh",
                    facts(SERIAL, "1c:34:da:77:77:01"), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(sw.file("ztp_state")).isEqualTo("Result Marker Not Found\n");
            assertThat(sw.state().resolve("sandbox/ran")).doesNotExist();
        }
    }

    @Test
    void aDay0NvueRefusesFailsTheScriptWhichReportsTheLineButNotTheSecret() throws Exception {
        String bundled = new String(CumulusZtpEmulatorIT.class.getResourceAsStream(
                "/org/ztp4j/platform/templates/cumulus/ztp.sh").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        // a day-0 of the user's own that forgets the prefix length: NVUE refuses the address
        TemplateSet broken = TemplateSet.builder().templates(Map.of("cumulus/ztp.sh",
                bundled.replace("ip address {{mgmt_address}}/{{mgmt_prefix}}", "ip address {{mgmt_address}}"))).build();
        try (Provisioning ztp = start(Map.of(), broken)) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.CUMULUS);

            EmulatedDevice.Run run = sw.cumulusZtp(option239(ztp), facts(SERIAL, "1c:34:da:77:77:01"), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("Error: '127.0.0.77' is not a valid ip-prefix", "Payload returned code 1");
            assertThat(sw.file("ztp_state")).isEqualTo("Result Script Failure\n");
            assertThat(sw.file("nvue-applied.json")).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).startsWith("the ZTP script failed at line ").doesNotContain("Tq8-Lw3v-Zr5");
            });
            assertThat(StatusApi.state(ztp, "spine77")).isNotIn("REACHABLE");
        }
    }
}
