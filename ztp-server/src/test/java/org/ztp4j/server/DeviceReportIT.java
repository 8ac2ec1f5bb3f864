package org.ztp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.store.InMemoryProvisioningStore;
import org.ztp4j.core.store.JournalEntry;
import org.ztp4j.testing.Eventually;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Device reports against the running server: only the device a report names, proving it with its
 * token, changes anything; curl plays the forger (no token, another device's, a browser's plain
 * text form post, a serial nobody owns), and a flood of forged reports and missing files does not
 * keep a real device's report from the webhook.
 */
class DeviceReportIT {

    static final CsvInventory INVENTORY = CsvInventory.parse("reports.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            access-sw1,FOC1234ABCD,00:00:5e:00:53:03,iosxe,192.0.2.31/24,192.0.2.1
            access-sw2,FOC5678EFGH,00:00:5e:00:53:04,iosxe,192.0.2.32/24,192.0.2.1
            """);
    static final DeviceRecord SW1 = INVENTORY.byHostname("access-sw1").orElseThrow();
    static final DeviceRecord SW2 = INVENTORY.byHostname("access-sw2").orElseThrow();
    static final String SUCCESS = "{\"status\":\"success\",\"message\":\"day-0 applied\"}";

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();

    private Processes.Result post(String url, String... headers) {
        List<String> command = new java.util.ArrayList<>(List.of(ExternalTool.require("curl", "curl").toString(), "-sS",
                "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "--data-binary", SUCCESS));
        for (String h : headers) {
            command.add("-H");
            command.add(h);
        }
        command.add(url);
        return Processes.runAllowingFailure(command, 30);
    }

    @Test
    void aReportIsTakenOnlyWithItsDevicesTokenAsJsonAndAnUnknownSerialLeavesNoTrace() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = receiver(posted, 0);
        InMemoryProvisioningStore store = new InMemoryProvisioningStore();
        try (Provisioning ztp = Provisioning.builder().inventory(INVENTORY).globals(Day0AccessIT.GLOBALS).tftpPort(0).httpPort(0).listener(events)
                .reachabilityProbe(false).store(store).webhook(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/"))
                .build().start()) {
            String report = "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/ztp/report/";
            String token = ztp.access().tokens().tokenFor(SW1);
            String json = "Content-Type: application/json";

            assertThat(post(report + "FOC1234ABCD", json).stdout()).isEqualTo("403");
            assertThat(post(report + "FOC1234ABCD", json, "ZTP4J-Device-Token: " + ztp.access().tokens().tokenFor(SW2)).stdout())
                    .isEqualTo("403");
            assertThat(post(report + "FOC1234ABCD", "Content-Type: text/plain", "ZTP4J-Device-Token: " + token).stdout())
                    .as("a browser's form post").isEqualTo("415");
            assertThat(post(report + "FOC1234ABCD", "ZTP4J-Device-Token: " + token).stdout())
                    .as("curl's default, a form").isEqualTo("415");
            assertThat(post(report + "FOC0000NONE", json, "ZTP4J-Device-Token: " + token).stdout()).isEqualTo("403");
            assertThat(post(report + "FOC0000NONE", json).stdout()).isEqualTo("403");

            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).isEmpty();
            assertThat(ztp.statusBoard().snapshot()).extracting(s -> s.label()).containsExactly("access-sw1", "access-sw2");
            assertThat(ztp.flushStore(Duration.ofSeconds(10))).isTrue();
            assertThat(store.journal(0, 1000)).isEmpty();

            assertThat(post(report + "FOC1234ABCD", json, "ZTP4J-Device-Token: " + token).stdout()).isEqualTo("204");
            assertThat(post(report + "FOC5678EFGH/" + ztp.access().tokens().tokenFor(SW2), json).stdout())
                    .as("the token as the last path segment").isEqualTo("204");
            assertThat(events.of(ProvisioningEvent.DeviceReported.class)).extracting(r -> r.device().serial().value())
                    .containsExactly("FOC1234ABCD", "FOC5678EFGH");
            assertThat(Eventually.eventually(() -> posted.stream().filter(p -> p.contains("\"DeviceReachable\"")).count() == 2))
                    .isTrue();
            assertThat(posted).noneMatch(p -> p.contains("FOC0000NONE"));
            assertThat(ztp.flushStore(Duration.ofSeconds(10))).isTrue();
            assertThat(store.journal(0, 1000)).extracting(JournalEntry::deviceKey).doesNotContain("FOC0000NONE");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aFloodOfForgedReportsAndMissingFilesDoesNotKeepARealDevicesReportFromTheWebhook() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = receiver(posted, 1); // a slow receiver: the webhook queue fills
        try (Provisioning ztp = Provisioning.builder().inventory(INVENTORY).globals(Day0AccessIT.GLOBALS).tftpPort(0).httpPort(0).listener(events)
                .reachabilityProbe(false).webhook(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/"))
                .build().start()) {
            String base = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String wrong = ztp.access().tokens().tokenFor(SW2);
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger misses = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> flood = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    flood.add(pool.submit(() -> {
                        for (int i = thread; i < 20_000; i += 8) {
                            String serial = i % 2 == 0 ? String.format("FAKE%07d", i) : "FOC1234ABCD";
                            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/ztp/report/" + serial))
                                    .header("Content-Type", i % 5 == 0 ? "text/plain" : "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(SUCCESS));
                            if (i % 3 == 0) {
                                r.header("ZTP4J-Device-Token", wrong);
                            }
                            int status = client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 403 || status == 415) {
                                refused.incrementAndGet();
                            }
                            if (i % 4 == 0) { // and misses that do make events, about addresses and unknown serials
                                client.send(HttpRequest.newBuilder(URI.create(base + "/conf.FAKE" + i)).build(),
                                        HttpResponse.BodyHandlers.discarding());
                                misses.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(500); // the flood is well under way
                HttpRequest real = HttpRequest.newBuilder(URI.create(base + "/ztp/report/FOC1234ABCD"))
                        .header("Content-Type", "application/json")
                        .header("ZTP4J-Device-Token", ztp.access().tokens().tokenFor(SW1))
                        .POST(HttpRequest.BodyPublishers.ofString(SUCCESS)).build();
                assertThat(client.send(real, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
                for (Future<?> f : flood) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(refused.get()).isEqualTo(20_000);
            assertThat(misses.get()).isEqualTo(5_000);
            assertThat(Eventually.eventually(() -> posted.stream().anyMatch(p -> p.contains("\"DeviceReachable\"")))).isTrue();
            assertThat(posted).filteredOn(p -> p.contains("\"DeviceReported\"")).hasSize(1)
                    .allMatch(p -> p.contains("FOC1234ABCD"));
            assertThat(ztp.statusBoard().snapshot()).noneMatch(s -> s.label().startsWith("FAKE"));
        } finally {
            hook.stop(0);
        }
    }

    /** A webhook receiver that keeps every body, taking {@code millis} per post. */
    private static HttpServer receiver(List<String> posted, int millis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
