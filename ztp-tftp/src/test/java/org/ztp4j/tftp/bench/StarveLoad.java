package org.ztp4j.tftp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of an attacker who wants to starve the devices, held until killed: slowloris HTTP
 * connections (a request head trickled one byte every two seconds, never finished), slow readers
 * (a whole GET of a large file, then a few bytes read a second through a 4 KiB receive buffer), and
 * TFTP read requests asking {@code timeout=255} and the largest block size that are never
 * acknowledged. Whatever the server drops is opened again at once, so the load stays at its size.
 * One thread drives it all.
 *
 * <p>Addresses: slowloris from 127.40.0.x, slow readers from 127.41.0.x, TFTP from 127.30.x.y,
 * {@code PER_ADDRESS} connections or sessions from each. Prints a status line every 5 s:
 * {@code held tftp=N slowloris=N slow_readers=N reopened_tcp=N reopened_tftp=N}.
 *
 * <pre>
 * java StarveLoad HTTP_PORT TFTP_PORT FILE SLOWLORIS SLOW_READERS TFTP_SESSIONS HTTP_PER_ADDRESS TFTP_PER_ADDRESS
 * </pre>
 */
public final class StarveLoad {

    private static final InetAddress SERVER = InetAddress.getLoopbackAddress();

    private StarveLoad() {
    }

    /** One TCP connection of the load and what it does next. */
    private static final class Tcp {
        final InetAddress from;
        final boolean reader;
        SocketChannel channel;
        byte[] head;
        int sent;
        long due;

        Tcp(InetAddress from, boolean reader) {
            this.from = from;
            this.reader = reader;
        }
    }

    /** One TFTP request that is never acknowledged. */
    private static final class Held {
        final InetAddress from;
        DatagramChannel channel;

        Held(InetAddress from) {
            this.from = from;
        }
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int tftpPort = Integer.parseInt(args[1]);
        String file = args[2];
        int slowloris = Integer.parseInt(args[3]);
        int readers = Integer.parseInt(args[4]);
        int sessions = Integer.parseInt(args[5]);
        int httpPerAddress = Integer.parseInt(args[6]);
        int tftpPerAddress = Integer.parseInt(args[7]);
        InetSocketAddress http = new InetSocketAddress(SERVER, httpPort);
        InetSocketAddress tftp = new InetSocketAddress(SERVER, tftpPort);
        byte[] get = ("GET /" + file + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: starve\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] rrq = rrq(file);

        List<Tcp> tcp = new ArrayList<>();
        for (int i = 0; i < slowloris; i++) {
            tcp.add(new Tcp(address(40, i / httpPerAddress), false));
        }
        for (int i = 0; i < readers; i++) {
            tcp.add(new Tcp(address(41, i / httpPerAddress), true));
        }
        List<Held> held = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int a = i / tftpPerAddress;
            held.add(new Held(InetAddress.getByAddress(new byte[] {127, 30, (byte) (a / 250 + 1), (byte) (a % 250 + 1)})));
        }
        long reopenedTcp = 0;
        long reopenedTftp = 0;
        ByteBuffer scratch = ByteBuffer.allocate(70_000);
        ByteBuffer few = ByteBuffer.allocate(8);
        Selector selector = Selector.open();
        long nextStatus = System.nanoTime();
        boolean first = true;
        while (true) {
            long now = System.nanoTime();
            for (Tcp t : tcp) {
                try {
                    if (t.channel == null) {
                        open(t, http, get);
                        if (!first) {
                            reopenedTcp++;
                        }
                    }
                    if (now < t.due) {
                        continue; // each connection costs a system call or two when it is due, not every tick
                    }
                    if (!t.reader) {
                        if (t.sent < t.head.length - 2) {
                            t.channel.write(ByteBuffer.wrap(t.head, t.sent, 1));
                            t.sent++;
                        }
                        t.due = now + 2_000_000_000L;
                        scratch.clear();
                        if (t.channel.read(scratch) < 0) {
                            close(t);
                        }
                    } else {
                        few.clear();
                        if (t.channel.read(few) < 0) {
                            close(t);
                        }
                        t.due = now + 1_000_000_000L;
                    }
                } catch (IOException e) {
                    close(t);
                }
            }
            for (Held h : held) {
                if (h.channel == null) {
                    try {
                        h.channel = DatagramChannel.open();
                        h.channel.bind(new InetSocketAddress(h.from, 0));
                        h.channel.configureBlocking(false);
                        h.channel.register(selector, SelectionKey.OP_READ, h);
                        h.channel.send(ByteBuffer.wrap(rrq), tftp);
                        if (!first) {
                            reopenedTftp++;
                        }
                    } catch (IOException e) {
                        if (h.channel != null) {
                            h.channel.close();
                        }
                        h.channel = null;
                    }
                }
            }
            selector.selectNow();
            for (SelectionKey key : selector.selectedKeys()) {
                Held h = (Held) key.attachment();
                try {
                    while (h.channel != null) {
                        scratch.clear();
                        if (h.channel.receive(scratch) == null) {
                            break;
                        }
                        if (scratch.position() >= 2 && (scratch.get(1) & 0xFF) == 5) { // ERROR: given up or refused
                            h.channel.close();
                            h.channel = null;
                            break;
                        }
                    }
                } catch (IOException e) {
                    if (h.channel != null) {
                        h.channel.close();
                    }
                    h.channel = null;
                }
            }
            selector.selectedKeys().clear();
            first = false;
            if (now >= nextStatus) {
                long lorisOpen = tcp.stream().filter(t -> !t.reader && t.channel != null).count();
                long readersOpen = tcp.stream().filter(t -> t.reader && t.channel != null).count();
                long tftpOpen = held.stream().filter(h -> h.channel != null).count();
                System.out.printf("held tftp=%d slowloris=%d slow_readers=%d reopened_tcp=%d reopened_tftp=%d%n", tftpOpen, lorisOpen,
                        readersOpen, reopenedTcp, reopenedTftp);
                nextStatus = now + 5_000_000_000L;
            }
            Thread.sleep(50);
        }
    }

    private static void open(Tcp t, InetSocketAddress http, byte[] get) throws IOException {
        SocketChannel c = SocketChannel.open();
        if (t.reader) {
            c.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        c.bind(new InetSocketAddress(t.from, 0));
        c.connect(http);
        c.configureBlocking(false);
        t.channel = c;
        t.sent = 0;
        t.due = 0;
        t.head = get;
        if (t.reader) {
            c.write(ByteBuffer.wrap(get));
        }
    }

    private static void close(Tcp t) {
        try {
            if (t.channel != null) {
                t.channel.close();
            }
        } catch (IOException e) {
            // already gone
        }
        t.channel = null;
    }

    private static InetAddress address(int second, int index) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, (byte) second, 0, (byte) (index + 1)});
    }

    private static byte[] rrq(String file) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(0);
        b.write(1);
        for (String s : new String[] {file, "octet", "timeout", "255", "blksize", "65464", "tsize", "0"}) {
            b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            b.write(0);
        }
        return b.toByteArray();
    }
}
