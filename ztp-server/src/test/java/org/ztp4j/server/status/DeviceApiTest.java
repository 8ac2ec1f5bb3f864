package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpHeaders;
import org.ztp4j.core.status.DeviceChange;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.store.DeviceWrite;
import org.ztp4j.core.store.InMemoryProvisioningStore;
import org.ztp4j.server.api.AllowedHosts;
import org.ztp4j.server.api.ApiAccess;
import org.ztp4j.server.api.ApiGate;
import org.ztp4j.server.api.ApiRole;

/** The status page's per-device API: one device, its journal, and the operators' actions. */
class DeviceApiTest {

    private final InMemoryProvisioningStore store = new InMemoryProvisioningStore();
    private final List<DeviceChange> changes = new ArrayList<>();
    private final DeviceStatusBoard board = DeviceStatusBoard.builder().changeListener(changes::add).build();
    private final StatusPage page = new StatusPage(board, store);

    private EndpointResponse send(String method, String path, String query, Map<String, List<String>> headers) throws Exception {
        return page.handle(new EndpointRequest(method, path, query, HttpHeaders.of(headers), new byte[0],
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50000), Protocol.HTTP));
    }

    private static String body(EndpointResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private void failedTransfer() throws Exception {
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SerialNumber.of("SAL1234ABCD"));
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("10.0.0.7"), 49152);
        board.onEvent(new ProvisioningEvent.FileServed(Instant.parse("2026-12-05T10:00:00Z"), sal, "poap.py", Protocol.TFTP, from,
                4200, Duration.ofMillis(800)));
        board.onEvent(new ProvisioningEvent.TransferFailed(Instant.parse("2026-12-05T10:00:05Z"), sal, "conf.SAL1234ABCD",
                Protocol.TFTP, from, 512, "timed out after 5 retries"));
        store.write(changes.stream().map(c -> DeviceWrite.of(c, "ztp1")).toList());
        changes.clear();
    }

    @Test
    void servesOneDeviceAndItsJournalPageByPage() throws Exception {
        failedTransfer();
        EndpointResponse one = send("GET", "/api/devices/SAL1234ABCD", null, Map.of());
        assertThat(one.status()).isEqualTo(200);
        assertThat(body(one)).startsWith("{\"key\":\"SAL1234ABCD\"").contains("\"state\":\"FAILED\"");

        EndpointResponse events = send("GET", "/api/devices/SAL1234ABCD/events", null, Map.of());
        assertThat(body(events)).isEqualTo("{\"events\":["
                + "{\"id\":1,\"time\":\"2026-12-05T10:00:00Z\",\"device\":\"SAL1234ABCD\",\"kind\":\"SERVED\",\"path\":\"poap.py\","
                + "\"protocol\":\"TFTP\",\"client\":\"10.0.0.7:49152\",\"bytes\":4200,\"digest\":null,\"durationMillis\":800,"
                + "\"detail\":null,\"actor\":null,\"server\":\"ztp1\"},"
                + "{\"id\":2,\"time\":\"2026-12-05T10:00:05Z\",\"device\":\"SAL1234ABCD\",\"kind\":\"FAILED\",\"path\":\"conf.SAL1234ABCD\","
                + "\"protocol\":\"TFTP\",\"client\":\"10.0.0.7:49152\",\"bytes\":512,\"digest\":null,\"durationMillis\":null,"
                + "\"detail\":\"timed out after 5 retries\",\"actor\":null,\"server\":\"ztp1\"}],\"last\":2}");
        assertThat(body(send("GET", "/api/devices/SAL1234ABCD/events", "after=1&limit=5", Map.of())))
                .startsWith("{\"events\":[{\"id\":2,").endsWith("\"last\":2}");
        assertThat(body(send("GET", "/api/devices/SAL1234ABCD/events", "after=2", Map.of()))).isEqualTo("{\"events\":[],\"last\":2}");
        assertThat(send("GET", "/api/devices/SAL1234ABCD/events", "limit=x", Map.of()).status()).isEqualTo(400);
        assertThat(send("GET", "/api/devices/NOSUCH/events", null, Map.of()).status()).isEqualTo(404);
        assertThat(send("GET", "/api/devices/NOSUCH", null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void actionsChangeTheBoardAndTellItsListenerWhoAsked() throws Exception {
        failedTransfer();
        EndpointResponse retry = send("POST", "/api/devices/SAL1234ABCD/retry", null, Map.of());
        assertThat(retry.status()).isEqualTo(200);
        assertThat(body(retry)).contains("\"state\":\"WAITING\"").contains("\"lastError\":null");
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.actor()).isEqualTo("api from 127.0.0.1"));

        EndpointResponse again = send("POST", "/api/devices/SAL1234ABCD/retry", null, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(body(again)).isEqualTo("device SAL1234ABCD is WAITING, not FAILED or INTERRUPTED: nothing to retry\n");
        assertThat(send("GET", "/api/devices/SAL1234ABCD/reset", null, Map.of()).status()).isEqualTo(405);
        assertThat(send("POST", "/api/devices/NOSUCH/reset", null, Map.of()).status()).isEqualTo(404);
        assertThat(send("POST", "/api/devices/SAL1234ABCD/decommission", null, Map.of()).status()).isEqualTo(200);
        assertThat(board.device("SAL1234ABCD").orElseThrow().state().name()).isEqualTo("DECOMMISSIONED");
    }

    @Test
    void aBrowserOnAnotherSiteCannotPressTheButtons() throws Exception {
        failedTransfer();
        EndpointResponse forged = send("POST", "/api/devices/SAL1234ABCD/reset", null,
                Map.of("Origin", List.of("https://evil.example"), "Host", List.of("127.0.0.1:8080")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(board.device("SAL1234ABCD").orElseThrow().state().name()).isEqualTo("FAILED");
        EndpointResponse own = send("POST", "/api/devices/SAL1234ABCD/reset", null,
                Map.of("Origin", List.of("http://127.0.0.1:8080"), "Host", List.of("127.0.0.1:8080")));
        assertThat(own.status()).isEqualTo(200);
    }

    static final String VIEWER = "q3F0x8pVh1wK2Zr7mN5bT4yL6cJ9sD0e";
    static final String OPERATOR = "Hk7Wm2Qx9Lr4Tz6Vb1Np8Sd3Fg5Jc0Ya";

    private EndpointResponse sendTo(StatusPage to, String method, String path, Map<String, List<String>> headers) throws Exception {
        return to.handle(new EndpointRequest(method, path, null, HttpHeaders.of(headers), new byte[0],
                new InetSocketAddress(InetAddress.getByName("192.0.2.50"), 50000), Protocol.HTTP));
    }

    private StatusPage guarded() throws Exception {
        ApiAccess tokens = ApiAccess.tokens(Map.of(VIEWER, ApiRole.VIEWER, OPERATOR, ApiRole.OPERATOR));
        return new StatusPage(board, store, new ApiGate(tokens,
                AllowedHosts.forServer(InetAddress.getByName("192.0.2.2"), null, List.of("ztp.example.net"))));
    }

    private static Map<String, List<String>> as(String token) {
        return Map.of("Host", List.of("192.0.2.2:8080"), "Authorization", List.of("Bearer " + token));
    }

    @Test
    void theApiNeedsATokenAndAnOperatorsToAct() throws Exception {
        failedTransfer();
        StatusPage guarded = guarded();
        EndpointResponse none = sendTo(guarded, "GET", "/api/devices", Map.of("Host", List.of("192.0.2.2:8080")));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"ztp4j\"");
        assertThat(body(none)).doesNotContain("SAL1234ABCD");
        EndpointResponse wrong = sendTo(guarded, "GET", "/api/devices", as(VIEWER.replace('q', 'Q')));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"ztp4j\", error=\"invalid_token\"");
        EndpointResponse basic = sendTo(guarded, "GET", "/api/devices",
                Map.of("Host", List.of("192.0.2.2"), "Authorization", List.of("Basic " + VIEWER)));
        assertThat(basic.status()).isEqualTo(401);

        assertThat(sendTo(guarded, "GET", "/api/devices", as(VIEWER)).status()).isEqualTo(200);
        assertThat(sendTo(guarded, "GET", "/api/devices/SAL1234ABCD", as(VIEWER)).status()).isEqualTo(200);
        assertThat(sendTo(guarded, "GET", "/api/devices/SAL1234ABCD/events", as(VIEWER)).status()).isEqualTo(200);
        assertThat(sendTo(guarded, "GET", "/api/devices/SAL1234ABCD/events", Map.of("Host", List.of("192.0.2.2"))).status())
                .isEqualTo(401);

        EndpointResponse viewerResets = sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/reset", as(VIEWER));
        assertThat(viewerResets.status()).isEqualTo(403);
        assertThat(body(viewerResets)).isEqualTo("refused: this needs the operator role; the token has the viewer role\n");
        assertThat(viewerResets.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"ztp4j\", error=\"insufficient_scope\"");
        assertThat(board.device("SAL1234ABCD").orElseThrow().state().name()).isEqualTo("FAILED");
        assertThat(sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/retry", as(VIEWER)).status()).isEqualTo(403);
        assertThat(sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/decommission", as(VIEWER)).status()).isEqualTo(403);
        assertThat(sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/reset", as(OPERATOR)).status()).isEqualTo(200);
        assertThat(board.device("SAL1234ABCD").orElseThrow().state().name()).isEqualTo("WAITING");

        // The page's HTML holds no device data: it needs no token, but still the host check.
        EndpointResponse shell = sendTo(guarded, "GET", "/", Map.of("Host", List.of("ztp.example.net:8080")));
        assertThat(shell.status()).isEqualTo(200);
        assertThat(body(shell)).doesNotContain("SAL1234ABCD");
    }

    @Test
    void aHostOrAnOriginTheServerIsNotKnownByIsRefusedEvenWithAToken() throws Exception {
        failedTransfer();
        StatusPage guarded = guarded();
        EndpointResponse rebound = sendTo(guarded, "GET", "/api/devices",
                Map.of("Host", List.of("rebind.evil.example:8080"), "Authorization", List.of("Bearer " + VIEWER)));
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(body(rebound)).doesNotContain("SAL1234ABCD");
        assertThat(sendTo(guarded, "GET", "/", Map.of("Host", List.of("rebind.evil.example"))).status()).isEqualTo(421);
        assertThat(sendTo(guarded, "GET", "/", Map.of("Host", List.of("localhost:8080"))).status())
                .as("bound to an address, localhost is another server").isEqualTo(421);

        EndpointResponse foreign = sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/reset", Map.of("Host", List.of("192.0.2.2:8080"),
                "Origin", List.of("http://evil.example"), "Authorization", List.of("Bearer " + OPERATOR)));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(body(foreign)).isEqualTo("refused: a request from another origin (http://evil.example)\n");
        assertThat(sendTo(guarded, "GET", "/api/devices", Map.of("Host", List.of("192.0.2.2:8080"),
                "Origin", List.of("null"), "Authorization", List.of("Bearer " + VIEWER))).status()).isEqualTo(403);
        assertThat(sendTo(guarded, "GET", "/api/devices", Map.of("Host", List.of("192.0.2.2:8080"),
                "Origin", List.of("http://192.0.2.2:9999"), "Authorization", List.of("Bearer " + VIEWER))).status())
                .as("another port is another origin").isEqualTo(403);
        assertThat(sendTo(guarded, "GET", "/api/devices", Map.of("Host", List.of("192.0.2.2:8080"),
                "Origin", List.of("https://192.0.2.2:8080"), "Authorization", List.of("Bearer " + VIEWER))).status())
                .as("another scheme is another origin").isEqualTo(403);
        assertThat(board.device("SAL1234ABCD").orElseThrow().state().name()).isEqualTo("FAILED");

        EndpointResponse own = sendTo(guarded, "POST", "/api/devices/SAL1234ABCD/reset", Map.of("Host", List.of("ztp.example.net:8080"),
                "Origin", List.of("http://ztp.example.net:8080"), "Authorization", List.of("Bearer " + OPERATOR)));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void textADeviceChoseIsCutAt256CharactersInTheApi() throws Exception {
        String longName = "A".repeat(10_000) + ".cfg";
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SerialNumber.of("SAL1234ABCD"));
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("10.0.0.7"), 49152);
        board.onEvent(new ProvisioningEvent.TransferFailed(Instant.parse("2026-12-05T10:00:05Z"), sal, longName,
                Protocol.TFTP, from, 0, "file not found"));
        store.write(changes.stream().map(c -> DeviceWrite.of(c, "ztp1")).toList());

        // The board keeps 200 characters of what a device sent; the journal 500; the API shows 256 at most.
        String device = body(send("GET", "/api/devices/SAL1234ABCD", null, Map.of()));
        assertThat(device).contains("\"lastRequest\":{\"path\":\"" + "A".repeat(200) + "...\"").doesNotContain("A".repeat(201));
        assertThat(body(send("GET", "/api/devices", null, Map.of()))).doesNotContain("A".repeat(201));
        String events = body(send("GET", "/api/devices/SAL1234ABCD/events", null, Map.of()));
        assertThat(events).contains("\"path\":\"" + "A".repeat(255) + "\u2026\"").doesNotContain("A".repeat(256));
    }

    @Test
    void withoutAStoreTheJournalIsNotFoundAndSaysWhy() throws Exception {
        StatusPage bare = new StatusPage(board);
        failedTransfer();
        EndpointResponse r = bare.handle(new EndpointRequest("GET", "/api/devices/SAL1234ABCD/events", null, HttpHeaders.empty(),
                new byte[0], new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), Protocol.HTTP));
        assertThat(r.status()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("this server keeps no journal (it has no store)\n");
    }
}
