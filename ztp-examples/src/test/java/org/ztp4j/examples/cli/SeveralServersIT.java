package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.examples.cli.ServeCommandIT.curl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Postgres;

/**
 * Two {@code ztp serve} processes (the real jar) with {@code --store jdbc:postgresql://...} on one
 * PostgreSQL of the test's own, as a site with a primary and a secondary ZTP server runs them: one
 * board, one journal, one webhook post per event, and one reachability probe per device.
 */
class SeveralServersIT {

    static final String INVENTORY = """
            hostname,serial,platform,mgmt_address,mgmt_gateway
            leaf1,SAL1,nxos,127.0.0.11/8,127.0.0.1
            leaf2,SAL2,nxos,127.0.0.12/8,127.0.0.1
            """;

    @TempDir
    Path dir;

    private Postgres pg;
    private HttpServer hooks;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<ZtpJar> servers = new ArrayList<>();

    @BeforeEach
    void startDatabaseAndWebhook() throws IOException {
        ExternalTool.require("curl", "curl");
        pg = Postgres.start();
        hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        hooks.createContext("/", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        Files.writeString(dir.resolve("devices.csv"), INVENTORY);
    }

    @AfterEach
    void stopAll() {
        servers.forEach(ZtpJar::close);
        if (hooks != null) {
            hooks.stop(0);
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** One server, its own TFTP and HTTP ports, on the shared database. */
    private Server serve(String name, String store, String... more) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        List<String> args = new ArrayList<>(List.of("--inventory", dir.resolve("devices.csv").toString(),
                "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http), "--store", store,
                "--webhook", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook",
                "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8"));
        args.addAll(List.of(more));
        ZtpJar jar = ZtpJar.serve(home, InetAddress.getLoopbackAddress(), http, args);
        servers.add(jar);
        return new Server(jar, tftp, http);
    }

    record Server(ZtpJar jar, int tftp, int http) {
        String api(String path) {
            return curl("http://127.0.0.1:" + http + "/api/devices" + path);
        }

        String tftpUrl(String file) {
            return "tftp://127.0.0.1:" + tftp + "/" + file;
        }

        String httpUrl(String file) {
            return "http://127.0.0.1:" + http + "/" + file;
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String state(String deviceJson) {
        Matcher m = Pattern.compile("\"state\":\"([A-Z_]+)\"").matcher(deviceJson);
        return m.find() ? m.group(1) : "(none in " + deviceJson + ")";
    }

    private long posts(String type, String path) {
        return posted.stream().filter(p -> p.contains("\"type\":\"" + type + "\"") && (path == null || p.contains("\"path\":\"" + path + "\"")))
                .count();
    }

    @Test
    void twoServersOnOneDatabaseShowOneBoardOneJournalAndPostEachEventOnce() throws Exception {
        String url = pg.createDatabase("ztp");
        Server a = serve("a", url);
        Server b = serve("b", url);

        // Served by A over TFTP: B's page, API and journal show it.
        assertThat(curl(a.tftpUrl("conf.SAL1"))).contains("hostname leaf1");
        long servedAt = System.nanoTime();
        b.jar().await(Duration.ofSeconds(30), () -> state(b.api("/SAL1")).equals("CONFIG_SERVED"), "SAL1 on B's board");
        long seenAfterMillis = (System.nanoTime() - servedAt) / 1_000_000;
        System.out.println("SeveralServersIT: a device served by A was on B's board " + seenAfterMillis + " ms later");
        assertThat(b.api("")).contains("\"key\":\"SAL1\"");
        String journal = b.api("/SAL1/events");
        assertThat(journal).contains("\"kind\":\"SERVED\"").contains("\"path\":\"conf.SAL1\"")
                .contains(":" + a.tftp() + "/" + a.http() + "\""); // the server column names A
        assertThat(ZtpJar.run(dir, "devices", "list", "--server", "http://127.0.0.1:" + b.http())).contains("SAL1");

        // Served by B over HTTP: A shows it.
        assertThat(curl(b.httpUrl("conf.SAL2"))).contains("hostname leaf2");
        a.jar().await(Duration.ofSeconds(30), () -> state(a.api("/SAL2")).equals("CONFIG_SERVED"), "SAL2 on A's board");
        assertThat(a.api("/SAL2/events")).contains("\"protocol\":\"HTTP\"").contains(":" + b.tftp() + "/" + b.http() + "\"");

        // An operator's reset on A is seen on B.
        assertThat(ZtpJar.run(dir, "devices", "reset", "SAL1", "--server", "http://127.0.0.1:" + a.http())).isNotEmpty();
        b.jar().await(Duration.ofSeconds(30), () -> state(b.api("/SAL1")).equals("WAITING"), "the reset on B's board");

        // Each event went to the webhook once, from the server that saw it, not once per server.
        a.jar().await(Duration.ofSeconds(30), () -> posts("FileServed", "conf.SAL2") >= 1 && posts("FileServed", "conf.SAL1") >= 1,
                "the webhook posts");
        Thread.sleep(1000); // a second post of either, had there been one, is here by now
        assertThat(posts("FileServed", "conf.SAL1")).isEqualTo(1);
        assertThat(posts("FileServed", "conf.SAL2")).isEqualTo(1);

        // One journal: each server wrote its own event once.
        assertThat(pg.psql("ztp", "SELECT device_key || ' ' || path || ' ' || count(*) FROM ztp_journal WHERE kind = 'SERVED' "
                + "GROUP BY device_key, path ORDER BY 1")).isEqualTo("SAL1 conf.SAL1 1\nSAL2 conf.SAL2 1");
        assertThat(a.jar().err() + b.jar().err()).doesNotContain("Kv6-Rq3m-Wx8").doesNotContain(pg.password());
    }

    @Test
    void serversOnOneDatabaseGiveEveryDeviceTheSameTokenZtpDhcpPutsInItsReservation() throws Exception {
        String url = pg.createDatabase("ztp");
        Server a = serve("a", url, "--day0-access", "token");
        Server b = serve("b", url, "--day0-access", "token");
        Cli dhcp = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "nxos", "--tftp-server", "127.0.0.1",
                "--inventory", dir.resolve("devices.csv").toString(), "--day0-access", "token", "--store", url);
        assertThat(dhcp.code()).as(dhcp.err()).isZero();
        Matcher m = Pattern.compile("ztp-own-leaf1,67,\"(t/[a-z2-7]{26}/)poap.py\"").matcher(dhcp.out());
        assertThat(m.find()).as(dhcp.out()).isTrue();
        String own = m.group(1);
        assertThat(curl(a.tftpUrl(own + "conf.SAL1"))).contains("hostname leaf1");
        assertThat(curl(b.httpUrl(own + "conf.SAL1"))).contains("hostname leaf1");
        assertThat(curl(b.httpUrl(own + "conf.SAL2"))).doesNotContain("hostname");
        assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_shared_secret")).isEqualTo("1");
    }

    @Test
    void aDeviceServedByBothServersIsProbedAndAnnouncedReachableOnce() throws Exception {
        // The probe tries the management address's SSH port, 22: a listener stands in for the switch.
        // (An SSH server of the machine's own on 0.0.0.0:22 answers there just as well.)
        InetSocketAddress mgmt = new InetSocketAddress(InetAddress.getByName("127.0.0.11"), 22);
        ServerSocket standIn = listenOrNull(mgmt);
        if (standIn == null) {
            ExternalTool.requireThat(accepts(mgmt), "cannot listen on 127.0.0.11:22 for the probe, and nothing listens there "
                    + "(needs root or CAP_NET_BIND_SERVICE)");
        }
        try {
            String url = pg.createDatabase("ztp");
            Server a = serve("a", url, "--probe-ssh");
            Server b = serve("b", url, "--probe-ssh");
            // The switch gets its configuration from both (it asked the secondary again after a timeout).
            assertThat(curl(a.tftpUrl("conf.SAL1"))).contains("hostname leaf1");
            assertThat(curl(b.tftpUrl("conf.SAL1"))).contains("hostname leaf1");

            a.jar().await(Duration.ofSeconds(60), () -> posts("DeviceReachable", null) >= 1, "the device announced reachable");
            b.jar().await(Duration.ofSeconds(60), () -> state(b.api("/SAL1")).equals("REACHABLE"), "REACHABLE on B's board");
            a.jar().await(Duration.ofSeconds(60), () -> state(a.api("/SAL1")).equals("REACHABLE"), "REACHABLE on A's board");
            Thread.sleep(12_000); // longer than a probe's interval (10 s): the other server's probe would have found it by now
            assertThat(posts("DeviceReachable", null)).isEqualTo(1);
            assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_journal WHERE kind = 'REACHABLE'")).isEqualTo("1");
            assertThat(a.jar().err() + b.jar().err()).contains("another server probes 127.0.0.11");
        } finally {
            if (standIn != null) {
                standIn.close();
            }
        }
    }

    private static ServerSocket listenOrNull(InetSocketAddress address) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(address, 50);
            return s;
        } catch (IOException e) {
            s.close();
            return null;
        }
    }
}
