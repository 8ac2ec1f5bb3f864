package org.ztp4j.tftp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.http.HttpFileServer;
import org.ztp4j.tftp.TftpServer;

/**
 * The servers the bench scripts measure: {@code BenchServers ROOT TFTP_PORT HTTP_PORT STATS_FILE
 * [HTTP_THREADS] [TFTP_SESSIONS]} serves ROOT over TFTP and HTTP on 127.0.0.1 (port 0 picks one;
 * the chosen ports are printed as {@code tftp=P http=P}) until stdin closes or the JVM is told to
 * stop, then writes {@code peak_heap_bytes}, {@code peak_threads} and {@code max_heap_bytes} to
 * STATS_FILE. The peaks come from the platform MXBeans (the heap sampled every 20 ms, the thread
 * count from the JVM's own peak). Not a test.
 */
public final class BenchServers {

    private BenchServers() {
    }

    /**
     * @param args root, TFTP port, HTTP port, stats file, optional HTTP worker threads and TFTP session cap
     * @throws Exception when a server cannot start
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Path stats = Path.of(args[3]);
        int httpThreads = args.length > 4 ? Integer.parseInt(args[4]) : HttpFileServer.DEFAULT_THREADS;
        int sessions = args.length > 5 ? Integer.parseInt(args[5]) : 1024;
        DirectoryFileProvider files = new DirectoryFileProvider(root);
        TftpServer.Builder tftpBuilder = TftpServer.builder()
                .bind(new InetSocketAddress(loopback, Integer.parseInt(args[1])))
                .fileProvider(files)
                .maxSessions(sessions)
                .maxSessionsPerClient(sessions) // every simulated device shares 127.0.0.1
                .timeout(Duration.ofSeconds(1));
        Integer busyPollMicros = Integer.getInteger("ztp.bench.busyPollMicros");
        if (busyPollMicros != null) {
            tftpBuilder.busyPoll(Duration.ofNanos(busyPollMicros * 1000L));
        }
        TftpServer tftp = tftpBuilder.build().start();
        HttpFileServer http = HttpFileServer.builder()
                .bind(new InetSocketAddress(loopback, Integer.parseInt(args[2])))
                .fileProvider(files)
                .threads(httpThreads)
                .maxConnectionsPerClient(12_288) // FleetBench's devices all connect from 127.0.0.1
                .build()
                .start();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakDirect = new AtomicLong();
        CountDownLatch stop = new CountDownLatch(1);
        Thread sampler = new Thread(() -> {
            while (stop.getCount() > 0) {
                peakHeap.accumulateAndGet(Mx.heapUsed(), Math::max);
                peakDirect.accumulateAndGet(Mx.directUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Runnable shutdown = () -> {
            if (stop.getCount() == 0) {
                return;
            }
            peakHeap.accumulateAndGet(Mx.heapUsed(), Math::max);
            long threads = Mx.peakThreads();
            http.close();
            tftp.close();
            try {
                Files.writeString(stats, "peak_heap_bytes=" + peakHeap.get() + "\npeak_direct_bytes=" + peakDirect.get()
                        + "\npeak_threads=" + threads
                        + "\nmax_heap_bytes=" + Runtime.getRuntime().maxMemory() + "\n");
            } catch (IOException e) {
                System.err.println("cannot write " + stats + ": " + e);
            }
            stop.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        System.out.println("tftp=" + tftp.port() + " http=" + http.port());
        System.out.flush();
        // stop when the script closes our stdin (or kills us: the hook writes the stats then)
        while (System.in.read() >= 0) {
            // drain
        }
        shutdown.run();
        System.exit(0);
    }
}
