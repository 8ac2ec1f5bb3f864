package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent.DeviceReported;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.server.api.ApiAccess;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The status API and page of a real {@link Provisioning} with a token file, as curl, python3 and a
 * headless Chromium see them: 401 without a token, 403 for a viewer acting, 421 for a host the
 * server is not known by (DNS rebinding), 403 for another origin, devices' files served whatever
 * the token and host, and markup that devices send shown as text, never run.
 */
class ApiAccessIT {

    static final String VIEWER = "q3F0x8pVh1wK2Zr7mN5bT4yL6cJ9sD0e";
    static final String OPERATOR = "Hk7Wm2Qx9Lr4Tz6Vb1Np8Sd3Fg5Jc0Ya";

    static final CsvInventory INVENTORY = CsvInventory.parse("loopback.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,127.0.0.11/8,127.0.0.1
            access-sw1,FOC1234ABCD,00:00:5e:00:53:03,iosxe,127.0.0.31/8,127.0.0.1
            """);

    @TempDir
    Path dir;

    Path curl;
    Path tokens;
    Provisioning ztp;
    String http;
    String tftp;

    @BeforeEach
    void start() throws Exception {
        curl = ExternalTool.require("curl", "curl");
        tokens = dir.resolve("api-tokens");
        Files.writeString(tokens, "# who may use the API\nviewer " + VIEWER + "\noperator " + OPERATOR + "\n");
        ztp = Provisioning.builder().inventory(INVENTORY)
                .globals(Map.of("admin_user", "netops", "admin_password", Samples.SECRET, "domain_name", "example.net"))
                .tftpPort(0).httpPort(0).reachabilityProbe(false).statusPage()
                .apiAccess(ApiAccess.fromFile(tokens)).watchForChanges(Duration.ofMillis(100))
                .build().start();
        http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
        tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort();
    }

    @AfterEach
    void stop() {
        ztp.close();
    }

    /** @return the status code, then the headers and body, as curl -i prints them */
    String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-sS", "-i", "--max-time", "20"));
        cmd.addAll(List.of(args));
        return Processes.runAllowingFailure(dir, 30, cmd.toArray(String[]::new)).stdout();
    }

    static String status(String response) {
        return response.isEmpty() ? "" : response.substring(9, 12);
    }

    @Test
    void curlNeedsATokenAViewerReadsAnOperatorActsAndDevicesNeedNone() throws Exception {
        String none = curl(http + "/api/devices");
        assertThat(status(none)).isEqualTo("401");
        assertThat(none).containsIgnoringCase("WWW-Authenticate: Bearer realm=\"ztp4j\"").doesNotContain("SAL1234ABCD");
        String wrong = curl("-H", "Authorization: Bearer " + VIEWER.substring(1) + "x", http + "/api/devices");
        assertThat(status(wrong)).isEqualTo("401");
        assertThat(wrong).contains("error=\"invalid_token\"");

        String read = curl("-H", "Authorization: Bearer " + VIEWER, http + "/api/devices");
        assertThat(status(read)).isEqualTo("200");
        assertThat(read).contains("\"key\":\"SAL1234ABCD\"").doesNotContain(Samples.SECRET);
        assertThat(status(curl("-H", "Authorization: Bearer " + VIEWER, http + "/api/devices/SAL1234ABCD"))).isEqualTo("200");

        String viewerResets = curl("-X", "POST", "-H", "Authorization: Bearer " + VIEWER, http + "/api/devices/SAL1234ABCD/reset");
        assertThat(status(viewerResets)).isEqualTo("403");
        assertThat(viewerResets).contains("error=\"insufficient_scope\"");
        String operatorResets = curl("-X", "POST", "-H", "Authorization: Bearer " + OPERATOR, http + "/api/devices/SAL1234ABCD/reset");
        assertThat(status(operatorResets)).isEqualTo("200");
        assertThat(operatorResets).contains("\"state\":\"WAITING\"");

        // DNS rebinding: a name that resolves here but is not this server's; and a page on another site.
        String rebound = curl("-H", "Host: rebind.evil.example:" + ztp.httpAddress().getPort(),
                "-H", "Authorization: Bearer " + VIEWER, http + "/api/devices");
        assertThat(status(rebound)).isEqualTo("421");
        assertThat(status(curl("-H", "Host: rebind.evil.example", http + "/"))).isEqualTo("421");
        String foreign = curl("-X", "POST", "-H", "Origin: http://evil.example", "-H", "Authorization: Bearer " + OPERATOR,
                http + "/api/devices/SAL1234ABCD/reset");
        assertThat(status(foreign)).isEqualTo("403");
        assertThat(foreign).contains("refused: a request from another origin (http://evil.example)");
        String preflight = curl("-X", "OPTIONS", "-H", "Origin: http://evil.example", "-H", "Access-Control-Request-Method: POST",
                http + "/api/devices/SAL1234ABCD/reset");
        for (String r : List.of(none, read, operatorResets, rebound, foreign, preflight)) {
            assertThat(r).doesNotContainIgnoringCase("Access-Control-Allow").doesNotContainIgnoringCase("Set-Cookie");
        }

        // The page's HTML needs no token and holds no device data.
        String page = curl(http + "/");
        assertThat(status(page)).isEqualTo("200");
        assertThat(page).doesNotContain("SAL1234ABCD").doesNotContain("leaf101");

        // Devices fetch their files without a token, whatever Host they send.
        assertThat(Processes.run(dir, curl.toString(), "-sS", "--fail", tftp + "/conf.SAL1234ABCD").stdout()).contains("hostname leaf101");
        String day0 = curl("-H", "Host: 10.99.0.1", http + "/ztp/day0/FOC1234ABCD.cfg");
        assertThat(status(day0)).isEqualTo("200");
        assertThat(day0).contains("hostname access-sw1");
    }

    @Test
    void aChangedTokenFileIsReadAgainWithoutARestart() throws Exception {
        String newViewer = "Zx4Pq8Lm2Rt6Vn0Bw3Yk7Hs1Jd5Fg9Ca";
        Path next = dir.resolve("api-tokens.new");
        Files.writeString(next, "viewer " + newViewer + "\n");
        Files.move(next, tokens, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Instant end = Instant.now().plusSeconds(15);
        while (!status(curl("-H", "Authorization: Bearer " + newViewer, http + "/api/devices")).equals("200")
                && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
        assertThat(status(curl("-H", "Authorization: Bearer " + newViewer, http + "/api/devices"))).isEqualTo("200");
        assertThat(status(curl("-H", "Authorization: Bearer " + OPERATOR, http + "/api/devices"))).isEqualTo("401");

        // A broken file keeps the tokens read before.
        Files.writeString(next, "viewer\n");
        Files.move(next, tokens, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(1000);
        assertThat(status(curl("-H", "Authorization: Bearer " + newViewer, http + "/api/devices"))).isEqualTo("200");
    }

    /** Markup a device or a client can put where the page shows it; each, if run, marks the body. */
    static String payload(String where) {
        return "<img src=x onerror=document.body.dataset.pwned='" + where + "'>";
    }

    static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void chromiumWithAViewerTokenShowsWhatDevicesSentAsTextAndRunsNoneOfIt() throws Exception {
        Path python = ExternalTool.require("python3", "python3");
        // A file name over TFTP and HTTP, a serial in a URL, a report's message, a User-Agent: each from its own address.
        run("127.0.0.41", tftp + "/" + encoded(payload("tftp") + ".cfg"));
        run("127.0.0.42", "-A", "<script>document.body.dataset.pwned='agent'</script>",
                http + "/" + encoded("<svg onload=document.body.dataset.pwned='http'>.bin"));
        run("127.0.0.43", http + "/ztp/day0/" + encoded(payload("serial")) + ".cfg");
        run("127.0.0.44", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{\"status\":\"failed\",\"message\":\"" + payload("report").replace("'", "\\u0027") + "\"}",
                http + "/ztp/report/" + encoded(payload("reportserial")));
        // What a device's own report carries reaches the board as this event.
        ztp.statusBoard().onEvent(new DeviceReported(Instant.now(), DeviceIdentity.unknown()
                .withSerial(org.ztp4j.core.SerialNumber.of("FOC1234ABCD")), false, payload("message")));

        Path dom = dir.resolve("dom.html");
        Files.writeString(dom, Chromium.dumpDom(dir, http + "/#token=" + VIEWER));
        String summary = Processes.run(dir, python.toString(), "-c", DOM_SUMMARY, dom.toString()).stdout();
        assertThat(summary).as("the devices were loaded with the token").contains("text: leaf101", "text: access-sw1");
        // Markup sent by devices is text on the page...
        assertThat(summary).contains("text: " + payload("tftp") + ".cfg")
                .contains("text: <svg onload=document.body.dataset.pwned='http'>.bin")
                .contains("text: ztp/day0/" + payload("serial") + ".cfg")
                .contains("text: script reported failure: " + payload("message"));
        // ... and never an element, an event handler or a script that ran.
        assertThat(summary).contains("elements img: 0", "elements svg: 0", "elements iframe: 0", "elements script: 1")
                .contains("handlers: 0").contains("body: {}");
    }

    @Test
    void chromiumWithoutATokenShowsTheTokenPromptAndNoDevice() throws Exception {
        String dom = Chromium.dumpDom(dir, http + "/");
        assertThat(dom).contains("This server needs an API token to show its devices.")
                .containsPattern("<form id=\"login\">")
                .doesNotContain("leaf101").doesNotContain("SAL1234ABCD");
        String refused = Chromium.dumpDom(dir, http + "/#token=" + VIEWER.replace('q', 'Q'));
        assertThat(refused).contains("That token was refused.").doesNotContain("leaf101");
    }

    private void run(String from, String... args) {
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-s", "-o", "/dev/null", "--max-time", "20", "--interface", from));
        cmd.addAll(List.of(args));
        Processes.runAllowingFailure(dir, 30, cmd.toArray(String[]::new));
    }

    /** Reads a serialised DOM as a browser would parse it again: element counts, event handlers, body attributes, texts. */
    static final String DOM_SUMMARY = """
            import sys
            from html.parser import HTMLParser
            class P(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.tags = {}; self.handlers = 0; self.body = {}; self.texts = []
                def handle_starttag(self, tag, attrs):
                    self.tags[tag] = self.tags.get(tag, 0) + 1
                    self.handlers += sum(1 for k, v in attrs if k.startswith('on'))
                    if tag == 'body':
                        self.body = {k: v for k, v in attrs if k.startswith('data-')}
                def handle_data(self, data):
                    if data.strip():
                        self.texts.append(data.strip())
            sys.stdout.reconfigure(encoding='utf-8')
            p = P()
            p.feed(open(sys.argv[1], encoding='utf-8').read())
            for t in ('img', 'svg', 'iframe', 'script'):
                print('elements %s: %d' % (t, p.tags.get(t, 0)))
            print('handlers: %d' % p.handlers)
            print('body: %s' % p.body)
            for t in p.texts:
                print('text: ' + t)
            """;
}
