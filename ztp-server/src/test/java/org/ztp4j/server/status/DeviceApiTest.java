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
