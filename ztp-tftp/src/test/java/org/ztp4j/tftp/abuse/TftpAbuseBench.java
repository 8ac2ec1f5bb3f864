package org.ztp4j.tftp.abuse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.tftp.TftpServer;

/**
 * How fast a well-behaved client downloads while others abuse the server:
 * {@code TftpAbuseBench OUT_MD [SIZE_MIB] [RUNS]} starts a {@link TftpServer} with its default limits
 * on 127.0.0.1, times a windowed download of a SIZE_MIB file from 127.0.0.3 (blksize 1468,
 * windowsize 16) with no abuse, then during each abuse scenario, and writes a markdown section to
 * OUT_MD. Server and clients share this JVM, so the heap figures include the clients. Not a test.
 */
public final class TftpAbuseBench {

    private static final int BLOCK = 1468;
    private static final int WINDOW = 16;

    private final TftpServer server;
    private final String sha;
    private final AtomicInteger peakSessions = new AtomicInteger();
    private final AtomicLong peakHeap = new AtomicLong();

    private TftpAbuseBench(TftpServer server, String sha) {
        this.server = server;
        this.sha = sha;
    }

    /**
     * @param args output file, optional file size in MiB (default 32) and runs per scenario (default 3)
     * @throws Exception when the server cannot start or a download comes out wrong
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int sizeMib = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Files.createTempDirectory("ztp-abuse-bench");
        byte[] image = new byte[sizeMib << 20];
        new Random(7).nextBytes(image);
        Files.write(root.resolve("image.bin"), image);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        image = null;
        try (TftpServer server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .build()
                .start()) {
            TftpAbuseBench bench = new TftpAbuseBench(server, sha);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> bench.sample(sampling), "sampler");
            sampler.setDaemon(true);
            sampler.start();
            for (int i = 0; i < 3; i++) {
                bench.download(); // warm-up: let the JIT compile the hot path
            }
            List<String> rows = new ArrayList<>();
            double quiet = 0;
            for (Scenario s : Scenario.values()) {
                System.gc();
                bench.peakSessions.set(0);
                bench.peakHeap.set(0);
                double[] secs = new double[runs];
                for (int r = 0; r < runs; r++) {
                    secs[r] = bench.timed(s);
                }
                Arrays.sort(secs);
                double median = secs[runs / 2];
                if (s == Scenario.QUIET) {
                    quiet = median;
                }
                String row = String.format("| %s | %.2f | %.1f | %.2f | %d | %d |", s.label, median, sizeMib / median,
                        quiet / median, bench.peakSessions.get(), bench.peakHeap.get() >> 20);
                System.out.println(row);
                rows.add(row);
            }
            sampling.set(false);
            Files.writeString(out, section(sizeMib, runs, rows));
        } finally {
            Files.deleteIfExists(root.resolve("image.bin"));
            Files.deleteIfExists(root);
        }
    }


    private enum Scenario {
        QUIET("no abuse (baseline)"),
        FLOOD("RRQ flood: 10,000-request rounds from 127.0.0.4 over 20 ports, never ACKed"),
        HALF_OPEN("200 half-open transfers (127.0.0.10-59, 4 each), never ACKed"),
        STUCK_ACK("4 clients on 127.0.0.5 ACKing block 1 every ms"),
        ALL("all three at once");

        final String label;

        Scenario(String label) {
            this.label = label;
        }
    }

    private double timed(Scenario s) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> abusers = new ArrayList<>();
        List<DatagramChannel> halfOpen = new ArrayList<>();
        InetSocketAddress to = server.localAddress();
        try {
            if (s == Scenario.FLOOD || s == Scenario.ALL) {
                abusers.add(abuser("flood", stop, () -> AbuseClients.flood(to, address(4), 10_000, 20, "image.bin",
                        Duration.ofSeconds(10))));
            }
            if (s == Scenario.STUCK_ACK || s == Scenario.ALL) {
                for (int i = 0; i < 4; i++) {
                    abusers.add(abuser("stuck-ack-" + i, stop, () -> AbuseClients.ackBlockOneForever(to, address(5), "image.bin",
                            Duration.ofMillis(1), Duration.ofSeconds(60))));
                }
            }
            if (s == Scenario.HALF_OPEN || s == Scenario.ALL) {
                for (int a = 10; a < 60; a++) {
                    halfOpen.addAll(AbuseClients.halfOpen(to, address(a), 4, "image.bin"));
                }
            }
            for (Thread t : abusers) {
                t.start();
            }
            Thread.sleep(200); // let the abuse reach the server first
            return download();
        } finally {
            stop.set(true);
            for (Thread t : abusers) {
                t.join(70_000);
            }
            AbuseClients.closeAll(halfOpen);
            // let the server reap what the abuse left (default timeout 1 s, 5 retries: 31 s at most)
            long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (server.activeTransfers() > 0 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }
    }

    private double download() throws IOException {
        AbuseClients.Download d = AbuseClients.download(server.localAddress(), address(3), "image.bin", BLOCK, WINDOW,
                Duration.ofMillis(200), 50);
        if (!d.ok() || !d.sha256().equals(sha)) {
            throw new IllegalStateException("download failed or came out wrong: " + d);
        }
        return d.nanos() / 1e9;
    }

    /** Something an abuser does once; it is repeated until told to stop. */
    private interface Round {
        Object run() throws IOException;
    }

    private static Thread abuser(String name, AtomicBoolean stop, Round round) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 1000 && !stop.get(); i++) {
                try {
                    round.run();
                } catch (IOException e) {
                    System.err.println(name + ": " + e);
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private void sample(AtomicBoolean running) {
        Runtime rt = Runtime.getRuntime();
        long end = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (running.get() && System.nanoTime() < end) {
            peakSessions.accumulateAndGet(server.activeTransfers(), Math::max);
            peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
            AbuseClients.sleep(10);
        }
    }

    private static InetAddress address(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static String section(int sizeMib, int runs, List<String> rows) {
        StringBuilder b = new StringBuilder();
        b.append("## TFTP under abuse\n\n");
        b.append("`bench/abuse/bench.sh ").append(sizeMib).append(' ').append(runs).append("` on ")
                .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", loopback.\n");
        b.append("One `TftpServer` with its default limits (maxSessions 1024, maxSessionsPerClient 8, timeout 1 s, retries 5)\n");
        b.append("serves a ").append(sizeMib).append(" MiB file; a well-behaved client on 127.0.0.3 downloads it (blksize ")
                .append(BLOCK).append(", windowsize ").append(WINDOW).append(", SHA-256 checked)\n");
        b.append("while the abuse runs. Time is the median of ").append(runs)
                .append(" downloads per scenario; ratio = baseline time / this time (1.00: no slowdown).\n");
        b.append("Peak sessions: the most transfers the server held at once (its `activeTransfers()`, sampled every 10 ms);\n");
        b.append("peak heap: the most heap in use in the JVM, which runs the server and every client, sampled likewise.\n");
        b.append("The machine is shared and noisy: read the ratios, not the absolute numbers.\n\n");
        b.append("| scenario | time (s) | MiB/s | ratio to baseline | peak sessions | peak heap (MiB) |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String r : rows) {
            b.append(r).append('\n');
        }
        b.append('\n');
        return b.toString();
    }
}
