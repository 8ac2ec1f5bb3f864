package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The whole of ZTP, end to end, against the built jar: {@code ztp serve} runs as a real process on
 * a temporary inventory (one NX-OS switch, one IOS router, one IOS-XE switch), and each device goes
 * through its platform's sequence: its DHCP offer from the configuration {@code ztp dhcp} wrote, the
 * bootstrap fetch, the script run by ztp-platforms' device emulator, the config fetch, the report.
 * Finally the status API must show every device provisioned, and the admin password must appear
 * neither there nor in the server's output.
 *
 * <p>Where network namespaces can be made (root), the devices live in a namespace behind a veth
 * pair (10.213.9.0/24), dnsmasq serves them the generated configuration, busybox udhcpc takes the
 * lease, and every download crosses the veth to {@code ztp serve} bound on the root side. Elsewhere
 * the DHCP test is skipped (a failure under {@code CI=true}) and the devices run on loopback with
 * the values the generated configuration offers. Set {@code -Dztp4j.e2e.namespaces=false} to try
 * the loopback path as root.
 *
 * <p>The server's TFTP port is a free high port, not 69: the devices here are told it by the test,
 * where a real one asks port 69.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeEndToEndIT {

    /**
     * One device of the inventory (src/test/resources/e2e/inventory.csv), and the loopback address
     * that stands in for its own on loopback: the server tells devices apart by client address.
     */
    private record Device(String platform, String hostname, String serial, String mac, String address, String loopback) {
    }

    private static final Device NXOS = new Device("nxos", "e2e-leaf1", "SAL9876E2E1", "02:13:09:00:00:11", "10.213.9.11", "127.0.0.11");
    // tftp-hpa cannot choose its source address: on loopback the router's requests come from 127.0.0.1
    private static final Device IOS = new Device("ios", "E2E-Rtr1", "FTX9876E2E2", "02:13:09:00:00:12", "10.213.9.12", "127.0.0.1");
    private static final Device IOSXE = new Device("iosxe", "e2e-access1", "FOC9876E2E3", "02:13:09:00:00:13", "10.213.9.13", "127.0.0.13");

    /**
     * A secret for this run only: it must never show in the status JSON or the server's output. Letters and digits
     * alternate, so that it passes NX-OS's password strength check (no runs, no words) whatever is drawn.
     */
    private static final String PASSWORD = randomPassword();

    private static String randomPassword() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder("E2e-Run-");
        for (int i = 0; i < 4; i++) {
            b.append("kmqvwxzKMQVWXZ".charAt(random.nextInt(14))).append("2579".charAt(random.nextInt(4)));
        }
        return b.toString();
    }

    private static boolean failed;

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @TempDir
    static Path dir;

    private DeviceNetwork network;
    private String whyNoNetwork;
    private ServeLab lab;
    private String host;
    private int tftpPort;
    private int httpPort;
    private final Map<String, BootSettings> leases = new LinkedHashMap<>();
    /** Each device's source address by hostname, as plugged in. */
    private final Map<String, String> sources = new LinkedHashMap<>();

    @BeforeAll
    void startServer() throws IOException {
        Path inventory = dir.resolve("inventory.csv");
        try (InputStream in = ServeEndToEndIT.class.getResourceAsStream("/e2e/inventory.csv")) {
            Files.copy(in, inventory);
        }
        if (Boolean.parseBoolean(System.getProperty("ztp4j.e2e.namespaces", "true"))) {
            network = DeviceNetwork.create(dir, why -> whyNoNetwork = why).orElse(null);
        } else {
            whyNoNetwork = "network namespaces switched off with -Dztp4j.e2e.namespaces=false";
        }
        try {
            lab = ServeLab.start(dir, network, inventory, 0, List.of(
                    "--var", "admin_user=e2e-admin", "--var", "admin_password=" + PASSWORD, "--var", "domain_name=e2e.example"));
        } catch (RuntimeException | Error | IOException e) {
            if (network != null) {
                network.close();
            }
            throw e;
        }
        host = lab.host();
        tftpPort = lab.tftpPort();
        httpPort = lab.httpPort();
    }

    @AfterAll
    void stopEverything() {
        if (lab != null) {
            lab.close();
            if (failed) {
                System.out.println("ztp serve output (a test failed):\n" + lab.server().output());
            }
        }
    }

    /** The device's boot settings: its real lease where DHCP ran, else what the generated config offers it. */
    private BootSettings bootSettings(Device device) {
        BootSettings lease = leases.get(device.platform());
        return lease != null ? lease : BootSettings.fromDnsmasqConfig(lab.dhcpConfig(device.platform()), device.mac());
    }

    /** Puts the device on the link with its leased address (in the namespace), or on loopback with its stand-in. */
    private DeviceHost plugIn(Device device, BootSettings boot) {
        if (network == null) {
            sources.put(device.hostname(), device.loopback());
            return new DeviceHost(device.loopback(), UnaryOperator.identity());
        }
        network.plugIn(device.mac());
        sources.put(device.hostname(), boot.address());
        return network.configure(boot.address());
    }

    @Test
    @Order(1)
    void dnsmasqOnTheGeneratedConfigOffersEachPlatformItsBootOptions() throws IOException {
        ExternalTool.requireThat(network != null, "the DHCP part needs network namespaces: " + whyNoNetwork);
        ExternalTool.require("dnsmasq", "dnsmasq");
        ExternalTool.require("udhcpc", "udhcpc");
        String serial = HexFormat.of().formatHex(NXOS.serial().getBytes(StandardCharsets.US_ASCII));
        Map<Device, List<String>> clients = new LinkedHashMap<>();
        // NX-OS POAP: option 61 = 0x00 + serial, option 77 = "Cisco-POAP" framed as RFC 3004 says
        clients.put(NXOS, List.of("-x", "0x3d:00" + serial, "-x", "0x4d:0a436973636f2d504f4150"));
        // IOS AutoInstall: nothing of its own
        clients.put(IOS, List.of());
        // IOS-XE ZTP: option 60 "ciscopnp"
        clients.put(IOSXE, List.of("-V", "ciscopnp"));
        Map<Device, Map<String, String>> raw = new LinkedHashMap<>();
        for (Map.Entry<Device, List<String>> c : clients.entrySet()) {
            Device device = c.getKey();
            Map<String, String> lease = lab.lease(device.platform(), device.mac(), c.getValue());
            Path file = dir.resolve(device.platform() + ".dnsmasq.conf");
            String config = Files.readString(file);
            raw.put(device, lease);
            BootSettings got = BootSettings.fromLease(lease);
            assertThat(got).as("%s's lease against what %s offers:%n%s", device.platform(), file, config)
                    .isEqualTo(BootSettings.fromDnsmasqConfig(config, device.mac()));
            leases.put(device.platform(), got);
        }
        String server = DeviceNetwork.SERVER_ADDRESS;
        assertThat(leases.get("nxos")).isEqualTo(new BootSettings(NXOS.address(), server, "poap.py", List.of(server)));
        assertThat(raw.get(NXOS)).containsEntry("siaddr", server).containsEntry("router", server);
        assertThat(leases.get("ios")).isEqualTo(new BootSettings(IOS.address(), server, "", List.of(server)));
        assertThat(raw.get(IOS)).containsEntry("siaddr", server);
        assertThat(leases.get("iosxe")).isEqualTo(new BootSettings(IOSXE.address(), "", "http://" + server + ":" + httpPort + "/ztp/iosxe.py", List.of()));
    }

    @Test
    @Order(2)
    void nxosSwitchFetchesPoapPyOverTftpAndItsScriptSchedulesTheDay0ForItsSerial() throws IOException {
        BootSettings boot = bootSettings(NXOS);
        assertThat(boot.bootfile()).isEqualTo("poap.py");
        DeviceHost where = plugIn(NXOS, boot);
        EmulatedDevice device = EmulatedDevice.create(dir, "nxos");

        // the bootstrap fetch: option 67 from the option 66 server, over TFTP
        Path script = device.flash().resolve("script.py");
        EmulatedDevice.Run fetch = device.fetch("tftp://" + boot.tftpServer() + ":" + tftpPort + "/" + boot.bootfile(), script, where);
        assertThat(fetch.exitCode()).as("TFTP fetch of %s:%n%s", boot.bootfile(), fetch.output()).isZero();
        assertThat(PoapScript.verify(Files.readAllBytes(script)).status()).as("the switch checks the script's #md5sum line")
                .isEqualTo(PoapScript.Status.OK);

        EmulatedDevice.Run run = device.run(script, Map.of("POAP_SERIAL", NXOS.serial(), "POAP_MAC", NXOS.mac().replace(":", "").toUpperCase(Locale.ROOT),
                "POAP_PHASE", "DHCP", "POAP_PID", "4242", "POAP_INTF", "mgmt0", "POAP_VRF", "management"), where);

        assertThat(run.exitCode()).as("POAP script:%n%s%n%s", run.output(), lab.server().output()).isZero();
        String tftp = "tftp://" + host + ":" + tftpPort;
        assertThat(device.commands()).containsSubsequence(
                "cli copy " + tftp + "/conf." + NXOS.serial() + ".md5 bootflash:conf." + NXOS.serial() + ".md5.part vrf management",
                "cli copy " + tftp + "/conf." + NXOS.serial() + " bootflash:conf." + NXOS.serial() + ".part vrf management",
                "cli copy bootflash:conf." + NXOS.serial() + " scheduled-config");
        assertThat(device.file("scheduled-config")).contains("hostname " + NXOS.hostname(), "ip address " + NXOS.address() + "/24");
    }

    @Test
    @Order(3)
    void iosRouterLearnsItsNameFromNetworkConfgThenFetchesItsLowerCaseHostConfig() throws IOException {
        BootSettings boot = bootSettings(IOS);
        assertThat(boot.bootfile()).as("no option 67: the router asks for network-confg").isEmpty();
        DeviceHost where = plugIn(IOS, boot);
        String tftpServer = boot.tftpServers().get(0); // option 150 first, as IOS does

        String networkConfg = tftpGet(where, tftpServer, "network-confg").orElseThrow(() -> new AssertionError("no network-confg"));
        Matcher own = Pattern.compile("(?m)^ip host (\\S+) " + Pattern.quote(boot.address()) + "$").matcher(networkConfg);
        assertThat(own.find()).as("an ip host line for %s in network-confg:%n%s", boot.address(), networkConfg).isTrue();
        String hostname = own.group(1);
        assertThat(hostname).isEqualTo(IOS.hostname());

        String hostConfig = tftpGet(where, tftpServer, hostname.toLowerCase(Locale.ROOT) + "-confg")
                .orElseThrow(() -> new AssertionError("no " + hostname.toLowerCase(Locale.ROOT) + "-confg:\n" + lab.server().output()));
        assertThat(hostConfig).contains("hostname " + IOS.hostname() + "\n", " ip address " + IOS.address() + " 255.255.255.0\n");
    }

    /** Reads a file with tftp-hpa as the router does; empty when the server has none. */
    private Optional<String> tftpGet(DeviceHost where, String tftpServer, String name) throws IOException {
        Path tftp = ExternalTool.require("tftp", "tftp-hpa");
        Path out = dir.resolve("ios-got-" + name);
        Files.deleteIfExists(out);
        Processes.Result r = Processes.runAllowingFailure(dir, 60, where.command(List.of(tftp.toString(), tftpServer,
                Integer.toString(tftpPort), "-m", "binary", "-c", "get", name, out.toString())).toArray(String[]::new));
        if (r.stdout().contains("Error code") || r.stderr().contains("Error code") || !Files.exists(out)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    @Order(4)
    void iosXeSwitchRunsTheOption67ScriptWhichAppliesItsDay0SavesAndReports() throws IOException {
        BootSettings boot = bootSettings(IOSXE);
        assertThat(boot.bootfile()).isEqualTo("http://" + host + ":" + httpPort + "/ztp/iosxe.py");
        DeviceHost where = plugIn(IOSXE, boot);
        EmulatedDevice device = EmulatedDevice.create(dir, "iosxe");

        Path script = device.flash().resolve("ztp.py");
        Path curl = ExternalTool.require("curl", "curl");
        Processes.run(dir, where.command(List.of(curl.toString(), "-sSf", "--interface", where.source(), "-o", script.toString(),
                boot.bootfile())).toArray(String[]::new));
        EmulatedDevice.Run run = device.run(script, Map.of("EMULATOR_SERIAL", IOSXE.serial()), where);

        assertThat(run.exitCode()).as("ZTP script:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(device.commands()).containsSubsequence(
                "cli show version",
                "execute copy http://" + host + ":" + httpPort + "/ztp/day0/" + IOSXE.serial() + ".cfg flash:ztp-day0.cfg",
                "configure hostname " + IOSXE.hostname(),
                "execute write memory");
        assertThat(device.file("running-config")).contains("hostname " + IOSXE.hostname() + "\n", " ip address " + IOSXE.address() + " 255.255.255.0\n");
    }

    @Test
    @Order(5)
    void theStatusApiShowsEveryDeviceProvisionedAndTheSecretNowhere() throws Exception {
        String json = lab.devicesJson();
        Map<String, Map<String, String>> devices = ServeLab.devices(json);
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> clients = new LinkedHashMap<>();
        devices.forEach((hostname, fields) -> {
            states.put(hostname, fields.get("state"));
            clients.put(hostname, fields.get("clientAddress"));
        });

        assertThat(states).as(json).containsKeys(NXOS.hostname(), IOS.hostname(), IOSXE.hostname());
        assertThat(states.get(NXOS.hostname())).as(json).isIn("CONFIG_SERVED", "REPORTED", "REACHABLE");
        assertThat(states.get(IOS.hostname())).as(json).isEqualTo("CONFIG_SERVED");
        assertThat(states.get(IOSXE.hostname())).as(json).isIn("REPORTED", "REACHABLE");
        assertThat(clients).as("each device's requests came from its own address: %s", json).containsAllEntriesOf(sources);

        assertThat(json).doesNotContain(PASSWORD);
        lab.server().close(); // its output is complete once it stopped
        assertThat(lab.server().output()).as("one log line per served file").contains(
                "conf." + NXOS.serial(), IOS.hostname().toLowerCase(Locale.ROOT) + "-confg", "/ztp/day0/" + IOSXE.serial() + ".cfg")
                .doesNotContain(PASSWORD);
    }
}
