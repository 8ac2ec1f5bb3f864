package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;

/**
 * Every form of every generated script, run whole on both Pythons the devices have: python3 (NX-OS
 * 9.3 and later, IOS-XE 17.x) and Python 2.7 on Jython (NX-OS 7.x and 9.2, IOS-XE 16.x), each
 * against the emulator of the release that runs it, fetched from a running server exactly as the
 * device fetches it. Each run ends with the day-0 where the device applies it.
 */
class EveryScriptOnBothPythonsIT {

    private static final String NXOS_SERIAL = "SAL1234ABCD";
    private static final String IOSXE_SERIAL = "FOC2222X0BB";
    private static final String NXOS_IMAGE = "nxos64-cs.10.4.3.F.bin";
    private static final String IOSXE_IMAGE = "cat9k_iosxe.17.09.05.SPA.bin";

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    static Stream<Arguments> nxosForms() {
        List<Arguments> forms = new ArrayList<>();
        for (EmulatedDevice.Interpreter python : EmulatedDevice.Interpreter.values()) {
            for (String mode : List.of("serial", "mac", "hostname")) {
                for (String transfer : List.of("tftp", "http", "https")) {
                    forms.add(Arguments.of(python, mode, transfer, ""));
                }
            }
            forms.add(Arguments.of(python, "serial", "tftp", NXOS_IMAGE));
            forms.add(Arguments.of(python, "mac", "http", NXOS_IMAGE));
        }
        return forms.stream();
    }

    static Stream<Arguments> iosxeForms() {
        List<Arguments> forms = new ArrayList<>();
        for (EmulatedDevice.Interpreter python : EmulatedDevice.Interpreter.values()) {
            for (String transfer : List.of("http", "tftp")) {
                forms.add(Arguments.of(python, transfer, ""));
                forms.add(Arguments.of(python, transfer, IOSXE_IMAGE));
            }
        }
        return forms.stream();
    }

    private Provisioning start(Map<String, String> settings) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        byte[] image = new byte[120_000];
        new Random(5).nextBytes(image);
        for (String name : List.of(NXOS_IMAGE, IOSXE_IMAGE)) {
            Files.write(root.resolve(name), image); // its .md5 sidecar is computed when asked for
        }
        return Provisioning.builder()
                .inventory(SampleInventory.inventory())
                .globals(SampleInventory.GLOBALS)
                .settings(settings)
                .root(root)
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0)
                .https(TlsConfig.selfSigned(Files.createDirectories(tmp.resolve("tls")), "127.0.0.1"), 0)
                .listener(events)
                .build().start();
    }

    private byte[] fetch(String url, String name) throws IOException {
        Path out = tmp.resolve(name);
        Processes.run(tmp, ExternalTool.require("curl", "curl").toString(), "-sSfk", "-o", out.toString(), url);
        return Files.readAllBytes(out);
    }

    @ParameterizedTest(name = "NX-OS POAP on {0}: mode {1}, over {2}, image ''{3}''")
    @MethodSource("nxosForms")
    void thePoapScriptSchedulesItsDay0(EmulatedDevice.Interpreter python, String mode, String transfer, String image)
            throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("nxos.mode", mode, "nxos.transfer", transfer));
        if (transfer.equals("https")) {
            settings.put("nxos.https-ignore-certificate", "true");
        }
        if (!image.isEmpty()) {
            settings.put("nxos.image", image);
        }
        try (Provisioning ztp = start(settings)) {
            byte[] script = fetch("tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/poap.py", "poap.py");
            assertThat(PoapScript.verify(script).status()).isEqualTo(PoapScript.Status.OK);
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withInterpreter(python);

            EmulatedDevice.Run run = device.run(script, Map.of("POAP_SERIAL", NXOS_SERIAL, "POAP_MAC", "7426CC5C9180",
                    "POAP_HOST_NAME", "leaf1", "POAP_PHASE", "DHCP", "POAP_PID", "77", "POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.file("scheduled-config"))
                    .isEqualTo(ztp.day0Config("nxos", SampleInventory.bySerial(NXOS_SERIAL)));
            assertThat(device.commands()).anyMatch(c -> c.startsWith("cli copy " + transfer + "://"));
            if (!image.isEmpty()) {
                assertThat(device.flash().resolve(image)).exists();
                assertThat(device.commands()).anyMatch(c -> c.contains("boot nxos bootflash:" + image));
            }
        }
    }

    @ParameterizedTest(name = "IOS-XE ZTP on {0}: over {1}, image ''{2}''")
    @MethodSource("iosxeForms")
    void theGuestShellScriptAppliesSavesAndReportsItsDay0(EmulatedDevice.Interpreter python, String transfer, String image)
            throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("iosxe.transfer", transfer));
        if (!image.isEmpty()) {
            settings.put("iosxe.image", image);
        }
        try (Provisioning ztp = start(settings)) {
            BootOffer offer = ztp.bootOffer("iosxe");
            String url = offer.bootfileIsUrl() ? offer.bootfile()
                    : "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/" + offer.bootfile();
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOSXE).withInterpreter(python);

            EmulatedDevice.Run run = device.run(fetch(url, "ztp.py"), Map.of("EMULATOR_SERIAL", IOSXE_SERIAL));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.file("startup-config")).contains("hostname access1", "ip address 192.0.2.31 255.255.255.0");
            assertThat(device.flash().resolve("ztp-day0.cfg")).as("the day-0 holds the admin password").doesNotExist();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).as(r.message()).isTrue());
            if (!image.isEmpty()) {
                assertThat(device.flash().resolve(image)).exists();
                assertThat(device.commands()).noneMatch(c -> c.startsWith("execute install"))
                        .anyMatch(c -> c.contains("event manager"));
            }
        }
    }
}
