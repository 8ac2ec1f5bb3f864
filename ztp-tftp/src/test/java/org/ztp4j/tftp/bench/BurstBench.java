package org.ztp4j.tftp.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A burst of devices booting at once, each from an address of its own, each reading two files over
 * plain RFC 1350 TFTP (512-byte blocks, no options) as a boot loader does: {@code BurstBench PORT
 * DEVICES DEADLINE_SECONDS SCRIPT CONFIG_PATTERN [SAVE_DIR]}. Device {@code i} sends from
 * {@code 127.A.B.C} (its own address on the loopback network), reads SCRIPT and then
 * {@code CONFIG_PATTERN} with {@code %s} replaced by its serial ({@code BRST00001}, ...), resending
 * its last packet after 5 s without an answer and giving up after 4 resends (25 s without progress),
 * as tftp-hpa's client does by default ({@code rexmt 5}, {@code timeout 25}). Any ERROR packet, or giving up, is a failure: a real device starts its boot sequence again.
 * One thread drives every device with a selector. With SAVE_DIR, every file read is written there
 * (to serve the same bytes from other servers). Prints {@code key=value} lines. Not a test.
 */
public final class BurstBench {

    /** tftp-hpa's client defaults: resend after 5 s ("rexmt 5"), give up after 25 s without progress ("timeout 25"). */
    private static final int TIMEOUT_MILLIS = 5000;
    private static final int RETRIES = 4;
    /** Where read files are written, or null. */
    private static Path save;

    private BurstBench() {
    }

    /** One device: which file it reads, and where it is in the transfer. */
    private static final class Device {
        final int index;
        final DatagramChannel channel;
        final String[] files;
        int file;
        InetSocketAddress tid;
        int expected = 1;
        ByteBuffer last;
        InetSocketAddress lastTo;
        long deadline;
        int tries;
        long started;
        long finished = -1;
        String failure;
        java.io.ByteArrayOutputStream saved;

        Device(int index, DatagramChannel channel, String[] files) {
            this.index = index;
            this.channel = channel;
            this.files = files;
        }
    }

    /**
     * @param args port, devices, deadline in seconds, script name, config pattern, optional save folder
     * @throws Exception when sockets cannot be opened
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        long deadlineNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        String script = args[3];
        String pattern = args[4];
        save = args.length > 5 ? Path.of(args[5]) : null;
        Selector selector = Selector.open();
        Device[] devices = new Device[count];
        for (int i = 0; i < count; i++) {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 64 << 10);
            ch.bind(new InetSocketAddress(address(i), 0));
            ch.configureBlocking(false);
            devices[i] = new Device(i, ch, new String[] {script, String.format(pattern, serial(i))});
            ch.register(selector, SelectionKey.OP_READ, devices[i]);
        }
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        long t0 = System.nanoTime();
        for (Device d : devices) {
            d.started = t0;
            request(d, server, t0);
        }
        int running = count;
        long lastScan = t0;
        while (running > 0 && System.nanoTime() - t0 < deadlineNanos) {
            selector.select(50);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Device d = (Device) key.attachment();
                while (d.finished < 0) {
                    in.clear();
                    InetSocketAddress from = (InetSocketAddress) d.channel.receive(in);
                    if (from == null) {
                        break;
                    }
                    in.flip();
                    if (onPacket(d, server, from, in, now)) {
                        running--;
                    }
                }
            }
            selector.selectedKeys().clear();
            if (now - lastScan > 20_000_000L) {
                lastScan = now;
                for (Device d : devices) {
                    if (d.finished < 0 && now - d.deadline >= 0) {
                        if (++d.tries > RETRIES) {
                            d.failure = "gave up on " + d.files[d.file] + " after " + RETRIES + " resends";
                            d.finished = now;
                            running--;
                        } else {
                            send(d, d.last.duplicate(), d.lastTo, now);
                        }
                    }
                }
            }
        }
        long wall = System.nanoTime() - t0;
        report(devices, wall);
    }

    /** @return true when the device is done (both files read, or failed) */
    private static boolean onPacket(Device d, InetSocketAddress server, InetSocketAddress from, ByteBuffer p, long now)
            throws IOException {
        if (p.remaining() < 4 || !from.getAddress().equals(server.getAddress())) {
            return false;
        }
        if (d.tid == null) {
            d.tid = from;
        } else if (!d.tid.equals(from)) {
            return false; // another TID: not this transfer's
        }
        int opcode = p.getShort(0) & 0xFFFF;
        if (opcode == 5) {
            int code = p.getShort(2) & 0xFFFF;
            byte[] text = new byte[Math.max(0, p.remaining() - 5)];
            p.position(4);
            p.get(text);
            d.failure = "ERROR " + code + " \"" + new String(text, StandardCharsets.US_ASCII) + "\" on " + d.files[d.file];
            d.finished = now;
            return true;
        }
        if (opcode != 3) {
            return false;
        }
        int block = p.getShort(2) & 0xFFFF;
        int length = p.remaining() - 4;
        if (block == (d.expected & 0xFFFF)) {
            if (d.saved != null) {
                d.saved.write(toArray(p, 4, length));
            }
            d.expected++;
            d.tries = 0;
            ByteBuffer ack = ack(block);
            send(d, ack, d.tid, now);
            if (length < 512) {
                if (d.saved != null) {
                    Path target = save.resolve(d.files[d.file]);
                    if (!Files.exists(target)) {
                        try (OutputStream out = Files.newOutputStream(target)) {
                            d.saved.writeTo(out);
                        }
                    }
                }
                d.file++;
                if (d.file == d.files.length) {
                    d.finished = now;
                    return true;
                }
                d.tid = null;
                d.expected = 1;
                request(d, server, now);
            }
        } else if (block == ((d.expected - 1) & 0xFFFF)) {
            send(d, ack(block), d.tid, now); // our ACK was lost: acknowledge again
        }
        return false;
    }

    private static byte[] toArray(ByteBuffer p, int from, int length) {
        byte[] b = new byte[length];
        p.get(from, b);
        return b;
    }

    private static void request(Device d, InetSocketAddress server, long now) throws IOException {
        byte[] name = d.files[d.file].getBytes(StandardCharsets.US_ASCII);
        ByteBuffer rrq = ByteBuffer.allocate(2 + name.length + 1 + 6);
        rrq.putShort((short) 1).put(name).put((byte) 0).put("octet".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).flip();
        d.tries = 0;
        d.saved = save == null ? null : new java.io.ByteArrayOutputStream();
        send(d, rrq, server, now);
    }

    private static ByteBuffer ack(int block) {
        return ByteBuffer.allocate(4).putShort((short) 4).putShort((short) block).flip();
    }

    private static void send(Device d, ByteBuffer packet, InetSocketAddress to, long now) throws IOException {
        d.last = packet.duplicate();
        d.lastTo = to;
        d.deadline = now + TIMEOUT_MILLIS * 1_000_000L;
        d.channel.send(packet, to);
    }

    private static void report(Device[] devices, long wallNanos) {
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long[] times = new long[devices.length];
        int done = 0;
        int failures = 0;
        for (Device d : devices) {
            if (d.finished < 0) {
                d.failure = "still reading " + d.files[d.file] + " at the deadline";
            }
            if (d.failure != null) {
                failures++;
                kinds.merge(d.failure.replaceAll("BRST\\d+", "BRSTn").replaceAll("\\d+ resends", "N resends"), 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add(serial(d.index) + ": " + d.failure);
                }
            } else {
                times[done++] = d.finished - d.started;
            }
        }
        printSummary(devices.length, failures, Arrays.copyOf(times, done), wallNanos, kinds, examples);
    }

    /**
     * Prints what every burst bench prints at its end, as {@code key=value} lines.
     *
     * @param devices   devices in the burst
     * @param failures  devices that failed
     * @param times     how long each device that succeeded took, in nanoseconds (sorted here)
     * @param wallNanos the whole burst
     * @param kinds     failures by kind
     * @param examples  the first failures, each naming its device
     */
    static void printSummary(int devices, int failures, long[] times, long wallNanos, Map<String, Integer> kinds,
                             List<String> examples) {
        Arrays.sort(times);
        System.out.println("devices=" + devices);
        System.out.println("failures=" + failures);
        System.out.printf("wall_seconds=%.1f%n", wallNanos / 1e9);
        System.out.printf("p50_seconds=%.2f%n", percentile(times, 50));
        System.out.printf("p99_seconds=%.2f%n", percentile(times, 99));
        System.out.printf("max_seconds=%.2f%n", percentile(times, 100));
        kinds.forEach((k, v) -> System.out.println("failure_kind=" + v + " x " + k));
        examples.forEach(e -> System.out.println("failure_example=" + e));
    }

    /** @return the p-th percentile of sorted nanoseconds, in seconds; NaN when there are none */
    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e9;
    }

    /** @return device i's serial */
    static String serial(int i) {
        return String.format("BRST%05d", i + 1);
    }

    /** @return device i's own address on the loopback network: 127.10.0.1, 127.10.0.2, ... */
    static InetAddress address(int i) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, (byte) (10 + i / 62_500), (byte) (i / 250 % 250 + 1),
                (byte) (i % 250 + 1)});
    }
}
