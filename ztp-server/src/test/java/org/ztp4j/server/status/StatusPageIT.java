package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.server.status.Samples.bySerial;
import static org.ztp4j.server.status.Samples.client;
import static org.ztp4j.server.status.Samples.ip;
import static org.ztp4j.server.status.Samples.record;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent.ConfigRendered;
import org.ztp4j.core.ProvisioningEvent.DeviceIdentified;
import org.ztp4j.core.ProvisioningEvent.DeviceReachable;
import org.ztp4j.core.ProvisioningEvent.FileRequested;
import org.ztp4j.core.ProvisioningEvent.FileServed;
import org.ztp4j.core.ProvisioningEvent.TransferFailed;
import org.ztp4j.core.ProvisioningEvent.TransferProgress;
import org.ztp4j.core.files.InMemoryFileProvider;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.http.HttpFileServer;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The status page on a real {@link HttpFileServer}, beside the files it serves, as curl, python3
 * and a real headless Chromium see it.
 */
class StatusPageIT {

    static final long MIB = 1024 * 1024;
    static final String HOSTILE = "<img src=x onerror=alert(1)>.cfg";
    static final byte[] POAP = "#!/bin/env python\n#md5sum=\"0\"\nprint('poap')\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    DeviceStatusBoard board;
    HttpFileServer http;
    String base;

    @BeforeEach
    void start() throws IOException {
        board = DeviceStatusBoard.of(Samples.INVENTORY);
        HttpFileServer.Builder builder = HttpFileServer.builder()
                .bind(new InetSocketAddress(ip("127.0.0.1"), 0))
                .fileProvider(new InMemoryFileProvider().put("poap.py", POAP))
                .listener(board);
        new StatusPage(board).mountOn(builder);
        http = builder.build();
        http.start();
        base = "http://127.0.0.1:" + http.port();
        feedThreeDevices();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    /** NX-OS reachable, IOS with its config, IOS-XE 40% into its image, and a stranger with a hostile file name. */
    void feedThreeDevices() {
        Instant t = Instant.now().minusSeconds(300);
        DeviceIdentity anonymousLeaf = DeviceIdentity.ofAddress(ip("10.0.0.7"));
        DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7").withPlatform("nxos");
        board.onEvent(new FileRequested(t, anonymousLeaf, "poap.py", Protocol.TFTP, client(anonymousLeaf)));
        board.onEvent(new FileServed(t.plusSeconds(1), anonymousLeaf, "poap.py", Protocol.TFTP, client(anonymousLeaf), POAP.length, Duration.ofSeconds(1)));
        board.onEvent(new DeviceIdentified(t.plusSeconds(20), leaf, record("leaf101"), "serial in file name"));
        board.onEvent(new ConfigRendered(t.plusSeconds(20), leaf, "nxos.mustache", "conf.SAL1234ABCD", 2100));
        board.onEvent(new FileServed(t.plusSeconds(21), leaf, "conf.SAL1234ABCD", Protocol.TFTP, client(leaf), 2100, Duration.ofMillis(300)));
        board.onEvent(new DeviceReachable(t.plusSeconds(200), leaf, ip("192.0.2.11"), "tcp/22 open"));

        DeviceIdentity anonymousRtr = DeviceIdentity.ofAddress(ip("10.0.0.8"));
        DeviceIdentity rtr = bySerial("FTX1234ABCD", "10.0.0.8").withPlatform("ios");
        board.onEvent(new FileServed(t.plusSeconds(30), anonymousRtr, "network-confg", Protocol.TFTP, client(anonymousRtr), 120, Duration.ofMillis(50)));
        board.onEvent(new DeviceIdentified(t.plusSeconds(31), rtr, record("branch-rtr1"), "host name in file name"));
        board.onEvent(new FileServed(t.plusSeconds(32), rtr, "branch-rtr1-confg", Protocol.TFTP, client(rtr), 1800, Duration.ofMillis(80)));

        DeviceIdentity sw = bySerial("FOC1234ABCD", "10.0.0.9").withPlatform("iosxe");
        board.onEvent(new FileServed(t.plusSeconds(40), sw, "ztp.py", Protocol.HTTP, client(sw), 9000, Duration.ofMillis(40)));
        board.onEvent(new TransferProgress(t.plusSeconds(60), sw, "cat9k_iosxe.17.09.04a.SPA.bin", Protocol.HTTP, 132 * MIB, 330 * MIB));

        DeviceIdentity stranger = DeviceIdentity.ofAddress(ip("10.0.0.66"));
        board.onEvent(new TransferFailed(t.plusSeconds(90), stranger, HOSTILE, Protocol.TFTP, client(stranger), 0, "file not found"));
    }

    HttpResponse<String> get(String method, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void thePageAndTheJsonAreServedBesideTheFiles() throws Exception {
        HttpResponse<String> page = get("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; script-src 'sha256-").contains("connect-src 'self'");
        assertThat(page.body()).contains("el(\"progress\")", "/api/devices", "textContent").doesNotContain("innerHTML");

        HttpResponse<String> api = get("GET", "/api/devices");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(api.body()).startsWith("{\"devices\":[{\"key\":\"SAL1234ABCD\"").doesNotContain(Samples.SECRET);

        HttpResponse<String> file = get("GET", "/poap.py");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(new String(POAP, StandardCharsets.US_ASCII));
        // The file request went to the board through the server's listener: 127.0.0.1 got its script.
        // The server reports it after the response is complete, so wait for it (bounded).
        for (int i = 0; i < 600 && board.snapshot().stream().noneMatch(d -> d.key().equals("127.0.0.1")
                && d.state().name().equals("SCRIPT_SERVED")); i++) {
            Thread.sleep(50);
        }
        assertThat(board.snapshot()).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo("127.0.0.1");
            assertThat(d.state().name()).isEqualTo("SCRIPT_SERVED");
        });

        assertThat(get("HEAD", "/api/devices").statusCode()).isEqualTo(200);
        HttpResponse<String> post = get("POST", "/api/devices");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> one = get("GET", "/api/devices/127.0.0.1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"key\":\"127.0.0.1\"").contains("\"state\":\"SCRIPT_SERVED\"");
        assertThat(get("GET", "/api/devices/NOSUCH1").statusCode()).isEqualTo(404);
    }

    @Test
    void curlGetsJsonThatPythonParses() {
        Path curl = ExternalTool.require("curl", "curl");
        Path python = ExternalTool.require("python3", "python3");
        String check = "import json,sys; d=json.load(sys.stdin); "
                + "print(' '.join(x['label'] + '=' + x['state'] for x in d['devices']))";
        Processes.Result r = Processes.run(dir, "bash", "-c", "set -o pipefail; '" + curl + "' -sSf '" + base
                + "/api/devices' | '" + python + "' -c \"" + check + "\"");
        assertThat(r.stdout().strip()).isEqualTo("leaf101=REACHABLE branch-rtr1=CONFIG_SERVED access-sw1=IMAGE_TRANSFERRING "
                + "10.0.0.66=FAILED");
    }

    @Test
    void chromiumShowsTheDevicesTheirStatesAndAProgressBar() throws Exception {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Processes.Result r = Processes.runAllowingFailure(dir, 120, chromium(chromium, "--dump-dom", base + "/"));
        assertThat(r.exitCode()).as("chromium failed: %s", r.stderr()).isZero();
        String dom = r.stdout();
        assertThat(dom).contains("leaf101", "branch-rtr1", "access-sw1");
        assertThat(dom).contains("data-state=\"REACHABLE\"", "data-state=\"CONFIG_SERVED\"",
                "data-state=\"IMAGE_TRANSFERRING\"", "data-state=\"FAILED\"");
        assertThat(dom).contains(">reachable<", ">config served<", ">image transferring<", ">failed<");
        assertThat(dom).containsPattern("<progress[^>]*value=\"40\"");
        assertThat(dom).contains("40% · 132 MiB of 330 MiB", "cat9k_iosxe.17.09.04a.SPA.bin");
        assertThat(dom).contains("reachable after 3 min 20 s");
        // The hostile file name is text on the page, never markup.
        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;.cfg").doesNotContain("<img");
    }

    @Test
    void chromiumTakesAScreenshotThatIsNotBlank() throws Exception {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path png = dir.resolve("status.png");
        Processes.Result r = Processes.runAllowingFailure(dir, 120,
                chromium(chromium, "--screenshot=" + png, "--window-size=1200,600", base + "/"));
        assertThat(r.exitCode()).as("chromium failed: %s", r.stderr()).isZero();
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(600);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight() && colours.size() <= 16; y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).hasSizeGreaterThan(16);
        // Kept for a human to look at.
        Files.copy(png, Path.of("target", "status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    String[] chromium(Path chromium, String... args) throws IOException {
        return Chromium.command(dir, args);
    }
}
