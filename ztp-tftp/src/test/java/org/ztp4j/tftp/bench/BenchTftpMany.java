package org.ztp4j.tftp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Many TFTP reads at once from one process, for the bench scripts: {@code BenchTftpMany PORT FILE
 * COUNT BLKSIZE} starts COUNT threads that each read FILE's name from 127.0.0.1:PORT in lockstep
 * (blksize BLKSIZE, one socket each) and checks length and CRC-32 against FILE. Prints
 * {@code wall_seconds=}, {@code ok=}, {@code p50_seconds=} and {@code max_seconds=}; exits 1 when a
 * read failed. One JVM costs the client side far less CPU per datagram than a process per read, so
 * the server, not the clients, sets the pace. Not a test.
 */
public final class BenchTftpMany {

    private BenchTftpMany() {
    }

    /**
     * @param args port, path of the file the server serves under its name, count, blksize
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        Path file = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        int blockSize = Integer.parseInt(args[3]);
        long[] want = lengthAndCrc(file);
        long[] durations = new long[count];
        AtomicInteger ok = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int reader = i;
            BenchTftpClient client = new BenchTftpClient(2000, 10);
            Thread t = new Thread(null, () -> {
                try (client) {
                    go.await();
                    long start = System.nanoTime();
                    BenchTftpClient.Result r = client.read(server, file.getFileName().toString(), blockSize, 1);
                    durations[reader] = System.nanoTime() - start;
                    if (r.ok() && r.bytes() == want[0] && r.crc32() == want[1]) {
                        ok.incrementAndGet();
                    } else {
                        System.err.println("read " + reader + ": " + r);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    System.err.println("read " + reader + ": " + e);
                } finally {
                    done.countDown();
                }
            }, "read-" + i, 256 * 1024);
            t.setDaemon(true);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long wall = System.nanoTime() - start;
        Arrays.sort(durations);
        System.out.printf("wall_seconds=%.3f%nok=%d%np50_seconds=%.3f%nmax_seconds=%.3f%n",
                wall / 1e9, ok.get(), durations[count / 2] / 1e9, durations[count - 1] / 1e9);
        System.exit(ok.get() == count ? 0 : 1);
    }

    private static long[] lengthAndCrc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
                n += r;
            }
        }
        return new long[] {n, crc.getValue()};
    }
}
