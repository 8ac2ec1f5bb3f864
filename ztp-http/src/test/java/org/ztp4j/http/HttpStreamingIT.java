package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.testing.Processes;

/** Generated resources that are not files: streamed, never held in memory. */
class HttpStreamingIT {

    private static final long HALF_GIB = 512L * 1024 * 1024;
    private static final int UNKNOWN_SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    static Path tmp;

    private static HttpFileServer server;
    private static String base;
    private static Curl curl;
    private static final RecordingListener EVENTS = new RecordingListener();

    @BeforeAll
    static void start() throws Exception {
        curl = new Curl();
        FileProvider generated = request -> {
            FileResource r = switch (request.path()) {
                case "/huge.bin" -> new PatternResource("huge.bin", HALF_GIB, true);
                case "/unknown-size.bin" -> new PatternResource("unknown-size.bin", UNKNOWN_SIZE, false);
                default -> null;
            };
            return Optional.ofNullable(r);
        };
        server = HttpFileServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(generated)
                .listener(EVENTS)
                .build();
        base = "http://127.0.0.1:" + server.start().port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamsHalfAGibibyteFromAGeneratedStreamWithAFixedLength() throws Exception {
        Path headers = tmp.resolve("huge.headers");
        Processes.Result r = curl.run("-D", headers.toString(), "-o", "/dev/null", "-w", "%{size_download}", base + "/huge.bin");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(Long.toString(HALF_GIB));
        assertThat(Files.readString(headers)).containsIgnoringCase("Content-Length: " + HALF_GIB + "\r\n")
                .doesNotContainIgnoringCase("chunked");
        EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT, e -> e.path().equals("huge.bin") && e.bytes() == HALF_GIB).orElseThrow();
        assertThat(EVENTS.of(ProvisioningEvent.TransferProgress.class)).filteredOn(e -> e.path().equals("huge.bin")).hasSize(64);
    }

    @Test
    void queuesMoreConcurrentDownloadsThanWorkerThreads() throws Exception {
        long size = 16L * 1024 * 1024;
        FileProvider one = request -> Optional.of(new PatternResource("queued.bin", size, true));
        try (HttpFileServer small = HttpFileServer.builder().fileProvider(one).threads(2).build()) {
            small.start();
            java.util.List<java.util.concurrent.CompletableFuture<Processes.Result>> downloads = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                downloads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return curl.run("--limit-rate", "32M", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                                small.baseUri() + "queued.bin");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (var d : downloads) {
                assertThat(d.get(300, java.util.concurrent.TimeUnit.SECONDS).stdout()).isEqualTo("200 " + size);
            }
        }
    }

    @Test
    void servesARangeOfAGeneratedStreamBySkippingToItsStart() throws Exception {
        Path out = tmp.resolve("huge-range");
        Processes.Result r = curl.run("-r", "300000000-300000099", "-o", out.toString(), "-w", "%{http_code}", base + "/huge.bin");
        assertThat(r.stdout()).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(PatternResource.bytes(300_000_000L, 100));
    }

    @Test
    void sendsAResourceOfUnknownSizeChunked() throws Exception {
        Path out = tmp.resolve("unknown-size");
        Path headers = tmp.resolve("unknown-size.headers");
        Processes.Result r = curl.run("-D", headers.toString(), "-o", out.toString(), "-w", "%{http_code}", base + "/unknown-size.bin");
        assertThat(r.stdout()).isEqualTo("200");
        assertThat(Files.readString(headers)).containsIgnoringCase("Transfer-Encoding: chunked")
                .doesNotContainIgnoringCase("Accept-Ranges");
        assertThat(Files.readAllBytes(out)).isEqualTo(PatternResource.bytes(0, UNKNOWN_SIZE));
    }

    @Test
    void ignoresRangesWhenTheSizeIsUnknown() throws Exception {
        Path out = tmp.resolve("unknown-size-range");
        Processes.Result r = curl.run("-r", "0-9", "-o", out.toString(), "-w", "%{http_code}", base + "/unknown-size.bin");
        assertThat(r.stdout()).isEqualTo("200");
        assertThat(Files.size(out)).isEqualTo(UNKNOWN_SIZE);
    }
}
