package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.testing.Processes;

/**
 * The JDK server this one replaced kept about 5 KB of heap, forever, for each request whose client
 * went away early: 24,500 of them filled a 128 MB heap. Here 50,000 such requests, on loopback,
 * must leave the heap where it was, close every connection, and leave the server serving.
 */
class HttpAbortedRequestsIT {

    private static final int REQUESTS = 50_000;
    private static final int CLIENTS = 16;
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path tmp;

    @Test
    void fiftyThousandRequestsWhoseClientsLeaveEarlyLeaveTheHeapAndConnectionsAsTheyWere() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        byte[] image = new byte[(int) MIB];
        new Random(7).nextBytes(image);
        Files.write(root.resolve("image.bin"), image);
        // Sixteen clients on four addresses abort faster than the server closes: not what the per-address cap is about.
        try (HttpFileServer server = HttpFileServer.builder().fileProvider(new DirectoryFileProvider(root))
                .maxConnectionsPerClient(4096).build()) {
            InetSocketAddress address = server.start().localAddress();
            Curl curl = new Curl();
            // Warm up: the engine's buffers, pools and classes exist before the first measure.
            abortInParallel(address, 2_000);
            assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code} %{size_download}", server.baseUri() + "image.bin").stdout())
                    .isEqualTo("200 " + MIB);
            awaitNoConnections(server);
            long before = usedHeapAfterGc();

            int refused = abortInParallel(address, REQUESTS);

            awaitNoConnections(server);
            long after = usedHeapAfterGc();
            System.out.printf("HttpAbortedRequestsIT: used heap %.1f MiB before, %.1f MiB after %d aborted requests"
                    + " (%d connections refused by the client's own limits)%n", before / (double) MIB, after / (double) MIB,
                    REQUESTS, refused);
            assertThat(refused).as("connections that could not even be opened").isLessThan(REQUESTS / 100);
            assertThat(after).as("used heap after, in bytes (before: %d)", before).isLessThan(before + 16 * MIB);
            assertThat(server.openConnections()).isZero();

            Path out = tmp.resolve("after.bin");
            Processes.Result r = curl.run("-o", out.toString(), "-w", "%{http_code}", server.baseUri() + "image.bin");
            assertThat(r.stdout()).as(r.stderr()).isEqualTo("200");
            assertThat(Files.readAllBytes(out)).isEqualTo(image);
        }
    }

    /**
     * Sends {@code count} GETs for the 1 MiB image, each on its own connection closed right after
     * the request, from a few client threads; the source addresses vary over 127.0.0.1..4 so that
     * closed client ports waiting out TIME_WAIT do not run out.
     *
     * @return how many connections could not be opened at all
     */
    private static int abortInParallel(InetSocketAddress server, int count) throws Exception {
        byte[] get = "GET /image.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i % 4)});
                        try (Socket s = new Socket()) {
                            s.bind(new InetSocketAddress(from, 0));
                            s.connect(server, 5000);
                            OutputStream o = s.getOutputStream();
                            o.write(get);
                            o.flush();
                        } catch (IOException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return refused.get();
    }

    private static void awaitNoConnections(HttpFileServer server) throws InterruptedException {
        for (int i = 0; i < 600 && server.openConnections() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(server.openConnections()).as("connections still open").isZero();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
