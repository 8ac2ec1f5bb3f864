package org.ztp4j.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between TFTP clients and a server that drops, duplicates and reorders a share of the
 * packets, decided by a seeded {@link Random} so a failing run can be repeated. It mirrors the
 * server's transfer IDs: a client sends its request to {@link #address()}, and each new server port
 * gets a relay socket of its own, so the client sees the TID change as it would without the relay.
 */
final class LossyRelay implements AutoCloseable {

    private final InetSocketAddress server;
    private final Random random;
    private final double drop;
    private final double duplicate;
    private final double reorder;
    private final DatagramSocket front;
    private final Map<InetSocketAddress, DatagramSocket> upstreamByClient = new ConcurrentHashMap<>();
    private final Map<String, DatagramSocket> mirrorByTid = new ConcurrentHashMap<>();
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private volatile boolean open = true;

    LossyRelay(InetSocketAddress server, long seed, double drop, double duplicate, double reorder) throws IOException {
        this.server = server;
        this.random = new Random(seed);
        this.drop = drop;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.front = socket();
        listen(front, (p, from) -> forwardUp(from, server, p));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    long dropped() {
        return dropped.get();
    }

    long duplicated() {
        return duplicated.get();
    }

    long reordered() {
        return reordered.get();
    }

    private interface Handler {
        void handle(byte[] packet, InetSocketAddress from) throws IOException;
    }

    private synchronized DatagramSocket socket() throws SocketException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setReceiveBufferSize(4 << 20);
        sockets.add(s);
        return s;
    }

    private synchronized void listen(DatagramSocket s, Handler handler) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            while (open) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    s.receive(p);
                    handler.handle(Arrays.copyOf(p.getData(), p.getLength()), (InetSocketAddress) p.getSocketAddress());
                } catch (IOException e) {
                    if (!open) {
                        return;
                    }
                }
            }
        }, "lossy-relay");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** A packet from a client: out through that client's own upstream socket. */
    private void forwardUp(InetSocketAddress client, InetSocketAddress to, byte[] packet) throws IOException {
        DatagramSocket up = upstreamByClient.get(client);
        if (up == null) {
            DatagramSocket created = socket();
            up = upstreamByClient.putIfAbsent(client, created);
            if (up == null) {
                up = created;
                listen(created, (p, tid) -> forwardDown(client, created, tid, p));
            }
        }
        maybeSend(up, packet, to);
    }

    /** A packet from a server TID: back to the client through the mirror socket of that TID. */
    private void forwardDown(InetSocketAddress client, DatagramSocket up, InetSocketAddress tid, byte[] packet) throws IOException {
        String key = client + ">" + tid;
        DatagramSocket mirror = mirrorByTid.get(key);
        if (mirror == null) {
            DatagramSocket created = socket();
            mirror = mirrorByTid.putIfAbsent(key, created);
            if (mirror == null) {
                mirror = created;
                listen(created, (p, from) -> maybeSend(up, p, tid));
            }
        }
        maybeSend(mirror, packet, client);
    }

    private final Map<DatagramSocket, DatagramPacket> held = new ConcurrentHashMap<>();

    private void maybeSend(DatagramSocket via, byte[] packet, InetSocketAddress to) throws IOException {
        double dice;
        double dice2;
        synchronized (random) {
            dice = random.nextDouble();
            dice2 = random.nextDouble();
        }
        if (dice < drop) {
            dropped.incrementAndGet();
            return;
        }
        DatagramPacket p = new DatagramPacket(packet, packet.length, to);
        DatagramPacket before = held.remove(via);
        if (before == null && dice2 < reorder) {
            // hold this one back: it goes out after the next packet, or after 5 ms
            held.put(via, p);
            reordered.incrementAndGet();
            delayer.schedule(() -> {
                DatagramPacket late = held.remove(via);
                if (late != null) {
                    sendQuietly(via, late);
                }
            }, 5, TimeUnit.MILLISECONDS);
            return;
        }
        sendQuietly(via, p);
        if (dice2 >= reorder && dice2 < reorder + duplicate) {
            duplicated.incrementAndGet();
            sendQuietly(via, p);
        }
        if (before != null) {
            sendQuietly(via, before);
        }
    }

    private static void sendQuietly(DatagramSocket via, DatagramPacket p) {
        try {
            via.send(p);
        } catch (IOException e) {
            // a closed relay drops the packet: the same as loss
        }
    }

    @Override
    public synchronized void close() {
        open = false;
        sockets.forEach(DatagramSocket::close);
        delayer.shutdownNow();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
