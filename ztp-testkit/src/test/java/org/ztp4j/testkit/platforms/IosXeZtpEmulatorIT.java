package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;

/**
 * Runs the served IOS-XE ZTP script against the model of Guest Shell's {@code cli} module and real
 * servers: with python3 as a 17.x release, and on Jython 2.7 as a 16.x release.
 */
class IosXeZtpEmulatorIT {

    private static final String SERIAL = "FOC2222X0BB";
    private static final String IMAGE = "cat9k_iosxe.17.09.05.SPA.bin";
    private static final String ADDRESS_LINE = " ip address 192.0.2.31 255.255.255.0";

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning provisioning(Map<String, String> settings) throws IOException {
        return provisioning(SampleInventory.inventory(), settings);
    }

    private Provisioning provisioning(Inventory inventory, Map<String, String> settings) throws IOException {
        return Provisioning.builder()
                .inventory(inventory)
                .globals(SampleInventory.GLOBALS)
                .settings(settings)
                .root(Files.createDirectories(tmp.resolve("root")))
                .tftpPort(0).httpPort(0)
                .listener(events)
                .build().start();
    }

    /** Fetches the script the way option 67 tells the device to, with curl. */
    private byte[] fetchScript(Provisioning ztp) throws IOException {
        BootOffer offer = ztp.bootOffer("iosxe");
        String url = offer.bootfileIsUrl() ? offer.bootfile()
                : "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/" + offer.bootfile();
        Path out = tmp.resolve("ztp.py");
        Processes.run(tmp, ExternalTool.require("curl", "curl").toString(), "-sSf", "-o", out.toString(), url);
        return Files.readAllBytes(out);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("EMULATOR_SERIAL", SERIAL));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private String http(Provisioning ztp) {
        return "http://127.0.0.1:" + ztp.httpAddress().getPort();
    }

    private ProvisioningEvent.DeviceReported report() {
        List<ProvisioningEvent.DeviceReported> reports = events.of(ProvisioningEvent.DeviceReported.class);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private byte[] serveImage() throws IOException {
        byte[] image = new byte[200_000];
        new Random(3).nextBytes(image);
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/" + IMAGE), image);
        return image;
    }

    @Test
    void scriptFetchesItsDay0BySerialAppliesItSavesItDeletesItAndReportsSuccess() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            assertThat(ztp.bootOffer("iosxe").bootfile()).isEqualTo(http(ztp) + "/ztp/iosxe.py");
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "cli show version",
                    "execute copy " + http(ztp) + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg",
                    "cli more flash:ztp-day0.cfg",
                    "configure hostname access1",
                    "configure " + ADDRESS_LINE,
                    "configure crypto key generate rsa general-keys modulus 2048",
                    "execute delete /force flash:ztp-day0.cfg",
                    "execute write memory");
            assertThat(device.commands()).noneMatch(c -> c.startsWith("execute install") || c.startsWith("configure event manager"));
            assertThat(device.file("startup-config")).contains("interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n");
            assertThat(device.flash().resolve("ztp-day0.cfg")).as("the day-0 holds the admin password").doesNotExist();

            ProvisioningEvent.DeviceReported report = report();
            assertThat(report.success()).isTrue();
            assertThat(report.device().serial()).isEqualTo(SerialNumber.of(SERIAL));
            assertThat(report.message()).isEqualTo("day-0 applied and saved");
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).singleElement()
                    .satisfies(r -> assertThat(r.address().getHostAddress()).isEqualTo("192.0.2.31"));
        }
    }

    @Test
    void aLineRefusedOn17xTextResultIsReportedByNumberAndNothingIsSaved() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            assertThat(device.release()).startsWith("17.");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env("EMULATOR_REFUSE", ADDRESS_LINE));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertRefusedAndUnsaved(device);
        }
    }

    @Test
    void aLineRefusedOn16xWithCliConfigurationErrorIsReportedByNumberAndNothingIsSaved() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe").withInterpreter(EmulatedDevice.Interpreter.JYTHON);
            assertThat(device.release()).startsWith("16.");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env("EMULATOR_REFUSE", ADDRESS_LINE));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertRefusedAndUnsaved(device);
        }
    }

    private void assertRefusedAndUnsaved(EmulatedDevice device) {
        assertThat(device.commands()).contains("configure " + ADDRESS_LINE, "execute delete /force flash:ztp-day0.cfg")
                .doesNotContain("execute write memory");
        assertThat(device.file("startup-config")).isEmpty();
        assertThat(device.flash().resolve("ztp-day0.cfg")).doesNotExist();
        ProvisioningEvent.DeviceReported report = report();
        assertThat(report.success()).isFalse();
        assertThat(report.message()).isEqualTo("the device refused 1 of 16 day-0 lines, so nothing was saved: "
                + "line 9: ip address ...");
        assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EmulatedDevice.Interpreter.class)
    void aRefusedLineHoldingASecretIsNamedByNumberAndKeywordsAndTheSecretNeverLeavesTheDevice(
            EmulatedDevice.Interpreter python) throws IOException {
        String userLine = "username netops privilege 15 secret " + SampleInventory.GLOBALS.get("admin_password");
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe").withInterpreter(python);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env("EMULATOR_REFUSE", userLine));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(device.commands()).contains("configure " + userLine).doesNotContain("execute write memory");
            ProvisioningEvent.DeviceReported report = report();
            assertThat(report.success()).isFalse();
            assertThat(report.message()).contains("line 3: username netops ...")
                    .doesNotContain(SampleInventory.GLOBALS.get("admin_password"));
            assertThat(run.output()).contains("username netops ...")
                    .doesNotContain(SampleInventory.GLOBALS.get("admin_password"));
        }
    }

    @Test
    void aStackMemberWithoutADay0MovesTheScriptOnToTheNextSerial() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            for (EmulatedDevice.Interpreter interpreter : EmulatedDevice.Interpreter.values()) {
                events.clear();
                EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe").withInterpreter(interpreter);
                EmulatedDevice.Run run = device.run(fetchScript(ztp),
                        env("EMULATOR_STACK", "FOC9990X001,FOC9990X002," + SERIAL));

                assertThat(run.exitCode()).as(interpreter + ": " + run.output()).isZero();
                assertThat(device.commands()).as(interpreter.name()).containsSubsequence(
                        "execute copy " + http(ztp) + "/ztp/day0/FOC9990X001.cfg flash:ztp-day0.cfg",
                        "execute copy " + http(ztp) + "/ztp/day0/FOC9990X002.cfg flash:ztp-day0.cfg",
                        "execute copy " + http(ztp) + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg",
                        "configure hostname access1",
                        "execute write memory");
                assertThat(device.commands()).as("power supplies have serials too").noneMatch(c -> c.contains("LIT0000"));
                assertThat(report().success()).isTrue();
                assertThat(report().device().serial()).isEqualTo(SerialNumber.of(SERIAL));
            }
        }
    }

    @Test
    void theFirstCliCallIsRetriedWhileThePnpAgentHoldsTheSocket() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env("EMULATOR_PNP_BUSY", "2"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "cli show version", "refused PnP agent holds the CLI socket", "sleep 90",
                    "cli show version", "refused PnP agent holds the CLI socket", "sleep 90",
                    "cli show version", "cli show inventory", "execute write memory");
            assertThat(report().success()).isTrue();
        }
    }

    @Test
    void overTheManagementPortHttpCopiesSetTheClientSourceInterfaceAndTftpCopiesNameTheVrf() throws IOException {
        try (Provisioning http = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(http), env("EMULATOR_ZTP_INTERFACE", "GigabitEthernet0/0"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            String copy = "execute copy " + http(http) + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg";
            assertThat(device.commands()).containsSubsequence(copy, "configure ip http client source-interface Gi0/0", copy,
                    "configure no ip http client source-interface Gi0/0", "configure hostname access1", "execute write memory");
            assertThat(device.file("startup-config")).doesNotContain("ip http client source-interface");
        }
        events.clear();
        try (Provisioning tftp = provisioning(Map.of("iosxe.transfer", "tftp"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(tftp), env("EMULATOR_ZTP_INTERFACE", "GigabitEthernet0/0"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("execute copy tftp://127.0.0.1:" + tftp.tftpAddress().getPort()
                    + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg vrf Mgmt-vrf");
            assertThat(report().success()).isTrue();
        }
    }

    @Test
    void anIsrGetsItsDay0OnGigabitEthernet0InMgmtIntfAndCopiesThroughThatPort() throws IOException {
        Inventory inventory = CsvInventory.parse("routers.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway,model
                branch1,FGL3333X0CC,iosxe,192.0.2.51/24,192.0.2.1,ISR4431/K9
                """);
        try (Provisioning ztp = provisioning(inventory, Map.of("iosxe.transfer", "tftp"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", "FGL3333X0CC",
                    "EMULATOR_MODEL", "ISR4431", "EMULATOR_ZTP_INTERFACE", "GigabitEthernet0"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("execute copy tftp://127.0.0.1:" + ztp.tftpAddress().getPort()
                    + "/ztp/day0/FGL3333X0CC.cfg flash:ztp-day0.cfg vrf Mgmt-intf");
            assertThat(device.file("startup-config"))
                    .contains("interface GigabitEthernet0\n vrf forwarding Mgmt-intf\n ip address 192.0.2.51 255.255.255.0\n")
                    .contains("ip route vrf Mgmt-intf 0.0.0.0 0.0.0.0 192.0.2.1\n");
        }
    }

    @Test
    void aCatalyst9200LOnPlatformIosxeIsAnInventoryProblemNamingTheDeviceAndPlatformIos() throws IOException {
        Inventory inventory = CsvInventory.parse("small.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway,model
                closet1,JAE4444X0DD,iosxe,192.0.2.61/24,192.0.2.1,C9200L-24P-4G
                """);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .root(Files.createDirectories(tmp.resolve("root"))).build()) {
            assertThat(ztp.problems()).containsExactly("device closet1 (iosxe): model C9200L-24P-4G: a Catalyst 9200L "
                    + "has no IOS-XE ZTP; give it platform ios (AutoInstall)");
        }
    }

    @Test
    void theImageOptInLeavesTheInstallToAnEemAppletThatRunsAfterTheScript() throws IOException {
        byte[] image = serveImage();
        try (Provisioning ztp = provisioning(Map.of("iosxe.image", IMAGE))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(Files.readAllBytes(device.flash().resolve(IMAGE))).isEqualTo(image);
            String md5 = Checksums.hex(image, ChecksumAlgorithm.MD5);
            List<String> commands = device.commands();
            assertThat(commands).containsSubsequence(
                    "execute write memory",
                    "execute copy " + http(ztp) + "/" + IMAGE + ".md5 flash:" + IMAGE + ".md5",
                    "execute copy " + http(ztp) + "/" + IMAGE + " flash:" + IMAGE,
                    "execute verify /md5 flash:" + IMAGE + " " + md5,
                    "cli dir flash:" + IMAGE,
                    "configure event manager applet ztp4j-upgrade authorization bypass",
                    "configure  event none sync yes maxrun 3600",
                    "configure  action 3.0 cli command \"install add file flash:" + IMAGE + " activate commit prompt-level none\"",
                    "execute event manager run ztp4j-upgrade",
                    "eem ztp4j-upgrade: write memory",
                    "eem ztp4j-upgrade: install add file flash:" + IMAGE + " activate commit prompt-level none",
                    "eem ztp4j-upgrade: installed flash:" + IMAGE);
            assertThat(commands).noneMatch(c -> c.startsWith("execute install"));
            assertThat(commands.stream().filter(c -> !c.startsWith("eem ")).reduce((a, b) -> b).orElseThrow())
                    .as("the applet is started last").isEqualTo("execute event manager run ztp4j-upgrade");
            assertThat(device.flash().resolve(IMAGE + ".md5")).doesNotExist();
            assertThat(report().success()).isTrue();
            assertThat(report().message()).isEqualTo("day-0 applied and saved; " + IMAGE
                    + " installs after this script, then the device reloads");
        }
    }

    @Test
    void anUpgradeIsNotPreparedOnADeviceInBundleModeOrWithTooLittleFlash() throws IOException {
        serveImage();
        try (Provisioning ztp = provisioning(Map.of("iosxe.image", IMAGE))) {
            EmulatedDevice bundle = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = bundle.run(fetchScript(ztp), env("EMULATOR_BOOT_MODE", "BUNDLE"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(bundle.commands()).contains("execute write memory")
                    .noneMatch(c -> c.contains(IMAGE) || c.contains("event manager"));
            assertThat(report().success()).isFalse();
            assertThat(report().message()).isEqualTo("day-0 applied and saved, but no upgrade: the device boots in BUNDLE "
                    + "mode, and " + IMAGE + " can only be installed in install mode (boot it from packages.conf first)");

            events.clear();
            EmulatedDevice small = EmulatedDevice.create(tmp, "iosxe");
            run = small.run(fetchScript(ztp), env("EMULATOR_FLASH_FREE", "300000"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(small.commands()).contains("execute verify /md5 flash:" + IMAGE + " "
                    + Checksums.hex(Files.readAllBytes(tmp.resolve("root/" + IMAGE)), ChecksumAlgorithm.MD5))
                    .noneMatch(c -> c.contains("event manager"));
            assertThat(report().message()).startsWith("day-0 applied and saved, but no upgrade: flash: has ")
                    .endsWith("bytes free, and installing " + IMAGE + " (200000 bytes) needs about as much again");
        }
    }

    @Test
    void overTftpTheOfferNamesAFileAndTheScriptStillReportsOverHttp() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("iosxe.transfer", "tftp"))) {
            BootOffer offer = ztp.bootOffer("iosxe");
            assertThat(offer.bootfile()).isEqualTo("ztp/iosxe.py");
            assertThat(offer.tftpServer()).isTrue();
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("execute copy tftp://127.0.0.1:" + ztp.tftpAddress().getPort()
                    + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg");
            assertThat(report().success()).isTrue();
        }
    }

    @Test
    void aDeviceMissingFromTheInventoryExitsNonZeroAndReportsNothing() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", "FOC0000NONE"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(device.commands()).noneMatch(c -> c.startsWith("configure hostname"));
            // It has no day-0, so no token: it does not report, and a report for a serial nobody owns would be refused.
            assertThat(run.output()).contains("no device token");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).isEmpty();
        }
    }

    /** A status and a body, from curl. */
    private record Reply(int status, String body) {
    }

    private Reply curl(String method, String url, String body) {
        return curl(method, url, body, null);
    }

    private Reply curl(String method, String url, String body, String token) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                ExternalTool.require("curl", "curl").toString(), "-s", "-X", method, "-w", "\n%{http_code}"));
        if (token != null) {
            cmd.addAll(java.util.List.of("-H", "ZTP4J-Device-Token: " + token));
        }
        if (body != null) {
            cmd.addAll(java.util.List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        cmd.add(url);
        String out = Processes.run(tmp, cmd.toArray(String[]::new)).stdout();
        int cut = out.lastIndexOf('\n');
        return new Reply(Integer.parseInt(out.substring(cut + 1).strip()), out.substring(0, cut));
    }

    @Test
    void theReportEndpointRefusesBadReportsWithAReason() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            String base = http(ztp) + "/ztp/report/";
            String token = ztp.access().tokens().tokenFor(SampleInventory.bySerial(SERIAL));
            Reply badJson = curl("POST", base + SERIAL, "{\"status\": ", token);
            Reply badStatus = curl("POST", base + SERIAL, "{\"status\": \"maybe\"}", token);
            Reply badSerial = curl("POST", base + "no%20such", "{\"status\": \"success\"}", token);
            Reply noToken = curl("POST", base + SERIAL, "{\"status\": \"success\"}");
            Reply get = curl("GET", base + SERIAL, null);
            Reply put = curl("PUT", base + SERIAL, "{\"status\":\"failure\",\"message\":\"disk \\\"full\\\"\"}", token);

            assertThat(badJson.status()).isEqualTo(400);
            assertThat(badJson.body()).contains("JSON");
            assertThat(badStatus.status()).isEqualTo(400);
            assertThat(badStatus.body()).contains("\"success\" or \"failure\"");
            assertThat(badSerial.status()).isEqualTo(403);
            assertThat(noToken.status()).isEqualTo(403);
            assertThat(noToken.body()).isEqualTo(badSerial.body());
            assertThat(get.status()).isEqualTo(405);
            assertThat(put.status()).as(put.body()).isEqualTo(204);
            assertThat(report().message()).isEqualTo("disk \"full\"");
        }
    }
}
