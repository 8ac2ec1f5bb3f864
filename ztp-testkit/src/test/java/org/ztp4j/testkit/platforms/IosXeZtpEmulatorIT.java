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
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** Runs the served IOS-XE ZTP script with python3 against a fake Guest Shell cli module and real servers. */
class IosXeZtpEmulatorIT {

    private static final String SERIAL = "FOC2222X0BB";

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning provisioning(Map<String, String> settings) throws IOException {
        return Provisioning.builder()
                .inventory(SampleInventory.inventory())
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

    @Test
    void scriptFetchesItsDay0BySerialAppliesItSavesItAndReportsSuccess() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            assertThat(ztp.bootOffer("iosxe").bootfile()).isEqualTo("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/ztp/iosxe.py");
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", SERIAL));

            assertThat(run.exitCode()).as(run.output()).isZero();
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            assertThat(device.commands()).containsSubsequence(
                    "cli show version",
                    "execute copy " + http + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg",
                    "cli more flash:ztp-day0.cfg",
                    "configure hostname access1",
                    "configure  ip address 192.0.2.31 255.255.255.0",
                    "configure crypto key generate rsa general-keys modulus 2048",
                    "execute write memory");
            assertThat(device.commands()).noneMatch(c -> c.startsWith("execute install"));
            assertThat(device.file("running-config")).contains("interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n");

            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isTrue();
                assertThat(r.device().serial()).isEqualTo(SerialNumber.of(SERIAL));
                assertThat(r.message()).isEqualTo("day-0 applied and saved");
            });
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).singleElement()
                    .satisfies(r -> assertThat(r.address().getHostAddress()).isEqualTo("192.0.2.31"));
        }
    }

    @Test
    void theImageOptInVerifiesTheImageReportsAndThenInstallsIt() throws IOException {
        byte[] image = new byte[200_000];
        new Random(3).nextBytes(image);
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/cat9k_iosxe.17.09.05.SPA.bin"), image);
        try (Provisioning ztp = provisioning(Map.of("iosxe.image", "cat9k_iosxe.17.09.05.SPA.bin"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", SERIAL));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(Files.readAllBytes(device.flash().resolve("cat9k_iosxe.17.09.05.SPA.bin"))).isEqualTo(image);
            String md5 = org.ztp4j.core.checksum.Checksums.hex(image, org.ztp4j.core.checksum.ChecksumAlgorithm.MD5);
            assertThat(device.commands()).containsSubsequence(
                    "execute write memory",
                    "execute verify /md5 flash:cat9k_iosxe.17.09.05.SPA.bin " + md5,
                    "execute copy http://127.0.0.1:" + ztp.httpAddress().getPort()
                            + "/cat9k_iosxe.17.09.05.SPA.bin flash:cat9k_iosxe.17.09.05.SPA.bin",
                    "execute verify /md5 flash:cat9k_iosxe.17.09.05.SPA.bin " + md5,
                    "execute install add file flash:cat9k_iosxe.17.09.05.SPA.bin activate commit prompt-level none");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.message()).contains("installing cat9k_iosxe.17.09.05.SPA.bin"));
        }
    }

    @Test
    void overTftpTheOfferNamesAFileAndTheScriptStillReportsOverHttp() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("iosxe.transfer", "tftp"))) {
            BootOffer offer = ztp.bootOffer("iosxe");
            assertThat(offer.bootfile()).isEqualTo("ztp/iosxe.py");
            assertThat(offer.tftpServer()).isTrue();
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", SERIAL));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("execute copy tftp://127.0.0.1:" + ztp.tftpAddress().getPort()
                    + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
        }
    }

    @Test
    void aDeviceMissingFromTheInventoryReportsFailureAndExitsNonZero() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), Map.of("EMULATOR_SERIAL", "FOC0000NONE"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(device.commands()).noneMatch(c -> c.startsWith("configure hostname"));
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).contains("no day-0 for FOC0000NONE");
            });
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).isEmpty();
        }
    }

    /** A status and a body, from curl. */
    private record Reply(int status, String body) {
    }

    private Reply curl(String method, String url, String body) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                ExternalTool.require("curl", "curl").toString(), "-s", "-X", method, "-w", "\n%{http_code}"));
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
            String base = "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/ztp/report/";
            Reply badJson = curl("POST", base + SERIAL, "{\"status\": ");
            Reply badStatus = curl("POST", base + SERIAL, "{\"status\": \"maybe\"}");
            Reply badSerial = curl("POST", base + "no%20such", "{\"status\": \"success\"}");
            Reply get = curl("GET", base + SERIAL, null);
            Reply put = curl("PUT", base + SERIAL, "{\"status\":\"failure\",\"message\":\"disk \\\"full\\\"\"}");

            assertThat(badJson.status()).isEqualTo(400);
            assertThat(badJson.body()).contains("JSON");
            assertThat(badStatus.status()).isEqualTo(400);
            assertThat(badStatus.body()).contains("\"success\" or \"failure\"");
            assertThat(badSerial.status()).isEqualTo(400);
            assertThat(get.status()).isEqualTo(405);
            assertThat(put.status()).as(put.body()).isEqualTo(204);
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.message()).isEqualTo("disk \"full\""));
        }
    }
}
