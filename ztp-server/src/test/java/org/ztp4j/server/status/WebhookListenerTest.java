package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.server.status.Samples.bySerial;
import static org.ztp4j.server.status.Samples.client;
import static org.ztp4j.server.status.Samples.ip;
import static org.ztp4j.server.status.Samples.record;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;

/** A real JDK HTTP server on 127.0.0.1 receives what the webhook posts. */
class WebhookListenerTest {

    record Received(String method, String path, String contentType, String authorization, String body) {
    }

    static final Instant T = Instant.parse("2026-11-24T10:00:32Z");
    static final DeviceIdentity LEAF = bySerial("SAL1234ABCD", "10.0.0.7").withPlatform("nxos");

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger hold = new AtomicInteger();
    HttpServer server;
    URI uri;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(ip("127.0.0.1"), 0), 0);
        server.createContext("/hook", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void receive(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (hold.getAndDecrement() > 0) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"), body));
        ex.sendResponseHeaders(204, -1);
        ex.close();
    }

    static ProvisioningEvent.FileServed served(String path) {
        return new ProvisioningEvent.FileServed(T, LEAF, path, Protocol.TFTP, client(LEAF), 2000, Duration.ofMillis(200));
    }

    @Test
    void postsEachEventAsJsonInOrder() throws Exception {
        try (WebhookListener hook = WebhookListener.builder(uri).header("Authorization", "Bearer t0ken").build()) {
            hook.onEvent(new ProvisioningEvent.DeviceIdentified(T, LEAF, record("leaf101"), "serial in file name"));
            hook.onEvent(served("conf.SAL1234ABCD"));

            Received first = received.poll(30, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.path()).isEqualTo("/hook");
            assertThat(first.contentType()).isEqualTo("application/json; charset=utf-8");
            assertThat(first.authorization()).isEqualTo("Bearer t0ken");
            assertThat(first.body()).startsWith("{\"type\":\"DeviceIdentified\",\"time\":\"2026-11-24T10:00:32Z\","
                    + "\"device\":{\"serial\":\"SAL1234ABCD\",\"mac\":null,\"address\":\"10.0.0.7\",\"platform\":\"nxos\"},")
                    .contains("\"hostname\":\"leaf101\"")
                    .doesNotContain(Samples.SECRET);

            Received second = received.poll(30, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(second.body()).isEqualTo(EventJson.of(served("conf.SAL1234ABCD")))
                    .contains("\"type\":\"FileServed\"", "\"path\":\"conf.SAL1234ABCD\"", "\"protocol\":\"TFTP\"", "\"bytes\":2000");
        }
    }

    @Test
    void onlyTheChosenEventTypesArePosted() throws Exception {
        try (WebhookListener hook = WebhookListener.builder(uri).events(ProvisioningEvent.DeviceReachable.class).build()) {
            hook.onEvent(served("conf.SAL1234ABCD"));
            hook.onEvent(new ProvisioningEvent.DeviceReachable(T, LEAF, ip("192.0.2.11"), "tcp/22 open"));
            Received r = received.poll(30, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.body()).startsWith("{\"type\":\"DeviceReachable\"").endsWith("\"address\":\"192.0.2.11\",\"how\":\"tcp/22 open\"}");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aFullQueueDropsEventsInsteadOfBlockingTheCaller() throws Exception {
        hold.set(1); // the receiver sits on the first post until released
        try (WebhookListener hook = WebhookListener.builder(uri).queueCapacity(2).timeout(Duration.ofSeconds(20)).build()) {
            for (int i = 0; i < 50; i++) {
                hook.onEvent(served("f" + i));
            }
            assertThat(hook.dropped()).isGreaterThanOrEqualTo(47);
            release.countDown();
            for (int i = 0; i < 50 - hook.dropped(); i++) {
                assertThat(received.poll(30, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(received.poll(0, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aPostThatTimesOutIsCountedAsFailedAndTheNextOneStillGoesOut() throws Exception {
        hold.set(1);
        try (WebhookListener hook = WebhookListener.builder(uri).timeout(Duration.ofMillis(300)).build()) {
            hook.onEvent(served("slow"));
            hook.onEvent(served("fast"));
            // The server still logs the slow one once released, so look for the fast one.
            Received r;
            do {
                r = received.poll(30, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                release.countDown();
            } while (!r.body().contains("\"path\":\"fast\""));
            for (int i = 0; i < 600 && hook.delivered() < 1; i++) {
                Thread.sleep(50);
            }
            assertThat(hook.failed()).isEqualTo(1);
            assertThat(hook.delivered()).isEqualTo(1);
        }
    }

    @Test
    void aUriThatIsNotHttpIsRefusedByName() {
        assertThatThrownBy(() -> WebhookListener.builder(URI.create("ftp://example.net/x")))
                .hasMessage("webhook URI 'ftp://example.net/x': must be an absolute http:// or https:// URI with a host");
        assertThatThrownBy(() -> WebhookListener.builder(uri).header("Bad Name", "x"))
                .hasMessage("webhook header 'Bad Name': not a valid header name");
        assertThatThrownBy(() -> WebhookListener.builder(uri).header("X-Token", "a\r\nInjected: 1"))
                .hasMessage("webhook header X-Token: value holds CR, LF or NUL");
    }
}
