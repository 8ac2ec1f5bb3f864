package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * Junos in script mode ({@code junos.ztp-file=script}) against a whole running server: the device
 * takes option 43 of the server's offer, fetches the script sub-option 1 names and runs it under
 * {@code /bin/sh}; the script reads the serial through the modelled CLI, fetches its day-0 by
 * serial, checks and installs the image when there is one, commits the day-0 and reports. The
 * probe is off: the device is seen reachable by its report alone.
 */
class JunosScriptEmulatorIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            qfx21,WS3718352121,2c:6b:f5:00:00:21,junos,127.0.0.21/8,127.0.0.1
            """;
    private static final Map<String, String> GLOBALS = Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5");
    private static final Map<String, String> FACTS = Map.of("EMULATOR_SERIAL", "WS3718352121", "EMULATOR_PRODUCT", "QFX5120-48Y-8C");
    private static final String IMAGE = "jinstall-host-qfx-5e-x86-64-23.4R2.13-secure-signed.tgz";

    @TempDir
    Path tmp;

    private final List<ProvisioningEvent> events = new ArrayList<>();

    private Provisioning server(Path root, Map<String, String> settings, Day0Access access) throws IOException {
        return server(root, settings, access, null);
    }

    private Provisioning server(Path root, Map<String, String> settings, Day0Access access, Path templates) throws IOException {
        Provisioning.Builder b = Provisioning.builder().inventory(CsvInventory.parse("junos.csv", INVENTORY)).globals(GLOBALS)
                .root(root).tftpPort(0).httpPort(0).statusPage().reachabilityProbe(false).day0Access(access)
                .listener(e -> {
                    synchronized (events) {
                        events.add(e);
                    }
                });
        settings.forEach(b::setting);
        if (templates != null) {
            b.templates(templates);
        }
        return b.build().start();
    }

    private <T extends ProvisioningEvent> List<T> events(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Test
    void theScriptFetchesTheDay0BySerialCommitsItAndReportsSoTheDeviceIsReachable() throws Exception {
        try (Provisioning ztp = server(Files.createDirectories(tmp.resolve("root")), Map.of("junos.ztp-file", "script"), Day0Access.ANY)) {
            BootOption option43 = ztp.bootOffer("junos").option(43).orElseThrow();
            assertThat(option43.toString()).isEqualTo("option 43 sub-options 1=\"junos/ztp.sh\" 3=\"tftp\"");
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            int port = ztp.tftpAddress().getPort();

            EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, option43.encode(), port, FACTS,
                    DeviceHost.loopback("127.0.0.21"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(qfx.commands()).containsExactly(
                    "junos dhcp option 43: 1=junos/ztp.sh 3=tftp",
                    "junos fetch tftp://127.0.0.1:" + port + "/junos/ztp.sh",
                    "junos script #!/bin/sh ztp-config",
                    "junos cli show chassis hardware | display xml",
                    "junos cli configure",
                    "junos cli load override " + qfx.flash().resolve("ztp4j/juniper.conf"),
                    "junos cli commit and-quit",
                    "junos commit complete",
                    "junos script exit 0");
            assertThat(qfx.file("junos-state")).isEqualTo("""
                    host-name qfx21
                    interface em0.0 127.0.0.21/8
                    route 0.0.0.0/0 next-hop 127.0.0.1
                    user netops class super-user
                    service ssh
                    """);
            assertThat(qfx.file("running-config")).as("the token line is not committed")
                    .startsWith("/* ztp4j reachability day-0 for qfx21").doesNotContain("ztp4j-device-token").doesNotContain("Tq8-Lw3v-Zr5");
            assertThat(qfx.flash().resolve("ztp4j")).as("the day-0 with its hashes is removed").doesNotExist();
            assertThat(events(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue()).satisfies(r -> assertThat(r.message()).isEqualTo("day-0 committed"));
            assertThat(awaitState(ztp, "qfx21", "REACHABLE")).isEqualTo("REACHABLE");
        }
    }

    @Test
    void anImageWhoseMd5MatchesIsInstalledBeforeTheCommitThenTheDeviceReboots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("good"));
        Files.writeString(root.resolve(IMAGE), "emulated Junos image 23.4R2.13\n".repeat(5000), StandardCharsets.UTF_8);
        try (Provisioning ztp = server(root, Map.of("junos.ztp-file", "script", "junos.image", IMAGE, "junos.transfer", "http"),
                Day0Access.ANY)) {
            BootOption option43 = ztp.bootOffer("junos").option(43).orElseThrow();
            assertThat(option43.toString()).as("no sub-option 0: Junos would install it unchecked")
                    .startsWith("option 43 sub-options 1=\"junos/ztp.sh\" 3=\"http\"");
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            Path image = qfx.flash().resolve(IMAGE);

            EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, option43.encode(), ztp.tftpAddress().getPort(),
                    FACTS, DeviceHost.loopback("127.0.0.21"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(qfx.commands()).containsSubsequence(
                    "junos cli show chassis hardware | display xml",
                    "junos cli file checksum md5 " + image,
                    "junos cli request system software add " + image + " no-validate",
                    "junos cli commit and-quit",
                    "junos commit complete",
                    "junos cli request system reboot",
                    "junos script exit 0");
            assertThat(qfx.file("software-added")).isEqualTo(image + " no-validate\n");
            assertThat(qfx.file("rebooted")).isEqualTo("reboot\n");
            assertThat(Files.readString(image)).isEqualTo(Files.readString(root.resolve(IMAGE)));
            assertThat(events(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> assertThat(r.message())
                    .isEqualTo("day-0 committed, " + IMAGE + " installed: rebooting into it"));
            assertThat(awaitState(ztp, "qfx21", "REACHABLE")).isEqualTo("REACHABLE");
        }
    }

    @Test
    void anImageWithAWrongMd5IsNeitherInstalledNorIsTheDay0CommittedAndTheFailureIsReported() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(root.resolve(IMAGE), "emulated Junos image, cut short in transit\n", StandardCharsets.UTF_8);
        // The image's own sidecar, from the release it should have been: a real X.md5 wins over the computed one.
        Files.writeString(root.resolve(IMAGE + ".md5"), "0123456789abcdef0123456789abcdef  " + IMAGE + "\n", StandardCharsets.UTF_8);
        try (Provisioning ztp = server(root, Map.of("junos.ztp-file", "script", "junos.image", IMAGE), Day0Access.ANY)) {
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);

            EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, ztp.bootOffer("junos").option(43).orElseThrow().encode(),
                    ztp.tftpAddress().getPort(), FACTS, DeviceHost.loopback("127.0.0.21"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(qfx.commands()).contains("junos cli file checksum md5 " + qfx.flash().resolve(IMAGE), "junos script exit 1")
                    .noneMatch(c -> c.contains("software add") || c.contains("commit") || c.contains("reboot"));
            assertThat(qfx.state().resolve("running-config")).doesNotExist();
            assertThat(qfx.state().resolve("software-added")).doesNotExist();
            assertThat(qfx.flash().resolve(IMAGE)).as("the bad download is removed").doesNotExist();
            assertThat(events(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).startsWith(IMAGE + ": MD5 ").endsWith(", expected 0123456789abcdef0123456789abcdef: not installed");
            });
            assertThat(StatusApi.state(ztp, "qfx21")).isNotEqualTo("REACHABLE");
        }
    }

    @Test
    void aDay0TheCommitCheckRefusesIsNotCommittedAndTheScriptReportsWhy() throws Exception {
        Path templates = Files.createDirectories(tmp.resolve("broken-templates/junos"));
        String bundled = new String(JunosScriptEmulatorIT.class.getResourceAsStream(
                "/org/ztp4j/platform/templates/junos/day0.conf").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("day0.conf"), bundled.replace("host-name {{hostname}};", "host-name {{hostname}}"));
        try (Provisioning ztp = server(Files.createDirectories(tmp.resolve("broken")), Map.of("junos.ztp-file", "script"), Day0Access.ANY,
                tmp.resolve("broken-templates"))) {
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);

            EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, ztp.bootOffer("junos").option(43).orElseThrow().encode(),
                    ztp.tftpAddress().getPort(), FACTS, DeviceHost.loopback("127.0.0.21"));

            assertThat(run.exitCode()).isEqualTo(1);
            String refusal = "syntax error: 'host-name qfx21 root-authentication' takes one value and ends with ';'";
            assertThat(qfx.commands()).contains("junos commit failed: " + refusal, "junos script exit 1").doesNotContain("junos commit complete");
            assertThat(qfx.state().resolve("running-config")).doesNotExist();
            assertThat(events(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).isEqualTo("the day-0 was not committed: error: " + refusal);
            });
        }
    }

    @Test
    void aSlaxOrPythonScriptIsNotRunByTheModelAndNothingIsCommitted() throws Exception {
        for (String interpreter : List.of("/usr/libexec/ui/cscript", "/usr/bin/python")) {
            Path templates = Files.createDirectories(tmp.resolve("own-" + interpreter.hashCode() + "/junos"));
            Files.writeString(templates.resolve("ztp.sh"), "#!" + interpreter + "\n/* the user's own script */\n");
            try (Provisioning ztp = server(Files.createDirectories(tmp.resolve("own-root-" + interpreter.hashCode())),
                    Map.of("junos.ztp-file", "script"), Day0Access.ANY, templates.getParent())) {
                EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
                EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null,
                        ztp.bootOffer("junos").option(43).orElseThrow().encode(), ztp.tftpAddress().getPort(), FACTS,
                        DeviceHost.loopback("127.0.0.21"));
                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(qfx.commands()).last().asString().startsWith("junos script #!" + interpreter + ": ").endsWith("not modelled");
                assertThat(qfx.state().resolve("running-config")).doesNotExist();
            }
        }
    }

    @Test
    void underTokenAccessTheDevicesOwnOption43NamesItsScriptUnderItsTokenAndTheClassOfferGetsNoDay0() throws Exception {
        try (Provisioning ztp = server(Files.createDirectories(tmp.resolve("token")), Map.of("junos.ztp-file", "script", "junos.transfer", "http"),
                Day0Access.TOKEN)) {
            Inventory inventory = CsvInventory.parse("junos.csv", INVENTORY);
            DeviceRecord qfx21 = inventory.byHostname("qfx21").orElseThrow();
            String token = ztp.access().tokens().tokenFor(qfx21);
            BootOption own = ztp.adapter("junos").deviceOptions(qfx21, ztp.context()).get(0);
            int http = ztp.httpAddress().getPort();
            assertThat(own.toString()).isEqualTo("option 43 sub-options 1=\"t/" + token + "/junos/ztp.sh\" 3=\"http\" 5=\"" + http + "\"");

            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, own.encode(), ztp.tftpAddress().getPort(), FACTS,
                    DeviceHost.loopback("127.0.0.21"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(qfx.commands()).contains("junos fetch http://127.0.0.1:" + http + "/t/" + token + "/junos/ztp.sh", "junos commit complete");
            assertThat(events(ProvisioningEvent.FileRefused.class)).isEmpty();
            assertThat(events(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> assertThat(r.success()).isTrue());

            // The class's option 43: the shared script runs, but its day-0 by serial is refused without the token.
            EmulatedDevice stranger = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            EmulatedDevice.Run refused = stranger.junosZtp(ztp.bootServers().tftpServer(), null,
                    ztp.bootOffer("junos").option(43).orElseThrow().encode(), ztp.tftpAddress().getPort(), FACTS,
                    DeviceHost.loopback("127.0.0.22"));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("cannot fetch junos/day0/WS3718352121.conf");
            assertThat(stranger.state().resolve("running-config")).doesNotExist();
            assertThat(events(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.reason().equals("no token"));
        }
    }

    /** Polls the status API until the device has the state (or 20 s passed); returns the last state seen. */
    private static String awaitState(Provisioning ztp, String hostname, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = StatusApi.state(ztp, hostname);
            if (wanted.equals(seen)) {
                return seen;
            }
            Thread.sleep(Duration.ofMillis(100).toMillis());
        }
        return seen;
    }
}
