package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
 * A SONiC switch's whole ZTP against a running server: what its DHCP offer says (option 67, option
 * 239), the ZTP JSON and the switch's own one by serial number, its config_db fragment loaded and
 * saved, its provisioning script, its report, and the status API showing it provisioned.
 */
class SonicZtpEmulatorIT {

    private static final String SERIAL = "SNC7326A0042";
    private static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf42,SNC7326A0042,0c:42:a1:00:00:42,sonic,127.0.0.42/8,127.0.0.1
            """;
    private static final DeviceHost HOST = DeviceHost.loopback("127.0.0.42");

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

    private static String option239(BootOffer offer) {
        return ((BootOption.Text) offer.option(239).orElseThrow().value()).text();
    }

    private static Map<String, String> facts() {
        return Map.of("EMULATOR_SERIAL", SERIAL, "EMULATOR_PRODUCT", "AS7326-56X");
    }

    @Test
    void aSwitchFollowsOption67ToItsOwnZtpJsonLoadsItsConfigDbRunsItsScriptAndShowsProvisioned() throws Exception {
        try (Provisioning ztp = start(Map.of(), null)) {
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            BootOffer offer = ztp.bootOffer("sonic");
            assertThat(offer.bootfile()).isEqualTo(http + "/sonic/ztp.json");
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SONIC);

            EmulatedDevice.Run run = sw.sonicZtp(offer.bootfile(), option239(offer), null, facts(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).containsSubsequence(
                    "sonic download " + http + "/sonic/ztp.json: ok",
                    "sonic download " + http + "/sonic/ztp/" + SERIAL + ".json: ok",
                    "sonic download " + http + "/sonic/config_db/" + SERIAL + ".json: ok",
                    "sonic config load -y " + sw.state().resolve("sandbox/tmp/config_dl.json"),
                    "sonic systemctl restart interfaces-config",
                    "sonic config save -y",
                    "sonic section 01-configdb-json: SUCCESS",
                    "sonic download " + http + "/sonic/provision/" + SERIAL + ".sh: ok",
                    "os useradd -m -s /bin/bash -G sudo,docker netops",
                    "os chpasswd",
                    "sonic section 02-provisioning-script: SUCCESS");
            assertThat(sw.commands()).noneMatch(c -> c.contains("bootstrap.sh"));
            assertThat(sw.file("running_config_db.json")).contains("\"hostname\": \"leaf42\"", "\"eth0|127.0.0.42/8\"",
                    "\"gwaddr\": \"127.0.0.1\"");
            assertThat(sw.file("etc/sonic/config_db.json")).isEqualTo(sw.file("running_config_db.json"));
            assertThat(sw.file("passwords")).isEqualTo("netops:Tq8-Lw3v-Zr5\n");
            assertThat(sw.file("ztp_data.json")).contains("\"status\": \"SUCCESS\"");

            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(StatusApi.state(ztp, "leaf42")).isIn("REPORTED", "REACHABLE");
        }
    }

    @Test
    void withOption239AloneTheBootstrapReadsTheSerialAndDoesTheSame() throws Exception {
        try (Provisioning ztp = start(Map.of("sonic.boot", "provisioning-script"), null)) {
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            BootOffer offer = ztp.bootOffer("sonic");
            assertThat(offer.bootfile()).isNull();
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SONIC);

            EmulatedDevice.Run run = sw.sonicZtp(null, option239(offer), null, facts(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).containsSubsequence(
                    "sonic download " + http + "/sonic/bootstrap.sh: ok",
                    "sonic config save -y",
                    "sonic systemctl restart interfaces-config",
                    "os useradd -m -s /bin/bash -G sudo,docker netops",
                    "sonic section provisioning-script: SUCCESS");
            assertThat(sw.commands()).anySatisfy(c -> assertThat(c).startsWith("sonic config load -y ").endsWith("/config_db.json"));
            assertThat(sw.file("etc/sonic/config_db.json")).contains("\"hostname\": \"leaf42\"");
            assertThat(StatusApi.state(ztp, "leaf42")).isIn("REPORTED", "REACHABLE");
        }
    }

    @Test
    void aConfigDbFragmentSonicCannotUseFailsItsSectionAndHaltsZtpBeforeTheScript() throws Exception {
        TemplateSet broken = TemplateSet.builder().templates(Map.of("sonic/config_db.json", """
                {"MGMT_INTERFACE": {"eth0|{{mgmt_address}}": {"gwaddr": "{{mgmt_gateway}}"}}}
                """)).build();
        try (Provisioning ztp = start(Map.of(), broken)) {
            BootOffer offer = ztp.bootOffer("sonic");
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SONIC);

            EmulatedDevice.Run run = sw.sonicZtp(offer.bootfile(), option239(offer), null, facts(), HOST);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("MGMT_INTERFACE key eth0|127.0.0.42: no prefix length");
            assertThat(sw.commands()).contains("sonic section 01-configdb-json: FAILED", "sonic halted: 01-configdb-json failed")
                    .noneMatch(c -> c.contains("provision/"));
            assertThat(sw.file("running_config_db.json")).isEmpty();
            assertThat(sw.file("ztp_data.json")).contains("\"status\": \"FAILED\"");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).isEmpty();
        }
    }

    @Test
    void aZtpJsonWithoutItsZtpObjectIsRefusedAsTheServiceRefusesIt() throws IOException {
        Path json = Files.writeString(tmp.resolve("not-ztp.json"), "{\"configdb-json\": {\"url\": \"http://x/\"}}");
        EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SONIC);

        EmulatedDevice.Run run = sw.sonicZtp("file://" + json, null, null, facts(), HOST);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("ztp section not found in JSON data");
    }

    @Test
    void withAnImageTheScriptChecksItsMd5InstallsItReportsAndTheSwitchReboots() throws Exception {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/sonic-broadcom-202405.bin"), image);
        try (Provisioning ztp = start(Map.of("sonic.image", "sonic-broadcom-202405.bin"), null)) {
            BootOffer offer = ztp.bootOffer("sonic");
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SONIC);

            EmulatedDevice.Run run = sw.sonicZtp(offer.bootfile(), option239(offer), null, facts(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).anySatisfy(c -> assertThat(c).startsWith("sonic sonic-installer install -y "))
                    .containsSubsequence("sonic section 02-provisioning-script: SUCCESS", "sonic reboot");
            assertThat(sw.file("installed-image")).isEqualTo(image.length + "\n");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.message()).contains("sonic-broadcom-202405.bin installed"));
        }
    }
}
