package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;

/**
 * Day-0 access {@code token} end to end: each emulated device starts from the boot file its own DHCP
 * reservation names ({@code PlatformAdapter.deviceBootfile}), and its script carries the token on to
 * every file it fetches and to its report. Without the token the same device gets nothing of its own.
 */
class TokenAccessEmulatorIT {

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
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0)
                .day0Access(Day0Access.TOKEN)
                .listener(events)
                .build().start();
    }

    /** The boot file the device's own reservation names, as a URL curl fetches. */
    private static String bootUrl(Provisioning ztp, String platform, DeviceRecord device) {
        String bootfile = ztp.adapter(platform).deviceBootfile(device, ztp.context()).orElseThrow();
        return bootfile.contains("://") ? bootfile : "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/" + bootfile;
    }

    private byte[] fetch(String url) throws IOException {
        Path out = tmp.resolve("script");
        Processes.run(tmp, ExternalTool.require("curl", "curl").toString(), "-sSf", "-o", out.toString(), url);
        return Files.readAllBytes(out);
    }

    private static Map<String, String> poapEnv() {
        return Map.of("POAP_SERIAL", "SAL1234ABCD", "POAP_MAC", "7426CC5C9180", "POAP_PHASE", "DHCP", "POAP_PID", "4242",
                "POAP_INTF", "mgmt0", "POAP_HOST_NAME", "leaf1", "POAP_VRF", "management");
    }

    @ParameterizedTest
    @EnumSource(EmulatedDevice.Interpreter.class)
    void nxosPoapFetchesItsDay0UnderItsTokenOverTftp(EmulatedDevice.Interpreter python) throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            DeviceRecord leaf = SampleInventory.device("leaf1");
            String token = ztp.access().tokens().tokenFor(leaf);
            String url = bootUrl(ztp, "nxos", leaf);
            assertThat(url).endsWith("/t/" + token + "/poap.py");
            byte[] script = fetch(url);
            assertThat(PoapScript.verify(script).status()).isEqualTo(PoapScript.Status.OK);

            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withInterpreter(python);
            EmulatedDevice.Run run = device.run(script, poapEnv());

            assertThat(run.exitCode()).as(run.output()).isZero();
            String server = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/t/" + token;
            assertThat(device.commands()).containsSubsequence(
                    "cli copy " + server + "/conf.SAL1234ABCD.md5 bootflash:conf.SAL1234ABCD.md5.part vrf management",
                    "cli copy " + server + "/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management",
                    "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(device.file("scheduled-config")).isEqualTo(ztp.day0Config("nxos", leaf));
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).isEmpty();
        }
    }

    @Test
    void nxosPoapOverHttpCarriesTheTokenAndTheSharedScriptGetsNoDay0() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("nxos.transfer", "http"))) {
            DeviceRecord leaf = SampleInventory.device("leaf1");
            String token = ztp.access().tokens().tokenFor(leaf);
            assertThat(ztp.adapter("nxos").deviceBootfile(leaf, ztp.context())).contains("t/" + token + "/poap.py");
            byte[] script = fetch("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/t/" + token + "/poap.py");
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(script, poapEnv());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("cli copy http://127.0.0.1:" + ztp.httpAddress().getPort() + "/t/" + token
                    + "/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management");

            // The script every switch may fetch carries no token: its day-0 is refused, as missing.
            EmulatedDevice stranger = EmulatedDevice.create(tmp.resolve("stranger"), EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run refused = stranger.run(fetch("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/poap.py"), poapEnv());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(stranger.flash().resolve("scheduled-config")).doesNotExist();
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.reason().equals("no token"));
        }
    }

    @Test
    void iosXeScriptFetchesItsDay0UnderItsTokenAndItsReportIsTaken() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            DeviceRecord access1 = SampleInventory.device("access1");
            String token = ztp.access().tokens().tokenFor(access1);
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            assertThat(bootUrl(ztp, "iosxe", access1)).isEqualTo(http + "/t/" + token + "/ztp/iosxe.py");

            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetch(bootUrl(ztp, "iosxe", access1)), Map.of("EMULATOR_SERIAL", "FOC2222X0BB"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("execute copy " + http + "/t/" + token + "/ztp/day0/FOC2222X0BB.cfg flash:ztp-day0.cfg");
            assertThat(device.file("startup-config")).contains("hostname access1").doesNotContain(token);
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).hasSize(1);
        }
    }

    @Test
    void iosXeScriptReportsWithTheTokenItsDay0GaveItInAnyMode() throws IOException {
        try (Provisioning ztp = Provisioning.builder().inventory(SampleInventory.inventory()).globals(SampleInventory.GLOBALS)
                .tftpPort(0).httpPort(0).listener(events).build().start()) {
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            EmulatedDevice device = EmulatedDevice.create(tmp, "iosxe");
            EmulatedDevice.Run run = device.run(fetch(http + "/ztp/iosxe.py"), Map.of("EMULATOR_SERIAL", "FOC2222X0BB"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());
        }
    }

    @Test
    void eosBootstrapFetchesItsDay0UnderItsToken() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            DeviceRecord spine = SampleInventory.device("spine1");
            String token = ztp.access().tokens().tokenFor(spine);
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);
            Path script = tmp.resolve("bootstrap");
            EmulatedDevice.Run fetch = device.fetch(bootUrl(ztp, "eos", spine), script, DeviceHost.loopback("127.0.0.1"));
            assertThat(fetch.exitCode()).as(fetch.output()).isZero();
            assertThat(Files.readString(script)).contains("/t/" + token + "/eos/day0");

            EmulatedDevice.Run run = device.run(script, Map.of("EMULATOR_SERIAL", "JPE12345678"), DeviceHost.loopback("127.0.0.1"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.flash().resolve("startup-config")).exists();
            assertThat(device.file("running-config")).contains("hostname spine1\n");
        }
    }

    @Test
    void iosAutoInstallAsksForTheFileOption67NamesWithItsToken() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            DeviceRecord router = SampleInventory.device("Branch-Rtr1");
            String bootfile = ztp.adapter("ios").deviceBootfile(router, ztp.context()).orElseThrow();
            assertThat(bootfile).isEqualTo("t/" + ztp.access().tokens().tokenFor(router) + "/Branch-Rtr1-confg");
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
            EmulatedDevice.Run run = device.autoInstall("127.0.0.1", ztp.tftpAddress().getPort(), bootfile, DeviceHost.loopback("127.0.0.1"));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).as(run.output()).first().asString().startsWith("ios tftp " + bootfile.toLowerCase() + ": read");
            assertThat(device.file("running-config")).contains("hostname Branch-Rtr1");
        }
    }

    /** A SONiC switch and an AOS-CX switch, which start from option 67 too. */
    private static final String SWITCHES = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf42,SNC7326A0042,0c:42:a1:00:00:42,sonic,127.0.0.42/8,127.0.0.1
            cx7,SG9ZKW7777,88:3a:30:00:00:07,aoscx,127.0.0.67/8,127.0.0.1
            qfx7,WS3718357777,2c:6b:f5:00:00:07,junos,127.0.0.57/8,127.0.0.1
            spine77,MT2241X07777,1c:34:da:77:77:01,cumulus,127.0.0.77/8,127.0.0.1
            """;

    @Test
    void sonicFollowsItsTokenFromOption67ThroughItsZtpJsonToItsScriptAndReport() throws IOException {
        Inventory switches = CsvInventory.parse("switches.csv", SWITCHES);
        try (Provisioning ztp = provisioning(switches, Map.of())) {
            DeviceRecord leaf = switches.byHostname("leaf42").orElseThrow();
            String token = ztp.access().tokens().tokenFor(leaf);
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            String own = http + "/t/" + token;
            assertThat(bootUrl(ztp, "sonic", leaf)).isEqualTo(own + "/sonic/ztp.json");
            String option239 = http + "/sonic/bootstrap.sh";
            Map<String, String> facts = Map.of("EMULATOR_SERIAL", "SNC7326A0042", "EMULATOR_PRODUCT", "AS7326-56X");

            EmulatedDevice sw = EmulatedDevice.create(tmp.resolve("leaf42"), EmulatedDevice.Kind.SONIC);
            EmulatedDevice.Run run = sw.sonicZtp(bootUrl(ztp, "sonic", leaf), option239, null, facts, DeviceHost.loopback("127.0.0.42"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).containsSubsequence(
                    "sonic download " + own + "/sonic/ztp.json: ok",
                    "sonic download " + own + "/sonic/ztp/SNC7326A0042.json: ok",
                    "sonic download " + own + "/sonic/config_db/SNC7326A0042.json: ok",
                    "sonic section 01-configdb-json: SUCCESS",
                    "sonic download " + own + "/sonic/provision/SNC7326A0042.sh: ok",
                    "sonic section 02-provisioning-script: SUCCESS");
            assertThat(sw.file("running_config_db.json")).contains("\"hostname\": \"leaf42\"");
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());

            // The class's option 67, without a token: the switch's own ZTP JSON is refused, as missing.
            EmulatedDevice stranger = EmulatedDevice.create(tmp.resolve("stranger"), EmulatedDevice.Kind.SONIC);
            EmulatedDevice.Run refused = stranger.sonicZtp(ztp.bootOffer("sonic").bootfile(), null, null, facts,
                    DeviceHost.loopback("127.0.0.43"));
            assertThat(stranger.commands()).contains("sonic download " + http + "/sonic/ztp.json: ok")
                    .noneMatch(c -> c.contains("config_db/") && c.endsWith(": ok"));
            assertThat(stranger.state().resolve("running_config_db.json")).as(refused.output()).doesNotExist();
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.reason().equals("no token"));
        }
    }

    @Test
    void aosCxFetchesTheDay0ItsReservationNamesUnderItsToken() throws IOException {
        Inventory switches = CsvInventory.parse("switches.csv", SWITCHES);
        try (Provisioning ztp = provisioning(switches, Map.of())) {
            DeviceRecord cx7 = switches.byHostname("cx7").orElseThrow();
            String token = ztp.access().tokens().tokenFor(cx7);
            String bootfile = ztp.adapter("aoscx").deviceBootfile(cx7, ztp.context()).orElseThrow();
            assertThat(bootfile).isEqualTo("t/" + token + "/aoscx/day0/SG9ZKW7777.cfg");
            int port = ztp.tftpAddress().getPort();

            EmulatedDevice cx = EmulatedDevice.create(tmp.resolve("cx7"), EmulatedDevice.Kind.AOSCX);
            EmulatedDevice.Run run = cx.aosCxZtp("127.0.0.1", bootfile, null, port, DeviceHost.loopback("127.0.0.67"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(cx.commands()).contains("aoscx tftp " + bootfile);
            assertThat(cx.file("running-config")).contains("hostname cx7").doesNotContain(token);
            assertThat(cx.file("ztp-status")).isEqualTo("Success\n");
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).isEmpty();

            // The class's option 67 without a token: nothing (no lease names the switch, and a token is needed anyway).
            EmulatedDevice stranger = EmulatedDevice.create(tmp.resolve("cx-stranger"), EmulatedDevice.Kind.AOSCX);
            stranger.aosCxZtp("127.0.0.1", ztp.bootOffer("aoscx").bootfile(), null, port, DeviceHost.loopback("127.0.0.67"));
            assertThat(stranger.state().resolve("running-config")).doesNotExist();
            // And the day-0's own name without the token is refused.
            EmulatedDevice bare = EmulatedDevice.create(tmp.resolve("cx-bare"), EmulatedDevice.Kind.AOSCX);
            bare.aosCxZtp("127.0.0.1", "aoscx/day0/SG9ZKW7777.cfg", null, port, DeviceHost.loopback("127.0.0.67"));
            assertThat(bare.state().resolve("running-config")).doesNotExist();
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.reason().equals("no token"));
        }
    }

    @Test
    void junosFetchesTheDay0ItsOwnOption43NamesUnderItsToken() throws IOException {
        Inventory switches = CsvInventory.parse("switches.csv", SWITCHES);
        try (Provisioning ztp = provisioning(switches, Map.of())) {
            DeviceRecord qfx7 = switches.byHostname("qfx7").orElseThrow();
            String token = ztp.access().tokens().tokenFor(qfx7);
            assertThat(ztp.adapter("junos").deviceBootfile(qfx7, ztp.context())).isEmpty();
            BootOption own = ztp.adapter("junos").deviceOptions(qfx7, ztp.context()).get(0);
            int port = ztp.tftpAddress().getPort();

            EmulatedDevice qfx = EmulatedDevice.create(tmp.resolve("qfx7"), EmulatedDevice.Kind.JUNOS);
            EmulatedDevice.Run run = qfx.junosZtp("127.0.0.1", null, own.encode(), port, DeviceHost.loopback("127.0.0.57"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(qfx.commands()).containsExactly(
                    "junos dhcp option 43: 1=t/" + token + "/junos/day0/WS3718357777.conf 3=tftp",
                    "junos fetch tftp://127.0.0.1:" + port + "/t/" + token + "/junos/day0/WS3718357777.conf",
                    "junos commit complete");
            assertThat(qfx.file("junos-state")).startsWith("host-name qfx7\n");
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).isEmpty();

            // The class's option 43 without a token: nothing (no lease names the device, and a token is needed anyway).
            EmulatedDevice stranger = EmulatedDevice.create(tmp.resolve("qfx-stranger"), EmulatedDevice.Kind.JUNOS);
            stranger.junosZtp("127.0.0.1", null, ztp.bootOffer("junos").option(43).orElseThrow().encode(), port,
                    DeviceHost.loopback("127.0.0.57"));
            assertThat(stranger.state().resolve("running-config")).doesNotExist();
        }
    }

    @Test
    void cumulusFetchesItsScriptByItsOwnOption239UnderItsTokenAndReports() throws IOException {
        Inventory switches = CsvInventory.parse("switches.csv", SWITCHES);
        try (Provisioning ztp = provisioning(switches, Map.of())) {
            DeviceRecord spine = switches.byHostname("spine77").orElseThrow();
            String token = ztp.access().tokens().tokenFor(spine);
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            String own = ((BootOption.Text) ztp.adapter("cumulus").deviceOptions(spine, ztp.context()).get(0).value()).text();
            assertThat(own).isEqualTo(http + "/t/" + token + "/cumulus/ztp.sh");
            Map<String, String> facts = Map.of("EMULATOR_SERIAL", "MT2241X07777", "EMULATOR_MGMT_MAC", "1C:34:DA:77:77:01");

            EmulatedDevice sw = EmulatedDevice.create(tmp.resolve("spine77"), EmulatedDevice.Kind.CUMULUS);
            EmulatedDevice.Run run = sw.cumulusZtp(own, facts, DeviceHost.loopback("127.0.0.77"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(sw.commands()).contains("cumulus nv set system hostname spine77", "cumulus ztp result: success");
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement()
                    .satisfies(r -> assertThat(r.success()).isTrue());

            // The class's option 239 without a token: the switch's script is refused, as missing.
            EmulatedDevice stranger = EmulatedDevice.create(tmp.resolve("cumulus-stranger"), EmulatedDevice.Kind.CUMULUS);
            stranger.cumulusZtp(http + "/cumulus/ztp.sh", facts, DeviceHost.loopback("127.0.0.78"));
            assertThat(stranger.commands()).noneMatch(c -> c.contains("nv set system hostname"));
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.reason().equals("no token"));
        }
    }
}
