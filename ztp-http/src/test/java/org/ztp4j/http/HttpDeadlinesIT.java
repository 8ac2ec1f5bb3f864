package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.testing.Eventually;
import org.ztp4j.testing.Processes;

/**
 * The deadlines that keep a slow or stuck client from holding a connection (slowloris, a body that
 * never ends, a reader that stopped) and the per-address cap, with raw sockets and the real curl.
 * Each deadline is set short here; the defaults are in {@link HttpFileServer}.
 */
class HttpDeadlinesIT {

    private static final long IMAGE = 64L * 1024 * 1024;

    private static final FileProvider FILES = request -> switch (request.path()) {
        case "/image.bin" -> Optional.of(new PatternResource("image.bin", IMAGE, true));
        case "/small.bin" -> Optional.of(new PatternResource("small.bin", 5000, true));
        default -> Optional.empty();
    };

    @Test
    void aRequestHeadTrickledAByteAtATimeIsDroppedAtTheHeaderDeadlineNotAfterAnyOneByte() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).headerTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(30)).build()) {
            InetSocketAddress address = server.start().localAddress();
            byte[] head = "GET /small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            try (Socket s = new Socket()) {
                s.connect(address, 5000);
                OutputStream out = s.getOutputStream();
                long t0 = System.nanoTime();
                int sent = 0;
                boolean closed = false;
                // One byte every 250 ms: each byte well inside the deadline, the head as a whole far beyond it.
                while (sent < head.length && !closed) {
                    try {
                        out.write(head[sent]);
                        out.flush();
                        sent++;
                    } catch (IOException e) {
                        closed = true;
                        break;
                    }
                    closed = closedWithin(s, Duration.ofMillis(250));
                }
                Duration held = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(closed).as("the trickling client was dropped before its head was whole").isTrue();
                assertThat(sent).as("bytes taken before the drop").isBetween(6, head.length - 1);
                assertThat(held).as("how long the trickle held the connection").isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));
            }
        }
    }

    @Test
    void aConnectionThatHasSentNothingYetWaitsForTheIdleTimeoutNotTheHeaderTimeout() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).headerTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(30)).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = new Socket()) {
                s.connect(address, 5000);
                Thread.sleep(2500);
                s.getOutputStream().write("GET /small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 200 ");
            }
        }
    }

    @Test
    void aRequestBodyThatStopsArrivingIsDroppedAtTheBodyDeadlineWithoutCallingTheEndpoint() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpEndpoint report = request -> {
            calls.incrementAndGet();
            return EndpointResponse.text(200, "ok");
        };
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).endpoint("/report", report)
                .bodyTimeout(Duration.ofSeconds(1)).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = new Socket()) {
                s.connect(address, 5000);
                s.getOutputStream().write(("POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"status\":").getBytes(StandardCharsets.US_ASCII));
                long t0 = System.nanoTime();
                assertThat(closedWithin(s, Duration.ofSeconds(15))).as("the connection with a body cut short was closed").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            }
            assertThat(calls).as("the endpoint never saw the partial body").hasValue(0);
            assertThat(new Curl().run("-d", "{}", server.baseUri() + "report").stdout()).as("a whole body is answered").isEqualTo("ok\n");
        }
    }

    @Test
    void aSlowButMovingReaderKeepsItsDownloadPastTheStallTimeoutAndIsDroppedOnceItStops() throws Exception {
        RecordingListener events = new RecordingListener();
        // A small send buffer: the kernel tells of the reader's progress each few KiB it takes (see sendBufferSize).
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).listener(events)
                .stallTimeout(Duration.ofSeconds(1)).sendBufferSize(64 * 1024).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = new Socket()) {
                s.connect(address, 5000);
                s.getOutputStream().write("GET /image.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                long read = 0;
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                // 16 KiB every 100 ms, about 160 KB/s: five stall timeouts long, never a second without bytes taken.
                while (System.nanoTime() < until) {
                    byte[] got = in.readNBytes(16 * 1024);
                    assertThat(got).as("the slow reader's download went on").hasSize(16 * 1024);
                    read += got.length;
                    Thread.sleep(100);
                }
                assertThat(events.of(ProvisioningEvent.TransferFailed.class)).as("the slow but moving reader was not cut").isEmpty();
                assertThat(read).isGreaterThan(400_000L).isLessThan(IMAGE);

                ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                        e -> e.path().equals("image.bin")).orElseThrow();
                assertThat(failed.reason()).startsWith("client stopped reading after");
            }
        }
    }

    @Test
    void oneAddressHoldsAtMostItsCapWhileOtherAddressesAreServed() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).maxConnectionsPerClient(3).build()) {
            InetSocketAddress address = server.start().localAddress();
            InetAddress greedy = InetAddress.getByName("127.0.0.2");
            Socket[] held = new Socket[3];
            try {
                for (int i = 0; i < held.length; i++) {
                    held[i] = connectFrom(greedy, address);
                    // Answered, so admitted before the next one is accepted; then it stays open (keep-alive).
                    held[i].getOutputStream().write("GET /small.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    held[i].setSoTimeout(10_000);
                    assertThat(readHead(held[i].getInputStream())).startsWith("HTTP/1.1 200 ");
                    assertThat(held[i].getInputStream().readNBytes(5000)).hasSize(5000);
                }
                try (Socket fourth = connectFrom(greedy, address)) {
                    assertThat(closedWithin(fourth, Duration.ofSeconds(10))).as("a fourth connection from the same address").isTrue();
                }
                Processes.Result other = new Curl().run("--interface", "127.0.0.3", "-o", "/dev/null", "-w", "%{http_code}",
                        server.baseUri() + "small.bin");
                assertThat(other.stdout()).as("another address is served: " + other.stderr()).isEqualTo("200");

                held[0].close();
                held[0] = null;
                Processes.Result again = new Curl().run("--interface", "127.0.0.2", "-o", "/dev/null", "-w", "%{http_code}",
                        "--retry", "5", "--retry-all-errors", "--retry-delay", "1", server.baseUri() + "small.bin");
                assertThat(again.stdout()).as("a place given back is taken again: " + again.stderr()).endsWith("200");
            } finally {
                for (Socket s : held) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
        }
    }

    @Test
    void aTlsHandshakeThatStopsHalfwayIsDroppedWithinTenSeconds(@TempDir Path tls) throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(FILES).https(TlsConfig.selfSigned(tls, "127.0.0.1"))
                .headerTimeout(Duration.ofSeconds(30)).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = new Socket()) {
                s.connect(address, 5000);
                // The first bytes of a TLS record carrying a ClientHello, and then nothing.
                s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
                long t0 = System.nanoTime();
                assertThat(closedWithin(s, Duration.ofSeconds(20))).as("the half-done handshake was dropped").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
            }
        }
    }

    private static Socket connectFrom(InetAddress from, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(to, 5000);
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** @return true when the server closes the connection (end of stream or reset) within the time */
    private static boolean closedWithin(Socket s, Duration limit) throws IOException {
        s.setSoTimeout((int) Math.max(1, limit.toMillis()));
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
