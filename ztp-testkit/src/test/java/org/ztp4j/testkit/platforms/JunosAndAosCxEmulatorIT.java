package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * The Junos and AOS-CX models against a whole running server: each device takes what the server's
 * DHCP offer for its platform says (option 43's sub-options for Junos, options 66/67 for AOS-CX),
 * fetches its configuration from where the offer points, commits or applies it, and the status API
 * then shows it provisioned and, once the probe finds its "SSH" (a local stand-in), reachable.
 * Neither platform reports back by itself. A day-0 the device would refuse (a template of the
 * user's with a missing ';', an AOS-CX gateway before its address) is shown to fail as the device
 * fails.
 */
class JunosAndAosCxEmulatorIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            qfx7,WS3718357777,2c:6b:f5:00:00:07,junos,127.0.0.57/8,127.0.0.1
            qfx8,WS3718358888,2c:6b:f5:00:00:08,junos,127.0.0.58/8,127.0.0.1
            cx7,SG9ZKW7777,88:3a:30:00:00:07,aoscx,127.0.0.67/8,127.0.0.1
            """;
    /** The DHCP server's leases, by which the shared configuration name is told apart per device. */
    private static final LeaseLookup LEASES = address -> Optional.ofNullable(Map.of(
                    "127.0.0.57", "2c:6b:f5:00:00:07", "127.0.0.58", "2c:6b:f5:00:00:08", "127.0.0.67", "88:3a:30:00:00:07")
            .get(address.getHostAddress()))
            .map(mac -> new Lease(address, MacAddress.parse(mac), null, null, null));
    private static final Map<String, String> GLOBALS = Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5");

    @TempDir
    static Path tmp;

    static ServerSocket ssh;
    static Provisioning ztp;

    @BeforeAll
    static void start() throws IOException {
        ssh = sshStandIn();
        ztp = Provisioning.builder().inventory(CsvInventory.parse("emulated.csv", INVENTORY)).globals(GLOBALS).leases(LEASES)
                .tftpPort(0).httpPort(0).statusPage()
                .reachabilityProbe(p -> p.port(ssh.getLocalPort()).interval(Duration.ofMillis(200)))
                .build().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (ztp != null) {
            ztp.close();
        }
        ssh.close();
    }

    @Test
    void aJunosDeviceFetchesTheConfigOption43NamesCommitsItAndIsSeenProvisionedThenReachable() throws Exception {
        BootOffer offer = ztp.bootOffer("junos");
        assertThat(offer.matchPrefix()).isEqualTo("Juniper-");
        EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
        int port = ztp.tftpAddress().getPort();

        EmulatedDevice.Run run = qfx.junosZtp(ztp.bootServers().tftpServer(), null, offer.option(43).orElseThrow().encode(), port,
                DeviceHost.loopback("127.0.0.57"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(qfx.commands()).containsExactly(
                "junos dhcp option 43: 1=junos/ztp.conf 3=tftp",
                "junos fetch tftp://127.0.0.1:" + port + "/junos/ztp.conf",
                "junos commit complete");
        assertThat(qfx.file("junos-state")).isEqualTo("""
                host-name qfx7
                interface em0.0 127.0.0.57/8
                route 0.0.0.0/0 next-hop 127.0.0.1
                user netops class super-user
                service ssh
                """);
        assertThat(qfx.file("running-config")).doesNotContain("Tq8-Lw3v-Zr5").contains("encrypted-password \"$6$");
        assertThat(awaitState("qfx7", "REACHABLE")).as("the status API").isEqualTo("REACHABLE");
    }

    @Test
    void aJunosDeviceFetchesOverHttpAtTheSubOption5Port() throws Exception {
        try (Provisioning http = Provisioning.builder().inventory(CsvInventory.parse("http.csv", INVENTORY)).globals(GLOBALS).leases(LEASES)
                .setting("junos.transfer", "http").tftpPort(0).httpPort(0).reachabilityProbe(false).build().start()) {
            BootOffer offer = http.bootOffer("junos");
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            EmulatedDevice.Run run = qfx.junosZtp(http.bootServers().tftpServer(), null, offer.option(43).orElseThrow().encode(),
                    http.tftpAddress().getPort(), DeviceHost.loopback("127.0.0.58"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            int port = http.httpAddress().getPort();
            assertThat(qfx.commands()).containsExactly(
                    "junos dhcp option 43: 1=junos/ztp.conf 3=http 5=" + port,
                    "junos fetch http://127.0.0.1:" + port + "/junos/ztp.conf",
                    "junos commit complete");
            assertThat(qfx.file("junos-state")).startsWith("host-name qfx8\ninterface em0.0 127.0.0.58/8\n");
        }
    }

    @Test
    void aDay0WithAMissingSemicolonFailsTheCommitCheckAndTheDeviceKeepsItsFactoryConfig() throws Exception {
        Path templates = Files.createDirectories(tmp.resolve("broken-templates/junos"));
        String bundled = new String(JunosAndAosCxEmulatorIT.class.getResourceAsStream(
                "/org/ztp4j/platform/templates/junos/day0.conf").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("day0.conf"), bundled.replace("host-name {{hostname}};", "host-name {{hostname}}"));
        try (Provisioning broken = Provisioning.builder().inventory(CsvInventory.parse("broken.csv", INVENTORY)).globals(GLOBALS).leases(LEASES)
                .templates(tmp.resolve("broken-templates")).tftpPort(0).httpPort(0).reachabilityProbe(false).build().start()) {
            EmulatedDevice qfx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.JUNOS);
            EmulatedDevice.Run run = qfx.junosZtp(broken.bootServers().tftpServer(), null,
                    broken.bootOffer("junos").option(43).orElseThrow().encode(), broken.tftpAddress().getPort(),
                    DeviceHost.loopback("127.0.0.57"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(qfx.commands()).last().asString()
                    .isEqualTo("junos commit failed: syntax error: 'host-name qfx7 root-authentication' takes one value and ends with ';'");
            assertThat(qfx.file("running-config")).isEmpty();
        }
    }

    @Test
    void anAosCxSwitchFetchesOption67OverTftpAppliesItLineByLineAndIsSeenReachable() throws Exception {
        BootOffer offer = ztp.bootOffer("aoscx");
        EmulatedDevice cx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.AOSCX);
        int port = ztp.tftpAddress().getPort();

        EmulatedDevice.Run run = cx.aosCxZtp(offer.option66(ztp.bootServers().tftpServer()), offer.bootfile(), null, port,
                DeviceHost.loopback("127.0.0.67"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(cx.commands()).containsExactly(
                "aoscx dhcp: 66=127.0.0.1 67=aoscx/ztp.cfg 43=-",
                "aoscx tftp aoscx/ztp.cfg",
                "aoscx applied 7 lines, saved to startup-config");
        assertThat(cx.file("mgmt-interface")).isEqualTo("hostname cx7\nadmin up\naddress 127.0.0.67/8\ngateway 127.0.0.1\nssh vrf mgmt\n");
        assertThat(cx.file("users")).isEqualTo("netops administrators\n");
        assertThat(cx.file("startup-config")).isEqualTo(cx.file("running-config"));
        assertThat(cx.file("ztp-status")).isEqualTo("Success\n");
        assertThat(awaitState("cx7", "REACHABLE")).as("the status API").isEqualTo("REACHABLE");
    }

    @Test
    void aosCxRefusesAGatewayBeforeTheStaticAddressAndAServerByName() throws Exception {
        Path templates = Files.createDirectories(tmp.resolve("gateway-first/aoscx"));
        Files.writeString(templates.resolve("day0.cfg"), """
                hostname {{hostname}}
                interface mgmt
                    no shutdown
                    default-gateway {{mgmt_gateway}}
                    ip static {{mgmt_address}}/{{mgmt_prefix}}
                """);
        try (Provisioning own = Provisioning.builder().inventory(CsvInventory.parse("own.csv", INVENTORY)).globals(GLOBALS).leases(LEASES)
                .templates(tmp.resolve("gateway-first")).tftpPort(0).httpPort(0).reachabilityProbe(false).build().start()) {
            EmulatedDevice cx = EmulatedDevice.create(tmp, EmulatedDevice.Kind.AOSCX);
            EmulatedDevice.Run run = cx.aosCxZtp("127.0.0.1", "aoscx/ztp.cfg", null, own.tftpAddress().getPort(),
                    DeviceHost.loopback("127.0.0.67"));
            assertThat(run.exitCode()).isZero();
            assertThat(cx.commands()).contains("aoscx refused 'default-gateway 127.0.0.1': "
                    + "% A static IPv4 address must be configured before the default gateway");
            assertThat(cx.file("mgmt-interface")).contains("address 127.0.0.67/8\ngateway None\n");
        }
        EmulatedDevice named = EmulatedDevice.create(tmp, EmulatedDevice.Kind.AOSCX);
        EmulatedDevice.Run byName = named.aosCxZtp("ztp.example.net", "aoscx/ztp.cfg", null, 69, DeviceHost.loopback("127.0.0.67"));
        assertThat(byName.exitCode()).isEqualTo(1);
        assertThat(named.file("ztp-status")).isEqualTo("Failed - no TFTP server address\n");
    }

    @Test
    void anInventoryWhoseAosCxPasswordCannotGoOnThePlaintextLineIsRefusedAtStartNamingTheSwitch() {
        Provisioning.Builder blanks = Provisioning.builder().inventory(CsvInventory.parse("blanks.csv", INVENTORY))
                .globals(Map.of("admin_user", "netops", "admin_password", "two secret words")).tftpPort(0).httpPort(0)
                .reachabilityProbe(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> blanks.build().start().close())
                .hasMessageContaining("cx7").hasMessageContaining("password plaintext").hasMessageNotContaining("secret");
    }

    /** Polls /api/devices until the device has the state (or 20 s passed); returns the last state seen. */
    private static String awaitState(String hostname, String wanted) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI api = URI.create("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/api/devices");
        Pattern state = Pattern.compile("\"hostname\":\"" + Pattern.quote(hostname) + "\"[^{}]*?\"state\":\"([A-Z_]+)\"");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String seen = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = state.matcher(r.body());
            seen = m.find() ? m.group(1) : r.body();
            if (wanted.equals(seen)) {
                return seen;
            }
            Thread.sleep(100);
        }
        return seen;
    }

    /** A listener on every address, standing in for the devices' SSH: it greets and hangs up. */
    private static ServerSocket sshStandIn() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.getOutputStream().write("SSH-2.0-stand-in\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "ssh-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }
}
