package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;

/**
 * A Cisco Plug and Play device against the running server, over real HTTP and HTTPS: the emulated
 * PnP agent finds the server where the platform's option 43 says, runs HELLO and the work-request
 * loop (device-info, image-install with its MD5, config-upgrade of its day-0, backoff) until the
 * status API shows it provisioned. Strangers and forged messages, sent with curl, change nothing.
 */
class PnpEmulatorIT {

    private static final String SERIAL = "FOC2233X0PN";
    private static final String UDI = "PID:C9300-24T,VID:V02,SN:" + SERIAL;
    private static final String IMAGE = "cat9k_iosxe.17.09.05.SPA.bin";
    private static final CsvInventory INVENTORY = CsvInventory.parse("pnp.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface
            access9,FOC2233X0PN,,pnp,192.0.2.39/24,192.0.2.1,,
            access1,FOC2222X0BB,70:1f:53:00:00:01,iosxe,192.0.2.31/24,192.0.2.1,,
            """);

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning start(Map<String, String> settings) throws IOException {
        return start(INVENTORY, settings);
    }

    private Provisioning start(CsvInventory inventory, Map<String, String> settings) throws IOException {
        TlsConfig tls = TlsConfig.selfSigned(Files.createDirectories(tmp.resolve("tls")), "127.0.0.1");
        return Provisioning.builder()
                .inventory(inventory)
                .globals(SampleInventory.GLOBALS)
                .settings(settings)
                .root(Files.createDirectories(tmp.resolve("root")))
                .tftpPort(0).httpPort(0).https(tls, 0)
                .reachabilityProbe(false)
                .statusPage()
                .listener(events)
                .build().start();
    }

    /** The PnP server as the device reads it from option 43: {@code 5A1N;B2;K4;I<address>;J<port>}. */
    private static String serverFromOption43(BootOffer offer) {
        String text = new String(offer.option(43).orElseThrow().encode(), StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("5A1N;B2;K([45]);I([0-9.]+);J([0-9]+)").matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        return (m.group(1).equals("5") ? "https://" : "http://") + m.group(2) + ":" + m.group(3);
    }

    private String api(Provisioning ztp) {
        return Processes.run(tmp, curl(), "-sS", "--fail", "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/api/devices").stdout();
    }

    private static String curl() {
        return ExternalTool.require("curl", "curl").toString();
    }

    /** POSTs a body with curl; returns "<status> <body>". */
    private String post(Provisioning ztp, String path, String body) throws IOException {
        Path file = tmp.resolve("body.xml");
        Files.writeString(file, body);
        Path answer = tmp.resolve("answer");
        Files.deleteIfExists(answer);
        String status = Processes.runAllowingFailure(tmp, 30, curl(), "-sS", "-w", "%{http_code}", "-o", answer.toString(), "-X", "POST",
                "-H", "Content-Type: application/xml", "--data-binary", "@" + file,
                "http://127.0.0.1:" + ztp.httpAddress().getPort() + path).stdout();
        return status + " " + (Files.exists(answer) ? Files.readString(answer) : "");
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("EMULATOR_SERIAL", SERIAL));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String stateOf(String json, String hostname) {
        Matcher m = Pattern.compile("\"hostname\":\"" + hostname + "\",[^}]*?\"state\":\"([A-Z_]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "https"})
    void theDeviceRunsTheWholeExchangeUntilTheStatusApiShowsItProvisioned(String transport) throws IOException {
        try (Provisioning ztp = start(Map.of("pnp.transport", transport))) {
            String server = serverFromOption43(ztp.bootOffer("pnp"));
            assertThat(server).startsWith(transport + "://127.0.0.1:");
            assertThat(stateOf(api(ztp), "access9")).isEqualTo("WAITING");

            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(server, null, env());

            assertThat(run.exitCode()).as(run.output() + device.commands()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "pnp HELLO 200",
                    "pnp work device-info CiscoPnP-1.0-1-" + SERIAL,
                    "pnp work response: HTTP 200 bye",
                    "pnp work config-upgrade CiscoPnP-1.0-2-" + SERIAL,
                    "pnp copied " + server + "/ztp/pnp/" + SERIAL + ".cfg",
                    "pnp merged 16 lines into running-config",
                    "pnp work response: HTTP 200 bye",
                    "pnp work backoff CiscoPnP-1.0-3-" + SERIAL,
                    "pnp backoff: terminate (provisioning complete)");
            assertThat(device.file("running-config")).contains("hostname access9\n",
                    "interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n ip address 192.0.2.39 255.255.255.0\n",
                    "ip route vrf Mgmt-vrf 0.0.0.0 0.0.0.0 192.0.2.1\n", " transport input ssh\n");
            assertThat(device.file("startup-config")).as("applied to running-config, not saved").isEmpty();

            String json = api(ztp);
            assertThat(stateOf(json, "access9")).isEqualTo("REACHABLE");
            assertThat(json).contains("PnP config-upgrade applied the day-0 to running-config", "reported by PnP agent")
                    .doesNotContain(SampleInventory.GLOBALS.get("admin_password"));
            assertThat(events.of(ProvisioningEvent.FileServed.class)).singleElement().satisfies(s -> {
                assertThat(s.path()).isEqualTo("ztp/pnp/" + SERIAL + ".cfg");
                assertThat(s.protocol().name()).isEqualTo(transport.toUpperCase());
            });
        }
    }

    @Test
    void anImageIsInstalledWithItsChecksumVerifiedThenTheDeviceReloadsIntoItAndGetsItsDay0() throws IOException {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        Files.write(Files.createDirectories(tmp.resolve("root")).resolve(IMAGE), image);
        String md5 = Checksums.hex(image, ChecksumAlgorithm.MD5);
        try (Provisioning ztp = start(Map.of("pnp.image", IMAGE, "pnp.image-md5", md5))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null, env());

            assertThat(run.exitCode()).as(run.output() + device.commands()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "pnp work device-info CiscoPnP-1.0-1-" + SERIAL,
                    "pnp work image-install CiscoPnP-1.0-2-" + SERIAL,
                    "pnp verified flash:" + IMAGE + " md5 " + md5,
                    "pnp reload: boots flash:" + IMAGE,
                    "pnp HELLO 200",
                    "pnp work device-info CiscoPnP-1.0-3-" + SERIAL,
                    "pnp work config-upgrade CiscoPnP-1.0-4-" + SERIAL,
                    "pnp backoff: terminate (provisioning complete)");
            assertThat(device.flash().resolve(IMAGE)).hasBinaryContent(image);
            assertThat(stateOf(api(ztp), "access9")).isEqualTo("REACHABLE");
        }
    }

    @Test
    void anImageThatDoesNotMatchItsChecksumIsRefusedReportedAndNoConfigFollows() throws IOException {
        Files.write(Files.createDirectories(tmp.resolve("root")).resolve(IMAGE), new byte[1000]);
        try (Provisioning ztp = start(Map.of("pnp.image", IMAGE, "pnp.image-md5", "0123456789abcdef0123456789abcdef"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null,
                    env("EMULATOR_PNP_ROUNDS", "4"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(device.commands()).containsSubsequence(
                    "pnp work image-install CiscoPnP-1.0-2-" + SERIAL,
                    "pnp image-install failed: checksum mismatch: computed ede3d3b685b4e137ba4cb2521329a75e, expected 0123456789abcdef0123456789abcdef",
                    "pnp backoff 0h5m0s (retry after a failure)",
                    "pnp work image-install CiscoPnP-1.0-4-" + SERIAL);
            assertThat(device.commands()).noneMatch(c -> c.contains("config-upgrade"));
            assertThat(device.flash().resolve(IMAGE)).doesNotExist();
            String json = api(ztp);
            assertThat(stateOf(json, "access9")).isEqualTo("FAILED");
            assertThat(json).contains("PnP image-install failed: checksum mismatch");
        }
    }

    @Test
    void withApplyToStartupTheDeviceWritesItsStartupConfigAndReloadsIntoIt() throws IOException {
        try (Provisioning ztp = start(Map.of("pnp.apply-to", "startup"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null, env());

            assertThat(run.exitCode()).as(run.output() + device.commands()).isZero();
            assertThat(device.commands()).containsSubsequence("pnp wrote startup-config", "pnp work response: HTTP 200 bye",
                    "pnp reload: boots with its startup-config; PnP does not start again");
            assertThat(device.file("startup-config")).contains("hostname access9\n");
            assertThat(device.file("running-config")).isEqualTo(device.file("startup-config"));
            assertThat(api(ztp)).contains("wrote the day-0 to startup-config; the device reloads into it");
        }
    }

    @Test
    void aLineTheDeviceRefusesFailsTheConfigUpgradeWhichIsReportedWithoutTheLineAndRetried() throws IOException {
        // in the global table, the management address overlaps the subnet DHCP gave Vlan1 (127.0.0.1/24): IOS refuses it
        CsvInventory overlapping = CsvInventory.parse("overlap.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface
                access9,FOC2233X0PN,,pnp,127.0.0.39/8,127.0.0.1,,
                """);
        try (Provisioning ztp = start(overlapping, Map.of("pnp.mgmt-vrf", "none"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null,
                    env("EMULATOR_PNP_ROUNDS", "4"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(device.commands()).containsSubsequence(
                    "ios refused 'ip address 127.0.0.39 255.0.0.0': % 127.0.0.0 overlaps with Vlan1",
                    "pnp config-upgrade failed: ip ...: % 127.0.0.0 overlaps with Vlan1",
                    "pnp backoff 0h5m0s (retry after a failure)",
                    "pnp work config-upgrade CiscoPnP-1.0-4-" + SERIAL);
            assertThat(device.file("running-config")).as("aborted on the refused line: nothing merged").isEmpty();
            String json = api(ztp);
            assertThat(stateOf(json, "access9")).isEqualTo("FAILED");
            assertThat(json).contains("PnP config-upgrade failed: ip ...: % 127.0.0.0 overlaps with Vlan1")
                    .doesNotContain(SampleInventory.GLOBALS.get("admin_password"));
        }
    }

    @Test
    void anUnknownSerialGetsBackoffAndLeavesNoTraceOnTheBoard() throws IOException {
        try (Provisioning ztp = start(Map.of())) {
            String before = api(ztp);
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            EmulatedDevice.Run run = device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null,
                    env("EMULATOR_SERIAL", "FDO9999Z999", "EMULATOR_PNP_ROUNDS", "3"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(device.commands()).containsSubsequence("pnp HELLO 200",
                    "pnp work backoff CiscoPnP-1.0-1-FDO9999Z999", "pnp backoff 0h5m0s (not in the inventory)",
                    "pnp work backoff CiscoPnP-1.0-3-FDO9999Z999", "pnp gave up after 3 work requests");
            assertThat(device.commands()).noneMatch(c -> c.contains("config-upgrade") || c.contains("device-info"));
            // an IOS-XE ZTP device of the inventory is a stranger to PnP too
            EmulatedDevice iosxe = EmulatedDevice.create(tmp, "pnp");
            assertThat(iosxe.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null,
                    env("EMULATOR_SERIAL", "FOC2222X0BB", "EMULATOR_PNP_ROUNDS", "1")).exitCode()).isEqualTo(1);
            assertThat(iosxe.commands()).contains("pnp backoff 0h5m0s (not in the inventory)");

            assertThat(api(ztp)).isEqualTo(before).doesNotContain("FDO9999Z999");
            assertThat(events.all()).isEmpty();
        }
    }

    @Test
    void malformedAndXxeBodiesAreRefusedAndAWrongCorrelatorIsNotTakenAsSuccess() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "do-not-leak-7f3a");
        try (Provisioning ztp = start(Map.of())) {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE pnp [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                    + "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\"><info xmlns=\"urn:cisco:pnp:work-info\" "
                    + "correlator=\"&x;\"/></pnp>";
            String refused = post(ztp, "/pnp/WORK-REQUEST", xxe);
            assertThat(refused).startsWith("400 ").contains("DOCTYPE").doesNotContain("do-not-leak-7f3a");
            assertThat(post(ztp, "/pnp/WORK-REQUEST", "<pnp xmlns=\"urn:cisco:pnp\" udi=\"" + UDI + "\"><info")).startsWith("400 ");
            assertThat(post(ztp, "/pnp/WORK-REQUEST", "x".repeat(70_000))).startsWith("413");

            String request = "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\"><info xmlns=\"urn:cisco:pnp:work-info\" "
                    + "correlator=\"CiscoPnP-1.0-77-X\"><deviceId><udi>" + UDI + "</udi></deviceId></info></pnp>";
            assertThat(post(ztp, "/pnp/WORK-REQUEST", request)).startsWith("200 ")
                    .contains("<request xmlns=\"urn:cisco:pnp:device-info\" correlator=\"CiscoPnP-1.0-77-X\">");
            String forged = "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\"><response correlator=\"CiscoPnP-1.0-78-X\" "
                    + "success=\"1\" xmlns=\"urn:cisco:pnp:device-info\"/></pnp>";
            assertThat(post(ztp, "/pnp/WORK-RESPONSE", forged)).startsWith("409 ")
                    .contains("correlator CiscoPnP-1.0-78-X is not the outstanding work item's (CiscoPnP-1.0-77-X)");

            // the device itself carries on from the device-info it still owes: nothing was skipped
            EmulatedDevice device = EmulatedDevice.create(tmp, "pnp");
            assertThat(device.plugAndPlay(serverFromOption43(ztp.bootOffer("pnp")), null, env()).exitCode()).isZero();
            assertThat(device.commands()).containsSubsequence("pnp work device-info CiscoPnP-1.0-1-" + SERIAL,
                    "pnp work config-upgrade CiscoPnP-1.0-2-" + SERIAL);
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
        }
    }

    @Test
    void theBootOfferNamesThePnpServerInOption43ForCiscopnp() throws IOException {
        try (Provisioning ztp = start(Map.of())) {
            BootOffer offer = ztp.bootOffer("pnp");
            assertThat(offer.matchPrefix()).isEqualTo("ciscopnp");
            assertThat(new String(offer.option(43).orElseThrow().encode(), StandardCharsets.US_ASCII))
                    .isEqualTo("5A1N;B2;K4;I127.0.0.1;J" + ztp.httpAddress().getPort());
            assertThat(List.of(offer.bootfile() == null, offer.tftpServer())).containsExactly(true, false);
        }
    }
}
