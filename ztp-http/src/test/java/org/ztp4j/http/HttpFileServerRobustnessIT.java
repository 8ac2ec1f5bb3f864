package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.testing.Processes;

/** Clients that go away or stop reading, with raw sockets; a fixed-size pool that must not run dry. */
class HttpFileServerRobustnessIT {

    private static final long SIZE = 64L * 1024 * 1024;

    private static final FileProvider GENERATED = request -> request.path().equals("/image.bin")
            ? Optional.of(new PatternResource("image.bin", SIZE, true))
            : Optional.empty();

    private static Socket get(InetSocketAddress server, String path, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(server, 5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void aClientClosingEarlyEndsTheTransferWithAFailureEvent() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).listener(events).threads(1).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = get(address, "/image.bin", 64 * 1024)) {
                InputStream in = s.getInputStream();
                in.readNBytes(200_000);
            }
            ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                    e -> e.path().equals("image.bin")).orElseThrow();
            assertThat(failed.reason()).startsWith("client closed the connection after");
            assertThat(failed.bytesSent()).isBetween(200_000L, SIZE - 1);
            assertThat(events.of(ProvisioningEvent.FileServed.class)).isEmpty();
            assertThat(new Curl().run("-r", "0-9", "-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "image.bin").stdout())
                    .as("the only worker thread is free again").isEqualTo("206");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAfterTheStallTimeoutAndFreesItsThread() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).listener(events)
                .threads(1).stallTimeout(Duration.ofSeconds(1)).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = get(address, "/image.bin", 4096)) {
                assertThat(s.isConnected()).isTrue();
                ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                        e -> e.path().equals("image.bin")).orElseThrow();
                assertThat(failed.reason()).startsWith("client stopped reading after");
                assertThat(new Curl().run("-r", "0-9", "-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "image.bin").stdout())
                        .as("the only worker thread is free again").isEqualTo("206");
            }
        }
    }

    @Test
    void anHttpsClientThatStopsReadingIsDroppedToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        RecordingListener events = new RecordingListener();
        TlsConfig tls = TlsConfig.selfSigned(dir, "127.0.0.1");
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).listener(events).https(tls)
                .threads(1).stallTimeout(Duration.ofSeconds(1)).build()) {
            InetSocketAddress address = server.start().localAddress();
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream pem = java.nio.file.Files.newInputStream(tls.certificatePath().orElseThrow())) {
                trust.setCertificateEntry("ztp4j", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            Socket plain = new Socket();
            plain.setReceiveBufferSize(4096);
            plain.connect(address, 5000);
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                    .createSocket(plain, "127.0.0.1", address.getPort(), true)) {
                s.startHandshake();
                s.getOutputStream().write("GET /image.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                        e -> e.path().equals("image.bin")).orElseThrow();
                assertThat(failed.reason()).startsWith("client stopped reading after");
                assertThat(new Curl().run("--cacert", tls.certificatePath().orElseThrow().toString(), "-r", "0-9", "-o", "/dev/null",
                        "-w", "%{http_code}", server.baseUri() + "image.bin").stdout())
                        .as("the only worker thread is free again").isEqualTo("206");
            }
        }
    }

    @Test
    void closeEndsTransfersUnderWayAndReturns() throws Exception {
        RecordingListener events = new RecordingListener();
        HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).listener(events).threads(2).build();
        InetSocketAddress address = server.start().localAddress();
        try (Socket s = get(address, "/image.bin", 4096)) {
            events.await(ProvisioningEvent.FileRequested.class, Eventually.WAIT, e -> e.path().equals("image.bin")).orElseThrow();
            server.close();
            ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                    e -> e.path().equals("image.bin")).orElseThrow();
            assertThat(failed.reason()).startsWith("server stopped after");
            assertThat(s.isConnected()).isTrue();
            try (Socket again = new Socket()) {
                assertThat(connects(again, address)).as("no longer listening").isFalse();
            }
        }
    }

    @Test
    void aResourceShorterThanItsDeclaredSizeBreaksTheConnectionInsteadOfEndingCleanly() throws Exception {
        RecordingListener events = new RecordingListener();
        FileProvider lying = request -> Optional.of(new org.ztp4j.core.FileResource() {
            @Override
            public String name() {
                return "short.bin";
            }

            @Override
            public java.util.OptionalLong size() {
                return java.util.OptionalLong.of(1024 * 1024);
            }

            @Override
            public InputStream openStream() {
                return new java.io.ByteArrayInputStream(new byte[1000]);
            }
        });
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(lying).listener(events).build()) {
            server.start();
            Processes.Result r = new Curl().run("-o", "/dev/null", server.baseUri() + "short.bin");
            assertThat(r.exitCode()).as("curl: transfer closed with outstanding read data remaining").isEqualTo(18);
            ProvisioningEvent.TransferFailed failed = events.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT, e -> true).orElseThrow();
            assertThat(failed.reason()).isEqualTo("the file ended after 1000 of 1048576 bytes");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTransfer() throws Exception {
        FileProvider small = request -> Optional.of(new PatternResource("small.bin", 5000, true));
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(small).listener(event -> {
            throw new IllegalStateException("listener bug");
        }).build()) {
            server.start();
            Processes.Result r = new Curl().run("-o", "/dev/null", "-w", "%{http_code} %{size_download}", server.baseUri() + "small.bin");
            assertThat(r.stdout()).isEqualTo("200 5000");
        }
    }

    @Test
    void startingAndClosingSetsNoSystemProperty() throws Exception {
        Map<Object, Object> before = Map.copyOf(System.getProperties());
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).build()) {
            server.start();
            assertThat(Map.copyOf(System.getProperties())).as("system properties after start").isEqualTo(before);
            assertThat(new Curl().run("-r", "0-9", "-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "image.bin").stdout())
                    .isEqualTo("206");
            assertThat(Map.copyOf(System.getProperties())).as("system properties after a request").isEqualTo(before);
        }
        assertThat(Map.copyOf(System.getProperties())).as("system properties after close").isEqualTo(before);
    }

    @Test
    void servesOverIpv6LoopbackWithABracketedBaseUri() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        boolean available;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, v6)) {
            available = probe.getLocalPort() > 0;
        } catch (java.io.IOException e) {
            available = false;
        }
        org.ztp4j.testing.ExternalTool.requireThat(available, "IPv6 loopback ::1 is not configured");
        try (HttpFileServer server = HttpFileServer.builder().bind(new InetSocketAddress(v6, 0)).fileProvider(GENERATED).build()) {
            int port = server.start().port();
            assertThat(server.baseUri().toString()).isEqualTo("http://[0:0:0:0:0:0:0:1]:" + port + "/");
            Processes.Result r = new Curl().run("-g", "-r", "0-3", "-o", "-", "-w", " %{http_code}", server.baseUri() + "image.bin");
            assertThat(r.stdout()).endsWith(" 206");
            assertThat(r.stdout().getBytes(StandardCharsets.UTF_8)).startsWith(PatternResource.bytes(0, 4));
        }
    }

    private static boolean connects(Socket s, InetSocketAddress address) {
        try {
            s.connect(address, 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aRequestLineWithControlCharactersIsRefusedAndTheServerCarriesOn() throws Exception {
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(GENERATED).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), address.getPort())) {
                s.getOutputStream().write("GET /%2e%2e/%00\u0007 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 400");
            }
            assertThat(new Curl().run("-o", "/dev/null", "-w", "%{http_code}", server.baseUri() + "image.bin?x", "-r", "5-6").stdout())
                    .isEqualTo("206");
        }
    }

    @Test
    void aPortInUseIsAnErrorNamingTheAddressAndPort() throws Exception {
        try (HttpFileServer first = HttpFileServer.builder().fileProvider(GENERATED).build().start()) {
            HttpFileServer second = HttpFileServer.builder().bind(first.localAddress()).fileProvider(GENERATED).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start).isInstanceOf(java.net.BindException.class)
                    .hasMessageStartingWith("cannot bind the HTTP server to 127.0.0.1 port " + first.port() + ": ");
            second.close();
        }
    }
}
