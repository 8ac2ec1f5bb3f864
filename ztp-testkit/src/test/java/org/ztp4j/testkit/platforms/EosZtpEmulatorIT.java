package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * An Arista EOS switch's whole ZTP against a running server: the bootstrap option 67 names, its
 * day-0 by serial, the optional image (downloaded, checked against its {@code .md5}, set as the
 * boot image in {@code boot-config}), the startup-config written last, the report with the token
 * the day-0's first line gave it, and the reboot into the image and the day-0; on python3 (EOS
 * 4.30.1 and later) and on Python 2.7 (Jython: earlier releases).
 */
class EosZtpEmulatorIT {

    private static final String SERIAL = "JPE15220011";
    private static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            spine11,JPE15220011,00:1c:73:00:00:11,eos,127.0.0.61/8,127.0.0.1
            """;
    private static final DeviceHost HOST = DeviceHost.loopback("127.0.0.61");
    private static final String IMAGE = "EOS-4.32.1F.swi";

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning start(Map<String, String> settings) throws IOException {
        return EmulatorServer.builder(CSV, tmp.resolve("root"), events).settings(settings).build().start();
    }

    private static EmulatedDevice.Run ztp(Provisioning ztp, EmulatedDevice sw) throws IOException {
        Path script = sw.state().resolve("bootstrap");
        EmulatedDevice.Run fetch = sw.fetch(ztp.bootOffer("eos").bootfile(), script, HOST);
        assertThat(fetch.exitCode()).as(fetch.output()).isZero();
        return sw.run(script, Map.of("EMULATOR_SERIAL", SERIAL), HOST);
    }

    private byte[] image() throws IOException {
        byte[] image = new byte[400_000];
        new Random(11).nextBytes(image);
        Files.write(Files.createDirectories(tmp.resolve("root")).resolve(IMAGE), image);
        return image;
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(EmulatedDevice.Interpreter.class)
    void theBootstrapWritesTheDay0WithoutItsTokenLineReportsAndTheSwitchRebootsIntoIt(EmulatedDevice.Interpreter python)
            throws Exception {
        try (Provisioning ztp = start(Map.of())) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS).withInterpreter(python);

            EmulatedDevice.Run run = ztp(ztp, sw);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).containsExactly("eos show version");
            String startup = Files.readString(sw.flash().resolve("startup-config"), StandardCharsets.UTF_8);
            assertThat(startup).startsWith("! ztp4j reachability day-0 for spine11").doesNotContain("ztp4j-device-token")
                    .contains("hostname spine11\n", "   ip address 127.0.0.61/8\n", "ip route 0.0.0.0/0 127.0.0.1\n");
            // no image asked for: the switch boots the image it shipped with, boot-config untouched
            assertThat(sw.file("booted-image")).isEqualTo("EOS-4.31.2F.swi\n");
            assertThat(sw.flash().resolve("boot-config")).hasContent("SWI=flash:/EOS-4.31.2F.swi\nCONSOLESPEED=9600");
            assertThat(sw.file("running-config")).isEqualTo(startup);
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isTrue();
                assertThat(r.message()).isEqualTo("day-0 written: rebooting into it");
            });
            assertThat(StatusApi.state(ztp, "spine11")).isEqualTo("REACHABLE");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(EmulatedDevice.Interpreter.class)
    void withAnImageTheBootstrapChecksItsMd5SetsItInBootConfigAndTheSwitchBootsIt(EmulatedDevice.Interpreter python)
            throws Exception {
        byte[] image = image();
        try (Provisioning ztp = start(Map.of("eos.image", IMAGE))) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS).withInterpreter(python);

            EmulatedDevice.Run run = ztp(ztp, sw);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.flash().resolve(IMAGE)).hasBinaryContent(image);
            // the SWI= line points at the new image, the console speed stays
            assertThat(sw.flash().resolve("boot-config")).hasContent("SWI=flash:/" + IMAGE + "\nCONSOLESPEED=9600");
            assertThat(sw.file("booted-image")).isEqualTo(IMAGE + "\n");
            assertThat(sw.file("running-config")).contains("hostname spine11\n");
            try (var files = Files.list(sw.flash())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("EOS-4.31.2F.swi", IMAGE, "boot-config", "startup-config");
            }
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.message()).isEqualTo("day-0 written, " + IMAGE + " set as the boot image: rebooting into it"));

            // ZTP run again (a retry, a second switch of the same image on this flash): no second download
            Files.delete(sw.flash().resolve("startup-config"));
            EmulatedDevice.Run again = ztp(ztp, sw);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("ztp4j: " + IMAGE + " is on flash already").doesNotContain("downloading");
        }
    }

    @Test
    void anImageWhoseMd5DoesNotMatchIsRemovedAndNoStartupConfigIsWrittenSoZtpTriesAgain() throws Exception {
        byte[] image = image();
        image[5] ^= 1;
        // the server's .md5 is a real file: it wins over the computed one, and here it is stale
        Files.writeString(tmp.resolve("root").resolve(IMAGE + ".md5"),
                Checksums.hex(image, ChecksumAlgorithm.MD5) + "  " + IMAGE + "\n", StandardCharsets.US_ASCII);
        try (Provisioning ztp = start(Map.of("eos.image", IMAGE))) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);

            EmulatedDevice.Run run = ztp(ztp, sw);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("ztp4j: bootstrap failed: " + IMAGE + ": MD5 ");
            try (var files = Files.list(sw.flash())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("EOS-4.31.2F.swi", "boot-config");
            }
            assertThat(sw.flash().resolve("boot-config")).hasContent("SWI=flash:/EOS-4.31.2F.swi\nCONSOLESPEED=9600");
            assertThat(sw.file("booted-image")).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).startsWith(IMAGE + ": MD5 ");
            });
        }
    }

    @Test
    void whenTheStartupConfigCannotBeWrittenAfterTheImageBootConfigIsPutBack() throws Exception {
        image();
        try (Provisioning ztp = start(Map.of("eos.image", IMAGE))) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);
            // a startup-config the bootstrap cannot write over (here a folder of that name)
            Files.createDirectory(sw.flash().resolve("startup-config"));

            EmulatedDevice.Run run = ztp(ztp, sw);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(sw.flash().resolve("boot-config")).hasContent("SWI=flash:/EOS-4.31.2F.swi\nCONSOLESPEED=9600");
            assertThat(sw.flash().resolve(IMAGE)).exists();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isFalse());
        }
    }

    @Test
    void aBootConfigPointingAtAMissingImageHaltsTheSwitchInAboot() throws Exception {
        // what a bootstrap that set SWI= before its download finished would leave: the model must catch it
        try (Provisioning ztp = start(Map.of())) {
            EmulatedDevice sw = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);
            Files.writeString(sw.flash().resolve("boot-config"), "SWI=flash:/EOS-9.99.swi\n", StandardCharsets.US_ASCII);

            EmulatedDevice.Run run = ztp(ztp, sw);

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.output()).contains("device: Aboot halted at its shell");
            assertThat(sw.file("running-config")).isEmpty();
        }
    }
}
