package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.testing.Processes;

/** Bounded request heads and bodies, and the request deadline, with raw sockets. */
class HttpRequestLimitsIT {

    private static final FileProvider SMALL = request -> request.path().equals("/small.bin")
            ? Optional.of(new PatternResource("small.bin", 5000, true))
            : Optional.empty();

    private static String exchange(InetSocketAddress server, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void answers431ForHugeHeaderFieldsAnd414ForAHugeRequestLineAndCarriesOn() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(SMALL).build()) {
            InetSocketAddress address = server.start().localAddress();
            String big = "X-Filler: " + "a".repeat(20_000) + "\r\n";
            assertThat(exchange(address, "GET /small.bin HTTP/1.1\r\nHost: x\r\n" + big + "\r\n")).startsWith("HTTP/1.1 431 ");
            assertThat(exchange(address, "GET /" + "b".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
            assertThat(exchange(address, "NOT-HTTP\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(new Curl().run("-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "small.bin").stdout()).isEqualTo("200");
        }
    }

    @Test
    void answers413ForABodyBeyondTheEndpointsLimitWithoutCallingIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HttpEndpoint small = new HttpEndpoint() {
            @Override
            public EndpointResponse handle(org.ztp4j.core.http.EndpointRequest request) {
                calls.incrementAndGet();
                return EndpointResponse.text(200, "got " + request.body().length);
            }

            @Override
            public int maxBodyBytes() {
                return 1000;
            }
        };
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(SMALL).endpoint("/report", small).build()) {
            InetSocketAddress address = server.start().localAddress();
            assertThat(exchange(address, "POST /report HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"))
                    .startsWith("HTTP/1.1 413 ");
            String chunked = "POST /report HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3e8\r\n" + "c".repeat(1000) + "\r\n" + "3e8\r\n" + "c".repeat(1000) + "\r\n0\r\n\r\n";
            assertThat(exchange(address, chunked)).startsWith("HTTP/1.1 413 ");
            assertThat(calls).hasValue(0);
            Processes.Result r = new Curl().run("-d", "x".repeat(1000), server.baseUri() + "report");
            assertThat(r.stdout()).isEqualTo("got 1000\n");
            Processes.Result head = new Curl().run("-I", server.baseUri() + "report");
            assertThat(head.stdout()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: 6\r\n");
        }
    }

    @Test
    void closesAConnectionWhoseRequestDoesNotArriveWholeAndAnIdleOneAfterThirtySeconds() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(SMALL).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket trickle = new Socket(); Socket idle = new Socket()) {
                trickle.connect(address, 5000);
                trickle.getOutputStream().write("GET /small.bin HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                idle.connect(address, 5000);
                idle.getOutputStream().write("GET /small.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = idle.getInputStream();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Content-Length: 5000\r\n");
                assertThat(in.readNBytes(5000)).hasSize(5000);
                long t0 = System.nanoTime();

                assertThat(new Curl().run("-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "small.bin").stdout())
                        .as("others are served meanwhile").isEqualTo("200");
                assertThat(closedWithin(trickle, Duration.ofSeconds(60))).as("the trickling client was dropped").isTrue();
                assertThat(closedWithin(idle, Duration.ofSeconds(60))).as("the idle keep-alive connection was closed").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(20));
            }
        }
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
        s.setSoTimeout((int) limit.toMillis());
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
