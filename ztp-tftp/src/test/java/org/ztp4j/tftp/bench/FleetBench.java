package org.ztp4j.tftp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A fleet of simulated devices booting at once: {@code FleetBench ROOT TFTP_PORT HTTP_PORT DEVICES
 * DEADLINE_SECONDS}. Device {@code i} fetches {@code poap.py}, {@code conf.FLEET<i>} and
 * {@code image.bin} from ROOT's servers on 127.0.0.1, even devices over TFTP (blksize 1468,
 * windowsize 16), odd ones over HTTP, each file checked by length and CRC-32 against ROOT. Prints
 * {@code key=value} lines: devices, failures, wall time, per-device p50/p99/max. Devices still
 * running at the deadline count as failures. Not a test.
 */
public final class FleetBench {

    private static final String[] FILES = {"poap.py", "conf.%s", "image.bin"};

    private FleetBench() {
    }

    /**
     * @param args root, TFTP port, HTTP port, device count, deadline in seconds
     * @throws Exception when the expected files cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        InetSocketAddress tftp = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
        int httpPort = Integer.parseInt(args[2]);
        int devices = Integer.parseInt(args[3]);
        long deadlineSeconds = Long.parseLong(args[4]);
        Map<String, long[]> expected = new ConcurrentHashMap<>();
        long[] durations = new long[devices];
        Arrays.fill(durations, -1);
        Map<String, AtomicInteger> failures = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(devices);
        for (int i = 0; i < devices; i++) {
            int device = i;
            String serial = serial(i);
            for (String pattern : FILES) {
                String name = String.format(pattern, serial);
                expected.computeIfAbsent(name, n -> lengthAndCrc(root.resolve(n)));
            }
            Thread t = new Thread(null, () -> {
                // A new UDP port for every read (RFC 1350's fresh TID), all opened before the start and
                // kept to the end of the device's boot: a late retransmission, or the server answering a
                // resent request after the read finished, then lands on a socket nobody reads any more,
                // and no device gets a port another one used a moment ago.
                BenchTftpClient[] clients = new BenchTftpClient[FILES.length];
                try {
                    for (int k = 0; device % 2 == 0 && k < clients.length; k++) {
                        clients[k] = new BenchTftpClient(2000, 8);
                    }
                    go.await();
                    long start = System.nanoTime();
                    String failure = null;
                    for (int k = 0; k < FILES.length; k++) {
                        String name = String.format(FILES[k], serial);
                        failure = clients[k] != null ? fetchTftp(clients[k], tftp, name, expected.get(name))
                                : fetchHttp(httpPort, name, expected.get(name));
                        if (failure != null) {
                            break;
                        }
                    }
                    if (failure == null) {
                        durations[device] = System.nanoTime() - start;
                    } else {
                        synchronized (failures) {
                            String kind = failure.replaceAll("[0-9]+", "N");
                            failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                            if (examples.size() < 5) {
                                examples.add(serial + ": " + failure);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    synchronized (failures) {
                        failures.computeIfAbsent("socket: " + e, k -> new AtomicInteger()).incrementAndGet();
                    }
                } finally {
                    for (BenchTftpClient c : clients) {
                        if (c != null) {
                            c.close();
                        }
                    }
                    done.countDown();
                }
            }, "device-" + serial, 256 * 1024);
            t.setDaemon(true);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        boolean finished = done.await(deadlineSeconds, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        long[] ok;
        synchronized (failures) {
            ok = Arrays.stream(durations).filter(d -> d >= 0).sorted().toArray();
        }
        System.out.println("devices=" + devices);
        System.out.println("completed=" + ok.length);
        System.out.println("failures=" + (devices - ok.length));
        System.out.println("finished_before_deadline=" + finished);
        System.out.printf("wall_seconds=%.1f%n", wall / 1e9);
        System.out.printf("p50_seconds=%.2f%n", BurstBench.percentile(ok, 50));
        System.out.printf("p99_seconds=%.2f%n", BurstBench.percentile(ok, 99));
        System.out.printf("max_seconds=%.2f%n", ok.length == 0 ? 0 : ok[ok.length - 1] / 1e9);
        for (int parity = 0; parity < 2; parity++) {
            int p = parity;
            long[] mine;
            synchronized (failures) {
                mine = java.util.stream.IntStream.range(0, devices).filter(i -> i % 2 == p && durations[i] >= 0)
                        .mapToLong(i -> durations[i]).sorted().toArray();
            }
            String how = parity == 0 ? "tftp" : "http";
            System.out.printf("%s_p50_seconds=%.2f%n%s_p99_seconds=%.2f%n", how, BurstBench.percentile(mine, 50), how, BurstBench.percentile(mine, 99));
        }
        long bytes = expected.get("image.bin")[0] + expected.get("poap.py")[0] + expected.get(String.format(FILES[1], serial(0)))[0];
        System.out.printf("aggregate_mib_per_s=%.0f%n", ok.length * (double) bytes / (1 << 20) / (wall / 1e9));
        synchronized (failures) {
            failures.forEach((k, v) -> System.out.println("failure_kind=" + v + " x " + k));
            examples.forEach(e -> System.out.println("failure_example=" + e));
        }
        System.exit(ok.length == devices ? 0 : 1);
    }

    static String serial(int i) {
        return String.format("FLEET%05d", i);
    }

    private static String fetchTftp(BenchTftpClient client, InetSocketAddress server, String name, long[] want) {
        try {
            BenchTftpClient.Result r = client.read(server, name, 1468, 16);
            if (!r.ok()) {
                return "tftp " + name + ": error " + r.errorCode() + " " + r.message();
            }
            return check("tftp", name, want, r.bytes(), r.crc32());
        } catch (IOException e) {
            return "tftp " + name + ": " + e;
        }
    }

    private static String fetchHttp(int port, String name, long[] want) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/" + name).toURL().openConnection();
            c.setConnectTimeout(30_000);
            c.setReadTimeout(60_000);
            int status = c.getResponseCode();
            if (status != 200) {
                return "http " + name + ": status " + status;
            }
            CRC32 crc = new CRC32();
            long n = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = c.getInputStream()) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, r);
                    n += r;
                }
            }
            return check("http", name, want, n, crc.getValue());
        } catch (IOException e) {
            return "http " + name + ": " + e;
        }
    }

    private static String check(String how, String name, long[] want, long bytes, long crc) {
        if (bytes != want[0] || crc != want[1]) {
            return how + " " + name + ": got " + bytes + " bytes crc " + Long.toHexString(crc) + ", want " + want[0];
        }
        return null;
    }

    private static long[] lengthAndCrc(Path file) {
        CRC32 crc = new CRC32();
        long n = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
                n += r;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new long[] {n, crc.getValue()};
    }
}
