package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;

/**
 * A Nokia SR Linux node's whole ZTP against a running server: the script its reservation's option
 * 67 names, run by the ZTP process with {@code ztpclient} and {@code sr_cli}; the day-0 committed
 * and saved, auto-boot off, the report with the device token, and the status API showing it
 * provisioned. A line the CLI refuses commits nothing; an image is installed only after its MD5
 * check, and only on another release.
 */
class SrLinuxZtpEmulatorIT {

    private static final String SERIAL = "NS2347T0047";
    private static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            dcleaf47,NS2347T0047,1a:b0:47:ff:00:00,srlinux,127.0.0.47/8,127.0.0.1
            """;
    private static final DeviceHost HOST = DeviceHost.loopback("127.0.0.47");

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning start(Map<String, String> settings, TemplateSet templates, Day0Access access) throws IOException {
        return start(settings, templates, access, Map.of());
    }

    private Provisioning start(Map<String, String> settings, TemplateSet templates, Day0Access access,
                               Map<String, String> globals) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(SampleInventory.GLOBALS);
        all.putAll(globals);
        Provisioning.Builder b = Provisioning.builder()
                .inventory(CsvInventory.parse("srlinux.csv", CSV))
                .globals(all)
                .settings(settings)
                .root(Files.createDirectories(tmp.resolve("root")))
                .tftpPort(0).httpPort(0)
                .reachabilityProbe(false)
                .statusPage()
                .day0Access(access)
                .listener(events);
        if (templates != null) {
            b.templates(templates);
        }
        return b.build().start();
    }

    private Provisioning start(Map<String, String> settings) throws IOException {
        return start(settings, null, Day0Access.ANY);
    }

    /** Option 67 as the node's own reservation carries it. */
    private static String option67(Provisioning ztp) {
        DeviceRecord node = ztp.context().inventory().bySerial(SerialNumber.of(SERIAL)).orElseThrow();
        return ztp.adapter("srlinux").deviceBootfile(node, ztp.context()).orElseThrow();
    }

    @Test
    void theNodeRunsItsOwnScriptCommitsAndSavesTheDay0TurnsAutoBootOffReportsAndShowsProvisioned() throws Exception {
        try (Provisioning ztp = start(Map.of())) {
            String base = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            BootOffer offer = ztp.bootOffer("srlinux");
            assertThat(offer.bootfile()).isEqualTo(base + "/srlinux/provision.py");
            assertThat(option67(ztp)).isEqualTo(base + "/srlinux/provision/" + SERIAL + ".py");
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of("EMULATOR_SERIAL", SERIAL), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(node.commands()).containsSubsequence(
                    "srlinux sr_cli enter candidate private name ztp4j",
                    "srlinux sr_cli discard stay",
                    "srlinux sr_cli set / system name host-name dcleaf47",
                    "srlinux sr_cli delete / interface mgmt0 subinterface 0 ipv4 dhcp-client",
                    "srlinux sr_cli set / interface mgmt0 subinterface 0 ipv4 address 127.0.0.47/8",
                    "srlinux sr_cli set / network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway",
                    "srlinux sr_cli set / system aaa authentication admin-user password <hidden>",
                    "srlinux sr_cli set / system aaa authentication user netops password <hidden>",
                    "srlinux sr_cli commit save",
                    "srlinux sr_cli info flat from running /",
                    "srlinux ztp option_autoboot disable",
                    "srlinux ztp success");
            String saved = node.file("config.json");
            assertThat(saved).isEqualTo(node.file("running.json"));
            assertThat(saved).contains("\"system name host-name\": \"dcleaf47\"",
                    "\"interface mgmt0 subinterface 0 ipv4 address 127.0.0.47/8\": {}",
                    "\"network-instance mgmt next-hop-groups group ztp4j-mgmt-gateway nexthop 1 ip-address\": \"127.0.0.1\"",
                    "\"network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group\": \"ztp4j-mgmt-gateway\"",
                    "\"system aaa authentication user netops password\": \"$ar2$",
                    "\"system ssh-server network-instance mgmt admin-state\": \"enable\"")
                    .doesNotContain("interface mgmt0 subinterface 0 ipv4 dhcp-client", "Tq8-Lw3v-Zr5");
            assertThat(node.file("autoboot")).isEqualTo("disable\n");
            assertThat(node.file("ztp_status")).isEqualTo("success\n");
            assertThat(node.commands()).noneMatch(c -> c.contains("Tq8-Lw3v-Zr5"));
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(StatusApi.state(ztp, "dcleaf47")).isIn("REPORTED", "REACHABLE");
        }
    }

    @Test
    void underTokenAccessTheScriptComesFromTheTokenUrlAndOnlyThere() throws Exception {
        try (Provisioning ztp = start(Map.of(), null, Day0Access.TOKEN)) {
            String own = option67(ztp);
            assertThat(own).matches("http://127\\.0\\.0\\.1:\\d+/t/[^/]+/srlinux/provision/" + SERIAL + "\\.py");
            EmulatedDevice stranger = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);
            EmulatedDevice.Run refused = stranger.srLinuxZtp("http://127.0.0.1:" + ztp.httpAddress().getPort()
                    + "/srlinux/provision/" + SERIAL + ".py", Map.of(), HOST);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(stranger.file("ztp_status")).isEqualTo("failure: download\n");

            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);
            EmulatedDevice.Run run = node.srLinuxZtp(own, Map.of(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(StatusApi.state(ztp, "dcleaf47")).isIn("REPORTED", "REACHABLE");
        }
    }

    @Test
    void aLineSrCliRefusesCommitsNothingLeavesAutoBootOnAndReportsWithoutTheSecret() throws Exception {
        String bundled = new String(SrLinuxZtpEmulatorIT.class.getResourceAsStream(
                "/org/ztp4j/platform/templates/srlinux/provision.py").readAllBytes(), StandardCharsets.UTF_8);
        // a day-0 of the user's own that forgets the prefix length: the CLI refuses the address
        TemplateSet broken = TemplateSet.builder().templates(Map.of("srlinux/provision.py",
                bundled.replace("ipv4 address {{mgmt_address}}/{{mgmt_prefix}}", "ipv4 address {{mgmt_address}}"))).build();
        try (Provisioning ztp = start(Map.of(), broken, Day0Access.ANY)) {
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of(), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("sr_cli exit 1", "provisioning script exited 1").doesNotContain("Tq8-Lw3v-Zr5");
            assertThat(node.commands()).containsSubsequence("srlinux sr_cli enter candidate private name ztp4j",
                    "srlinux sr_cli error: '127.0.0.47' has no prefix length",
                    // what went in before the refused line is dropped, not left for the next commit
                    "srlinux sr_cli enter candidate private name ztp4j", "srlinux sr_cli discard now")
                    .noneMatch(c -> c.contains("commit"));
            try (var files = Files.list(node.state())) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith("candidate-"));
            }
            assertThat(node.state().resolve("running.json")).doesNotExist();
            assertThat(node.state().resolve("config.json")).doesNotExist();
            assertThat(node.file("autoboot")).isEqualTo("enable\n");
            assertThat(node.file("ztp_status")).isEqualTo("failure: script exited 1\n");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).isEqualTo("sr_cli refused the day-0 (exit 1)");
            });
            assertThat(StatusApi.state(ztp, "dcleaf47")).isNotIn("REACHABLE");
        }
    }

    @Test
    void aCommitThatLacksTheManagementRouteIsReportedAndLeavesAutoBootOn() throws Exception {
        String bundled = new String(SrLinuxZtpEmulatorIT.class.getResourceAsStream(
                "/org/ztp4j/platform/templates/srlinux/provision.py").readAllBytes(), StandardCharsets.UTF_8);
        // a day-0 of the user's own that lost its default route: sr_cli takes every line, the node is unreachable
        String noRoute = bundled.replace(
                "    \"set / network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway\",\n", "");
        assertThat(noRoute).isNotEqualTo(bundled);
        try (Provisioning ztp = start(Map.of(), TemplateSet.builder().templates(Map.of("srlinux/provision.py", noRoute)).build(),
                Day0Access.ANY)) {
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of(), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(node.commands()).contains("srlinux sr_cli commit save", "srlinux sr_cli info flat from running /");
            assertThat(node.file("autoboot")).isEqualTo("enable\n");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).isEqualTo("committed, but the running configuration lacks: "
                        + "network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway");
            });
        }
    }

    @Test
    void aPasswordWithCliSpecialCharactersIsSetWholeForTheLocalUserAndTheBuiltInAdmin() throws Exception {
        String password = "Ab|c>d#1!$[;x]{y}";
        try (Provisioning ztp = start(Map.of(), null, Day0Access.ANY, Map.of("admin_password", password))) {
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            // the emulator keeps sha256("ztp4j-emulator:" + password) as the hash it stores
            String hash = "$ar2$" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("ztp4j-emulator:" + password).getBytes(StandardCharsets.UTF_8)));
            assertThat(node.file("config.json")).contains("\"system aaa authentication user netops password\": \"" + hash + "\"",
                    // the built-in admin no longer has its factory password
                    "\"system aaa authentication admin-user password\": \"" + hash + "\"");
            assertThat(node.commands()).noneMatch(c -> c.contains("Ab|c"));
        }
    }

    @Test
    void whatAnEarlierAttemptLeftInTheCandidateIsDiscardedBeforeTheDay0() throws Exception {
        try (Provisioning ztp = start(Map.of())) {
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX);
            // an earlier attempt that stopped after removing the DHCP client and setting another host name
            Files.writeString(node.state().resolve("candidate-private-ztp4j.json"),
                    "{\"flat\": {\"system name host-name\": \"leftover\", \"system banner login-banner\": \"stale\"}}");

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of(), HOST);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(node.file("running.json")).contains("\"system name host-name\": \"dcleaf47\"")
                    .doesNotContain("leftover", "stale")
                    // the factory configuration it was discarded into is still there
                    .contains("\"network-instance mgmt type\": \"ip-vrf\"");
        }
    }

    @Test
    void anImageIsInstalledAfterItsMd5CheckOnlyOnAnotherRelease() throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/srlinux-24.10.2.bin"), "an SR Linux image".getBytes(StandardCharsets.UTF_8));
        Map<String, String> upgrade = Map.of("srlinux.image", "srlinux-24.10.2.bin", "srlinux.release", "24.10.2");
        try (Provisioning ztp = start(upgrade)) {
            EmulatedDevice older = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX).withRelease("24.10.1");
            EmulatedDevice.Run run = older.srLinuxZtp(option67(ztp), Map.of(), HOST);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(older.commands()).containsSubsequence("srlinux ztp image_upgrade http://127.0.0.1:"
                    + ztp.httpAddress().getPort() + "/srlinux-24.10.2.bin", "srlinux sr_cli commit save", "srlinux ztp success");
            assertThat(older.file("next-image")).startsWith("srlinux-24.10.2.bin ");

            EmulatedDevice current = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX).withRelease("24.10.2");
            assertThat(current.srLinuxZtp(option67(ztp), Map.of(), HOST).exitCode()).isZero();
            assertThat(current.commands()).noneMatch(c -> c.contains("image_upgrade"));
            assertThat(current.state().resolve("next-image")).doesNotExist();
        }
    }

    @Test
    void anImageWhoseMd5DoesNotMatchIsNotInstalledAndNothingIsConfigured() throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/srlinux-24.10.2.bin"), "an SR Linux image".getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve("root/srlinux-24.10.2.bin.md5"), "0123456789abcdef0123456789abcdef  srlinux-24.10.2.bin\n");
        try (Provisioning ztp = start(Map.of("srlinux.image", "srlinux-24.10.2.bin", "srlinux.release", "24.10.2"))) {
            EmulatedDevice node = EmulatedDevice.create(tmp, EmulatedDevice.Kind.SRLINUX).withRelease("24.10.1");

            EmulatedDevice.Run run = node.srLinuxZtp(option67(ztp), Map.of(), HOST);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(node.commands()).contains("srlinux ztp image_upgrade md5 mismatch");
            assertThat(node.state().resolve("next-image")).doesNotExist();
            assertThat(node.state().resolve("running.json")).doesNotExist();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.message()).contains("srlinux-24.10.2.bin", "MD5");
            });
        }
    }
}
