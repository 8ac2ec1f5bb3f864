package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * A burst of devices beyond what the server serves at once: the ones beyond wait their turn and get
 * their files; a device is turned away only when the waiting queue is full too. The limits are
 * lowered ({@code connectionLimits}) so that the burst takes dozens of sockets, not thousands; the
 * provider holds every answer until the whole burst is connected, so the limits are surely reached.
 */
class HttpBurstIT {

    @TempDir
    Path tmp;

    @Test
    void moreDevicesThanTheServerServesAtOnceAllGetTheirFile() throws Exception {
        int served = 4;
        int devices = 40;
        Path root = files(devices);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(held(root, release, asked))
                .maxConnectionsPerClient(1024).connectionLimits(served, 64).build()) {
            InetSocketAddress address = server.start().localAddress();
            ExecutorService clients = Executors.newFixedThreadPool(devices);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < devices; i++) {
                    int device = i;
                    answers.add(clients.submit(() -> fetch(address, "/conf.DEV" + device)));
                }
                await(() -> server.openConnections() == devices && asked.get() == served,
                        () -> "connections open " + server.openConnections() + ", requests taken " + asked.get());
                assertThat(server.waitingConnections()).isEqualTo(devices - served);
                release.countDown();
                for (int i = 0; i < devices; i++) {
                    Answer a = answers.get(i).get(120, TimeUnit.SECONDS);
                    assertThat(a.status()).as("device %d: %s", i, a.head()).isEqualTo(200);
                    assertThat(a.body()).as("device %d", i).isEqualTo(content(i));
                }
                assertThat(asked.get()).isEqualTo(devices);
                await(() -> server.openConnections() == 0, () -> server.openConnections() + " connections still open");
            } finally {
                release.countDown();
                clients.shutdownNow();
            }
        }
    }

    /** Over HTTPS a waiting connection has no TLS handler yet: its handshake starts once it is served. */
    @Test
    void overHttpsTooTheDevicesBeyondWaitAndGetTheirFile() throws Exception {
        int served = 3;
        int devices = 12;
        Path root = files(devices);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        SSLSocketFactory trusting = trustingEverything();
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(held(root, release, asked))
                .https(TlsConfig.selfSigned(tmp.resolve("tls"), "127.0.0.1")).maxConnectionsPerClient(1024).connectionLimits(served, 64).build()) {
            InetSocketAddress address = server.start().localAddress();
            ExecutorService clients = Executors.newFixedThreadPool(devices);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < devices; i++) {
                    int device = i;
                    answers.add(clients.submit(() -> {
                        try (Socket plain = new Socket()) {
                            plain.setSoTimeout(120_000);
                            plain.connect(address, 10_000);
                            SSLSocket tls = (SSLSocket) trusting.createSocket(plain, "127.0.0.1", address.getPort(), true);
                            tls.startHandshake();
                            return exchange(tls, "/conf.DEV" + device);
                        }
                    }));
                }
                await(() -> server.openConnections() == devices && asked.get() == served,
                        () -> "connections open " + server.openConnections() + ", requests taken " + asked.get());
                release.countDown();
                for (int i = 0; i < devices; i++) {
                    Answer a = answers.get(i).get(120, TimeUnit.SECONDS);
                    assertThat(a.status()).as("device %d: %s", i, a.head()).isEqualTo(200);
                    assertThat(a.body()).as("device %d", i).isEqualTo(content(i));
                }
            } finally {
                release.countDown();
                clients.shutdownNow();
            }
        }
    }

    private static SSLSocketFactory trustingEverything() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the test's own self-signed server
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context.getSocketFactory();
    }

    @Test
    void aDeviceIsTurnedAwayOnlyWhenTheWaitingQueueIsFull() throws Exception {
        int served = 2;
        int waiting = 3;
        Path root = files(served + waiting + 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(held(root, release, asked))
                .maxConnectionsPerClient(1024).connectionLimits(served, waiting).build()) {
            InetSocketAddress address = server.start().localAddress();
            ExecutorService clients = Executors.newFixedThreadPool(served + waiting);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < served + waiting; i++) {
                    int device = i;
                    answers.add(clients.submit(() -> fetch(address, "/conf.DEV" + device)));
                }
                await(() -> asked.get() == served && server.waitingConnections() == waiting,
                        () -> "requests taken " + asked.get() + ", waiting " + server.waitingConnections());

                Answer refused = fetch(address, "/conf.DEV" + (served + waiting));
                assertThat(refused.status()).as("the device beyond the queue gets no answer").isEqualTo(-1);
                assertThat(server.waitingConnections()).isEqualTo(waiting);

                release.countDown();
                for (int i = 0; i < served + waiting; i++) {
                    Answer a = answers.get(i).get(120, TimeUnit.SECONDS);
                    assertThat(a.status()).as("device %d: %s", i, a.head()).isEqualTo(200);
                    assertThat(a.body()).isEqualTo(content(i));
                }
                // With the queue empty again, the next device is served, and its connection kept open.
                Answer later = fetch(address, "/conf.DEV0");
                assertThat(later.status()).isEqualTo(200);
                assertThat(later.closing()).as(later.head()).isFalse();
            } finally {
                release.countDown();
                clients.shutdownNow();
            }
        }
    }

    /**
     * A device that keeps its answered connection open and idle gives its place up to one that waits
     * well before the 30 s ({@link HttpFileServer#DEFAULT_IDLE_TIMEOUT}) an idle connection otherwise
     * stays open: it is closed once it has been idle for 5 s while others wait.
     */
    @Test
    void anIdleKeepAliveConnectionGivesItsPlaceToAWaitingOne() throws Exception {
        Path root = files(2);
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(new DirectoryFileProvider(root))
                .maxConnectionsPerClient(1024).connectionLimits(1, 4).build()) {
            InetSocketAddress address = server.start().localAddress();
            try (Socket idle = new Socket()) {
                idle.setSoTimeout(120_000);
                idle.connect(address, 10_000);
                Answer first = exchange(idle, "/conf.DEV0");
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.closing()).as("kept alive while nobody waits").isFalse();
                long t0 = System.nanoTime();
                Answer waited = fetch(address, "/conf.DEV1");
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
                assertThat(waited.status()).as(waited.head()).isEqualTo(200);
                assertThat(waited.body()).isEqualTo(content(1));
                assertThat(seconds).as("the idle connection held the only place for").isLessThan(HttpFileServer.DEFAULT_IDLE_TIMEOUT.toSeconds());
                assertThat(idle.getInputStream().read()).as("the idle connection was closed").isEqualTo(-1);
            }
        }
    }

    private Path files(int count) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (int i = 0; i < count; i++) {
            Files.write(root.resolve("conf.DEV" + i), content(i));
        }
        return root;
    }

    private static byte[] content(int device) {
        return ("hostname dev" + device + "\n" + "interface mgmt0\n".repeat(device + 1)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The directory's files, each answer held until {@code release}; counts the requests taken. */
    private static FileProvider held(Path root, CountDownLatch release, AtomicInteger asked) {
        DirectoryFileProvider files = new DirectoryFileProvider(root);
        return request -> {
            asked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return files.open(request);
        };
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(state.get()).isTrue();
    }

    /**
     * @param status  the status code, or -1 when the connection ended (or was reset) before an answer
     * @param head    the status line and header fields
     * @param body    the body
     * @param closing whether the server said {@code Connection: close} (or closed before answering)
     */
    private record Answer(int status, String head, byte[] body, boolean closing) {
    }

    /** One GET over HTTP/1.1 with keep-alive, as a device's client sends it; reads the answer by its Content-Length. */
    private static Answer fetch(InetSocketAddress server, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(120_000);
            s.connect(server, 10_000);
            return exchange(s, path);
        }
    }

    /** One GET on an open connection; reads the answer by its Content-Length. */
    private static Answer exchange(Socket s, String path) throws IOException {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: ztp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(-1, head.toString(StandardCharsets.ISO_8859_1), new byte[0], true);
                }
                head.write(b);
            }
        } catch (java.net.SocketException reset) {
            return new Answer(-1, reset.toString(), new byte[0], true);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        boolean closing = false;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        return new Answer(status, text, in.readNBytes(length), closing);
    }
}
