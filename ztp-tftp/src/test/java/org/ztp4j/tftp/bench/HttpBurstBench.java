package org.ztp4j.tftp.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A burst of devices booting at once over HTTP, each from an address of its own, each fetching two
 * files as a device's boot script does: {@code HttpBurstBench PORT DEVICES DEADLINE_SECONDS SCRIPT
 * CONFIG_PATTERN [SAVE_DIR]}. Device {@code i} connects from {@code 127.A.B.C} (the addresses of
 * {@link BurstBench}), sends {@code GET /SCRIPT} over HTTP/1.1 with keep-alive, reads the answer
 * (by its {@code Content-Length}), then asks for {@code CONFIG_PATTERN} with {@code %s} replaced by
 * its serial on the same connection, or on a new one when the server said {@code Connection: close}.
 * A refused or reset connection, a connection closed before the whole answer, a status other than
 * 200, or 60 s without a byte (a device's client giving up) is a failure. One thread drives every
 * device with a selector. With SAVE_DIR, every file read is written there. Prints {@code key=value}
 * lines. Not a test.
 */
public final class HttpBurstBench {

    private static final long GIVE_UP_NANOS = 60_000_000_000L;
    private static Path save;
    private static InetSocketAddress server;

    private HttpBurstBench() {
    }

    /** One device: which file it reads, and where it is in the answer. */
    private static final class Device {
        final int index;
        final String[] files;
        SocketChannel channel;
        int file;
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean inBody;
        long length;
        long received;
        boolean closing;
        ByteArrayOutputStream body;
        ByteBuffer request;
        long lastProgress;
        long started;
        long finished = -1;
        int connections;
        String failure;

        Device(int index, String[] files) {
            this.index = index;
            this.files = files;
        }
    }

    /**
     * @param args port, devices, deadline in seconds, script name, config pattern, optional save folder
     * @throws Exception when the selector cannot be opened
     */
    public static void main(String[] args) throws Exception {
        server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        long deadlineNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        String script = args[3];
        String pattern = args[4];
        save = args.length > 5 ? Path.of(args[5]) : null;
        Selector selector = Selector.open();
        Device[] devices = new Device[count];
        for (int i = 0; i < count; i++) {
            devices[i] = new Device(i, new String[] {script, String.format(pattern, BurstBench.serial(i))});
        }
        ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
        long t0 = System.nanoTime();
        int running = count;
        for (Device d : devices) {
            d.started = t0;
            d.lastProgress = t0;
            if (!connect(d, selector, t0)) {
                running--;
            }
        }
        long lastScan = t0;
        while (running > 0 && System.nanoTime() - t0 < deadlineNanos) {
            selector.select(50);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Device d = (Device) key.attachment();
                if (d.finished >= 0 || !key.isValid()) {
                    continue;
                }
                boolean done;
                try {
                    done = step(d, key, in, selector, now);
                } catch (IOException e) {
                    done = fail(d, now, (d.inBody || d.head.size() > 0 ? "connection broken while reading " : "connection refused or reset before the answer to ")
                            + d.files[d.file] + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                }
                if (done) {
                    running--;
                }
            }
            selector.selectedKeys().clear();
            if (now - lastScan > 200_000_000L) {
                lastScan = now;
                for (Device d : devices) {
                    if (d.finished < 0 && now - d.lastProgress > GIVE_UP_NANOS) {
                        fail(d, now, "gave up on " + d.files[d.file] + " after 60 s without a byte");
                        running--;
                    }
                }
            }
        }
        report(devices, System.nanoTime() - t0);
    }

    private static boolean connect(Device d, Selector selector, long now) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            ch.bind(new InetSocketAddress(BurstBench.address(d.index), 0));
            d.channel = ch;
            d.connections++;
            d.head.reset();
            d.inBody = false;
            d.request = request(d);
            if (ch.connect(server)) {
                ch.register(selector, SelectionKey.OP_WRITE, d);
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, d);
            }
            return true;
        } catch (IOException e) {
            fail(d, now, "cannot connect for " + d.files[d.file] + " (" + e.getMessage() + ")");
            return false;
        }
    }

    private static ByteBuffer request(Device d) {
        return ByteBuffer.wrap(("GET /" + d.files[d.file] + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUser-Agent: ztp4j-burst\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** @return true when the device is done (both files read, or failed) */
    private static boolean step(Device d, SelectionKey key, ByteBuffer in, Selector selector, long now) throws IOException {
        SocketChannel ch = d.channel;
        if (key.isConnectable()) {
            ch.finishConnect();
            key.interestOps(SelectionKey.OP_WRITE);
            d.lastProgress = now;
        }
        if (key.isValid() && key.isWritable()) {
            ch.write(d.request);
            if (!d.request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            return false;
        }
        if (!key.isValid() || !key.isReadable()) {
            return false;
        }
        while (true) {
            in.clear();
            int n = ch.read(in);
            if (n == 0) {
                return false;
            }
            if (n < 0) {
                String where = d.inBody ? "after " + d.received + " of " + d.length + " bytes of " : "before the answer to ";
                return fail(d, now, "connection closed " + where + d.files[d.file]);
            }
            d.lastProgress = now;
            in.flip();
            while (in.hasRemaining()) {
                if (!d.inBody) {
                    d.head.write(in.get());
                    int size = d.head.size();
                    if (size >= 4 && d.head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        String failure = onHead(d);
                        if (failure != null) {
                            return fail(d, now, failure);
                        }
                    } else if (size > 65536) {
                        return fail(d, now, "answer head over 64 KiB for " + d.files[d.file]);
                    }
                } else {
                    int take = (int) Math.min(in.remaining(), d.length - d.received);
                    if (d.body != null) {
                        byte[] b = new byte[take];
                        in.get(b);
                        d.body.write(b);
                    } else {
                        in.position(in.position() + take);
                    }
                    d.received += take;
                }
                if (d.inBody && d.received == d.length) {
                    if (in.hasRemaining()) {
                        return fail(d, now, "bytes beyond Content-Length of " + d.files[d.file]);
                    }
                    return fileDone(d, key, selector, now);
                }
            }
        }
    }

    /** @return a failure, or null when the head says 200 with a length */
    private static String onHead(Device d) {
        String text = d.head.toString(StandardCharsets.ISO_8859_1);
        d.inBody = true;
        d.received = 0;
        d.length = -1;
        d.closing = text.startsWith("HTTP/1.0");
        int status = text.length() > 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                d.length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("connection:")) {
                d.closing = lower.contains("close");
            }
        }
        if (status != 200) {
            return "status " + status + " for " + d.files[d.file];
        }
        if (d.length < 0) {
            return "no Content-Length for " + d.files[d.file];
        }
        d.body = save == null ? null : new ByteArrayOutputStream();
        return null;
    }

    private static boolean fileDone(Device d, SelectionKey key, Selector selector, long now) throws IOException {
        if (d.body != null) {
            Path target = save.resolve(d.files[d.file]);
            if (!Files.exists(target)) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    d.body.writeTo(out);
                }
            }
            d.body = null;
        }
        d.file++;
        if (d.file == d.files.length) {
            d.finished = now;
            d.channel.close();
            return true;
        }
        if (d.closing) {
            key.cancel();
            d.channel.close();
            return !connect(d, selector, now);
        }
        d.head.reset();
        d.inBody = false;
        d.request = request(d);
        key.interestOps(SelectionKey.OP_WRITE);
        return false;
    }

    private static boolean fail(Device d, long now, String why) {
        if (d.finished < 0) {
            d.failure = why;
            d.finished = now;
        }
        try {
            if (d.channel != null) {
                d.channel.close();
            }
        } catch (IOException ignored) {
            // closing a failed connection
        }
        return true;
    }

    private static void report(Device[] devices, long wallNanos) {
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long[] times = new long[devices.length];
        int done = 0;
        int failures = 0;
        int connections = 0;
        for (Device d : devices) {
            connections += d.connections;
            if (d.finished < 0) {
                d.failure = "still reading " + d.files[d.file] + " at the deadline";
            }
            if (d.failure != null) {
                failures++;
                kinds.merge(d.failure.replaceAll("BRST\\d+", "BRSTn").replaceAll("\\d+ of \\d+ bytes", "N of M bytes")
                        .replaceAll(" \\(.*\\)$", ""), 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add(BurstBench.serial(d.index) + ": " + d.failure);
                }
            } else {
                times[done++] = d.finished - d.started;
            }
        }
        System.out.println("connections=" + connections);
        BurstBench.printSummary(devices.length, failures, Arrays.copyOf(times, done), wallNanos, kinds, examples);
    }
}
