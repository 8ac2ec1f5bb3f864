package org.ztp4j.tftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.ztp4j.core.files.DirectoryFileProvider;

/**
 * Runs the TFTP server for bench/tftp/bench.sh: {@code TftpBenchServer ROOT PORT [PEAK_HEAP_FILE]}
 * serves ROOT on 127.0.0.1:PORT until killed, and on exit writes the peak heap use in bytes (the
 * highest used heap seen by sampling every 10 ms; java.management is not readable from this module)
 * to PEAK_HEAP_FILE. Not a test.
 */
public final class TftpBenchServer {

    private TftpBenchServer() {
    }

    /**
     * @param args root directory, port, optional file for the peak heap
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path peakFile = args.length > 2 ? Path.of(args[2]) : null;
        TftpServer server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .fileProvider(new DirectoryFileProvider(root))
                .maxSessions(4096)
                .maxSessionsPerClient(4096)
                .maxWindowBytes(Integer.getInteger("ztp.bench.maxWindowBytes", 64 << 10))
                .busyPoll(Duration.ofNanos(1000L * Integer.getInteger("ztp.bench.busyPollMicros", 50)))
                .networkThreads(Integer.getInteger("ztp.bench.networkThreads", Math.min(4, Runtime.getRuntime().availableProcessors())))
                .build()
                .start();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (done.getCount() > 0) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (peakFile != null) {
                try {
                    Files.writeString(peakFile, Long.toString(peak.get()));
                } catch (java.io.IOException e) {
                    System.err.println("cannot write " + peakFile + ": " + e);
                }
            }
            done.countDown();
        }));
        System.out.println("listening on " + server.localAddress());
        done.await();
    }
}
