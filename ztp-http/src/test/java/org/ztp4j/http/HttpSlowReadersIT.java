package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.testing.Processes;

/**
 * The JDK server this one replaced tied a thread to each connection, so 128 clients that stopped
 * reading stopped every download. Here they hold no thread: another client's download and an
 * endpoint still answer, with only four worker threads.
 */
class HttpSlowReadersIT {

    private static final int SLOW_READERS = 128;
    private static final long IMAGE = 256L * 1024 * 1024;
    private static final long SMALL = 16L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aHundredAndTwentyEightClientsThatReadNothingStopNeitherADownloadNorAnEndpoint() throws Exception {
        RecordingListener events = new RecordingListener();
        FileProvider files = request -> switch (request.path()) {
            case "/image.bin" -> Optional.of(new PatternResource("image.bin", IMAGE, true));
            case "/small.bin" -> Optional.of(new PatternResource("small.bin", SMALL, true));
            default -> Optional.empty();
        };
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(files).listener(events).threads(4)
                .stallTimeout(Duration.ofMinutes(10)).maxConnectionsPerClient(256)
                .endpoint("/status", request -> EndpointResponse.text(200, "up"))
                .build()) {
            InetSocketAddress address = server.start().localAddress();
            List<Socket> slow = new ArrayList<>();
            try {
                byte[] get = "GET /image.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < SLOW_READERS; i++) {
                    Socket s = new Socket();
                    slow.add(s);
                    s.setReceiveBufferSize(4096);
                    s.connect(address, 5000);
                    OutputStream out = s.getOutputStream();
                    out.write(get);
                    out.flush();
                }
                awaitRequested(events, SLOW_READERS);
                assertThat(events.of(ProvisioningEvent.FileServed.class)).as("no slow reader got its image").isEmpty();

                Curl curl = new Curl();
                long t0 = System.nanoTime();
                Path out = tmp.resolve("small.bin");
                Processes.Result download = curl.run("--max-time", "120", "-o", out.toString(), "-w", "%{http_code} %{size_download}",
                        server.baseUri() + "small.bin");
                Processes.Result status = curl.run("--max-time", "120", server.baseUri() + "status");
                Duration took = Duration.ofNanos(System.nanoTime() - t0);

                assertThat(download.stdout()).as(download.stderr()).isEqualTo("200 " + SMALL);
                assertThat(Files.readAllBytes(out)).startsWith(PatternResource.bytes(0, 4096));
                assertThat(status.stdout()).as(status.stderr()).isEqualTo("up\n");
                assertThat(took).as("a 16 MiB download and an endpoint call beside 128 stuck clients").isLessThan(Duration.ofSeconds(60));
                assertThat(server.openConnections()).as("the slow readers are still connected").isGreaterThanOrEqualTo(SLOW_READERS);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static void awaitRequested(RecordingListener events, int count) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (events.of(ProvisioningEvent.FileRequested.class).stream().filter(e -> e.path().equals("image.bin")).count() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(events.of(ProvisioningEvent.FileRequested.class)).as("requests seen").hasSizeGreaterThanOrEqualTo(count);
    }
}
